import { normalQuantile, normalSf } from './distributions';
import { mean, SufficientStats, varianceOfMean } from './sufficient-stats';

export interface BayesianResult {
  /** P(μ_treatment > μ_control | data) */
  chanceToBeat: number;
  /** posterior mean of μ_treatment − μ_control */
  diff: number;
  /** posterior sd of the difference */
  sd: number;
  /** central 95% credible interval of the difference */
  credibleLow: number;
  credibleHigh: number;
}

/**
 * Bayesian chance to beat control, as in GrowthBook's gbstats with an uninformative prior.
 * Model: each arm's mean μ has a flat prior and, by the central limit theorem, a normal
 * likelihood with variance s²/n taken as known (s = sample sd), so the posterior is
 * μ ~ N(x̄, s²/n), independently per arm. Then δ = μ_t − μ_c ~ N(x̄_t − x̄_c, s_t²/n_t + s_c²/n_c)
 * and chanceToBeat = P(δ > 0) = Φ((x̄_t − x̄_c)/√(s_t²/n_t + s_c²/n_c)).
 * It is on the absolute difference (gbstats also offers relative uplift; metrics here such as
 * mood shift can have a zero or negative control mean). "Beat" means higher: for a metric where
 * lower is better (skip rate) read 1 − chanceToBeat.
 */
export function chanceToBeatControl(treatment: SufficientStats, control: SufficientStats): BayesianResult {
  const diff = mean(treatment) - mean(control);
  const sd = Math.sqrt(varianceOfMean(treatment) + varianceOfMean(control));
  if (!(sd > 0)) {
    const chance = Number.isNaN(diff) || Number.isNaN(sd) ? NaN : diff > 0 ? 1 : diff < 0 ? 0 : 0.5;
    return { chanceToBeat: chance, diff, sd, credibleLow: diff, credibleHigh: diff };
  }
  const z = normalQuantile(0.975);
  return { chanceToBeat: normalSf(-diff / sd), diff, sd, credibleLow: diff - z * sd, credibleHigh: diff + z * sd };
}
