import { EMOTIONS, topEmotion, type AffectEstimate, type Emotion, type EmotionDistribution } from '@attune/protocol';
import {
  calibrate,
  EMPTY_FUSED_STATE,
  fitCalibration,
  fusionConfig,
  observeEstimates,
  type Calibration,
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
  /** Triples per class drawn from the test half. */
  triplesPerClass: number;
  seed: number;
  /** Fusion settings besides the per-model calibration (measured here on the calibration half). */
  fusion?: Partial<FusionConfig>;
}

export interface ConditionScore {
  accuracy: number;
  /** Wilson 95% interval of the accuracy over the triples (they reuse test samples: optimistic). */
  ci95: [number, number];
  macroF1: number;
  n: number;
}

/** One condition of acceptance 2 at one seed: fusion against the best single modality it has. */
export interface StudyCheck {
  name: string;
  fusion: number;
  reference: number;
  referenceName: string;
  /** fusion - reference (accuracy). */
  margin: number;
  pass: boolean;
}

export interface FusionStudyResult {
  labels: Emotion[];
  seed: number;
  triples: number;
  sources: Record<StudyModality, { modelId: string; source: string; calibration: number; test: number }>;
  /** What fusion was given per model, all measured on the calibration half. */
  calibration: Record<
    StudyModality,
    { accuracy: number; macroF1: number; scale: number; argmaxBonus: number; bias: Record<string, number>; n: number }
  >;
  conditions: Record<string, ConditionScore>;
  checks: StudyCheck[];
  /** The same checks for each ablation (`ablation:<rule>:<condition>`), outside the acceptance. */
  ablationChecks: StudyCheck[];
}

/** The conditions acceptance 2 is judged on (besides `fusion` against every single modality). */
export const DEGRADED_KINDS = ['missing', 'corrupt-noise', 'corrupt-wrong'] as const;

export const STUDY_PROTOCOL =
  "Per seed, each modality's held-out predictions (face: FER2013 validation, never trained on; voice: " +
  'EmoDB leave-one-speaker-out; text: dair val, never trained on) are split per class into two seeded ' +
  'halves. Calibration half: each model gets a calibration map (scale of log p, bonus for its top class, ' +
  'per-class bias; class-balanced NLL) and a confusion matrix; that is all fusion is told. Test half: per class, triples (face, voice, text) sharing ' +
  'the true label are drawn with replacement, and every condition is scored on the same triples, each ' +
  'condition as one session in a seeded order, readings 1000 s apart (only stream trust carries over). ' +
  'Single modalities are scored both raw (argmax of the model) and calibrated; the reference of each ' +
  'check is the better of the two for the best modality available. corrupt-noise: the stream sends a ' +
  'flat-Dirichlet random distribution; corrupt-wrong: a one-hot on a random wrong class, confidence 1.';

/**
 * The offline fusion study at one seed (see STUDY_PROTOCOL). Conditions: each modality alone (raw
 * and calibrated), fusion of all three, with one missing, with one corrupted; ablations show what
 * stream trust and calibration add, and how the previous rule (weighted geometric pool) fared.
 */
