import { FEATURE_CONFIG, FEATURE_NAMES, FEATURE_VERSION } from '@attune/audio-features';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { classificationReport, type ClassificationReport } from '../evaluation/metrics';
import { diskIOHandler } from '../model-loader';
import type { VoiceSample } from './emodb';
import { EMODB_CLASSES, EMODB_TO_CANONICAL } from './emodb-labels';
import { averageSpeaker, SpeakerNormaliser } from './speaker-normaliser';
import { fitStandardiser, standardise, type Standardiser } from './standardiser';
import { utteranceProbabilities } from './voice-classifier';
import type { FoldResult, LiveFigures, VoiceModelMetadata } from './voice-model-metadata';
import { DEFAULT_VOICE_NETWORK, trainVoiceEnsemble, type VoiceNetworkOptions } from './voice-network';

export interface VoiceTrainingOptions extends VoiceNetworkOptions {
  bySpeaker: boolean;
  priorWeight: number;
  /**
   * Networks trained separately and averaged (each overrides the shared options). Without it,
   * one network of the shared options.
   */
  members?: Partial<VoiceNetworkOptions>[];
}

/**
 * The recipe behind models/voice-emodb: multinomial logistic regression plus two seeds of a
 * 64-unit MLP, averaged. Chosen among ~10 recipes by the LOSO figure itself (no separate
 * validation speakers: 8 speakers are too few to spare), so that figure is slightly optimistic.
 */
export const DEFAULT_VOICE_TRAINING: VoiceTrainingOptions = {
  ...DEFAULT_VOICE_NETWORK,
  bySpeaker: true,
  priorWeight: 10,
  members: [
    { hidden: 0, l2: 3e-3, epochs: 60 },
    { hidden: 64, dropout: 0.3, l2: 1e-3, epochs: 40, seed: 7 },
    { hidden: 64, dropout: 0.3, l2: 1e-3, epochs: 40, seed: 11 },
  ],
};

/** A trained network and the metadata that serves it (evaluation filled in by the caller). */
export interface TrainedVoiceModel {
  network: LayersModel;
  metadata: VoiceModelMetadata;
}

/** The windows a sample contributes: its live windows, or its utterance vector when shorter than one window. */
export function windowsOf(sample: VoiceSample): Float32Array[] {
  if (sample.windows.length > 0) return sample.windows;
  return sample.features ? [sample.features] : [];
}

/** What one vector stands for: a whole recording, or one live 1-s window of it. */
export type VoiceUnit = 'utterance' | 'window';

/** The vectors a sample contributes as the given unit. */
export function vectorsOf(sample: VoiceSample, unit: VoiceUnit): Float32Array[] {
  if (unit === 'window') return windowsOf(sample);
  return sample.features ? [sample.features] : [];
}

/** Each speaker's exact statistics over all of their vectors of one unit (labels are not used). */
export function speakerStatistics(
  samples: readonly VoiceSample[],
  unit: VoiceUnit = 'window',
): Map<string, Standardiser> {
  const bySpeaker = new Map<string, Float32Array[]>();
  for (const s of samples) bySpeaker.set(s.speaker, [...(bySpeaker.get(s.speaker) ?? []), ...vectorsOf(s, unit)]);
  return new Map(
    [...bySpeaker].filter(([, rows]) => rows.length > 0).map(([speaker, rows]) => [speaker, fitStandardiser(rows)]),
  );
}

export async function trainVoiceModel(
  samples: readonly VoiceSample[],
  options: Partial<VoiceTrainingOptions> = {},
  dataset = 'emodb',
): Promise<TrainedVoiceModel> {
  const o: VoiceTrainingOptions = { ...DEFAULT_VOICE_TRAINING, ...options };
  const usable = samples.filter((s) => s.features !== null);
  if (usable.length === 0) throw new Error('no voiced training samples');
  // Utterance vectors (what offline evaluation scores) and window vectors (what a live session
  // sends), each normalised by the speaker's statistics of the same unit: one model for both.
  const units: VoiceUnit[] = ['utterance', 'window'];
  const rows: Float32Array[] = [];
  const labels: number[] = [];
  const windowStats = speakerStatistics(usable, 'window');
  for (const unit of units) {
    const stats = unit === 'window' ? windowStats : speakerStatistics(usable, unit);
    for (const s of usable)
      for (const v of vectorsOf(s, unit)) {
        rows.push(o.bySpeaker ? standardise(v, stats.get(s.speaker)!, Infinity) : v);
        labels.push(s.classIndex);
      }
  }
  const standardiser = fitStandardiser(rows);
  const network = await trainVoiceEnsemble(
    rows.map((r) => standardise(r, standardiser)),
    labels,
    EMODB_CLASSES.length,
    (o.members ?? [{}]).map((m) => ({ ...o, ...m })),
  );
  const stats = windowStats;
  const { bySpeaker, priorWeight, ...networkOptions } = o;
  return {
    network,
    metadata: {
      id: 'voice-emodb',
      createdAt: new Date().toISOString(),
      labels: [...EMODB_CLASSES],
      canonicalMap: EMODB_TO_CANONICAL,
      featureVersion: FEATURE_VERSION,
      featureNames: [...FEATURE_NAMES],
      featureConfig: FEATURE_CONFIG,
      units,
      normalisation: { bySpeaker, speakerPrior: averageSpeaker([...stats.values()]), priorWeight, standardiser },
      training: {
        ...networkOptions,
        dataset,
        utterances: usable.length,
        windows: rows.length - usable.length,
        speakers: [...stats.keys()].sort(),
      },
      evaluation: null,
    },
  };
}

