import { FEATURE_CONFIG, FEATURE_NAMES, FEATURE_VERSION } from '@attune/audio-features';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { classificationReport } from '../evaluation/metrics';
import { diskIOHandler } from '../model-loader';
import type { VoiceSample } from './emodb';
import { EMODB_CLASSES, EMODB_TO_CANONICAL } from './emodb-labels';
import { averageSpeaker, SpeakerNormaliser } from './speaker-normaliser';
import { fitStandardiser, standardise, type Standardiser } from './standardiser';
import { utteranceProbabilities } from './voice-classifier';
import type { FoldResult, VoiceModelMetadata } from './voice-model-metadata';
import { DEFAULT_VOICE_NETWORK, trainVoiceNetwork, type VoiceNetworkOptions } from './voice-network';

export interface VoiceTrainingOptions extends VoiceNetworkOptions {
  bySpeaker: boolean;
  priorWeight: number;
}

export const DEFAULT_VOICE_TRAINING: VoiceTrainingOptions = {
  ...DEFAULT_VOICE_NETWORK,
  bySpeaker: true,
  priorWeight: 10,
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

/** Each speaker's exact statistics over all of their windows (labels are not used). */
export function speakerStatistics(samples: readonly VoiceSample[]): Map<string, Standardiser> {
  const bySpeaker = new Map<string, Float32Array[]>();
  for (const s of samples) bySpeaker.set(s.speaker, [...(bySpeaker.get(s.speaker) ?? []), ...windowsOf(s)]);
  return new Map([...bySpeaker].map(([speaker, rows]) => [speaker, fitStandardiser(rows)]));
}

export async function trainVoiceModel(
  samples: readonly VoiceSample[],
  options: Partial<VoiceTrainingOptions> = {},
  dataset = 'emodb',
): Promise<TrainedVoiceModel> {
  const o = { ...DEFAULT_VOICE_TRAINING, ...options };
  const usable = samples.filter((s) => windowsOf(s).length > 0);
  if (usable.length === 0) throw new Error('no voiced training samples');
  const stats = speakerStatistics(usable);
  const speakerRows = (s: VoiceSample) =>
    o.bySpeaker ? windowsOf(s).map((w) => standardise(w, stats.get(s.speaker)!, Infinity)) : windowsOf(s);
  const rows = usable.flatMap(speakerRows);
  const labels = usable.flatMap((s) => windowsOf(s).map(() => s.classIndex));
  const standardiser = fitStandardiser(rows);
  const network = await trainVoiceNetwork(
    rows.map((r) => standardise(r, standardiser)),
    labels,
    EMODB_CLASSES.length,
    o,
  );
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
      unit: 'window',
      normalisation: { bySpeaker, speakerPrior: averageSpeaker([...stats.values()]), priorWeight, standardiser },
      training: {
        ...networkOptions,
        dataset,
        utterances: usable.length,
        windows: rows.length,
        speakers: [...stats.keys()].sort(),
      },
      evaluation: null,
    },
  };
}

/**
 * Predicted class index per sample (-1 when it has no voiced window). With speaker
 * normalisation, each test speaker's statistics come from all of that speaker's recordings in
 * `samples` — unlabelled, as a live session accumulates them.
 */
export function predictSamples(model: TrainedVoiceModel, samples: readonly VoiceSample[]): number[] {
  const { normalisation } = model.metadata;
  const speakers = new Map<string, SpeakerNormaliser>();
  for (const [speaker, rows] of groupWindows(samples))
    speakers.set(speaker, SpeakerNormaliser.fromRows(rows, normalisation.speakerPrior));
  return samples.map((s) => {
    const p = utteranceProbabilities(model.network, normalisation, windowsOf(s), speakers.get(s.speaker), false);
    return p ? argmax(p) : -1;
  });
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
): Promise<NonNullable<VoiceModelMetadata['evaluation']>> {
  const speakers = [...new Set(samples.map((s) => s.speaker))].sort();
  if (speakers.length < 2) throw new Error('leave-one-speaker-out needs at least two speakers');
  const actual: number[] = [];
  const predicted: number[] = [];
  const folds: FoldResult[] = [];
  for (const speaker of speakers) {
    const test = samples.filter((s) => s.speaker === speaker);
    const model = await trainVoiceModel(
      samples.filter((s) => s.speaker !== speaker),
      options,
    );
    let predictions: number[];
    try {
      predictions = predictSamples(model, test);
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
  }
  return {
    ...classificationReport(EMODB_CLASSES, actual, predicted),
    protocol: `leave-one-speaker-out over ${speakers.length} speakers (${speakers.join(', ')})`,
    folds,
  };
}

/** Writes model.json + weights + metadata.json into `dir`. */
export async function saveVoiceModel(dir: string, model: TrainedVoiceModel): Promise<void> {
  await mkdir(dir, { recursive: true });
  await model.network.save(diskIOHandler(join(dir, 'model.json')));
  await writeFile(join(dir, 'metadata.json'), JSON.stringify(model.metadata, null, 2) + '\n');
}

function groupWindows(samples: readonly VoiceSample[]): Map<string, Float32Array[]> {
  const out = new Map<string, Float32Array[]>();
  for (const s of samples) out.set(s.speaker, [...(out.get(s.speaker) ?? []), ...windowsOf(s)]);
  return out;
}

function argmax(p: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < p.length; i++) if (p[i] > p[best]) best = i;
  return best;
}
