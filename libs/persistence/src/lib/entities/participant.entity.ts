import { Column, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryColumn } from 'typeorm';
import { timestampColumn, uuidColumn } from './columns';
import type { Session } from './session.entity';
import type { Study } from './study.entity';

/** A pseudonymous study participant: only a code, never a name. */
@Entity('participant')
export class Participant {
  @PrimaryColumn(uuidColumn)
  id!: string;

  @Index('IDX_participant_code', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  code!: string;

  /** The study the participant joined; null for open demo sessions. */
  @Index('IDX_participant_study')
  @Column({ ...uuidColumn, nullable: true })
  studyId!: string | null;

  @ManyToOne('Study', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'studyId', foreignKeyConstraintName: 'FK_participant_study' })
  study?: Study;

  @Column(timestampColumn)
  createdAt!: Date;

  @OneToMany('Session', (s: Session) => s.participant)
  sessions?: Session[];
}
