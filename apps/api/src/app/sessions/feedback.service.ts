import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, QueryFailedError, Repository } from 'typeorm';
import { Feedback, StoredFeedbackKind } from '@attune/persistence';
import { Ack, ackError, ackOk, FeedbackPayload, FeedbackStored } from '@attune/protocol';
import { feedbackOf, withFeedback } from '@attune/recommender';
import { CatalogService } from '../catalog/catalog.service';
import { LiveSession } from './live-session';
import { RecommendationService } from './recommendation.service';

/**
 * Stores a participant's feedback before acknowledging it. The client-generated event id
 * makes a retry harmless: the second delivery is answered with the first row.
 */
@Injectable()
export class FeedbackService {
  private readonly feedback: Repository<Feedback>;

  constructor(
    db: DataSource,
    private readonly recommendations: RecommendationService,
    private readonly catalog: CatalogService,
  ) {
    this.feedback = db.getRepository(Feedback);
  }

  async store(live: LiveSession, payload: FeedbackPayload): Promise<Ack<FeedbackStored>> {
    const existing = await this.feedback.findOneBy({
      clientEventId: payload.clientEventId,
    });
    if (existing) return this.answerRetry(live, existing, payload);
    const rec = await this.recommendations.findInSession(live, payload.recommendationId);
    if (!rec) return ackError('NOT_FOUND', `recommendation ${payload.recommendationId} is not part of this session`);
    const row = {
      id: randomUUID(),
      clientEventId: payload.clientEventId,
      sessionId: live.id,
      recommendationId: rec.id,
      kind: payload.kind,
      value: payload.value ?? null,
      listenedSec: payload.listenedSec ?? null,
      createdAt: new Date(),
    };
    try {
      await this.feedback.insert(row);
    } catch (err) {
      // A concurrent retry with the same id won the insert: answer like a retry.
      const winner =
        err instanceof QueryFailedError &&
        (await this.feedback.findOneBy({
          clientEventId: payload.clientEventId,
        }));
      if (winner) return this.answerRetry(live, winner, payload);
      throw err;
    }
    this.learn(live, rec.trackId, payload.kind, payload.value ?? null, payload.listenedSec ?? null);
    if (payload.kind === 'skip' && live.current?.recommendationId === rec.id)
      await this.recommendations.next(live, 'skip');
    return ackOk({ feedbackId: row.id, kind: row.kind, duplicate: false });
  }

  private answerRetry(live: LiveSession, existing: Feedback, payload: FeedbackPayload): Ack<FeedbackStored> {
    if (
      existing.sessionId !== live.id ||
      existing.recommendationId !== payload.recommendationId ||
      existing.kind !== payload.kind
    ) {
      return ackError(
        'INVALID_PAYLOAD',
        `clientEventId ${payload.clientEventId} was already used for a different event`,
      );
    }
    return ackOk({ feedbackId: existing.id, kind: payload.kind, duplicate: true });
  }

  /** A track played to its end: stored as a 'complete' exposure outcome (listen-through 1). */
  async recordCompletion(live: LiveSession, recommendationId: string, trackId: string): Promise<void> {
    await this.feedback.insert({
      id: randomUUID(),
      clientEventId: randomUUID(),
      sessionId: live.id,
      recommendationId,
      kind: 'complete',
      value: null,
      listenedSec: null,
      createdAt: new Date(),
    });
    this.learn(live, trackId, 'complete', null, null);
  }

  /** Feeds the outcome into the session history that learning strategies (the bandit) read. */
  private learn(
    live: LiveSession,
    trackId: string,
    kind: StoredFeedbackKind,
    value: number | null,
    listenedSec: number | null,
  ): void {
    const durationSec = this.catalog.get(trackId)?.durationSec ?? null;
    live.history = withFeedback(live.history, trackId, feedbackOf(kind, { value, listenedSec, durationSec }));
  }
}
