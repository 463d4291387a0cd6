import { createRng } from '@attune/experiments';
import { EMOTIONS, type AffectEstimate, type Emotion, type EmotionDistribution, type Modality } from '@attune/protocol';
import { bayesPool, judgedTrust, likelihoodOf } from './bayes-pool';
import { calibrate, fitCalibration, type Calibration } from './calibration';
import { EMPTY_FUSED_STATE, observeEstimates, type FusedState } from './fused-state';
import { fusionConfig, type FusionConfig } from './fusion-config';
import { fuseEstimates } from './late-fusion';

const LABELS: Emotion[] = ['angry', 'fear', 'happy', 'sad'];

function over(values: readonly number[], labels: readonly Emotion[] = LABELS): EmotionDistribution {
  const total = values.reduce((a, b) => a + b, 0);
  return Object.fromEntries(
    EMOTIONS.map((e) => [e, labels.includes(e) ? values[labels.indexOf(e)] / total : 0]),
  ) as EmotionDistribution;
}

function reading(modality: Modality, distribution: EmotionDistribution, timestamp = 0): AffectEstimate {
  const top = EMOTIONS.reduce((b, e) => (distribution[e] > distribution[b] ? e : b), EMOTIONS[0]);
  return {
    modality,
    distribution,
    label: top,
    confidence: distribution[top],
    valence: 0,
    arousal: 0,
    modelId: `${modality}-model`,
    timestamp,
  };
}

function softmax(z: readonly number[]): number[] {
  const max = Math.max(...z);
  const e = z.map((v) => Math.exp(v - max));
  const total = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / total);
}

function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/**
 * A synthetic model whose readings are conditionally independent given the class: logits are
 * `separation` on the true class plus unit noise, reported at temperature 1/overconfidence.
 */
