import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { realColumn, uuidColumn } from './columns';
import type { Experiment } from './experiment.entity';

/** One arm: a strategy with its parameters and its share of participants. */
@Entity('experiment_arm')
@Index('IDX_experiment_arm_key', ['experimentId', 'key'], { unique: true })
export class ExperimentArm {
  @PrimaryColumn(uuidColumn)
  id!: string;

  @Column(uuidColumn)
  experimentId!: string;

  @ManyToOne('Experiment', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'experimentId', foreignKeyConstraintName: 'FK_experiment_arm_experiment' })
  experiment?: Experiment;

  @Column({ type: 'varchar', length: 64 })
  key!: string;

  @Column({ type: 'varchar', length: 64 })
  strategy!: string;

  @Column({ type: 'simple-json' })
  params!: Record<string, unknown>;

  @Column(realColumn)
  weight!: number;
}
