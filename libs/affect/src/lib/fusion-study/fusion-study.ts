import { EMOTIONS, topEmotion, type AffectEstimate, type Emotion, type EmotionDistribution } from '@attune/protocol';
import {
  EMPTY_FUSED_STATE,
  fusionConfig,
  observeEstimates,
  type FusedState,
  type FusionConfig,
  type ModelReliability,
} from '@attune/fusion';
import { classificationReport } from '../evaluation/metrics';
import { deriveSeed, seededRandom, shuffled } from '../training/seeded-random';
import { restrictTo, type HeldOutPrediction, type HeldOutSet } from './held-out';

export type StudyModality = HeldOutSet['modality'];
export const STUDY_MODALITIES: readonly StudyModality[] = ['face', 'voice', 'text'];

export interface FusionStudyOptions {
  /** The classes all three modalities can express; triples are drawn per class. */
  labels: readonly Emotion[];
  /** Triples per class in the test half. */
  triplesPerClass: number;
  seed: number;
  /** Fusion settings besides the reliabilities (measured here on the calibration half). */
  fusion?: Partial<FusionConfig>;
}

export interface ConditionScore {
  accuracy: number;
  macroF1: number;
  n: number;
}

export interface FusionStudyResult {
  labels: Emotion[];
  seed: number;
  triples: number;
  sources: Record<StudyModality, { modelId: string; source: string; calibration: number; test: number }>;
  /** Per model, measured on the calibration half; what fusion was configured with. */
  reliability: Record<StudyModality, { macroF1: number; accuracy: number }>;
  conditions: Record<string, ConditionScore>;
  /** Acceptance 2, checked condition by condition. */
  checks: { name: string; fusion: number; reference: number; referenceName: string; pass: boolean }[];
}

/**
 * The offline fusion study. Each modality's held-out predictions are split per class in halves:
 * the calibration half measures each model's macro-F1 (the reliability fusion is given), the test
 * half supplies triples (face, voice, text) sharing a true label, drawn with a seeded generator.
 * Conditions: each modality alone, fusion of all three, fusion with one missing, and with one
 * corrupted ("noise": a random distribution; "wrong": a prediction of a sample of another class).
 */
