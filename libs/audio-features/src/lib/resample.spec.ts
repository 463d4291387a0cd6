import { resample, StreamingResampler } from './resample';

function sine(freq: number, rate: number, seconds: number): Float32Array {
  return Float32Array.from(
    { length: Math.round(rate * seconds) },
    (_, i) => 0.5 * Math.sin((2 * Math.PI * freq * i) / rate),
  );
}

/** Amplitude of `freq` in x by projection onto sine and cosine (middle part, away from edges). */
function amplitudeAt(x: Float32Array, freq: number, rate: number): number {
  let s = 0;
  let c = 0;
  const from = Math.floor(x.length / 4);
  const to = Math.floor((3 * x.length) / 4);
  for (let i = from; i < to; i++) {
    s += x[i] * Math.sin((2 * Math.PI * freq * i) / rate);
    c += x[i] * Math.cos((2 * Math.PI * freq * i) / rate);
  }
  return (2 * Math.hypot(s, c)) / (to - from);
}

describe('resample', () => {
  it('keeps a 440 Hz tone at its frequency and level when going 22050 -> 16000 Hz', () => {
    const out = resample(sine(440, 22050, 0.5), 22050, 16000);
    expect(out.length).toBe(8000);
    expect(amplitudeAt(out, 440, 16000)).toBeCloseTo(0.5, 2);
  });

  it('removes content above the new Nyquist frequency instead of aliasing it', () => {
    const out = resample(sine(10000, 48000, 0.5), 48000, 16000);
    // 10 kHz would alias to 6 kHz at 16 kHz without the low-pass.
    expect(amplitudeAt(out, 6000, 16000)).toBeLessThan(0.01);
  });

  it('returns the input when the rates are equal', () => {
    const x = sine(100, 16000, 0.1);
    expect(resample(x, 16000, 16000)).toBe(x);
  });
});

describe('StreamingResampler', () => {
  it('equals resample on the concatenated chunks once past the first kernel width', () => {
    const x = sine(440, 48000, 0.3).map((v, i) => v + 0.1 * Math.sin(i * 0.37));
    const batch = resample(x, 48000, 16000);
    const stream = new StreamingResampler(48000, 16000);
    const parts: number[] = [];
    for (let at = 0, k = 0; at < x.length; at += [128, 2048, 777][k++ % 3])
      parts.push(...stream.push(x.subarray(at, at + [128, 2048, 777][k % 3])));
    // The stream holds back the last kernel half-width; everything it emitted matches.
    expect(parts.length).toBeGreaterThan(batch.length - 20);
    for (let n = 20; n < parts.length; n++) expect(parts[n]).toBeCloseTo(batch[n], 6);
  });
});