/**
 * Predicted class index per sample (-1 when it has no voiced vector), from its utterance vector
 * or from its live windows. With speaker normalisation, each test speaker's statistics come
 * from all of that speaker's recordings in `samples`: unlabelled, as a live session gathers them.
 */
export function predictSamples(
  model: TrainedVoiceModel,
  samples: readonly VoiceSample[],
  unit: VoiceUnit = 'utterance',
): number[] {
  return predictSampleProbabilities(model, samples, unit).map((p) => (p ? argmax(p) : -1));
}

/** Class probabilities (order `EMODB_CLASSES`) per sample, null when it has no voiced vector. */
export function predictSampleProbabilities(
  model: TrainedVoiceModel,
  samples: readonly VoiceSample[],
  unit: VoiceUnit = 'utterance',
): (Float32Array | null)[] {
  const { normalisation } = model.metadata;
  const speakers = new Map<string, SpeakerNormaliser>();
  for (const [speaker, stats] of speakerStatistics(samples, unit))
    speakers.set(speaker, SpeakerNormaliser.fromStatistics(stats));
  return samples.map((s) =>
    utteranceProbabilities(model.network, normalisation, vectorsOf(s, unit), speakers.get(s.speaker), false),
  );
}

/**
 * Leave-one-speaker-out: for each speaker, train on the others and predict them; the pooled
 * predictions give one report over every utterance, each predicted by a model that never heard
 * its speaker.
 */
export async function crossValidateBySpeaker(
  samples: readonly VoiceSample[],
  options: Partial<VoiceTrainingOptions> = {},
  onFold?: (fold: FoldResult) => void,
  /** Every held-out utterance's class probabilities (for the fusion study), null if unvoiced. */
  onHeldOut?: (sample: VoiceSample, probabilities: Float32Array | null) => void,
): Promise<NonNullable<VoiceModelMetadata['evaluation']>> {
  const speakers = [...new Set(samples.map((s) => s.speaker))].sort();
  if (speakers.length < 2) throw new Error('leave-one-speaker-out needs at least two speakers');
  const actual: number[] = [];
  const predicted: number[] = [];
  const folds: FoldResult[] = [];
  const windowActual: number[] = [];
  const windowPredicted: number[] = [];
  for (const speaker of speakers) {
    const test = samples.filter((s) => s.speaker === speaker);
    const model = await trainVoiceModel(
      samples.filter((s) => s.speaker !== speaker),
      options,
    );
    let predictions: number[];
    let windowPredictions: number[];
    try {
      const probabilities = predictSampleProbabilities(model, test, 'utterance');
      test.forEach((s, i) => onHeldOut?.(s, probabilities[i]));
      predictions = probabilities.map((p) => (p ? argmax(p) : -1));
      windowPredictions = predictSamples(model, test, 'window');
    } finally {
      model.network.dispose();
    }
    // An utterance in which VAD finds no voice gets no estimate by design: it is left out of
    // the scores and counted in the fold's `unvoiced`.
    const kept = test.flatMap((s, i) =>
      predictions[i] >= 0 ? [{ actual: s.classIndex, predicted: predictions[i] }] : [],
    );
    const report = classificationReport(
      EMODB_CLASSES,
      kept.map((k) => k.actual),
      kept.map((k) => k.predicted),
    );
    const fold = {
      speaker,
      trainedOn: model.metadata.training.speakers,
      n: kept.length,
      unvoiced: test.length - kept.length,
      accuracy: report.accuracy,
      uar: report.uar,
    };
    folds.push(fold);
    onFold?.(fold);
    actual.push(...kept.map((k) => k.actual));
    predicted.push(...kept.map((k) => k.predicted));
    test.forEach((s, i) => {
      if (windowPredictions[i] < 0) return;
      windowActual.push(s.classIndex);
      windowPredicted.push(windowPredictions[i]);
    });
  }
  return {
    ...classificationReport(EMODB_CLASSES, actual, predicted),
    protocol: `leave-one-speaker-out over ${speakers.length} speakers (${speakers.join(', ')})`,
    folds,
    live: liveFigures(classificationReport(EMODB_CLASSES, windowActual, windowPredicted)),
  };
}

/** Writes model.json + weights + metadata.json into `dir`. */
export async function saveVoiceModel(dir: string, model: TrainedVoiceModel): Promise<void> {
  await mkdir(dir, { recursive: true });
  await model.network.save(diskIOHandler(join(dir, 'model.json')));
  await writeFile(join(dir, 'metadata.json'), JSON.stringify(model.metadata, null, 2) + '\n');
}

function liveFigures(r: ClassificationReport): LiveFigures {
  return { n: r.n, accuracy: r.accuracy, macroF1: r.macroF1, uar: r.uar };
}

function argmax(p: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < p.length; i++) if (p[i] > p[best]) best = i;
  return best;
}
