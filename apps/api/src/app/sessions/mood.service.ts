import { Injectable } from '@nestjs/common';
import { observeEstimate } from '@attune/fusion';
import type { AffectEstimate } from '@attune/protocol';
import { LiveEventsService } from '../socket/live-events.service';
import { LIVE_FUSION } from './fusion-settings';
import { LiveSession, moodOf } from './live-session';
import { RecommendationService } from './recommendation.service';
import { SessionService } from './session.service';

/**
 * Every per-modality estimate goes through here: it updates the session's fused state,
 * is stored (downsampled) with the fused estimate, announced, and starts the music once
 * the session has a mood.
 */
@Injectable()
export class MoodService {
  constructor(
    private readonly sessions: SessionService,
    private readonly recommendations: RecommendationService,
    private readonly events: LiveEventsService,
  ) {}

  async observe(live: LiveSession, estimate: AffectEstimate): Promise<void> {
    live.fused = observeEstimate(live.fused, estimate, LIVE_FUSION);
    const fused = live.fused.smoothed;
    if (fused) live.mood = moodOf(fused);
    await this.sessions.record(live, estimate);
    if (fused) await this.sessions.record(live, fused);
    this.events.mood({
      sessionId: live.id,
      at: estimate.timestamp,
      estimate,
      fused,
      contributions: live.fused.contributions.map((c) => ({
        modality: c.modality,
        modelId: c.modelId,
        weight: c.weight,
      })),
    });
    if (live.mood && !live.current) await this.recommendations.next(live, 'start');
  }
}
