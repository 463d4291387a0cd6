import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, QueryFailedError, Repository } from 'typeorm';
import { Feedback, StoredFeedbackKind } from '@attune/persistence';
import { Ack, ackError, ackOk, FeedbackPayload, FeedbackStored } from '@attune/protocol';
import { feedbackOf, withFeedback } from '@attune/recommender';
import { CatalogService } from '../catalog/catalog.service';
import { isConnectionError } from '../durability/db-errors';
import { DurableEventsService } from '../durability/durable-events.service';
import { LiveEventsService } from '../socket/live-events.service';
import { LiveSession } from './live-session';
import { RecommendationService } from './recommendation.service';

/** Recommendation ids a session's feedback may name while the database is away (checked earlier). */
const KNOWN_PER_SESSION = 200;

/**
 * Stores a participant's feedback before acknowledging it. The client-generated event id
 * makes a retry harmless: the second delivery is answered with the first row. When the
 * database is unreachable, feedback on an exposure this session is known to have had goes to
 * the durable buffer and is acknowledged as `buffered`; anything else waits for the client's
 * retry (UNAVAILABLE). Researchers watching the session hear of every row stored or buffered,
 * never of a retry.
 */
@Injectable()
export class FeedbackService {
  private readonly logger = new Logger(FeedbackService.name);
  private readonly feedback: Repository<Feedback>;
  private readonly knownRecommendations = new WeakMap<LiveSession, Set<string>>();

  constructor(
    db: DataSource,
    private readonly recommendations: RecommendationService,
    private readonly catalog: CatalogService,
    private readonly durable: DurableEventsService,
    private readonly events: LiveEventsService,
  ) {
    this.feedback = db.getRepository(Feedback);
  }

  async store(live: LiveSession, payload: FeedbackPayload): Promise<Ack<FeedbackStored>> {
    const buffered = this.durable.pendingRow('feedback', payload.clientEventId);
    if (buffered) return this.answerRetry(live, buffered as unknown as Feedback, payload, true);
    try {
      return await this.storeNow(live, payload);
    } catch (err) {
      if (!isConnectionError(err)) throw err;
      return this.keepForLater(live, payload);
    }
  }

  private async storeNow(live: LiveSession, payload: FeedbackPayload): Promise<Ack<FeedbackStored>> {
    const existing = await this.feedback.findOneBy({ clientEventId: payload.clientEventId });
    if (existing) return this.answerRetry(live, existing, payload, false);
    const rec = await this.recommendations.findInSession(live, payload.recommendationId);
    if (!rec) return ackError('NOT_FOUND', `recommendation ${payload.recommendationId} is not part of this session`);
    this.remember(live, rec.id);
    const row = this.rowOf(live, payload);
    try {
      await this.feedback.insert(row);
    } catch (err) {
      if (isConnectionError(err)) throw err;
      // A concurrent retry with the same id won the insert: answer like a retry.
      const winner =
        err instanceof QueryFailedError && (await this.feedback.findOneBy({ clientEventId: payload.clientEventId }));
      if (winner) return this.answerRetry(live, winner, payload, false);
      throw err;
    }
    this.announce(row);
    await this.afterStored(live, rec.trackId, payload, true);
    return ackOk({ feedbackId: row.id, kind: row.kind, duplicate: false });
  }

  /** The database is unreachable: keep the row in the durable buffer if it can be checked without it. */
  private async keepForLater(live: LiveSession, payload: FeedbackPayload): Promise<Ack<FeedbackStored>> {
    const trackId =
      live.current?.recommendationId === payload.recommendationId
        ? live.current.track.id
        : this.knownRecommendations.get(live)?.has(payload.recommendationId)
          ? null
          : undefined;
    if (trackId === undefined)
      return ackError('UNAVAILABLE', 'the database is unavailable and this exposure cannot be checked; retry later');
    const row = this.rowOf(live, payload);
    const kept = await this.durable.keep('feedback', payload.clientEventId, {
      ...row,
      createdAt: row.createdAt.toISOString(),
    });
    if (kept === 'full')
      return ackError('UNAVAILABLE', 'the database is unavailable and the buffer is full; retry later');
    if (kept === 'duplicate') {
      const first = this.durable.pendingRow('feedback', payload.clientEventId) as unknown as Feedback;
      return this.answerRetry(live, first, payload, true);
    }
    // Buffered rows are durable: they will be written, so the timeline may show them now.
    this.announce(row);
    if (trackId) await this.afterStored(live, trackId, payload, false);
    return ackOk({ feedbackId: row.id, kind: row.kind, duplicate: false, buffered: true });
  }

  private rowOf(live: LiveSession, payload: FeedbackPayload) {
    return {
      id: randomUUID(),
      clientEventId: payload.clientEventId,
      sessionId: live.id,
      recommendationId: payload.recommendationId,
      kind: payload.kind,
      value: payload.value ?? null,
      listenedSec: payload.listenedSec ?? null,
      createdAt: new Date(),
    };
  }

  /** Learning from the outcome, and the next track after a skip (which needs the database). */
  private async afterStored(live: LiveSession, trackId: string, p: FeedbackPayload, dbUp: boolean): Promise<void> {
    this.learn(live, trackId, p.kind, p.value ?? null, p.listenedSec ?? null);
    if (!dbUp || p.kind !== 'skip' || live.current?.recommendationId !== p.recommendationId) return;
    try {
      await this.recommendations.next(live, 'skip');
    } catch (err) {
      // The feedback is stored; a missing next track must not turn its ack into an error.
      this.logger.warn(`no next track after a skip in session ${live.id}: ${(err as Error).message}`);
    }
  }

  private remember(live: LiveSession, recommendationId: string): void {
    let known = this.knownRecommendations.get(live);
    if (!known) this.knownRecommendations.set(live, (known = new Set()));
    known.add(recommendationId);
    if (known.size > KNOWN_PER_SESSION) known.delete(known.values().next().value as string);
  }

  private answerRetry(
    live: LiveSession,
    existing: Pick<Feedback, 'id' | 'sessionId' | 'recommendationId' | 'kind'>,
    payload: FeedbackPayload,
    buffered: boolean,
  ): Ack<FeedbackStored> {
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
    return ackOk({ feedbackId: existing.id, kind: payload.kind, duplicate: true, ...(buffered && { buffered }) });
  }

  /** A track played to its end: stored as a 'complete' exposure outcome (listen-through 1). */
  async recordCompletion(live: LiveSession, recommendationId: string, trackId: string): Promise<void> {
    const row = {
      id: randomUUID(),
      clientEventId: randomUUID(),
      sessionId: live.id,
      recommendationId,
      kind: 'complete' as const,
      value: null,
      listenedSec: null,
      createdAt: new Date(),
    };
    try {
      await this.feedback.insert(row);
    } catch (err) {
      if (!isConnectionError(err)) throw err;
      const kept = await this.durable.keep('feedback', row.clientEventId, {
        ...row,
        createdAt: row.createdAt.toISOString(),
      });
      if (kept === 'full') throw err;
    }
    this.announce(row);
    this.learn(live, trackId, 'complete', null, null);
  }

  /** Tells the researchers watching the session: a feedback row is stored (or buffered). */
  private announce(row: {
    sessionId: string;
    recommendationId: string;
    kind: StoredFeedbackKind;
    value: number | null;
    createdAt: Date;
  }): void {
    this.events.feedback({
      sessionId: row.sessionId,
      recommendationId: row.recommendationId,
      kind: row.kind,
      ...(row.value !== null && { value: row.value }),
      at: row.createdAt.getTime(),
    });
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
