import type { AffectEstimate } from './emotions';
import type { Emotion } from './emotions';
import type { FeedbackKind } from './payloads';

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

export const RECOMMENDATION_TRIGGERS = ['start', 'skip', 'track-end', 'mood-change', 'goal-change'] as const;
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
  models: { id: string; loaded: boolean; backend: string | null; error?: string }[];
  catalog: { tracks: number };
}
