import { downsample, extractMusicFeatures } from './music-features';

const RATE = 44100;

/** `seconds` of a sine at `hz` with amplitude `amp`, plus short noise bursts at `bpm`. */
function signal(seconds: number, hz: number, amp: number, bpm: number): Float32Array {
  const x = new Float32Array(RATE * seconds);
  let seed = 1;
  const noise = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
  for (let i = 0; i < x.length; i++) x[i] = amp * Math.sin((2 * Math.PI * hz * i) / RATE);
  for (let t = 0; t < seconds; t += 60 / bpm) {
    const start = Math.round(t * RATE);
    for (let i = 0; i < 800 && start + i < x.length; i++) x[start + i] += 0.5 * noise() * Math.exp(-i / 200);
  }
  return x;
}

describe('extractMusicFeatures', () => {
  it('measures tempo, loudness and brightness of a synthetic signal', () => {
    const f = extractMusicFeatures(signal(12, 440, 0.1, 110), RATE);
    expect(f.durationSec).toBeCloseTo(12, 5);
    expect(Math.abs(f.tempoBpm - 110)).toBeLessThan(4);
    // A 0.1-amplitude sine is -23.0 dBFS RMS, and Meyda's RMS is of the Hann-windowed frame
    // (sqrt(3/8): -4.3 dB): -27.3 dB; the bursts add a little.
    expect(f.loudnessDb).toBeGreaterThan(-27.5);
    expect(f.loudnessDb).toBeLessThan(-25);
    expect(f.centroidHz).toBeGreaterThan(300);
    expect(f.centroidHz).toBeLessThan(2500);
  });

  it('hears louder and busier music as more fluxy than a steady tone', () => {
    const steady = extractMusicFeatures(signal(6, 440, 0.1, 1e-6), RATE);
    const busy = extractMusicFeatures(signal(6, 440, 0.1, 160), RATE);
    expect(busy.flux).toBeGreaterThan(steady.flux * 2);
    expect(busy.onsetsPerSec).toBeGreaterThan(steady.onsetsPerSec);
  });

  it('downsamples 44.1 kHz by four with block means', () => {
    const { samples, sampleRate } = downsample(Float32Array.from([1, 1, 1, 1, 0, 0, 2, 2, 9]), 44100);
    expect(sampleRate).toBe(11025);
    expect([...samples]).toEqual([1, 1]);
  });

  it('returns finite numbers for silence', () => {
    const f = extractMusicFeatures(new Float32Array(RATE * 2), RATE);
    for (const [k, v] of Object.entries(f)) if (typeof v === 'number') expect([k, Number.isFinite(v)]).toEqual([k, true]);
  });
});
