import { Injectable } from '@nestjs/common';
import { observeEstimate } from '@attune/fusion';
import { stepMoodTrigger } from '@attune/recommender';
import { EMOTIONS, topEmotion, valenceArousalOf, type AffectEstimate, type Emotion } from '@attune/protocol';
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
    await this.sessions.record(live, estimate);
    if (fused) await this.sessions.record(live, fused);
    // The models keep listening under an override (the timeline shows both), but the participant's word rules.
    if (live.override) {
      this.announce(live, estimate, estimate.timestamp);
      return;
    }
    if (fused) live.mood = moodOf(fused);
    this.announce(live, estimate, estimate.timestamp);
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

  /**
   * "This is how I feel": the participant's choice replaces the fused mood until cleared (null),
   * is stored as a fused sample from the model `participant-override`, and brings a track for it.
   */
  async override(live: LiveSession, emotion: Emotion | null): Promise<AffectEstimate | null> {
    const now = Date.now();
    if (!emotion) {
      live.override = null;
      const fused = live.fused.smoothed;
      live.mood = fused ? moodOf(fused) : null;
      if (fused) this.announce(live, fused, now);
      return null;
    }
    const estimate = overrideEstimate(emotion, now);
    live.override = estimate;
    live.mood = moodOf(estimate);
    // Always stored, however recently a fused sample was: it is the participant's own statement.
    delete live.lastStoredAt.fused;
    await this.sessions.record(live, estimate);
    this.announce(live, estimate, now);
    live.planStartedAt = now;
    await this.recommendations.next(live, 'mood-override');
    return estimate;
  }

  private announce(live: LiveSession, estimate: AffectEstimate, at: number): void {
    const overridden = !!live.override;
    this.events.mood({
      sessionId: live.id,
      at,
      estimate,
      fused: live.override ?? live.fused.smoothed,
      contributions: overridden
        ? []
        : live.fused.contributions.map((c) => ({ modality: c.modality, modelId: c.modelId, weight: c.weight })),
      ...(overridden ? { overridden } : {}),
    });
  }
}

export const OVERRIDE_MODEL_ID = 'participant-override';

function overrideEstimate(emotion: Emotion, at: number): AffectEstimate {
  const distribution = Object.fromEntries(
    EMOTIONS.map((e) => [e, e === emotion ? 1 : 0]),
  ) as AffectEstimate['distribution'];
  return {
    modality: 'fused',
    distribution,
    ...topEmotion(distribution),
    ...valenceArousalOf(distribution),
    modelId: OVERRIDE_MODEL_ID,
    timestamp: at,
  };
}
