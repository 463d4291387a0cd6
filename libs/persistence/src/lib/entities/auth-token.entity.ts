import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { timestampColumn, uuidColumn } from './columns';
import type { Researcher } from './researcher.entity';

/** A researcher's login; only the SHA-256 of the bearer token is stored. */
@Entity('auth_token')
export class AuthToken {
  @PrimaryColumn(uuidColumn)
  id!: string;

  @Index('IDX_auth_token_hash', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  tokenHash!: string;

  @Column(uuidColumn)
  researcherId!: string;

  @ManyToOne('Researcher', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'researcherId', foreignKeyConstraintName: 'FK_auth_token_researcher' })
  researcher?: Researcher;

  @Column(timestampColumn)
  expiresAt!: Date;

  @Column(timestampColumn)
  createdAt!: Date;
}