export function runFusionStudy(
  sets: Record<StudyModality, HeldOutSet>,
  options: FusionStudyOptions,
): FusionStudyResult {
  const labels = [...options.labels];
  const halves = Object.fromEntries(
    STUDY_MODALITIES.map((m, mi) => [m, splitHalves(sets[m].predictions, labels, deriveSeed(options.seed, 1, mi))]),
  ) as Record<StudyModality, { calibration: HeldOutPrediction[]; test: Map<Emotion, HeldOutPrediction[]> }>;

  const calibrationReports = Object.fromEntries(
    STUDY_MODALITIES.map((m) => [
      m,
      score(
        halves[m].calibration.map((p) => ({
          truth: p.label,
          predicted: argmaxOver(restrictTo(p.distribution, labels), labels),
        })),
        labels,
      ),
    ]),
  ) as Record<StudyModality, ConditionScore & { matrix: number[][] }>;
  const reliability = Object.fromEntries(
    STUDY_MODALITIES.map((m) => [
      m,
      { macroF1: calibrationReports[m].macroF1, accuracy: calibrationReports[m].accuracy },
    ]),
  ) as Record<StudyModality, { macroF1: number; accuracy: number }>;
  const models: Record<string, ModelReliability> = Object.fromEntries(
    STUDY_MODALITIES.map((m) => [sets[m].modelId, { macroF1: reliability[m].macroF1, classes: labels.length, labels }]),
  );
  const config = fusionConfig({ ...options.fusion, models });
  const withConfusion: FusionConfig = {
    ...config,
    models: Object.fromEntries(
      STUDY_MODALITIES.map((m) => [
        sets[m].modelId,
        { ...models[sets[m].modelId], confusion: { labels, matrix: calibrationReports[m].matrix } },
      ]),
    ),
  };

  // Triples: per class, triplesPerClass draws (with replacement) from each modality's test half.
  const random = seededRandom(deriveSeed(options.seed, 2));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  type Triple = { truth: Emotion } & Record<StudyModality, AffectEstimate> & {
      wrong: Record<StudyModality, AffectEstimate>;
      noise: Record<StudyModality, AffectEstimate>;
    };
  const triples: Triple[] = [];
  for (const truth of labels)
    for (let i = 0; i < options.triplesPerClass; i++) {
      const entry = { truth } as Triple;
      entry.wrong = {} as Record<StudyModality, AffectEstimate>;
      entry.noise = {} as Record<StudyModality, AffectEstimate>;
      for (const m of STUDY_MODALITIES) {
        entry[m] = toEstimate(pick(halves[m].test.get(truth) ?? []), m, sets[m].modelId, labels);
        const other = pick(labels.filter((l) => l !== truth));
        entry.wrong[m] = toEstimate(pick(halves[m].test.get(other) ?? []), m, sets[m].modelId, labels);
        entry.noise[m] = noiseEstimate(m, sets[m].modelId, labels, random);
      }
      triples.push(entry);
    }

  const conditions: Record<string, ConditionScore> = {};
  // Conditions run as one session each: triples in a seeded order, 1000 s apart (every reading of
  // the previous moment has gone stale), so only the session consistency carries over.
  const order = shuffled(
    triples.map((_, i) => i),
    deriveSeed(options.seed, 3),
  );
  const run = (name: string, estimatesOf: (t: Triple) => AffectEstimate[], c: FusionConfig = config) => {
    let state: FusedState = EMPTY_FUSED_STATE;
    const outcomes = order.map((index, step) => {
      const t = triples[index];
      const at = step * 1_000_000;
      state = observeEstimates(
        state,
        estimatesOf(t).map((e) => ({ ...e, timestamp: at })),
        c,
      );
      const fused = state.instant;
      return { truth: t.truth, predicted: fused ? argmaxOver(fused.distribution, labels) : labels[0] };
    });
    const { accuracy, macroF1, n } = score(outcomes, labels);
    conditions[name] = { accuracy, macroF1, n };
  };

  for (const m of STUDY_MODALITIES) run(`single:${m}`, (t) => [t[m]]);
  run('fusion', (t) => STUDY_MODALITIES.map((m) => t[m]));
  run('fusion:linear-pool', (t) => STUDY_MODALITIES.map((m) => t[m]), { ...config, pool: 'linear' });
  run('fusion:no-agreement', (t) => STUDY_MODALITIES.map((m) => t[m]), { ...config, agreement: 0 });
  run('fusion:no-consistency', (t) => STUDY_MODALITIES.map((m) => t[m]), { ...config, consistencyRate: 0 });
  run('fusion:equal-weights', (t) => STUDY_MODALITIES.map((m) => t[m]), {
    ...config,
    models: {},
    defaultReliability: 1,
  });
  run('fusion:skill-scale', (t) => STUDY_MODALITIES.map((m) => t[m]), { ...config, reliabilityScale: 'skill' });
  run('fusion:confusion-calibrated', (t) => STUDY_MODALITIES.map((m) => t[m]), withConfusion);
  const bayes: FusionConfig = {
    ...withConfusion,
    weightByConfidence: false,
    agreement: 0,
    models: Object.fromEntries(
      Object.entries(withConfusion.models).map(([id, r]) => [id, { ...r, macroF1: undefined }]),
    ),
    defaultReliability: 1,
  };
  const bayesAgreement: FusionConfig = { ...bayes, agreement: 1 };
  for (const [suffix, c] of [
    ['naive-bayes', bayes],
    ['naive-bayes+agreement', bayesAgreement],
  ] as const) {
    run(`fusion:${suffix}`, (t) => STUDY_MODALITIES.map((m) => t[m]), c);
    for (const m of STUDY_MODALITIES) {
      const rest = STUDY_MODALITIES.filter((o) => o !== m);
      run(`missing:${m}:${suffix}`, (t) => rest.map((o) => t[o]), c);
      run(`corrupt-noise:${m}:${suffix}`, (t) => [...rest.map((o) => t[o]), t.noise[m]], c);
      run(`corrupt-wrong:${m}:${suffix}`, (t) => [...rest.map((o) => t[o]), t.wrong[m]], c);
    }
  }
  for (const m of STUDY_MODALITIES) {
    const rest = STUDY_MODALITIES.filter((o) => o !== m);
    run(`missing:${m}:confusion-calibrated`, (t) => rest.map((o) => t[o]), withConfusion);
    run(`corrupt-wrong:${m}:confusion-calibrated`, (t) => [...rest.map((o) => t[o]), t.wrong[m]], withConfusion);
  }
  for (const m of STUDY_MODALITIES) {
    const rest = STUDY_MODALITIES.filter((o) => o !== m);
    run(`missing:${m}`, (t) => rest.map((o) => t[o]));
    run(`corrupt-noise:${m}`, (t) => [...rest.map((o) => t[o]), t.noise[m]]);
    run(`corrupt-wrong:${m}`, (t) => [...rest.map((o) => t[o]), t.wrong[m]]);
    run(`corrupt-wrong:${m}:no-agreement`, (t) => [...rest.map((o) => t[o]), t.wrong[m]], { ...config, agreement: 0 });
    run(`corrupt-wrong:${m}:no-consistency`, (t) => [...rest.map((o) => t[o]), t.wrong[m]], {
      ...config,
      consistencyRate: 0,
    });
    run(`corrupt-noise:${m}:no-consistency`, (t) => [...rest.map((o) => t[o]), t.noise[m]], {
      ...config,
      consistencyRate: 0,
    });
  }

  const best = (ms: readonly StudyModality[]) =>
    ms
      .map((m) => ({ name: `single:${m}`, accuracy: conditions[`single:${m}`].accuracy }))
      .sort((a, b) => b.accuracy - a.accuracy)[0];
  const checks: FusionStudyResult['checks'] = [];
  const check = (name: string, reference: { name: string; accuracy: number }, strict: boolean) => {
    const fusion = conditions[name].accuracy;
    checks.push({
      name,
      fusion,
      reference: reference.accuracy,
      referenceName: reference.name,
      pass: strict ? fusion > reference.accuracy : fusion >= reference.accuracy,
    });
  };
  check('fusion', best(STUDY_MODALITIES), true);
  for (const m of STUDY_MODALITIES) {
    const remaining = best(STUDY_MODALITIES.filter((o) => o !== m));
    for (const kind of ['missing', 'corrupt-noise', 'corrupt-wrong']) check(`${kind}:${m}`, remaining, false);
  }

  return {
    labels,
    seed: options.seed,
    triples: triples.length,
    sources: Object.fromEntries(
      STUDY_MODALITIES.map((m) => [
        m,
        {
          modelId: sets[m].modelId,
          source: sets[m].source,
          calibration: halves[m].calibration.length,
          test: [...halves[m].test.values()].reduce((s, l) => s + l.length, 0),
        },
      ]),
    ) as FusionStudyResult['sources'],
    reliability,
    conditions,
    checks,
  };
}

