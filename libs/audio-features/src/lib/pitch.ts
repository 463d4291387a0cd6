/**
 * F0 of one frame by normalised autocorrelation (the YIN/ACF family, without YIN's
 * cumulative-mean step): returns the frequency of the strongest lag in range and that
 * peak's normalised height (clarity). `f0` is 0 when the frame is not clearly periodic.
 */
export function estimatePitch(
  frame: Float32Array,
  sampleRate: number,
  minF0: number,
  maxF0: number,
  minClarity = 0.45,
): { f0: number; clarity: number } {
  const minLag = Math.max(2, Math.floor(sampleRate / maxF0));
  const maxLag = Math.min(frame.length - 2, Math.ceil(sampleRate / minF0));
  let mean = 0;
  for (let i = 0; i < frame.length; i++) mean += frame[i];
  mean /= frame.length;
  const x = new Float64Array(frame.length);
  for (let i = 0; i < frame.length; i++) x[i] = frame[i] - mean;
  // Prefix sums of squares give both energies of every lag in O(1).
  const squares = new Float64Array(x.length + 1);
  for (let i = 0; i < x.length; i++) squares[i + 1] = squares[i] + x[i] * x[i];
  let bestLag = 0;
  let best = 0;
  const scores = new Float32Array(maxLag + 2);
  for (let lag = minLag; lag <= maxLag + 1 && lag < x.length; lag++) {
    let cross = 0;
    const n = x.length - lag;
    for (let i = 0; i < n; i++) cross += x[i] * x[i + lag];
    const e1 = squares[n];
    const e2 = squares[x.length] - squares[lag];
    const score = e1 > 0 && e2 > 0 ? cross / Math.sqrt(e1 * e2) : 0;
    scores[lag] = score;
    if (lag <= maxLag && score > best) {
      best = score;
      bestLag = lag;
    }
  }
  if (bestLag === 0 || best < minClarity) return { f0: 0, clarity: Math.max(0, best) };
  // Prefer the shortest lag whose peak is nearly as high: avoids octave-down errors.
  for (let lag = minLag + 1; lag < bestLag; lag++) {
    const s = scores[lag];
    if (s > 0.9 * best && s >= scores[lag - 1] && s >= scores[lag + 1]) {
      bestLag = lag;
      break;
    }
  }
  // Parabolic interpolation around the peak for sub-sample lag precision.
  const a = scores[bestLag - 1] ?? 0;
  const b = scores[bestLag];
  const c = scores[bestLag + 1] ?? 0;
  const denom = a - 2 * b + c;
  const shift = denom !== 0 ? Math.max(-0.5, Math.min(0.5, (0.5 * (a - c)) / denom)) : 0;
  return { f0: sampleRate / (bestLag + shift), clarity: best };
}

/** Semitones above 55 Hz (A1): a log scale on which a voice's range is roughly linear. */
export function toSemitones(f0: number): number {
  return 12 * Math.log2(f0 / 55);
}
