import { Column, Entity, Index, OneToMany, PrimaryColumn } from 'typeorm';
import { timestampColumn, uuidColumn } from './columns';
import type { Session } from './session.entity';

/** A pseudonymous study participant: only a code, never a name. */
@Entity('participant')
export class Participant {
  @PrimaryColumn(uuidColumn)
  id!: string;

  @Index('IDX_participant_code', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  code!: string;

  @Column(timestampColumn)
  createdAt!: Date;

  @OneToMany('Session', (s: Session) => s.participant)
  sessions?: Session[];
}
