import { FEATURE_CONFIG } from './config';

/** A deterministic voiced signal (harmonics of f0 with a gentle vibrato) for tests and benches. */
export function syntheticVowel(
  seconds: number,
  f0 = 140,
  amplitude = 0.3,
  rate: number = FEATURE_CONFIG.sampleRate,
): Float32Array {
  const x = new Float32Array(Math.round(seconds * rate));
  let phase = 0;
  for (let i = 0; i < x.length; i++) {
    const t = i / rate;
    phase += (2 * Math.PI * f0 * (1 + 0.02 * Math.sin(2 * Math.PI * 5 * t))) / rate;
    let v = 0;
    for (let h = 1; h <= 12; h++) v += Math.sin(h * phase) / h;
    x[i] = (amplitude * v) / 2;
  }
  return x;
}

/** Seeded white noise (mulberry32). */
export function whiteNoise(samples: number, amplitude: number, seed = 1): Float32Array {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Float32Array.from({ length: samples }, () => amplitude * (2 * random() - 1));
}

export function concat(...parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