/** Per class, a seeded half for calibration and the rest for test; classes outside `labels` dropped. */
function splitHalves(predictions: readonly HeldOutPrediction[], labels: readonly Emotion[], seed: number) {
  const calibration: HeldOutPrediction[] = [];
  const test = new Map<Emotion, HeldOutPrediction[]>();
  labels.forEach((label, li) => {
    const mine = shuffled(
      predictions.filter((p) => p.label === label),
      deriveSeed(seed, li),
    );
    if (mine.length < 2) throw new Error(`fusion study: fewer than 2 held-out samples of ${label}`);
    const half = Math.floor(mine.length / 2);
    calibration.push(...mine.slice(0, half));
    test.set(label, mine.slice(half));
  });
  return { calibration, test };
}

function toEstimate(
  p: HeldOutPrediction,
  modality: StudyModality,
  modelId: string,
  labels: readonly Emotion[],
): AffectEstimate {
  const distribution = restrictTo(p.distribution, labels);
  const top = topEmotion(distribution);
  // The model's own confidence, rescaled by how much of its mass fell on the study's classes.
  return {
    modality,
    distribution,
    label: top.label,
    confidence: Math.min(1, p.confidence),
    valence: 0,
    arousal: 0,
    modelId,
    timestamp: 0,
  };
}

/** A random distribution (flat Dirichlet) over the labels, as a broken stream would send. */
function noiseEstimate(
  modality: StudyModality,
  modelId: string,
  labels: readonly Emotion[],
  random: () => number,
): AffectEstimate {
  const draws = labels.map(() => -Math.log(1 - random()));
  const total = draws.reduce((s, d) => s + d, 0);
  const distribution = Object.fromEntries(
    EMOTIONS.map((e) => [e, labels.includes(e) ? draws[labels.indexOf(e)] / total : 0]),
  ) as EmotionDistribution;
  const top = topEmotion(distribution);
  return {
    modality,
    distribution,
    label: top.label,
    confidence: top.confidence,
    valence: 0,
    arousal: 0,
    modelId,
    timestamp: 0,
  };
}

function argmaxOver(distribution: EmotionDistribution, labels: readonly Emotion[]): Emotion {
  return labels.reduce((best, l) => (distribution[l] > distribution[best] ? l : best), labels[0]);
}

function score(
  outcomes: readonly { truth: Emotion; predicted: Emotion }[],
  labels: readonly Emotion[],
): ConditionScore & { matrix: number[][] } {
  const report = classificationReport(
    labels,
    outcomes.map((o) => labels.indexOf(o.truth)),
    outcomes.map((o) => labels.indexOf(o.predicted)),
  );
  return { accuracy: report.accuracy, macroF1: report.macroF1, n: report.n, matrix: report.confusion.matrix };
}
