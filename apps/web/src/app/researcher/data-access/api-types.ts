import type { AffectSampleDto, Emotion } from '@attune/protocol';

// Shapes of the researcher REST API (OpenAPI at /api/docs); the socket protocol lives in @attune/protocol.

export type StudyStatus = 'draft' | 'running' | 'closed';
export const STUDY_STATUS_OPTIONS: readonly StudyStatus[] = ['draft', 'running', 'closed'];
export type ConsentModality = 'camera' | 'microphone' | 'text';
export const CONSENT_MODALITY_OPTIONS: readonly ConsentModality[] = ['camera', 'microphone', 'text'];
export type ExperimentStatus = 'draft' | 'running' | 'stopped';

export interface Study {
  id: string;
  ownerId: string;
  title: string;
  description: string;
  status: StudyStatus;
  createdAt: string;
}

export interface ConsentForm {
  id: string;
  version: number;
  text: string;
  modalities: ConsentModality[];
  offersRawMediaStorage: boolean;
  retentionDays: number;
  createdAt: string;
}

export interface ConsentRecord {
  formVersion: number;
  choices: { camera: boolean; microphone: boolean; text: boolean; storeRawMedia: boolean };
  at: string;
}

export interface Participant {
  id: string;
  code: string;
  joinPath: string;
  createdAt: string;
  consent: ConsentRecord | null;
}

export interface Withdrawal {
  participantCode: string;
  withdrawnAt: string;
}

export interface Arm {
  id?: string;
  key: string;
  strategy: string;
  params?: Record<string, unknown>;
  weight: number;
}

export interface Experiment {
  id: string;
  studyId: string;
  name: string;
  status: ExperimentStatus;
  arms: (Arm & { id: string })[];
  createdAt: string;
}

export interface ArmSummary {
  n: number;
  mean: number;
  sd: number;
}

export interface Comparison {
  arm: string;
  control: string;
  metric: string;
  diff: number;
  ciLow: number;
  ciHigh: number;
  pWelch: number;
  pMannWhitney: number;
  chanceToBeat: number;
  pHolm: number;
  bootstrapCiLow: number | null;
  bootstrapCiHigh: number | null;
}

export interface ExperimentResults {
  experiment: string;
  /** arm -> metric -> summary */
  arms: Record<string, Record<string, ArmSummary>>;
  comparisons: Comparison[];
  warnings: string[];
  assigned: Record<string, number>;
  srm: { chi2: number; df: number; p: number; expected: number[] } | null;
  exposures: number;
  sent: number;
  /** Why `comparisons` is empty (absent from older servers); `arms` still holds every arm with data. */
  comparisonsOmitted?: {
    reason: 'no-data' | 'control-has-no-data' | 'other-arms-have-no-data';
    message: string;
  } | null;
}

export const EXPORT_TABLE_OPTIONS = [
  'participants',
  'consent',
  'sessions',
  'samples',
  'exposures',
  'feedback',
  'self-reports',
] as const;
export type ExportTable = (typeof EXPORT_TABLE_OPTIONS)[number];

export interface SessionReplay {
  sessionId: string;
  samples: AffectSampleDto[];
  exposures: {
    id: string;
    shownAt: number;
    playedAt: number | null;
    trackId: string;
    title: string;
    artist: string;
    strategy: string;
    trigger: string;
  }[];
  feedback: { at: number; kind: string; value: number | null; exposureId: string }[];
}

export interface CatalogTrack {
  id: string;
  title: string;
  artist: string;
  album: string | null;
  emotion: Emotion;
  genres: string[];
  valence: number | null;
  arousal: number | null;
  tempo: number | null;
  energy: number | null;
  durationSec: number | null;
  licence: string;
  attribution: string;
  audioUrl: string;
}

export interface ModelCard {
  id: string;
  title: string;
  card: string;
  metrics: Record<string, number | boolean>;
  confusion: { labels: string[]; matrix: number[][] } | null;
  figures: { name: string; url: string }[];
}