function model(separation: number, overconfidence: number, random: () => number) {
  return (truth: Emotion) =>
    over(softmax(LABELS.map((l) => overconfidence * ((l === truth ? separation : 0) + gaussian(random)))));
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

describe('fitCalibration', () => {
  it('recovers the temperature of an overconfident model and centres the bias', () => {
    const random = createRng(11);
    const samples = Array.from({ length: 2000 }, () => {
      const z = LABELS.map(() => 1.5 * gaussian(random));
      const p = softmax(z);
      let u = random();
      const k = p.findIndex((pk) => (u -= pk) < 0);
      const label = LABELS[k < 0 ? LABELS.length - 1 : k];
      return { label, distribution: over(softmax(z.map((v) => 2 * v))) };
    });
    const c = fitCalibration(samples, LABELS);
    expect(1 / c.scale).toBeGreaterThan(1.8);
    expect(1 / c.scale).toBeLessThan(2.2);
    expect(Math.abs(c.argmaxBonus)).toBeLessThan(0.3);
    expect(c.bias.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 10);
    expect(c.n).toBe(2000);
    const out = calibrate(samples[0].distribution, c);
    expect(LABELS.reduce((s, l) => s + out[l], 0)).toBeCloseTo(1, 12);
    expect(out.neutral).toBe(0);
  });

  it('learns naive Bayes on hard decisions when confidence says nothing about being right', () => {
    const random = createRng(5);
    const samples = Array.from({ length: 2000 }, (_, i) => {
      const label = LABELS[i % 4];
      const said = random() < 0.8 ? label : LABELS[Math.floor(random() * 4)];
      const peak = 0.4 + 0.55 * random();
      return { label, distribution: over(LABELS.map((l) => (l === said ? peak : (1 - peak) / 3))) };
    });
    const c = fitCalibration(samples, LABELS);
    // P(true = said) = 0.8 + 0.2 / 4 = 0.85 whatever the peak: all in the bonus, none in the scale.
    expect(c.scale).toBeLessThan(0.15);
    const low = calibrate(over([0.4, 0.2, 0.2, 0.2]), c);
    const high = calibrate(over([0.95, 0.05 / 3, 0.05 / 3, 0.05 / 3]), c);
    expect(low.angry).toBeGreaterThan(0.75);
    expect(high.angry).toBeLessThan(0.95);
  });

  it('gives a fixed, checkable map: softmax(scale log p + bonus [top] + b)', () => {
    const c: Calibration = { labels: ['happy', 'sad'], scale: 0.5, argmaxBonus: 0, bias: [0.5, -0.5], n: 0 };
    const out = calibrate(over([0.8, 0.2], ['happy', 'sad']), c);
    const zHappy = Math.log(0.8) / 2 + 0.5;
    const zSad = Math.log(0.2) / 2 - 0.5;
    expect(out.happy).toBeCloseTo(Math.exp(zHappy) / (Math.exp(zHappy) + Math.exp(zSad)), 5);
    expect(out.happy).toBeCloseTo(0.84464, 5);
    const bonus = calibrate(over([0.8, 0.2], ['happy', 'sad']), { ...c, argmaxBonus: 1 });
    expect(bonus.happy).toBeCloseTo(1 / (1 + Math.exp(-(zHappy + 1 - zSad))), 12);
  });
});

describe('bayes pool', () => {
  const l = (values: number[], labels: readonly Emotion[] = LABELS) => ({ labels, values });

  it('multiplies likelihoods, and a reading believed with probability 0 changes nothing', () => {
    const a = { likelihood: l([0.4, 0.3, 0.2, 0.1]), belief: 1 };
    const b = { likelihood: l([0.1, 0.2, 0.3, 0.4]), belief: 1 };
    const fused = bayesPool([a, b]);
    expect(fused.angry).toBeCloseTo(0.04 / 0.2, 5);
    expect(fused.fear).toBeCloseTo(0.06 / 0.2, 5);
    const ignored = { likelihood: l([0.97, 0.01, 0.01, 0.01]), belief: 0 };
    const without = bayesPool([a, b]);
    const withIgnored = bayesPool([a, b, ignored]);
    for (const e of LABELS) expect(withIgnored[e]).toBeCloseTo(without[e], 12);
  });

  it('lets a model abstain on classes it cannot output; classes nobody outputs get 0', () => {
    const text = { likelihood: l([0.25, 0.25, 0.25, 0.25]), belief: 1 };
    const face = { likelihood: l([0.1, 0.1, 0.1, 0.6, 0.1], ['angry', 'fear', 'happy', 'neutral', 'sad']), belief: 1 };
    const fused = bayesPool([text, face]);
    expect(EMOTIONS.reduce((b, e) => (fused[e] > fused[b] ? e : b), EMOTIONS[0])).toBe('neutral');
    expect(fused.surprise).toBe(0);
  });

  it('bounds what one reading can do by its belief: trust 0.05 cannot outvote two believed readings', () => {
    const honest = { likelihood: l([0.6, 0.2, 0.1, 0.1]), belief: 0.95 };
    const wrong = { likelihood: l([1e-6, 1e-6, 1 - 2e-6, 0]), belief: 0.05 };
    const fused = bayesPool([honest, honest, wrong]);
    expect(fused.angry).toBeGreaterThan(fused.happy);
    expect(bayesPool([honest, honest, { ...wrong, belief: 1 }]).happy).toBeGreaterThan(0.99);
  });

  it('updates trust by Bayes rule against the others (fixed reference value)', () => {
    const says = [
      [0.8, 0.2],
      [0.2, 0.8],
    ];
    const others = over([1, 0], ['happy', 'sad']);
    expect(judgedTrust('happy', says, ['happy', 'sad'], others, 0.9)).toBeCloseTo(0.72 / 0.77, 5);
    expect(judgedTrust('sad', says, ['happy', 'sad'], others, 0.9)).toBeCloseTo(0.18 / 0.23, 5);
    expect(judgedTrust('sad', says, ['happy', 'sad'], over([1], ['angry']), 0.9)).toBe(0.9);
  });

  it('reads a likelihood from macro-F1 when a model has neither calibration nor confusion matrix', () => {
    const c = fusionConfig({ pool: 'bayes', models: { 'text-model': { macroF1: 0.7, labels: LABELS } } });
    const lik = likelihoodOf(reading('text', over([1, 0, 0, 0])), c);
    expect(lik.values[0]).toBeCloseTo(0.7, 12);
    expect(lik.values[1]).toBeCloseTo(0.1, 12);
  });
});

describe('bayes fusion on conditionally independent modalities', () => {
  // Three synthetic models of different skill, each calibrated on its own held-out half: the
  // properties acceptance 2 asks of the real study, on data where they must hold.
  const random = createRng(2024);
  const makers = {
    face: model(1.0, 2.5, random),
    voice: model(1.8, 0.6, random),
    text: model(2.6, 1.4, random),
  };
  const modalities = ['face', 'voice', 'text'] as const;
  const draw = (n: number) =>
    Array.from({ length: n }, (_, i) => {
      const truth = LABELS[i % LABELS.length];
      return { truth, ...Object.fromEntries(modalities.map((m) => [m, makers[m](truth)])) } as {
        truth: Emotion;
      } & Record<(typeof modalities)[number], EmotionDistribution>;
    });
  const calibrationHalf = draw(800);
  const test = draw(1200);
  const config: FusionConfig = fusionConfig({
    pool: 'bayes',
    models: Object.fromEntries(
      modalities.map((m) => {
        const calibration = fitCalibration(
          calibrationHalf.map((t) => ({ distribution: t[m], label: t.truth })),
          LABELS,
        );
        const matrix = LABELS.map(() => LABELS.map(() => 0));
        for (const t of calibrationHalf) {
          const c = calibrate(t[m], calibration);
          matrix[LABELS.indexOf(t.truth)][LABELS.indexOf(argmax(c))]++;
        }
        return [`${m}-model`, { labels: LABELS, calibration, confusion: { labels: LABELS, matrix } }];
      }),
    ),
  });
  const noise = createRng(7);
  const session = (readingsOf: (t: (typeof test)[number]) => AffectEstimate[]) => {
    let state: FusedState = EMPTY_FUSED_STATE;
    let right = 0;
    const trust = { face: 0, voice: 0, text: 0 };
    test.forEach((t, step) => {
      state = observeEstimates(
        state,
        readingsOf(t).map((r) => ({ ...r, timestamp: step * 1e6 })),
        config,
      );
      if (state.instant && argmax(state.instant.distribution) === t.truth) right++;
      for (const m of modalities) trust[m] += (state.trust[m] ?? 0) / test.length;
    });
    return { accuracy: right / test.length, state, meanTrust: trust };
  };
  const single = (m: (typeof modalities)[number]) => test.filter((t) => argmax(t[m]) === t.truth).length / test.length;
  const clean = (t: (typeof test)[number], m: (typeof modalities)[number]) => reading(m, t[m]);
  const wrongOneHot = (t: (typeof test)[number], m: (typeof modalities)[number]) =>
    reading(m, over(LABELS.map((l) => (l === LABELS[(LABELS.indexOf(t.truth) + 1) % 4] ? 1 : 0))));
  const randomNoise = (m: (typeof modalities)[number]) => reading(m, over(LABELS.map(() => -Math.log(1 - noise()))));

  it('beats the best single modality', () => {
    const best = Math.max(...modalities.map(single));
    expect(session((t) => modalities.map((m) => clean(t, m))).accuracy).toBeGreaterThan(best);
  });

  it.each(modalities)('stays at or above the best remaining modality with %s missing, noisy or wrong', (gone) => {
    const rest = modalities.filter((m) => m !== gone);
    const best = Math.max(...rest.map(single));
    const others = (t: (typeof test)[number]) => rest.map((m) => clean(t, m));
    expect(session(others).accuracy).toBeGreaterThanOrEqual(best);
    expect(session((t) => [...others(t), randomNoise(gone)]).accuracy).toBeGreaterThanOrEqual(best);
    const wrong = session((t) => [...others(t), wrongOneHot(t, gone)]);
    expect(wrong.accuracy).toBeGreaterThanOrEqual(best);
    // Over the session: the wrong stream is distrusted, the honest ones are not.
    expect(wrong.meanTrust[gone]).toBeLessThan(0.1);
    for (const m of rest) expect(wrong.meanTrust[m]).toBeGreaterThan(0.5);
  });

  it('gives weights that sum to 1 and never mutates the state', () => {
    const s0 = deepFreeze(session((t) => modalities.map((m) => clean(t, m))).state);
    const copy = JSON.parse(JSON.stringify(s0));
    const s1 = observeEstimates(s0, [reading('text', over([0, 0, 1, 0]), 1e12)], config);
    expect(s0).toEqual(copy);
    expect(s1.contributions.reduce((s, c) => s + c.weight, 0)).toBeCloseTo(1, 12);
  });

  it('treats a stale reading like a missing one', () => {
    const t = test[0];
    const now = 1000 * config.halfLifeMs.face;
    const stale = { ...clean(t, 'face'), timestamp: 0 };
    const fresh = [clean(t, 'voice'), clean(t, 'text')].map((r) => ({ ...r, timestamp: now }));
    expect(fuseEstimates([stale, ...fresh], now, config).estimate).toEqual(fuseEstimates(fresh, now, config).estimate);
  });
});

function argmax(d: EmotionDistribution): Emotion {
  return LABELS.reduce((b, e) => (d[e] > d[b] ? e : b), LABELS[0]);
}
