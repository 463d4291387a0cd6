import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { timestampColumn, uuidColumn } from './columns';
import type { Study } from './study.entity';

export const EXPERIMENT_STATUSES = ['draft', 'running', 'stopped'] as const;
export type ExperimentStatus = (typeof EXPERIMENT_STATUSES)[number];

/** An A/B test between recommendation strategies inside a study. */
@Entity('experiment')
export class Experiment {
  @PrimaryColumn(uuidColumn)
  id!: string;

  @Index('IDX_experiment_study')
  @Column(uuidColumn)
  studyId!: string;

  @ManyToOne('Study', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'studyId', foreignKeyConstraintName: 'FK_experiment_study' })
  study?: Study;

  @Column({ type: 'varchar', length: 255 })
  name!: string;

  /** Mixed into the assignment hash so two experiments never assign alike. */
  @Column({ type: 'varchar', length: 64 })
  salt!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: ExperimentStatus;

  @Column(timestampColumn)
  createdAt!: Date;
}