export function runFusionStudy(
  sets: Record<StudyModality, HeldOutSet>,
  options: FusionStudyOptions,
): FusionStudyResult {
  const labels = [...options.labels];
  const halves = Object.fromEntries(
    STUDY_MODALITIES.map((m, mi) => [m, splitHalves(sets[m].predictions, labels, deriveSeed(options.seed, 1, mi))]),
  ) as Record<StudyModality, { calibration: HeldOutPrediction[]; test: Map<Emotion, HeldOutPrediction[]> }>;

  const calibrations = Object.fromEntries(
    STUDY_MODALITIES.map((m) => [
      m,
      fitCalibration(
        halves[m].calibration.map((p) => ({ distribution: restrictTo(p.distribution, labels), label: p.label })),
        labels,
      ),
    ]),
  ) as Record<StudyModality, Calibration>;
  const rawReports = Object.fromEntries(
    STUDY_MODALITIES.map((m) => [
      m,
      score(
        halves[m].calibration.map((p) => ({ truth: p.label, predicted: argmaxOver(p.distribution, labels) })),
        labels,
      ),
    ]),
  ) as Record<StudyModality, ReturnType<typeof score>>;
  const calibratedReports = Object.fromEntries(
    STUDY_MODALITIES.map((m) => [
      m,
      score(
        halves[m].calibration.map((p) => ({
          truth: p.label,
          predicted: argmaxOver(calibrate(restrictTo(p.distribution, labels), calibrations[m]), labels),
        })),
        labels,
      ),
    ]),
  ) as Record<StudyModality, ReturnType<typeof score>>;

  const models: Record<string, ModelReliability> = Object.fromEntries(
    STUDY_MODALITIES.map((m) => [
      sets[m].modelId,
      {
        macroF1: calibratedReports[m].macroF1,
        labels,
        calibration: calibrations[m],
        confusion: { labels, matrix: calibratedReports[m].matrix },
      },
    ]),
  );
  const config = fusionConfig({ pool: 'bayes', ...options.fusion, models });
  const noTrust: FusionConfig = { ...config, corruptionPrior: 0, corruptionSwitch: 0 };
  const confusionOnly: FusionConfig = {
    ...config,
    models: Object.fromEntries(Object.entries(models).map(([id, r]) => [id, { ...r, calibration: undefined }])),
  };
  // What the live gateway can configure today: the same pool from macro-F1 alone (no calibration, no confusion).
  const macroF1Only: FusionConfig = {
    ...config,
    models: Object.fromEntries(
      STUDY_MODALITIES.map((m) => [sets[m].modelId, { macroF1: rawReports[m].macroF1, labels }]),
    ),
  };
  // The rule before this study: weighted geometric pool, macro-F1 reliabilities, agreement, consistency.
  const previous = fusionConfig({
    models: Object.fromEntries(
      STUDY_MODALITIES.map((m) => [sets[m].modelId, { macroF1: rawReports[m].macroF1, labels }]),
    ),
  });

  const triples = drawTriples(sets, halves, labels, options);
  const order = shuffled(
    triples.map((_, i) => i),
    deriveSeed(options.seed, 3),
  );
  const conditions: Record<string, ConditionScore> = {};
  // One session per condition: readings 1000 s apart, so every reading of the previous triple is
  // stale and only the streams' trust carries over.
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
    conditions[name] = withCi(score(outcomes, labels));
  };

  for (const m of STUDY_MODALITIES) {
    conditions[`single:${m}`] = withCi(
      score(
        triples.map((t) => ({ truth: t.truth, predicted: argmaxOver(t.clean[m].distribution, labels) })),
        labels,
      ),
    );
    run(`single:${m}:calibrated`, (t) => [t.clean[m]]);
  }
  const all = (t: Triple) => STUDY_MODALITIES.map((m) => t.clean[m]);
  const degraded = (kind: (typeof DEGRADED_KINDS)[number], m: StudyModality) => (t: Triple) => {
    const rest = STUDY_MODALITIES.filter((o) => o !== m).map((o) => t.clean[o]);
    if (kind === 'missing') return rest;
    return [...rest, kind === 'corrupt-noise' ? t.noise[m] : t.wrong[m]];
  };
  run('fusion', all);
  for (const kind of DEGRADED_KINDS) for (const m of STUDY_MODALITIES) run(`${kind}:${m}`, degraded(kind, m));

  run('ablation:no-trust:fusion', all, noTrust);
  run('ablation:confusion-only:fusion', all, confusionOnly);
  run('ablation:previous-rule:fusion', all, previous);
  run('ablation:macro-f1-only:fusion', all, macroF1Only);
  for (const m of STUDY_MODALITIES) {
    for (const kind of DEGRADED_KINDS) run(`ablation:macro-f1-only:${kind}:${m}`, degraded(kind, m), macroF1Only);
    for (const kind of ['corrupt-noise', 'corrupt-wrong'] as const)
      run(`ablation:no-trust:${kind}:${m}`, degraded(kind, m), noTrust);
    for (const kind of DEGRADED_KINDS) run(`ablation:previous-rule:${kind}:${m}`, degraded(kind, m), previous);
  }

  const best = (ms: readonly StudyModality[]) =>
    ms
      .flatMap((m) => [`single:${m}`, `single:${m}:calibrated`])
      .map((name) => ({ name, accuracy: conditions[name].accuracy }))
      .sort((a, b) => b.accuracy - a.accuracy)[0];
  const checks: StudyCheck[] = [];
  const ablationChecks: StudyCheck[] = [];
  const check = (name: string, reference: { name: string; accuracy: number }, strict: boolean) => {
    const fusion = conditions[name].accuracy;
    (name.startsWith('ablation:') ? ablationChecks : checks).push({
      name,
      fusion,
      reference: reference.accuracy,
      referenceName: reference.name,
      margin: fusion - reference.accuracy,
      pass: strict ? fusion > reference.accuracy : fusion >= reference.accuracy,
    });
  };
  const prefixes = ['', ...new Set(Object.keys(conditions).flatMap((n) => n.match(/^ablation:[^:]+:/) ?? []))];
  for (const prefix of prefixes) {
    if (conditions[`${prefix}fusion`]) check(`${prefix}fusion`, best(STUDY_MODALITIES), true);
    for (const kind of DEGRADED_KINDS)
      for (const m of STUDY_MODALITIES)
        if (conditions[`${prefix}${kind}:${m}`])
          check(`${prefix}${kind}:${m}`, best(STUDY_MODALITIES.filter((o) => o !== m)), false);
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
    calibration: Object.fromEntries(
      STUDY_MODALITIES.map((m) => [
        m,
        {
          accuracy: rawReports[m].accuracy,
          macroF1: rawReports[m].macroF1,
          scale: calibrations[m].scale,
          argmaxBonus: calibrations[m].argmaxBonus,
          bias: Object.fromEntries(labels.map((l, k) => [l, calibrations[m].bias[k]])),
          n: calibrations[m].n,
        },
      ]),
    ) as FusionStudyResult['calibration'],
    conditions,
    checks,
    ablationChecks,
  };
}

