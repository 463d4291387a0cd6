import { studentTQuantile, studentTSf } from './distributions';
import { mean, SufficientStats, varianceOfMean } from './sufficient-stats';

export interface WelchResult {
  /** mean(treatment) − mean(control) */
  diff: number;
  se: number;
  /** Welch–Satterthwaite degrees of freedom */
  df: number;
  t: number;
  /** two-sided */
  p: number;
  ciLow: number;
  ciHigh: number;
}

/**
 * Welch's unequal-variances t test and confidence interval for mean(treatment) − mean(control)
 * (scipy.stats.ttest_ind(treatment, control, equal_var=False)). NaN fields when either arm has
 * fewer than two values or both have zero variance.
 */
export function welchTest(treatment: SufficientStats, control: SufficientStats, confidence = 0.95): WelchResult {
  const v1 = varianceOfMean(treatment);
  const v2 = varianceOfMean(control);
  const diff = mean(treatment) - mean(control);
  const se = Math.sqrt(v1 + v2);
  const df = ((v1 + v2) * (v1 + v2)) / ((v1 * v1) / (treatment.n - 1) + (v2 * v2) / (control.n - 1));
  const t = diff / se;
  const valid = se > 0 && df > 0;
  const p = valid ? Math.min(1, 2 * studentTSf(Math.abs(t), df)) : NaN;
  const margin = valid ? studentTQuantile(0.5 + confidence / 2, df) * se : NaN;
  return { diff, se, df: valid ? df : NaN, t: valid ? t : NaN, p, ciLow: diff - margin, ciHigh: diff + margin };
}
