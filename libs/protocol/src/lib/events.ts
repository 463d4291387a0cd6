import type { AffectEstimate } from './emotions';
import type { Ack } from './errors';
import type {
  EmotionUpdate,
  FeedbackEvent,
  FeedbackStored,
  FrameRateAdvice,
  FrameResult,
  MoodOverrideStored,
  MoodUpdate,
  RecommendationEvent,
  SelfReportStored,
  ServerClosing,
  SessionStarted,
  SessionSummary,
  WatchStarted,
} from './dto';
import type {
  FeedbackPayload,
  FramePayload,
  StartSessionPayload,
  EndSessionPayload,
  SelfReportPayload,
  AudioFeaturesPayload,
  MoodGoalPayload,
  FaceEstimatePayload,
  MoodOverridePayload,
  PreferencesPayload,
  TextPayload,
  TrackEndedPayload,
  WatchSessionPayload,
} from './payloads';
import type { AckError } from './errors';

/** socket.io namespaces: participants and researchers never share one. */
export const NAMESPACES = { participant: '/participant', researcher: '/researcher' } as const;

export const PARTICIPANT_EVENTS = {
  startSession: 'session:start',
  /** Ends the session at once (a disconnect only ends it after a grace period for reconnecting). */
  endSession: 'session:end',
  frame: 'frame',
  feedback: 'feedback',
  trackStarted: 'track:started',
  trackEnded: 'track:ended',
  selfReport: 'self-report',
  text: 'text',
  audioFeatures: 'audio-features',
  moodGoal: 'mood-goal',
  preferences: 'preferences',
  faceEstimate: 'face-estimate',
  moodOverride: 'mood-override',
} as const;

export const RESEARCHER_EVENTS = {
  watch: 'session:watch',
  unwatch: 'session:unwatch',
} as const;

export const SERVER_EVENTS = {
  emotion: 'emotion',
  recommendation: 'recommendation',
  mood: 'mood',
  sessions: 'sessions',
  /** Sent when a client emits something the server cannot answer through an ack. */
  error: 'server:error',
  /** The server is shutting down and closes this connection next; reconnect (and resume) later. */
  closing: 'server:closing',
  /** The server's advice on how often to send frames, as its load changes. */
  frameRate: 'frame-rate',
  /** To researchers watching a session: a participant's feedback was stored. */
  feedback: 'feedback',
} as const;

type AckFn<T> = (ack: Ack<T>) => void;

export interface ParticipantClientToServer {
  [PARTICIPANT_EVENTS.startSession]: (payload: StartSessionPayload, ack: AckFn<SessionStarted>) => void;
  [PARTICIPANT_EVENTS.endSession]: (payload: EndSessionPayload, ack: AckFn<{ sessionId: string }>) => void;
  [PARTICIPANT_EVENTS.frame]: (payload: FramePayload, ack: AckFn<FrameResult>) => void;
  [PARTICIPANT_EVENTS.feedback]: (payload: FeedbackPayload, ack: AckFn<FeedbackStored>) => void;
  [PARTICIPANT_EVENTS.trackStarted]: (payload: TrackEndedPayload, ack: AckFn<{ recommendationId: string }>) => void;
  [PARTICIPANT_EVENTS.trackEnded]: (payload: TrackEndedPayload, ack: AckFn<{ recommendationId: string }>) => void;
  [PARTICIPANT_EVENTS.preferences]: (payload: PreferencesPayload, ack: AckFn<PreferencesPayload>) => void;
  [PARTICIPANT_EVENTS.moodGoal]: (payload: MoodGoalPayload, ack: AckFn<{ strategy: string }>) => void;
  [PARTICIPANT_EVENTS.audioFeatures]: (
    payload: AudioFeaturesPayload,
    ack: AckFn<{ estimate: AffectEstimate | null }>,
  ) => void;
  [PARTICIPANT_EVENTS.text]: (payload: TextPayload, ack: AckFn<{ estimate: AffectEstimate }>) => void;
  [PARTICIPANT_EVENTS.selfReport]: (payload: SelfReportPayload, ack: AckFn<SelfReportStored>) => void;
  [PARTICIPANT_EVENTS.faceEstimate]: (payload: FaceEstimatePayload, ack: AckFn<FrameResult>) => void;
  [PARTICIPANT_EVENTS.moodOverride]: (payload: MoodOverridePayload, ack: AckFn<MoodOverrideStored>) => void;
}

export interface ParticipantServerToClient {
  [SERVER_EVENTS.emotion]: (update: EmotionUpdate) => void;
  [SERVER_EVENTS.mood]: (update: MoodUpdate) => void;
  [SERVER_EVENTS.recommendation]: (rec: RecommendationEvent) => void;
  [SERVER_EVENTS.error]: (error: AckError & { event: string }) => void;
  [SERVER_EVENTS.closing]: (notice: ServerClosing) => void;
  [SERVER_EVENTS.frameRate]: (advice: FrameRateAdvice) => void;
}

export interface ResearcherClientToServer {
  [RESEARCHER_EVENTS.watch]: (payload: WatchSessionPayload, ack: AckFn<WatchStarted>) => void;
  [RESEARCHER_EVENTS.unwatch]: (payload: WatchSessionPayload, ack: AckFn<{ sessionId: string }>) => void;
}

export interface ResearcherServerToClient {
  [SERVER_EVENTS.emotion]: (update: EmotionUpdate) => void;
  [SERVER_EVENTS.mood]: (update: MoodUpdate) => void;
  [SERVER_EVENTS.recommendation]: (rec: RecommendationEvent) => void;
  [SERVER_EVENTS.feedback]: (feedback: FeedbackEvent) => void;
  [SERVER_EVENTS.sessions]: (sessions: SessionSummary[]) => void;
  [SERVER_EVENTS.error]: (error: AckError & { event: string }) => void;
}

export const KNOWN_PARTICIPANT_EVENTS: readonly string[] = Object.values(PARTICIPANT_EVENTS);
export const KNOWN_RESEARCHER_EVENTS: readonly string[] = Object.values(RESEARCHER_EVENTS);