type Triple = {
  truth: Emotion;
  clean: Record<StudyModality, AffectEstimate>;
  noise: Record<StudyModality, AffectEstimate>;
  wrong: Record<StudyModality, AffectEstimate>;
};

/** Per class, triplesPerClass draws (with replacement) from each modality's test half, and their corruptions. */
function drawTriples(
  sets: Record<StudyModality, HeldOutSet>,
  halves: Record<StudyModality, { test: Map<Emotion, HeldOutPrediction[]> }>,
  labels: readonly Emotion[],
  options: FusionStudyOptions,
): Triple[] {
  const random = seededRandom(deriveSeed(options.seed, 2));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const triples: Triple[] = [];
  for (const truth of labels)
    for (let i = 0; i < options.triplesPerClass; i++) {
      const t: Triple = { truth, clean: {}, noise: {}, wrong: {} } as Triple;
      for (const m of STUDY_MODALITIES) {
        const id = sets[m].modelId;
        t.clean[m] = toEstimate(restrictTo(pick(halves[m].test.get(truth) ?? []).distribution, labels), m, id);
        t.noise[m] = toEstimate(dirichlet(labels, random), m, id);
        t.wrong[m] = toEstimate(oneHot(pick(labels.filter((l) => l !== truth))), m, id);
      }
      triples.push(t);
    }
  return triples;
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

function toEstimate(distribution: EmotionDistribution, modality: StudyModality, modelId: string): AffectEstimate {
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

/** A random distribution (flat Dirichlet) over the labels, as a broken stream would send. */
function dirichlet(labels: readonly Emotion[], random: () => number): EmotionDistribution {
  const draws = labels.map(() => -Math.log(1 - random()));
  const total = draws.reduce((s, d) => s + d, 0);
  return Object.fromEntries(
    EMOTIONS.map((e) => [e, labels.includes(e) ? draws[labels.indexOf(e)] / total : 0]),
  ) as EmotionDistribution;
}

function oneHot(label: Emotion): EmotionDistribution {
  return Object.fromEntries(EMOTIONS.map((e) => [e, e === label ? 1 : 0])) as EmotionDistribution;
}

function argmaxOver(distribution: EmotionDistribution, labels: readonly Emotion[]): Emotion {
  return labels.reduce((best, l) => (distribution[l] > distribution[best] ? l : best), labels[0]);
}

function score(
  outcomes: readonly { truth: Emotion; predicted: Emotion }[],
  labels: readonly Emotion[],
): { accuracy: number; macroF1: number; n: number; matrix: number[][] } {
  const report = classificationReport(
    labels,
    outcomes.map((o) => labels.indexOf(o.truth)),
    outcomes.map((o) => labels.indexOf(o.predicted)),
  );
  return { accuracy: report.accuracy, macroF1: report.macroF1, n: report.n, matrix: report.confusion.matrix };
}

function withCi(s: { accuracy: number; macroF1: number; n: number }): ConditionScore {
  return { accuracy: s.accuracy, ci95: wilson(s.accuracy, s.n), macroF1: s.macroF1, n: s.n };
}

/** Wilson score interval (95%) of a proportion. */
export function wilson(p: number, n: number, z = 1.959964): [number, number] {
  if (n === 0) return [0, 1];
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
