import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { timestampColumn, uuidColumn } from './columns';
import type { ExperimentArm } from './experiment-arm.entity';
import type { Participant } from './participant.entity';

/** The arm a participant was (stickily) assigned to; recorded once per experiment. */
@Entity('assignment')
@Index('IDX_assignment_experiment_participant', ['experimentId', 'participantId'], { unique: true })
export class Assignment {
  @PrimaryGeneratedColumn('increment')
  id!: number;

  @Column(uuidColumn)
  experimentId!: string;

  @Column(uuidColumn)
  participantId!: string;

  @ManyToOne('Participant', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'participantId', foreignKeyConstraintName: 'FK_assignment_participant' })
  participant?: Participant;

  @Column(uuidColumn)
  armId!: string;

  @ManyToOne('ExperimentArm', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'armId', foreignKeyConstraintName: 'FK_assignment_arm' })
  arm?: ExperimentArm;

  @Column(timestampColumn)
  assignedAt!: Date;
}
