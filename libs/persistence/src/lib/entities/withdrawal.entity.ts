import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { timestampColumn, uuidColumn } from './columns';

/**
 * What remains of a participant who withdrew: the fact, not the data. Deliberately no
 * foreign keys, so it survives the deletion of everything it refers to.
 */
@Entity('withdrawal')
export class Withdrawal {
  @PrimaryColumn(uuidColumn)
  id!: string;

  @Index('IDX_withdrawal_study')
  @Column(uuidColumn)
  studyId!: string;

  @Column(uuidColumn)
  participantId!: string;

  @Column({ type: 'varchar', length: 64 })
  participantCode!: string;

  @Column(timestampColumn)
  withdrawnAt!: Date;
}
