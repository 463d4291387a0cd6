import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { FeedbackKind } from '@attune/protocol';
import { timestampColumn, uuidColumn } from './columns';
import type { Recommendation } from './recommendation.entity';
import type { Session } from './session.entity';

/** Participant feedback plus 'complete', which the server records when a track played to its end. */
export type StoredFeedbackKind = FeedbackKind | 'complete';

/** A participant's reaction to one exposure; `clientEventId` makes retries idempotent. */
@Entity('feedback')
export class Feedback {
  @PrimaryColumn(uuidColumn)
  id!: string;

  @Index('IDX_feedback_client_event', { unique: true })
  @Column(uuidColumn)
  clientEventId!: string;

  @Column(uuidColumn)
  sessionId!: string;

  @ManyToOne('Session', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'sessionId', foreignKeyConstraintName: 'FK_feedback_session' })
  session?: Session;

  @Column(uuidColumn)
  recommendationId!: string;

  @ManyToOne('Recommendation', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'recommendationId', foreignKeyConstraintName: 'FK_feedback_recommendation' })
  recommendation?: Recommendation;

  @Column({ type: 'varchar', length: 16 })
  kind!: StoredFeedbackKind;

  /** The rating (1-5) for kind 'rating'; null otherwise. */
  @Column({ type: 'double', nullable: true })
  value!: number | null;

  /** Seconds heard before a skip, when the client reported it. */
  @Column({ type: 'double', nullable: true })
  listenedSec!: number | null;

  @Column(timestampColumn)
  createdAt!: Date;
}
