/** Tempo and onset statistics of an onset-strength envelope. */
export interface Rhythm {
  tempoBpm: number;
  /** Normalised autocorrelation at the tempo's lag, 0..1: how clear the beat is. */
  pulseClarity: number;
  onsetsPerSec: number;
}

/**
 * Tempo from the autocorrelation of the onset envelope (spectral flux) over 60-180 BPM, with a
 * log-Gaussian prior around 120 BPM (Ellis 2007) against octave errors, refined by a parabola
 * through the neighbouring lags; onsets are local envelope maxima above mean + 1 sd, at most one
 * per 100 ms. Same method as demo/music/measure.mjs.
 */
export function estimateRhythm(envelope: ArrayLike<number>, framesPerSecond: number): Rhythm {
  const n = envelope.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += envelope[i];
  mean /= Math.max(1, n);
  const env = new Float64Array(n);
  for (let i = 0; i < n; i++) env[i] = envelope[i] - mean;
  const acf = (lag: number) => {
    let s = 0;
    for (let i = lag; i < n; i++) s += env[i] * env[i - lag];
    return s;
  };
  const zero = acf(0);
  if (n < 8 || zero <= 0) return { tempoBpm: 0, pulseClarity: 0, onsetsPerSec: 0 };
  let best = { lag: 0, clarity: 0, score: -Infinity };
  const minLag = Math.max(1, Math.ceil((framesPerSecond * 60) / 180));
  const maxLag = Math.min(n - 2, Math.floor((framesPerSecond * 60) / 60));
  for (let lag = minLag; lag <= maxLag; lag++) {
    const clarity = acf(lag) / zero;
    const score = clarity * Math.exp(-0.5 * Math.log2((60 * framesPerSecond) / lag / 120) ** 2);
    if (score > best.score) best = { lag, clarity, score };
  }
  const [a, b, c] = [acf(best.lag - 1), acf(best.lag), acf(best.lag + 1)];
  const curvature = a - 2 * b + c;
  const offset = curvature === 0 ? 0 : Math.max(-0.5, Math.min(0.5, (0.5 * (a - c)) / curvature));
  const tempoBpm = (60 * framesPerSecond) / (best.lag + offset);
  const sd = Math.sqrt(zero / n);
  let onsets = 0;
  let last = -Infinity;
  for (let t = 1; t < n - 1; t++) {
    const v = envelope[t];
    if (v > mean + sd && v >= envelope[t - 1] && v > envelope[t + 1] && t - last > framesPerSecond / 10) {
      onsets++;
      last = t;
    }
  }
  return { tempoBpm, pulseClarity: Math.max(0, best.clarity), onsetsPerSec: onsets / (n / framesPerSecond) };
}
