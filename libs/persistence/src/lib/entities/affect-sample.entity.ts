import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Emotion, EmotionDistribution, Modality } from '@attune/protocol';
import { realColumn, timestampColumn, uuidColumn } from './columns';
import type { Session } from './session.entity';

/**
 * One stored estimate of one modality (or the fused state). The live stream is
 * downsampled before it gets here; raw frames are never stored in this table.
 */
@Entity('affect_sample')
@Index('IDX_affect_sample_session_at', ['sessionId', 'at'])
export class AffectSample {
  @PrimaryGeneratedColumn('increment')
  id!: number;

  @Column(uuidColumn)
  sessionId!: string;

  @ManyToOne('Session', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'sessionId', foreignKeyConstraintName: 'FK_affect_sample_session' })
  session?: Session;

  @Column({ type: 'varchar', length: 8 })
  modality!: Modality;

  @Column(timestampColumn)
  at!: Date;

  @Column({ type: 'varchar', length: 16 })
  label!: Emotion;

  @Column(realColumn)
  confidence!: number;

  @Column(realColumn)
  valence!: number;

  @Column(realColumn)
  arousal!: number;

  @Column({ type: 'simple-json' })
  distribution!: EmotionDistribution;

  @Column({ type: 'varchar', length: 64 })
  modelId!: string;
}
