/** Krumhansl-Kessler key profiles (C major, C minor): probe-tone ratings, Krumhansl 1990. */
const MAJOR = [6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88];
const MINOR = [6.33, 2.68, 3.52, 5.38, 2.6, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17];
const NOTES = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'];

export interface KeyMode {
  /** e.g. "D minor". */
  key: string;
  mode: 'major' | 'minor';
  /**
   * Best major-profile correlation minus best minor-profile correlation: positive leans major.
   * Mode is the strongest simple audio correlate of valence we compute; still only a proxy.
   */
  modeMargin: number;
}

/** Key and mode of a 12-bin chroma vector (index 0 = C) by correlation with rotated key profiles. */
export function estimateKeyMode(chroma: ArrayLike<number>): KeyMode {
  const major = bestTonic(chroma, MAJOR);
  const minor = bestTonic(chroma, MINOR);
  const isMajor = major.r >= minor.r;
  const tonic = isMajor ? major.tonic : minor.tonic;
  const margin = Number.isFinite(major.r - minor.r) ? major.r - minor.r : 0;
  return { key: `${NOTES[tonic]} ${isMajor ? 'major' : 'minor'}`, mode: isMajor ? 'major' : 'minor', modeMargin: margin };
}

function bestTonic(chroma: ArrayLike<number>, profile: readonly number[]): { tonic: number; r: number } {
  let best = { tonic: 0, r: -Infinity };
  for (let tonic = 0; tonic < 12; tonic++) {
    const rotated = profile.map((_, i) => profile[(i - tonic + 12) % 12]);
    const r = pearson(chroma, rotated);
    if (r > best.r) best = { tonic, r };
  }
  return best;
}

export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i];
    mb += b[i];
  }
  ma /= n;
  mb /= n;
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < n; i++) {
    num += (a[i] - ma) * (b[i] - mb);
    da += (a[i] - ma) ** 2;
    db += (b[i] - mb) ** 2;
  }
  return da === 0 || db === 0 ? 0 : num / Math.sqrt(da * db);
}
