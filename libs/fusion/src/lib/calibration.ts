import { EMOTIONS, type Emotion, type EmotionDistribution } from '@attune/protocol';

/**
 * A calibration map of one model's outputs, fitted on its held-out predictions: the calibrated
 * posterior over `labels` is softmax(scale * log p + argmaxBonus * [k is the model's top class]
 * + bias). scale alone is temperature scaling (scale = 1 / temperature); argmaxBonus alone is
 * naive Bayes on the model's hard decisions (a model whose confidence says little about being
 * right); the fit picks the mix its held-out data supports. Fitted with every class weighted
 * equally, so it is the posterior under a uniform class prior, i.e. proportional to the
 * likelihood p(reading | class): likelihoods of independent modalities multiply.
 */
export interface Calibration {
  labels: readonly Emotion[];
  /** Multiplier of log p (1 / temperature), >= 0. */
  scale: number;
  /** Log-odds added to the class the model ranks first. */
  argmaxBonus: number;
  /** Per class of `labels`; sums to 0. */
  bias: readonly number[];
  /** Held-out predictions it was fitted on. */
  n: number;
}

export interface CalibrationSample {
  distribution: EmotionDistribution;
  label: Emotion;
}

/** Below this a probability counts as this (log 0 would make one class impossible forever). */
const FLOOR = 1e-6;

/**
 * Scale, argmax bonus and per-class bias minimising the class-balanced negative log-likelihood
 * of the true labels (convex: the logits are linear in the parameters; projected gradient descent
 * with backtracking). A small L2 penalty on the bias keeps classes with few samples near 0.
 */
export function fitCalibration(
  samples: readonly CalibrationSample[],
  labels: readonly Emotion[],
  options: { l2?: number; iterations?: number } = {},
): Calibration {
  const l2 = options.l2 ?? 1e-2;
  const iterations = options.iterations ?? 300;
  const K = labels.length;
  const rows = samples
    .filter((s) => labels.includes(s.label))
    .map((s) => {
      const logs = logsOver(s.distribution, labels);
      return { logs, top: argmax(logs), y: labels.indexOf(s.label) };
    });
  const counts = labels.map((_, k) => rows.filter((r) => r.y === k).length);
  const present = counts.filter((c) => c > 0).length;
  if (rows.length === 0 || present === 0)
    return { labels: [...labels], scale: 1, argmaxBonus: 0, bias: labels.map(() => 0), n: 0 };
  const weightOf = (y: number) => 1 / (present * counts[y]);

  // Parameters: a = scale, c = argmax bonus, b[k].
  const logitsOf = (r: (typeof rows)[number], a: number, c: number, b: readonly number[]) =>
    r.logs.map((l, k) => a * l + (k === r.top ? c : 0) + b[k]);
  const loss = (a: number, c: number, b: readonly number[]) => {
    let total = 0;
    for (const r of rows) {
      const z = logitsOf(r, a, c, b);
      total += weightOf(r.y) * (logSumExp(z) - z[r.y]);
    }
    return total + l2 * b.reduce((s, v) => s + v * v, 0);
  };
  const gradient = (a: number, c: number, b: readonly number[]) => {
    let ga = 0;
    let gc = 0;
    const gb = b.map((v) => 2 * l2 * v);
    for (const r of rows) {
      const z = logitsOf(r, a, c, b);
      const lse = logSumExp(z);
      const w = weightOf(r.y);
      z.forEach((zk, k) => {
        const residual = Math.exp(zk - lse) - (k === r.y ? 1 : 0);
        ga += w * residual * r.logs[k];
        if (k === r.top) gc += w * residual;
        gb[k] += w * residual;
      });
    }
    return { ga, gc, gb };
  };

  let a = 1;
  let c = 0;
  let b = labels.map(() => 0);
  let current = loss(a, c, b);
  let step = 1;
  for (let i = 0; i < iterations; i++) {
    const g = gradient(a, c, b);
    const norm2 = g.ga * g.ga + g.gc * g.gc + g.gb.reduce((s, v) => s + v * v, 0);
    if (norm2 < 1e-14) break;
    let accepted = false;
    for (let tries = 0; tries < 40; tries++) {
      const na = Math.max(0, a - step * g.ga);
      const nc = c - step * g.gc;
      const nb = b.map((v, k) => v - step * g.gb[k]);
      const next = loss(na, nc, nb);
      // Armijo on the projected step: the decrease the gradient promises for the move made.
      const promised = (a - na) * g.ga + (c - nc) * g.gc + b.reduce((s, v, k) => s + (v - nb[k]) * g.gb[k], 0);
      if (promised > 0 && next <= current - 1e-4 * promised) {
        a = na;
        c = nc;
        b = nb;
        current = next;
        accepted = true;
        step *= 2;
        break;
      }
      step /= 2;
    }
    if (!accepted) break;
  }
  const mean = b.reduce((s, v) => s + v, 0) / K;
  return { labels: [...labels], scale: a, argmaxBonus: c, bias: b.map((v) => v - mean), n: rows.length };
}

/** The calibrated posterior over `calibration.labels` (uniform class prior); 0 elsewhere. */
export function calibrate(distribution: EmotionDistribution, calibration: Calibration): EmotionDistribution {
  const { labels, scale, argmaxBonus, bias } = calibration;
  const logs = logsOver(distribution, labels);
  const top = argmax(logs);
  const z = logs.map((l, k) => scale * l + (k === top ? argmaxBonus : 0) + (bias[k] ?? 0));
  const lse = logSumExp(z);
  const out = Object.fromEntries(EMOTIONS.map((e) => [e, 0])) as EmotionDistribution;
  labels.forEach((e, k) => (out[e] = Math.exp(z[k] - lse)));
  return out;
}

/** log of the distribution restricted to `labels` and renormalised, floored. */
function logsOver(distribution: EmotionDistribution, labels: readonly Emotion[]): number[] {
  const mass = labels.reduce((s, e) => s + Math.max(0, distribution[e] ?? 0), 0);
  return labels.map((e) =>
    Math.log(Math.max(FLOOR, mass > 0 ? Math.max(0, distribution[e] ?? 0) / mass : 1 / labels.length)),
  );
}

function argmax(values: readonly number[]): number {
  let best = 0;
  values.forEach((v, i) => {
    if (v > values[best]) best = i;
  });
  return best;
}

function logSumExp(z: readonly number[]): number {
  const max = Math.max(...z);
  return max + Math.log(z.reduce((s, v) => s + Math.exp(v - max), 0));
}
