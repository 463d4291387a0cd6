import { EMOTIONS, type AffectEstimate, type Emotion, type EmotionDistribution, type Modality } from '@attune/protocol';
import { fusionConfig } from './fusion-config';
import {
  advanceTo,
  emaAlpha,
  EMPTY_FUSED_STATE,
  observeEstimate,
  observeEstimates,
  type FusedState,
} from './fused-state';
import { fuseEstimates } from './late-fusion';
import { calibratedDistribution, reliabilityOf } from './reliability';

function distribution(weights: Partial<Record<Emotion, number>>): EmotionDistribution {
  const total = Object.values(weights).reduce((s, v) => s + (v ?? 0), 0);
  return Object.fromEntries(EMOTIONS.map((e) => [e, (weights[e] ?? 0) / total])) as EmotionDistribution;
}

function estimate(
  modality: Modality,
  weights: Partial<Record<Emotion, number>>,
  timestamp: number,
  confidence = 0.8,
): AffectEstimate {
  return {
    modality,
    distribution: distribution(weights),
    label: 'happy',
    confidence,
    valence: 0.5,
    arousal: 0.2,
    modelId: `${modality}-model`,
    timestamp,
  };
}

const config = fusionConfig({
  models: {
    'face-model': { macroF1: 0.6, classes: 7 },
    'voice-model': { macroF1: 0.75, classes: 7 },
    'text-model': { macroF1: 0.85, labels: ['angry', 'fear', 'happy', 'sad', 'surprise'] },
  },
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

describe('reliabilityOf', () => {
  it('rescales macro-F1 so chance is 0 and perfect is 1 (skill) or 0.99 is 1 (log-odds)', () => {
    const face = estimate('face', { happy: 1 }, 0);
    expect(reliabilityOf(face, { ...config, reliabilityScale: 'skill' })).toBeCloseTo((0.6 - 1 / 7) / (1 - 1 / 7), 10);
    expect(reliabilityOf(face, { ...config, reliabilityScale: 'log-odds' })).toBeCloseTo(
      Math.log((0.6 * 6) / 0.4) / Math.log(99 * 6),
      10,
    );
    for (const reliabilityScale of ['skill', 'log-odds'] as const) {
      const atChance = fusionConfig({ reliabilityScale, models: { 'face-model': { macroF1: 1 / 7, classes: 7 } } });
      expect(reliabilityOf(face, atChance)).toBeCloseTo(0, 12);
    }
    expect(reliabilityOf({ ...estimate('face', { happy: 1 }, 0), modelId: 'unknown' }, config)).toBe(
      config.defaultReliability,
    );
  });

  it('uses the expected per-class precision of what the estimate claims', () => {
    const perClass = fusionConfig({
      models: { 'face-model': { perClassPrecision: { happy: 0.9, fear: 0.3 }, classes: 7 } },
    });
    const happy = reliabilityOf(estimate('face', { happy: 1 }, 0), perClass);
    const fear = reliabilityOf(estimate('face', { fear: 1 }, 0), perClass);
    expect(happy).toBeGreaterThan(fear);
  });
});

describe('calibratedDistribution', () => {
  it('spreads what a model says over the true classes it is confused with', () => {
    const c = fusionConfig({
      models: {
        'face-model': {
          confusion: {
            labels: ['fear', 'surprise'],
            matrix: [
              [5, 5],
              [0, 10],
            ],
          },
        },
      },
    });
    const d = calibratedDistribution(estimate('face', { surprise: 1 }, 0), c);
    expect(d.surprise).toBeCloseTo(11 / 17, 12);
    expect(d.fear).toBeCloseTo(6 / 17, 12);
    expect(calibratedDistribution(estimate('voice', { sad: 1 }, 0), c).sad).toBe(1);
  });
});

describe('fuseEstimates', () => {
  const face = estimate('face', { happy: 0.6, neutral: 0.4 }, 1000, 0.6);
  const voice = estimate('voice', { happy: 0.3, sad: 0.7 }, 1000, 0.7);
  const text = estimate('text', { happy: 0.9, sad: 0.1 }, 1000, 0.9);

  it.each(['linear', 'logarithmic'] as const)('gives contributions that sum to 1 (%s pool)', (pool) => {
    const fused = fuseEstimates([face, voice, text], 1500, { ...config, pool });
    expect(fused.contributions).toHaveLength(3);
    expect(fused.contributions.reduce((s, c) => s + c.weight, 0)).toBeCloseTo(1, 12);
    const d = fused.estimate?.distribution ?? distribution({});
    expect(EMOTIONS.reduce((s, e) => s + d[e], 0)).toBeCloseTo(1, 12);
    expect(fused.contributions.map((c) => c.estimate)).toEqual([face, voice, text]);
  });

  it('halves a stale modality weight every half-life', () => {
    const at = (now: number) =>
      fuseEstimates([face, text], now, config).contributions.find((c) => c.modality === 'face');
    const fresh = at(1000);
    const oneHalfLife = at(1000 + config.halfLifeMs.face);
    const twoHalfLives = at(1000 + 2 * config.halfLifeMs.face);
    expect(oneHalfLife?.rawWeight).toBeCloseTo((fresh?.rawWeight ?? 0) / 2, 12);
    expect(twoHalfLives?.rawWeight).toBeCloseTo((fresh?.rawWeight ?? 0) / 4, 12);
    expect(oneHalfLife?.weight ?? 1).toBeLessThan(fresh?.weight ?? 0);
  });

  it.each(['linear', 'logarithmic'] as const)(
    'gives the same result with a missing modality as without it (%s pool)',
    (pool) => {
      const c = { ...config, pool };
      const now = 1000 + 20 * config.halfLifeMs.face; // face far below minFreshness
      expect(fuseEstimates([face, voice, text], now, c).estimate).toEqual(
        fuseEstimates([voice, text], now, c).estimate,
      );
      const silent = { ...voice, confidence: 0 };
      expect(fuseEstimates([face, silent, text], 1000, c)).toEqual(fuseEstimates([face, text], 1000, c));
    },
  );

  it('lets a modality abstain on classes it cannot express instead of voting them down', () => {
    const neutralFace = estimate('face', { neutral: 0.9, happy: 0.1 }, 0, 0.9);
    const flatText = estimate('text', { happy: 0.2, sad: 0.2, angry: 0.2, fear: 0.2, surprise: 0.2 }, 0, 0.9);
    const fused = fuseEstimates([neutralFace, flatText], 0, config).estimate;
    expect(fused?.label).toBe('neutral');
  });

  it('takes weight from a modality that contradicts the other two, and changes nothing with two', () => {
    const happyFace = estimate('face', { happy: 0.8, sad: 0.2 }, 0, 0.8);
    const happyVoice = estimate('voice', { happy: 0.8, sad: 0.2 }, 0, 0.8);
    const sadText = estimate('text', { sad: 0.95, happy: 0.05 }, 0, 0.95);
    const textWeight = (agreement: number, list: AffectEstimate[]) =>
      fuseEstimates(list, 0, { ...config, agreement }).contributions.find((c) => c.modality === 'text')?.weight ?? 0;
    expect(textWeight(2, [happyFace, happyVoice, sadText])).toBeLessThan(
      textWeight(0, [happyFace, happyVoice, sadText]),
    );
    expect(textWeight(2, [happyFace, sadText])).toBeCloseTo(textWeight(0, [happyFace, sadText]), 12);
    expect(
      fuseEstimates([happyFace, happyVoice, sadText], 0, config).contributions.every(
        (c) => c.agreement > 0 && c.agreement <= 1 + 1e-12,
      ),
    ).toBe(true);
  });

  it('returns null and no contributions when nothing has weight', () => {
    expect(fuseEstimates([], 0, config)).toEqual({ estimate: null, contributions: [] });
    expect(fuseEstimates([{ ...face, confidence: 0 }], 0, config)).toEqual({ estimate: null, contributions: [] });
  });

  it('trusts the more reliable model when two disagree with equal confidence', () => {
    const happyFace = estimate('face', { happy: 0.8, sad: 0.2 }, 0, 0.8);
    const sadText = estimate('text', { sad: 0.8, happy: 0.2 }, 0, 0.8);
    expect(fuseEstimates([happyFace, sadText], 0, config).estimate?.label).toBe('sad');
  });
});

describe('fused state', () => {
  it('converges with time constant tau, however irregularly it is sampled', () => {
    const tau = config.smoothingTauMs;
    const a = estimate('face', { happy: 1 }, 0, 1);
    let state = observeEstimate(EMPTY_FUSED_STATE, a, config);
    const start = state.smoothed?.distribution.happy ?? 0;
    const b = estimate('text', { sad: 1 }, 1, 1);
    // From here only the text reading counts: a very long-lived text, a face gone stale at once.
    const c = fusionConfig({ ...config, halfLifeMs: { face: 1e-6, voice: 1e-6, text: 1e12 } });
    state = observeEstimate(state, b, c);
    const target = state.instant?.distribution.happy ?? 0;
    const after = (s: FusedState, times: number[]) => times.reduce((acc, t) => advanceTo(acc, t, c), s);
    const once = after(state, [1 + tau]);
    const irregular = after(state, [1 + 0.1 * tau, 1 + 0.15 * tau, 1 + 0.6 * tau, 1 + 0.61 * tau, 1 + tau]);
    const startAt1 = state.smoothed?.distribution.happy ?? 0;
    const remaining = (s: FusedState) => ((s.smoothed?.distribution.happy ?? 0) - target) / (startAt1 - target);
    expect(remaining(once)).toBeCloseTo(Math.exp(-1), 10);
    expect(remaining(irregular)).toBeCloseTo(Math.exp(-1), 10);
    expect(remaining(after(state, [1 + 5 * tau]))).toBeCloseTo(Math.exp(-5), 10);
    expect(start).toBeGreaterThan(0.9);
    expect(emaAlpha(tau, tau)).toBeCloseTo(1 - Math.exp(-1), 12);
  });

  it('never mutates the state it is given', () => {
    const s0 = deepFreeze(observeEstimate(EMPTY_FUSED_STATE, estimate('face', { happy: 1 }, 0), config));
    const copy = JSON.parse(JSON.stringify(s0));
    const s1 = observeEstimate(s0, estimate('text', { sad: 1 }, 100), config);
    const s2 = advanceTo(s1, 5000, config);
    expect(s0).toEqual(copy);
    expect(s1).not.toBe(s0);
    expect(s2.contributions.reduce((s, c) => s + c.weight, 0)).toBeCloseTo(1, 12);
  });

  it('drops a modality once it is stale and holds the smoothed state when nothing is left', () => {
    let state = observeEstimate(EMPTY_FUSED_STATE, estimate('face', { happy: 1 }, 0), config);
    state = observeEstimate(state, estimate('text', { sad: 1 }, 0), config);
    state = advanceTo(state, 10 * config.halfLifeMs.face, config);
    expect(Object.keys(state.latest)).toEqual(['text']);
    expect(state.contributions.map((c) => c.modality)).toEqual(['text']);
    const held = advanceTo(state, 1e9, config);
    expect(held.instant).toBeNull();
    expect(held.smoothed).toEqual(state.smoothed);
    expect(held.latest).toEqual({});
  });

  it('lowers the session consistency, and so the weight, of a stream that keeps contradicting the others', () => {
    let state = EMPTY_FUSED_STATE;
    for (let step = 0; step < 10; step++) {
      const at = step * 1e6;
      state = observeEstimates(
        state,
        [
          estimate('face', { happy: 0.7, sad: 0.3 }, at, 0.8),
          estimate('voice', { happy: 0.7, sad: 0.3 }, at, 0.8),
          estimate('text', { angry: 0.9, happy: 0.1 }, at, 0.9),
        ],
        config,
      );
    }
    const consistency = state.consistency;
    expect(consistency.text ?? 1).toBeLessThan(0.5);
    expect(consistency.text ?? 1).toBeLessThan(consistency.face ?? 0);
    const weightOf = (s: FusedState) => s.contributions.find((c) => c.modality === 'text')?.weight ?? 0;
    const fresh = observeEstimates(
      EMPTY_FUSED_STATE,
      [
        estimate('face', { happy: 0.7, sad: 0.3 }, 0, 0.8),
        estimate('voice', { happy: 0.7, sad: 0.3 }, 0, 0.8),
        estimate('text', { angry: 0.9, happy: 0.1 }, 0, 0.9),
      ],
      config,
    );
    expect(weightOf(state)).toBeLessThan(weightOf(fresh));
    expect(state.instant?.label).toBe('happy');
    const off = fusionConfig({ ...config, consistencyRate: 0 });
    expect(observeEstimates(EMPTY_FUSED_STATE, [estimate('text', { sad: 1 }, 0)], off).consistency).toEqual({});
  });

  it('ignores an estimate older than the modality reading it already holds', () => {
    const s1 = observeEstimate(EMPTY_FUSED_STATE, estimate('face', { happy: 1 }, 1000), config);
    expect(observeEstimate(s1, estimate('face', { sad: 1 }, 500), config)).toBe(s1);
  });
});
