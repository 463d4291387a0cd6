"""Reference values for the @attune/experiments specs, computed with SciPy.

Run from this folder:  python3 make-reference.py > /tmp/ref.json && mv /tmp/ref.json reference-values.json
Every entry records the exact Python expression that produced its expected value ("python"),
evaluated below with the data sets of DATA in scope. SciPy 1.17.1, NumPy 2.4.6.
"""
import json
import numpy as np
import scipy
from scipy import stats, optimize

# Fixed data sets. "large_*" come from a seeded NumPy generator, rounded so they can be stored.
_rng = np.random.default_rng(20261121)
DATA = {
    # unequal variances and unequal n
    "uneq_control": [4.1, 5.3, 3.8, 4.9, 5.0, 4.4, 6.1, 3.5, 4.7, 5.2, 4.0, 4.8],
    "uneq_treatment": [6.9, 3.2, 8.4, 5.5, 7.7, 2.9, 9.1, 6.0, 4.3, 7.2, 8.8, 5.1, 6.6, 3.9, 7.0, 9.6, 4.8, 6.3, 5.9, 8.1],
    # 1..5 ratings: heavy ties
    "ties_control": [3, 4, 2, 3, 5, 3, 4, 1, 3, 2, 4, 3, 3, 5, 2],
    "ties_treatment": [4, 5, 3, 4, 5, 4, 3, 5, 4, 2, 5, 4, 4, 3, 5, 4, 5, 3],
    # tiny samples
    "tiny_control": [0.2, 0.9],
    "tiny_treatment": [1.1, 0.4, 1.7],
    # a larger seeded set, 0/1-ish skewed metric and a continuous one
    "large_control": [round(float(v), 4) for v in _rng.gamma(2.0, 1.5, 240)],
    "large_treatment": [round(float(v), 4) for v in _rng.gamma(2.3, 1.5, 180)],
    # one value shared by both arms (all ties)
    "flat_control": [3.0, 3.0, 3.0],
    "flat_treatment": [3.0, 3.0],
}
PAIRS = ["uneq", "ties", "tiny", "large"]


def welch(pair):
    t, c = DATA[pair + "_treatment"], DATA[pair + "_control"]
    r = stats.ttest_ind(t, c, equal_var=False)
    ci = r.confidence_interval(0.95)
    return {"t": r.statistic, "p": r.pvalue, "df": r.df, "ciLow": ci.low, "ciHigh": ci.high,
            "diff": float(np.mean(t) - np.mean(c))}


def mwu(pair):
    t, c = DATA[pair + "_treatment"], DATA[pair + "_control"]
    r = stats.mannwhitneyu(t, c, alternative="two-sided", method="asymptotic", use_continuity=True)
    return {"u": r.statistic, "p": r.pvalue}


def summary(xs):
    return {"n": len(xs), "mean": float(np.mean(xs)), "sd": float(np.std(xs, ddof=1)) if len(xs) > 1 else None}


def chance_to_beat(pair):
    # the model of bayesian.ts: independent normal posteriors N(mean, s^2/n) per arm
    t, c = np.array(DATA[pair + "_treatment"]), np.array(DATA[pair + "_control"])
    diff = t.mean() - c.mean()
    sd = np.sqrt(t.var(ddof=1) / len(t) + c.var(ddof=1) / len(c))
    return stats.norm.sf(0, loc=diff, scale=sd)


def holm(p):
    # Holm step-down, written out (statsmodels is not installed here); checked by hand in the spec too
    p = np.asarray(p, float)
    order = np.argsort(p)
    m = len(p)
    adj = np.maximum.accumulate(np.minimum(1, (m - np.arange(m)) * p[order]))
    out = np.empty(m)
    out[order] = adj
    return out.tolist()


def normal_power(d, n, alpha=0.05, ratio=1.0):
    # statsmodels NormalIndPower.power, two-sided, restated with scipy.stats.norm
    nobs = 1 / (1 / n + 1 / (ratio * n))
    crit = stats.norm.isf(alpha / 2)
    return stats.norm.sf(crit - d * np.sqrt(nobs)) + stats.norm.cdf(-crit - d * np.sqrt(nobs))


def normal_n(d, power, alpha=0.05, ratio=1.0):
    # statsmodels NormalIndPower.solve_power(nobs1=None, ...)
    return optimize.brentq(lambda n: normal_power(d, n, alpha, ratio) - power, 1e-6, 1e9, xtol=1e-12, rtol=1e-14)


