import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { timestampColumn, uuidColumn } from './columns';
import type { Participant } from './participant.entity';

/** One continuous listening session of a participant. */
@Entity('session')
export class Session {
  @PrimaryColumn(uuidColumn)
  id!: string;

  @Index('IDX_session_participant')
  @Column(uuidColumn)
  participantId!: string;

  @ManyToOne('Participant', (p: Participant) => p.sessions, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'participantId', foreignKeyConstraintName: 'FK_session_participant' })
  participant?: Participant;

  /** The recommendation strategy this session runs. */
  @Column({ type: 'varchar', length: 64 })
  strategy!: string;

  /** The experiment arm that chose this session's strategy, if any. */
  @Column({ ...uuidColumn, nullable: true })
  armId!: string | null;

  @Column(timestampColumn)
  startedAt!: Date;

  @Column({ ...timestampColumn, nullable: true })
  endedAt!: Date | null;

  /** SHA-256 (hex) of the secret half of the participant's resume token; null for older sessions. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  resumeTokenHash!: string | null;
}
