import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { timestampColumn } from './columns';

/** Who did what to which record, for actions a study must be able to account for. */
@Entity('audit_entry')
@Index('IDX_audit_entry_target', ['targetType', 'targetId'])
export class AuditEntry {
  @PrimaryGeneratedColumn('increment')
  id!: number;

  @Column({ type: 'varchar', length: 16 })
  actorType!: 'researcher' | 'participant' | 'system';

  @Column({ type: 'varchar', length: 64 })
  actorId!: string;

  @Column({ type: 'varchar', length: 64 })
  action!: string;

  @Column({ type: 'varchar', length: 32 })
  targetType!: string;

  @Column({ type: 'varchar', length: 64 })
  targetId!: string;

  @Column({ type: 'simple-json' })
  details!: Record<string, unknown>;

  @Column(timestampColumn)
  at!: Date;
}