def t_power(d, n, alpha=0.05, ratio=1.0):
    # statsmodels TTestIndPower.power, two-sided, restated with scipy.stats.t / nct
    df = n * (1 + ratio) - 2
    nobs = 1 / (1 / n + 1 / (ratio * n))
    crit = stats.t.isf(alpha / 2, df)
    nc = d * np.sqrt(nobs)
    return stats.nct.sf(crit, df, nc) + stats.nct.cdf(-crit, df, nc)


def t_n(d, power, alpha=0.05, ratio=1.0):
    # statsmodels TTestIndPower.solve_power(nobs1=None, ...)
    return optimize.brentq(lambda n: t_power(d, n, alpha, ratio) - power, 3 / (1 + ratio), 2 * normal_n(d, power, alpha, ratio) + 10, xtol=1e-12, rtol=1e-14)


EXPRESSIONS = {}
for x in [-38, -10, -5, -1.5, -1e-3, 0, 0.3, 2, 7]:
    EXPRESSIONS[f"normal.cdf({x})"] = f"stats.norm.cdf({x})"
for q in [1e-300, 1e-12, 1e-5, 0.025, 0.3, 0.5, 0.975, 0.999999]:
    EXPRESSIONS[f"normal.ppf({q})"] = f"stats.norm.ppf({q})"
for df in [1, 2.5, 5, 30, 1000]:
    for x in [-40, -3, -0.5, 0, 0.1, 1.96, 8]:
        EXPRESSIONS[f"t.cdf({x}, {df})"] = f"stats.t.cdf({x}, {df})"
        EXPRESSIONS[f"t.sf({x}, {df})"] = f"stats.t.sf({x}, {df})"
    for q in [1e-10, 0.025, 0.2, 0.5, 0.975, 0.999]:
        EXPRESSIONS[f"t.ppf({q}, {df})"] = f"stats.t.ppf({q}, {df})"
for df in [1, 2, 3, 10, 100]:
    for x in [0.001, 0.5, 3.84, 20, 150]:
        EXPRESSIONS[f"chi2.cdf({x}, {df})"] = f"stats.chi2.cdf({x}, {df})"
        EXPRESSIONS[f"chi2.sf({x}, {df})"] = f"stats.chi2.sf({x}, {df})"
    for q in [1e-8, 0.05, 0.5, 0.95, 0.999]:
        EXPRESSIONS[f"chi2.ppf({q}, {df})"] = f"stats.chi2.ppf({q}, {df})"
for pair in PAIRS + ["flat"]:
    EXPRESSIONS[f"summary {pair}_control"] = f"summary(DATA['{pair}_control'])"
    EXPRESSIONS[f"summary {pair}_treatment"] = f"summary(DATA['{pair}_treatment'])"
    EXPRESSIONS[f"mannwhitney {pair}"] = f"mwu('{pair}')"
for pair in PAIRS:
    EXPRESSIONS[f"welch {pair}"] = f"welch('{pair}')"
    EXPRESSIONS[f"chanceToBeat {pair}"] = f"chance_to_beat('{pair}')"
