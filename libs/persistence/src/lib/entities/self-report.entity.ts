import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { timestampColumn, uuidColumn } from './columns';
import type { Session } from './session.entity';

/** A SAM (Self-Assessment Manikin) rating, 1-9 per dimension, before or after a session. */
@Entity('self_report')
export class SelfReport {
  @PrimaryColumn(uuidColumn)
  id!: string;

  @Index('IDX_self_report_client_event', { unique: true })
  @Column(uuidColumn)
  clientEventId!: string;

  @Column(uuidColumn)
  sessionId!: string;

  @ManyToOne('Session', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'sessionId', foreignKeyConstraintName: 'FK_self_report_session' })
  session?: Session;

  @Column({ type: 'varchar', length: 8 })
  phase!: 'before' | 'after';

  @Column({ type: 'integer' })
  valence!: number;

  @Column({ type: 'integer' })
  arousal!: number;

  @Column({ type: 'integer' })
  dominance!: number;

  @Column(timestampColumn)
  createdAt!: Date;
}
