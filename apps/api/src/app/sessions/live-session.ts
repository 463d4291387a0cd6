import type { AffectEstimate, FaceMode, Modality, RecommendationEvent } from '@attune/protocol';
import type { ConsentChoices } from '@attune/persistence';
import type { FusedState } from '@attune/fusion';
import type { HistoryEntry, MoodState, MoodTriggerState, Preferences } from '@attune/recommender';
import type { VoiceSpeaker } from '../affect/voice-analysis.service';
import type { TokenBucket } from './rate-limit';

/** What the server holds in memory for a session while its participant is connected. */
export interface LiveSession {
  id: string;
  participantId: string;
  participantCode: string;
  studyId: string | null;
  /** Consented modalities; null in an open demo session. */
  consent: ConsentChoices | null;
  /** The experiment arm that set `strategy`, if any. */
  armId: string | null;
  startedAt: Date;
  strategy: string;
  mood: MoodState | null;
  /** The exposure playing now. */
  current: RecommendationEvent | null;
  /** Recent exposures, newest last, for strategies that avoid repeats. */
  history: HistoryEntry[];
  /** When a sample of each modality was last persisted (downsampling). */
  lastStoredAt: Partial<Record<Modality, number>>;
  lastEstimate: AffectEstimate | null;
  /** Late fusion of every modality over time; `smoothed` is the mood. */
  fused: FusedState;
  /** The participant's music preferences for this session. */
  prefs: Preferences;
  /** Hysteresis state of the sustained-mood-change trigger. */
  moodTrigger: MoodTriggerState;
  /** When the current iso-principle plan began (reset on a mood change or a new goal). */
  planStartedAt: number;
  /** Speaker adaptation of the voice model, created on the first voice payload. */
  voiceSpeaker: VoiceSpeaker | null;
  /** Voice payloads allowed (the browser sends about one a second). */
  voiceBudget: TokenBucket;
  /** Typed messages allowed per participant (a flood is refused with RATE_LIMITED). */
  textBudget: TokenBucket;
  /** Where the face model runs; a study in 'edge' mode never gets frames. Unset: 'server'. */
  faceMode?: FaceMode;
  /** A demo session may switch to edge mode itself; a study's setting is binding. */
  faceModeChoosable?: boolean;
  /** Browser-computed face estimates allowed (edge mode), like frames: a few a second. */
  edgeBudget?: TokenBucket;
  /** The participant's own mood choice, in force until cleared: it replaces the fused mood. */
  override?: AffectEstimate | null;
}

export const HISTORY_LIMIT = 50;

export function moodOf(estimate: AffectEstimate): MoodState {
  return {
    label: estimate.label,
    confidence: estimate.confidence,
    valence: estimate.valence,
    arousal: estimate.arousal,
  };
}

/** A session:start the server refuses, with the typed code the participant gets. */
export class SessionRefusedError extends Error {
  constructor(
    readonly code: 'CONSENT_REQUIRED' | 'NOT_FOUND',
    message: string,
  ) {
    super(message);
  }
}
