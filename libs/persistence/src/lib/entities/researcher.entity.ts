import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { timestampColumn, uuidColumn } from './columns';

export const RESEARCHER_ROLES = ['admin', 'researcher'] as const;
export type ResearcherRole = (typeof RESEARCHER_ROLES)[number];

/** A person who runs studies; admins see every study, researchers their own. */
@Entity('researcher')
export class Researcher {
  @PrimaryColumn(uuidColumn)
  id!: string;

  @Index('IDX_researcher_email', { unique: true })
  @Column({ type: 'varchar', length: 255 })
  email!: string;

  /** bcrypt hash; the password itself is never stored. */
  @Column({ type: 'varchar', length: 100 })
  passwordHash!: string;

  @Column({ type: 'varchar', length: 16 })
  role!: ResearcherRole;

  @Column(timestampColumn)
  createdAt!: Date;
}
