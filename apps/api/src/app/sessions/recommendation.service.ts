import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, Repository, IsNull } from 'typeorm';
import { Recommendation } from '@attune/persistence';
import type { RecommendationEvent, RecommendationTrigger } from '@attune/protocol';
import { emotionFolderRandom, getStrategy, moodTriggerReset, MoodState } from '@attune/recommender';
import { CatalogService } from '../catalog/catalog.service';
import { LiveEventsService } from '../socket/live-events.service';
import { HISTORY_LIMIT, LiveSession } from './live-session';

/** Used until the first face is seen, when a track is still wanted (skip, track end). */
const UNKNOWN_MOOD: MoodState = {
  label: 'neutral',
  confidence: 0,
  valence: 0,
  arousal: 0,
};

/** Picks the next track with the session's strategy, logs the exposure, then announces it. */
@Injectable()
export class RecommendationService {
  private readonly logger = new Logger(RecommendationService.name);

  private readonly recommendations: Repository<Recommendation>;

  constructor(
    db: DataSource,
    private readonly catalog: CatalogService,
    private readonly events: LiveEventsService,
  ) {
    this.recommendations = db.getRepository(Recommendation);
  }

  async next(live: LiveSession, trigger: RecommendationTrigger): Promise<RecommendationEvent | null> {
    const mood = live.mood ?? UNKNOWN_MOOD;
    const strategy = getStrategy(live.strategy);
    const now = Date.now();
    // The participant's local hour is not known yet; UTC stands in for the bandit's time-of-day context.
    const hour = new Date(now).getUTCHours();
    const context = { rng: Math.random, now, hour, planStartedAt: live.planStartedAt };
    let pick = strategy.recommend(mood, live.history, this.catalog.all(), live.prefs, context);
    if (!pick && strategy.id !== emotionFolderRandom.id) {
      // E.g. genre rules over a catalog without genre tags: the participant still gets music,
      // and the explanation says why this strategy could not choose.
      const fallback = emotionFolderRandom.recommend(mood, live.history, this.catalog.all(), live.prefs, context);
      if (fallback) {
        pick = {
          ...fallback,
          explanation: `${strategy.id} found no playable track; fallback: ${fallback.explanation}`,
        };
      }
    }
    const track = pick && this.catalog.get(pick.trackId);
    if (!pick || !track) {
      this.logger.warn(
        `session ${live.id}: strategy ${strategy.id} found no track (catalog size ${this.catalog.all().length})`,
      );
      return null;
    }
    const row = await this.recommendations.save({
      id: randomUUID(),
      sessionId: live.id,
      trackId: track.id,
      strategy: strategy.id,
      armId: live.armId,
      trigger,
      explanation: pick.explanation,
      moodLabel: mood.label,
      moodConfidence: mood.confidence,
      moodValence: mood.valence,
      moodArousal: mood.arousal,
      shownAt: new Date(),
    });
    live.history = [
      ...live.history,
      { trackId: track.id, at: row.shownAt.getTime(), mood: { valence: mood.valence, arousal: mood.arousal }, hour },
    ].slice(-HISTORY_LIMIT);
    live.moodTrigger = moodTriggerReset(live.moodTrigger, { valence: mood.valence, arousal: mood.arousal, at: now });
    const event: RecommendationEvent = {
      sessionId: live.id,
      recommendationId: row.id,
      track: this.catalog.toDto(track),
      strategy: strategy.id,
      explanation: pick.explanation,
      trigger,
      at: row.shownAt.getTime(),
    };
    live.current = event;
    this.events.recommendation(event);
    return event;
  }

  /** Records when playback began; false when the recommendation is not this session's. */
  async markPlayed(live: LiveSession, recommendationId: string): Promise<boolean> {
    const rec = await this.findInSession(live, recommendationId);
    if (!rec) return false;
    if (!rec.playedAt) await this.recommendations.update({ id: rec.id, playedAt: IsNull() }, { playedAt: new Date() });
    return true;
  }

  /** The stored exposure if it belongs to this session; a participant never reaches another's. */
  findInSession(live: LiveSession, recommendationId: string): Promise<Recommendation | null> {
    return this.recommendations.findOneBy({
      id: recommendationId,
      sessionId: live.id,
    });
  }
}
