import { extractFrames } from './frames';
import { utteranceFeatures, windowFeatures } from './summary';
import { concat, syntheticVowel, whiteNoise } from './test-signals';
import { DEFAULT_VAD, detectVoice } from './vad';

describe('voice activity detection', () => {
  it('finds no voice in digital silence, so silence gives no vector at all', () => {
    const silence = new Float32Array(16000 * 2);
    expect(detectVoice(extractFrames(silence)).some(Boolean)).toBe(false);
    expect(utteranceFeatures(silence, 16000)).toBeNull();
    expect(windowFeatures(silence, 16000).every((w) => w.vector === null)).toBe(true);
  });

  it('finds no voice in quiet room noise or in steady white noise', () => {
    expect(utteranceFeatures(whiteNoise(32000, 0.001), 16000)).toBeNull();
    const noise = extractFrames(whiteNoise(32000, 0.05, 3));
    expect(detectVoice(noise).filter(Boolean).length).toBe(0);
  });

  it('marks a vowel between pauses as voice, with hangover after it and not long before it', () => {
    const pause = whiteNoise(8000, 0.0005, 5);
    const signal = concat(pause, syntheticVowel(1), pause);
    const voiced = detectVoice(extractFrames(signal));
    const first = voiced.indexOf(true);
    const last = voiced.lastIndexOf(true);
    // Frames are 10 ms apart and 32 ms long: the vowel spans frames ~48..150.
    expect(first).toBeGreaterThanOrEqual(46);
    expect(first).toBeLessThanOrEqual(52);
    expect(last).toBeGreaterThanOrEqual(148);
    expect(last).toBeLessThanOrEqual(150 + DEFAULT_VAD.hangoverFrames + 2);
    expect(voiced.slice(first, last + 1).every(Boolean)).toBe(true);
  });

  it('ignores a click shorter than the onset debounce', () => {
    const signal = new Float32Array(16000);
    for (let i = 8000; i < 8040; i++) signal[i] = 0.5 * Math.sin(i);
    expect(detectVoice(extractFrames(signal)).some(Boolean)).toBe(false);
  });
});
