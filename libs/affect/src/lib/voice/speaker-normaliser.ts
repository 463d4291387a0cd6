import type { Standardiser } from './standardiser';

/**
 * Per-speaker z-normalisation, learned without labels from the speaker's own windows: the
 * standard remedy for the fact that voices differ more between people than between one
 * person's emotions (Schuller et al., "Acoustic emotion recognition: a benchmark comparison
 * of performances", 2009). One instance per speaker (per live session); state is its running
 * sufficient statistics (n, sum, sum of squares).
 *
 * Until the speaker has spoken for a while the statistics are shrunk towards `prior` (the
 * average training speaker): the estimate is `(sum + k * priorMean) / (n + k)`, likewise for
 * the second moment, with `k = priorWeight` windows.
 */
export class SpeakerNormaliser {
  private n = 0;
  private readonly sum: Float64Array;
  private readonly sumSquares: Float64Array;

  constructor(
    private readonly prior: Standardiser,
    private readonly priorWeight = 10,
  ) {
    this.sum = new Float64Array(prior.mean.length);
    this.sumSquares = new Float64Array(prior.mean.length);
  }

  /** Exact statistics of a finished recording set (training, offline evaluation): no prior. */
  static fromRows(rows: readonly ArrayLike<number>[], prior: Standardiser): SpeakerNormaliser {
    const normaliser = new SpeakerNormaliser(prior, 0);
    normaliser.observe(rows);
    return normaliser;
  }

  /** Fixed statistics (offline evaluation of a whole folder of one speaker). */
  static fromStatistics(stats: Standardiser): SpeakerNormaliser {
    return new SpeakerNormaliser(stats, 1);
  }

  get observed(): number {
    return this.n;
  }

  observe(rows: readonly ArrayLike<number>[]): void {
    for (const row of rows) {
      if (row.length !== this.sum.length) throw new Error(`expected ${this.sum.length} features, got ${row.length}`);
      this.n++;
      for (let j = 0; j < row.length; j++) {
        this.sum[j] += row[j];
        this.sumSquares[j] += row[j] * row[j];
      }
    }
  }

  /** The current speaker statistics (shrunk towards the prior while few windows were seen). */
  statistics(): Standardiser {
    const k = this.priorWeight;
    const total = this.n + k;
    if (total === 0) return this.prior;
    const mean: number[] = [];
    const std: number[] = [];
    for (let j = 0; j < this.sum.length; j++) {
      const pm = this.prior.mean[j];
      const ps = this.prior.std[j];
      const m = (this.sum[j] + k * pm) / total;
      const second = (this.sumSquares[j] + k * (ps * ps + pm * pm)) / total;
      const sd = Math.sqrt(Math.max(0, second - m * m));
      mean.push(m);
      std.push(sd > 1e-8 ? sd : 1);
    }
    return { mean, std };
  }

  /** z-scores of rows against this speaker (statistics computed once for the batch). */
  normalise(rows: readonly ArrayLike<number>[]): Float32Array[] {
    const { mean, std } = this.statistics();
    return rows.map((row) => {
      const out = new Float32Array(mean.length);
      for (let j = 0; j < out.length; j++) out[j] = (row[j] - mean[j]) / std[j];
      return out;
    });
  }
}

/** The average speaker: mean over speakers of each speaker's mean and of each speaker's std. */
export function averageSpeaker(perSpeaker: readonly Standardiser[]): Standardiser {
  const width = perSpeaker[0].mean.length;
  const mean = new Array<number>(width).fill(0);
  const std = new Array<number>(width).fill(0);
  for (const s of perSpeaker)
    for (let j = 0; j < width; j++) {
      mean[j] += s.mean[j] / perSpeaker.length;
      std[j] += s.std[j] / perSpeaker.length;
    }
  return { mean, std };
}
