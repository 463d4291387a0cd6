import { Injectable } from '@nestjs/common';
import { observeEstimate } from '@attune/fusion';
import { stepMoodTrigger } from '@attune/recommender';
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
    if (!live.mood) return;
    if (!live.current) {
      await this.recommendations.next(live, 'start');
      return;
    }
    // A sustained change (hysteresis + dwell time, no flapping) starts a new track and a new iso plan.
    const step = stepMoodTrigger(live.moodTrigger, {
      valence: live.mood.valence,
      arousal: live.mood.arousal,
      at: estimate.timestamp,
    });
    live.moodTrigger = step.state;
    if (step.fire) {
      live.planStartedAt = estimate.timestamp;
      await this.recommendations.next(live, 'mood-change');
    }
  }
}
