import type { AffectEstimate } from './emotions';
import type { Emotion } from './emotions';
import type { FaceMode, FeedbackKind } from './payloads';

export interface FaceBox {
  /** Normalised to the frame: 0..1 from the top-left corner. */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface SessionStarted {
  sessionId: string;
  participantId: string;
  participantCode: string;
  /** How often the client should send a frame. */
  frameIntervalMs: number;
  /** The study the session belongs to; null for an open demo session. */
  studyId: string | null;
  /** What the participant consented to; null in a demo session, where nothing is restricted. */
  consent: { camera: boolean; microphone: boolean; text: boolean } | null;
  /** The recommendation strategy this session runs (from the experiment arm, if any). */
  strategy: string;
  /**
   * Where the face model runs: 'server' (frames sent) or 'edge' (in the browser; the server
   * refuses frames). A demo session allows both and reports 'server'; absent from older servers.
   */
  faceMode?: FaceMode;
  /** True when the session may choose edge mode itself (a demo session). */
  faceModeChoosable?: boolean;
  /**
   * Send it back in `session:start` after a reconnect or a reload to continue this session
   * (within the server's grace period); it opens this one session only.
   */
  resumeToken: string;
  /** True when this answer re-attached to an earlier session instead of starting one. */
  resumed: boolean;
  /** On a resume: the track playing in the session, if any (a reloaded page shows it again). */
  current?: RecommendationEvent | null;
}

/** The answer to `mood-override`: the mood now in force (null when the override was cleared). */
export interface MoodOverrideStored {
  override: AffectEstimate | null;
}

export interface FrameResult {
  seq: number;
  faces: number;
  estimate: AffectEstimate | null;
  box: FaceBox | null;
  /** Set when the model failed on this frame; the session goes on. */
  error?: string;
  /** True when a newer frame of the same session replaced this one before it was analysed. */
  replaced?: boolean;
}

/**
 * Sent to every participant when the server's frame budget changes: send a frame at most every
 * `frameIntervalMs` (it grows while analysis lags behind, and shrinks back when it keeps up).
 */
export interface FrameRateAdvice {
  frameIntervalMs: number;
  /** 'overloaded' or 'recovered'. */
  reason: 'overloaded' | 'recovered';
}

export interface EmotionUpdate extends FrameResult {
  sessionId: string;
  at: number;
}

/** One modality's contribution to the fused mood. */
export interface MoodContribution {
  modality: Exclude<AffectEstimate['modality'], 'fused'>;
  modelId: string;
  /** Share in the fused estimate; the shares sum to 1. */
  weight: number;
}

/** The session's mood after a new estimate of any modality: the estimate, and the fused state. */
export interface MoodUpdate {
  sessionId: string;
  at: number;
  /** The per-modality estimate that changed the mood. */
  estimate: AffectEstimate;
  /** The smoothed fusion of all fresh modalities (what recommendations use). */
  fused: AffectEstimate | null;
  contributions: MoodContribution[];
  /** True while the participant's own mood choice overrides the fused estimate (`fused` is then that choice). */
  overridden?: boolean;
}

export interface TrackDto {
  id: string;
  title: string;
  artist: string;
  emotion: Emotion;
  licence: string;
  attribution: string;
  audioUrl: string;
}

export const RECOMMENDATION_TRIGGERS = [
  'start',
  'skip',
  'track-end',
  'mood-change',
  'goal-change',
  'mood-override',
] as const;
export type RecommendationTrigger = (typeof RECOMMENDATION_TRIGGERS)[number];

export interface RecommendationEvent {
  sessionId: string;
  recommendationId: string;
  track: TrackDto;
  strategy: string;
  explanation: string;
  trigger: RecommendationTrigger;
  at: number;
}

export interface FeedbackStored {
  feedbackId: string;
  kind: FeedbackKind;
  /** True when this clientEventId had been stored before (a retry). */
  duplicate: boolean;
  /** True when the database was away: the event is in the server's durable buffer and will be written later. */
  buffered?: boolean;
}

/**
 * Sent to the researchers watching a session once a participant's feedback on an exposure is
 * stored (or kept in the durable buffer); not for a retried duplicate.
 */
export interface FeedbackEvent {
  sessionId: string;
  recommendationId: string;
  /** A participant's kind, or 'complete' when a track played to its end. */
  kind: FeedbackKind | 'complete';
  /** The rating, 1-5, for 'rating'. */
  value?: number;
  /** Epoch milliseconds (server clock). */
  at: number;
}

export interface SelfReportStored {
  selfReportId: string;
  duplicate: boolean;
  buffered?: boolean;
}

/** Why the server closes the connection (`server:closing`), sent just before it does. */
export interface ServerClosing {
  reason: 'shutdown';
  message: string;
}

/** What a researcher gets on starting to watch a session. */
export interface WatchStarted {
  samples: AffectSampleDto[];
  /** The track playing now, if the session is live and has one. */
  current: RecommendationEvent | null;
}

export interface SessionSummary {
  id: string;
  studyId: string | null;
  participantCode: string;
  startedAt: string;
  endedAt: string | null;
  live: boolean;
}

export interface AffectSampleDto {
  at: number;
  modality: AffectEstimate['modality'];
  label: Emotion;
  confidence: number;
  valence: number;
  arousal: number;
  distribution: AffectEstimate['distribution'];
}

export interface HealthReport {
  status: 'ok' | 'degraded';
  uptimeSec: number;
  db: { ok: boolean; type: 'sqlite' | 'mysql'; error?: string };
  /** Participant events accepted while the database was away, waiting in the durable buffer. */
  buffer: { pending: number; capacity: number; oldestAt: string | null };
  /** True once the server has begun a graceful shutdown (it refuses new connections). */
  shuttingDown: boolean;
  models: { id: string; loaded: boolean; backend: string | null; error?: string }[];
  catalog: { tracks: number };
}
