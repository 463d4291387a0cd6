import type { FEATURE_CONFIG } from '@attune/audio-features';
import type { Emotion } from '@attune/protocol';
import type { ClassificationReport } from '../evaluation/metrics';
import type { EmoDbClass } from './emodb-labels';
import type { Standardiser } from './standardiser';
import type { VoiceNetworkOptions } from './voice-network';

/** `models/voice-emodb/metadata.json`: everything needed to serve and to judge the model. */
export interface VoiceModelMetadata {
  id: string;
  createdAt: string;
  /** Output order of the network. */
  labels: EmoDbClass[];
  /** How each output class maps into the canonical emotions. */
  canonicalMap: Record<EmoDbClass, Partial<Record<Emotion, number>>>;
  featureVersion: string;
  featureNames: string[];
  featureConfig: typeof FEATURE_CONFIG;
  /** Training rows: whole-utterance vectors and live window vectors (1 s every 0.5 s). */
  units: ('utterance' | 'window')[];
  normalisation: {
    /** z-score each speaker's vectors by that speaker's own statistics (of the same unit) first. */
    bySpeaker: boolean;
    /** The average training speaker's window statistics, used while a live speaker has said little. */
    speakerPrior: Standardiser;
    /** Windows of prior in the live speaker's running statistics. */
    priorWeight: number;
    /** Then z-scored with these (fit on the training rows after speaker normalisation). */
    standardiser: Standardiser;
  };
  training: VoiceNetworkOptions & {
    members?: Partial<VoiceNetworkOptions>[];
    dataset: string;
    utterances: number;
    windows: number;
    speakers: string[];
  };
  /** Leave-one-speaker-out figures of the same recipe, pooled over folds; null if not run. */
  evaluation: (ClassificationReport & { protocol: string; folds: FoldResult[]; live: LiveFigures }) | null;
}

export interface FoldResult {
  speaker: string;
  /** The speakers the fold's model was trained on (never `speaker`). */
  trainedOn: string[];
  n: number;
  /** Test utterances without any voiced window (no estimate, so not scored). */
  unvoiced: number;
  accuracy: number;
  uar: number;
}

/** The same folds scored the live way: each utterance from its 1-s windows (geometric mean). */
export interface LiveFigures {
  n: number;
  accuracy: number;
  macroF1: number;
  uar: number;
}