EXPRESSIONS["srm 2 arms"] = "(lambda r: {'chi2': r.statistic, 'p': r.pvalue})(stats.chisquare([5123, 4877], f_exp=[5000, 5000]))"
EXPRESSIONS["srm 3 arms"] = "(lambda r: {'chi2': r.statistic, 'p': r.pvalue})(stats.chisquare([210, 395, 395], f_exp=[200, 400, 400]))"
EXPRESSIONS["srm severe"] = "(lambda r: {'chi2': r.statistic, 'p': r.pvalue})(stats.chisquare([60, 140], f_exp=[100, 100]))"
# the analysis fixture of experiment-analysis.spec.ts and the CLI spec: arms A (control), B, C
# have 15, 20 and 3 distinct participants, weights 1:1:1
EXPRESSIONS["srm analysis"] = "(lambda r: {'chi2': r.statistic, 'p': r.pvalue})(stats.chisquare([15, 20, 3], f_exp=[38 / 3] * 3))"
EXPRESSIONS["srm analysis 2:1:1"] = "(lambda r: {'chi2': r.statistic, 'p': r.pvalue})(stats.chisquare([15, 20, 3], f_exp=[19, 9.5, 9.5]))"
EXPRESSIONS["welch C vs A ties"] = "(lambda r: {'p': r.pvalue, 'diff': float(np.mean(DATA['tiny_treatment']) - np.mean(DATA['ties_control']))})(stats.ttest_ind(DATA['tiny_treatment'], DATA['ties_control'], equal_var=False))"
EXPRESSIONS["mannwhitney C vs A ties"] = "stats.mannwhitneyu(DATA['tiny_treatment'], DATA['ties_control'], alternative='two-sided', method='asymptotic', use_continuity=True).pvalue"
EXPRESSIONS["holm"] = "holm([0.01, 0.04, 0.03, 0.005])"
EXPRESSIONS["holm large"] = "holm([0.2, 0.6, 0.45, 0.01, 0.3])"
EXPRESSIONS["percentile"] = "np.percentile(np.sort(DATA['uneq_treatment']), [2.5, 50, 97.5]).tolist()"
EXPRESSIONS["bootstrap large"] = ("(lambda r: {'low': r.confidence_interval.low, 'high': r.confidence_interval.high})"
    "(stats.bootstrap((np.array(DATA['large_treatment']), np.array(DATA['large_control'])), "
    "lambda t, c, axis=-1: np.mean(t, axis=axis) - np.mean(c, axis=axis), method='percentile', "
    "n_resamples=20000, rng=np.random.default_rng(1)))")
for d, pw, alpha, ratio in [(0.5, 0.8, 0.05, 1.0), (0.2, 0.9, 0.01, 1.0), (1.2, 0.8, 0.05, 1.0), (0.3, 0.8, 0.05, 2.0)]:
    EXPRESSIONS[f"normal_n({d}, {pw}, {alpha}, {ratio})"] = f"normal_n({d}, {pw}, {alpha}, {ratio})"
for d, n, alpha, ratio in [(0.5, 64, 0.05, 1.0), (0.2, 100, 0.05, 1.0), (0.3, 50, 0.01, 3.0)]:
    EXPRESSIONS[f"normal_power({d}, {n}, {alpha}, {ratio})"] = f"normal_power({d}, {n}, {alpha}, {ratio})"
for d, n in [(0.5, 64), (1.0, 17), (0.8, 26)]:
    EXPRESSIONS[f"t_power({d}, {n})"] = f"t_power({d}, {n})"
for d, n, alpha, ratio in [(0.5, 64, 0.05, 1.0), (1.0, 5, 0.05, 1.0), (0.3, 50, 0.01, 3.0)]:
    EXPRESSIONS[f"t_power({d}, {n}, {alpha}, {ratio})"] = f"t_power({d}, {n}, {alpha}, {ratio})"
for d, pw, alpha, ratio in [(0.5, 0.8, 0.05, 1.0), (0.2, 0.9, 0.01, 1.0), (1.2, 0.8, 0.05, 1.0), (2.5, 0.9, 0.05, 1.0), (0.3, 0.8, 0.05, 2.0)]:
    EXPRESSIONS[f"t_n({d}, {pw}, {alpha}, {ratio})"] = f"t_n({d}, {pw}, {alpha}, {ratio})"
for t, df, nc in [(1.5, 10, 1), (-1.5, 10, 1), (2.0, 30, 2.5), (-2.0, 30, 2.5), (0, 5, 1), (1.98, 126, 2.83), (3, 4.5, -1), (10, 20, 8), (0.5, 1, 0.3), (2.1, 2000, 0), (25, 60, 20)]:
    EXPRESSIONS[f"nct.cdf({t}, {df}, {nc})"] = f"stats.nct.cdf({t}, {df}, {nc})"


def plain(v):
    if isinstance(v, dict):
        return {k: plain(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [plain(x) for x in v]
    if v is None:
        return None
    f = float(v)
    return None if np.isnan(f) else (f if np.isfinite(f) else ("Infinity" if f > 0 else "-Infinity"))


out = {
    "generator": f"make-reference.py with SciPy {scipy.__version__}, NumPy {np.__version__}",
    "data": DATA,
    "values": {name: {"python": expr, "expected": plain(eval(expr))} for name, expr in EXPRESSIONS.items()},
}
print(json.dumps(out, indent=1))
