import { FEATURE_CONFIG, FEATURE_LENGTH, FEATURE_NAMES, FRAME_FEATURES, SUMMARY_STATS } from './config';
import { extractFrames } from './frames';
import { StreamingFeatureExtractor, summariseFrames, utteranceFeatures, windowFeatures } from './summary';
import { concat, syntheticVowel, whiteNoise } from './test-signals';

describe('feature vector', () => {
  it('has a fixed, documented order: 21 frame descriptors x 5 statistics + 6 globals', () => {
    expect(FEATURE_LENGTH).toBe(FRAME_FEATURES.length * SUMMARY_STATS.length + 6);
    expect(FEATURE_LENGTH).toBe(111);
    expect(new Set(FEATURE_NAMES).size).toBe(FEATURE_LENGTH);
    expect(FEATURE_NAMES.slice(0, 6)).toEqual([
      'mfcc0.mean',
      'mfcc0.std',
      'mfcc0.p10',
      'mfcc0.p90',
      'mfcc0.deltaStd',
      'mfcc1.mean',
    ]);
    expect(FEATURE_NAMES.at(-1)).toBe('logEnergy.slope');
  });

  it('summarises only voiced frames: mean, std, percentiles and the std of consecutive deltas', () => {
    const width = FRAME_FEATURES.length;
    const values = new Float32Array(4 * width);
    [1, 2, 100, 4].forEach((v, i) => (values[i * width] = v)); // mfcc0; frame 2 is unvoiced
    const out = summariseFrames({ count: 4, width, values }, [true, true, false, true]);
    expect(out[0]).toBeCloseTo(7 / 3, 5); // mean of 1, 2, 4
    expect(out[1]).toBeCloseTo(Math.sqrt(((1 - 7 / 3) ** 2 + (2 - 7 / 3) ** 2 + (4 - 7 / 3) ** 2) / 3), 5);
    expect(out[4]).toBe(0); // one delta (2 - 1): std 0
    expect(out[FEATURE_NAMES.indexOf('voicedFraction')]).toBeCloseTo(0.75, 6);
    // two voiced runs (frames 0-1 and 3) in 4 frames = 40 ms
    expect(out[FEATURE_NAMES.indexOf('voicedRunRate')]).toBeCloseTo(50, 4);
  });

  it('gives a vowel a plausible F0 (semitones above 55 Hz) and a full voiced fraction', () => {
    const v = utteranceFeatures(syntheticVowel(1.5, 220), 16000)!;
    expect(v[FEATURE_NAMES.indexOf('f0.mean')]).toBeCloseTo(24, 0); // 220 Hz = 2 octaves above 55 Hz
    expect(v[FEATURE_NAMES.indexOf('voicedFraction')]).toBe(1);
    expect(v.every(Number.isFinite)).toBe(true);
  });

  it('resamples other rates to 16 kHz first (a 22.05 kHz vowel gives about the same vector)', () => {
    const at16 = utteranceFeatures(syntheticVowel(1.5, 150, 0.3, 16000), 16000)!;
    const at22 = utteranceFeatures(syntheticVowel(1.5, 150, 0.3, 22050), 22050)!;
    const f0 = FEATURE_NAMES.indexOf('f0.mean');
    expect(at22[f0]).toBeCloseTo(at16[f0], 1);
  });
});

describe('StreamingFeatureExtractor', () => {
  it('emits exactly the windows windowFeatures computes, whatever the chunk sizes', () => {
    const signal = concat(whiteNoise(4000, 0.001, 2), syntheticVowel(2.2, 180), whiteNoise(6000, 0.001, 4));
    const batch = windowFeatures(signal, FEATURE_CONFIG.sampleRate);
    const stream = new StreamingFeatureExtractor();
    const streamed = [];
    const sizes = [128, 4096, 333, 1000, 128, 2048];
    for (let at = 0, k = 0; at < signal.length; k++) {
      const size = sizes[k % sizes.length];
      streamed.push(...stream.push(signal.subarray(at, at + size)));
      at += size;
    }
    expect(streamed.map((w) => w.startFrame)).toEqual(batch.map((w) => w.startFrame));
    streamed.forEach((w, i) => {
      expect(w.vector === null).toBe(batch[i].vector === null);
      if (w.vector) expect([...w.vector]).toEqual([...batch[i].vector!]);
    });
    expect(batch.some((w) => w.vector !== null)).toBe(true);
  });

  it('frames of a chunked stream match the batch frames', () => {
    const signal = syntheticVowel(0.5, 120);
    expect(extractFrames(signal).count).toBe(Math.floor((8000 - 512) / 160) + 1);
  });
});
