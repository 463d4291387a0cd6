import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Emotion } from '@attune/protocol';
import { realColumn, timestampColumn, uuidColumn } from './columns';
import type { Session } from './session.entity';
import type { Track } from './track.entity';

/** An exposure: which track was put in front of the participant, by which strategy, why. */
@Entity('recommendation')
@Index('IDX_recommendation_session_shown', ['sessionId', 'shownAt'])
export class Recommendation {
  @PrimaryColumn(uuidColumn)
  id!: string;

  @Column(uuidColumn)
  sessionId!: string;

  @ManyToOne('Session', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'sessionId', foreignKeyConstraintName: 'FK_recommendation_session' })
  session?: Session;

  @Column({ type: 'varchar', length: 32 })
  trackId!: string;

  @ManyToOne('Track', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'trackId', foreignKeyConstraintName: 'FK_recommendation_track' })
  track?: Track;

  @Column({ type: 'varchar', length: 64 })
  strategy!: string;

  /** What asked for a new track: session start, skip, track end. */
  @Column({ type: 'varchar', length: 16 })
  trigger!: string;

  @Column({ type: 'text' })
  explanation!: string;

  /** The mood the strategy saw when it chose. */
  @Column({ type: 'varchar', length: 16 })
  moodLabel!: Emotion;

  @Column(realColumn)
  moodConfidence!: number;

  @Column(realColumn)
  moodValence!: number;

  @Column(realColumn)
  moodArousal!: number;

  /** The experiment arm behind the strategy, for exposure analysis. */
  @Column({ ...uuidColumn, nullable: true })
  armId!: string | null;

  /** When the recommendation was sent to the participant's player. */
  @Column(timestampColumn)
  shownAt!: Date;

  /** When playback actually started in the participant's browser (the exposure); null if it never did. */
  @Column({ ...timestampColumn, nullable: true })
  playedAt!: Date | null;
}
