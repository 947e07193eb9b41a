#!/usr/bin/env python3
"""Reference risk metrics for the TradeSim risk-metrics tests, from empyrical.

What it writes (paths relative to Tests/TradeSimTests/Fixtures/)
    series/normal.csv          504 returns ~ N(0.0004, 0.012^2), default_rng(1)
    series/fat_tailed.csv      504 returns, 0.0003 + Student-t(3) scaled to
                               sd 0.015 (scale 0.015/sqrt(3)), default_rng(2)
    series/crash.csv           300 returns, default_rng(3): 150 calm days
                               N(0.0006, 0.008^2), a 10-day crash (rows
                               151..160) with uniform[-9%, -4%] moves, then 140
                               days of partial recovery N(0.0015, 0.010^2).
                               The crash drawdown is NOT recovered by the end
                               (asserted below).
    series/no_losing_day.csv   120 returns uniform in [0.0001, 0.004], default_rng(4)
    series/short.csv           12 returns N(0.0005, 0.012^2), default_rng(5)
                               (asserted to contain gains and losses)
    series/equity_levels.csv   date,equity: 1,000,000 on the business day before
                               the first normal.csv date, then
                               1,000,000 * cumprod(1 + normal returns).
                               Its pct_change equals normal.csv to rounding
                               (asserted to 1e-13 absolute).
    empyrical_metrics.csv      series,metric,value -- one row per series x metric.

    Series files have header `date,return`; dates are consecutive weekdays
    (pandas bdate_range) starting Monday 2022-01-03; every number is written
    with Python repr() (shortest round-trip), so the files reproduce the exact
    doubles. The metrics are computed from the values read back from the CSVs.
    An empty value cell means the result is NaN or +-inf (undefined).

Versions
    empyrical-reloaded 0.7.1 (import name `empyrical`; bottleneck 1.6.0 is
    installed, so empyrical's nanmean/nanstd are bottleneck's), numpy 2.4.6,
    scipy 1.17.1, pandas 3.1.1, Python 3.11.7.

How to rerun (from the repository root)
    /tmp/venv/bin/pip install empyrical-reloaded numpy scipy pandas
    /tmp/venv/bin/python Tests/References/empyrical_metrics.py

-------------------------------------------------------------------------------
Formulas as implemented by the installed empyrical-reloaded 0.7.1
(empyrical/stats.py), r = r_1..r_N the simple returns, defaults
period='daily' -> A = 252, risk_free = 0, required_return = 0, cutoff = 0.05.

annual_return(r)     = prod(1 + r_i) ** (1 / (N / 252)) - 1
                       (CAGR; years = N / 252, i.e. number of returns / 252,
                       no start row counted; product via np.nanprod; NaN if N=0)
annual_volatility(r) = std(r, ddof=1) * 252 ** (1 / 2.0)
                       (sample std, bottleneck nanstd ddof=1; alpha = 2;
                       NaN if N < 2)
sharpe_ratio(r, rf)  = mean(r - rf) / std(r - rf, ddof=1) * sqrt(252)
                       (rf per period; std forced to exactly 0 when all values
                       are equal -> +-inf/NaN; NaN if N < 2)
downside_risk(r, T)  = sqrt( mean( min(r_i - T, 0)^2 ) ) * sqrt(252)
                       (mean over ALL N observations, divisor N; values above
                       T contribute 0; T per period)
sortino_ratio(r, T)  = mean(r - T) * 252 / downside_risk(r, T)
                       (arithmetic mean * 252 in the numerator, not CAGR;
                       +inf when no observation is below T; NaN if N < 2)
max_drawdown(r)      = min_t (C_t - M_t) / M_t  over t = 0..N, with
                       C_0 = 100 PREPENDED as the start value,
                       C_t = 100 * prod_{i<=t}(1 + r_i), M_t = max_{s<=t} C_s
                       (np.fmax.accumulate). The start counts as a peak, so a
                       first-day loss is a drawdown. <= 0; 0 if never below peak.
calmar_ratio(r)      = annual_return(r) / |max_drawdown(r)| if max_drawdown < 0,
                       else NaN; an infinite result is also returned as NaN.
omega_ratio(r, rf, R)= sum(d_i for d_i > 0) / -sum(d_i for d_i < 0),
                       d_i = r_i - rf - thr, thr = (1 + R) ** (1/252) - 1
                       (R is an ANNUAL required return converted geometrically
                       with annualization=252; thr = R if annualization == 1;
                       NaN if R <= -1, if the denominator is 0, or N < 2;
                       Python builtin sum, strict > 0 / < 0 so d_i = 0 ignored)
tail_ratio(r)        = |percentile(r, 95)| / |percentile(r, 5)|
                       (np.percentile default method 'linear': sorted x,
                       position h = (N - 1) * q / 100, x[floor h] +
                       (h - floor h) * (x[floor h + 1] - x[floor h]))
stability_of_timeseries(r) = R^2 of OLS (scipy.stats.linregress) of
                       y_t = cumsum(log1p(r))_t on x_t = t, t = 0..N-1
                       (no prepended zero; R^2 = rvalue ** 2; NaN if N < 2)
value_at_risk(r, c)  = percentile(r, 100 * c), np.percentile 'linear' as
                       above, i.e. h = (N - 1) * 0.05 (a negative return)
conditional_value_at_risk(r, c) = mean of the k + 1 smallest returns,
                       k = int((N - 1) * c) (float product truncated toward 0;
                       the value AT index k is included). N=504 -> k=25 (26
                       values), N=300 -> k=14, N=120 -> k=5, N=12 -> k=0 (min).
                       NaNs removed first.

Not from empyrical (this script):
skew      = scipy.stats.skew(r, bias=True)        = m3 / m2^1.5 (population moments)
kurtosis  = scipy.stats.kurtosis(r, fisher=True, bias=True) = m4 / m2^2 - 3
var95_gaussian  = mu + sigma * Phi^-1(0.05)
cvar95_gaussian = mu - sigma * phi(Phi^-1(0.05)) / 0.05
                  mu = mean(r), sigma = std(r, ddof=1); scipy.stats.norm.ppf/pdf.
max_drawdown_duration: see max_drawdown_duration() below.

Extra non-default-argument rows:
sharpe_ratio_rf   = sharpe_ratio(r, risk_free=0.0001)            (per period)
omega_ratio_req   = omega_ratio(r, required_return=0.05)         (annual -> per
                    period threshold (1.05) ** (1/252) - 1)
sortino_ratio_req = sortino_ratio(r, required_return=0.0002)     (per period;
                    both numerator and downside risk use 0.0002)

The script also recomputes every empyrical metric from the formulas above in
plain numpy (self-check, relative agreement 1e-12) so that the formula
description is verified against the installed library, not just read.
"""

import csv
import math
import os

import numpy as np
import pandas as pd
import scipy
import scipy.stats as st

import empyrical as ep

HERE = os.path.dirname(os.path.abspath(__file__))
FIX = os.path.normpath(os.path.join(HERE, "..", "TradeSimTests", "Fixtures"))
SERIES_DIR = os.path.join(FIX, "series")
OUT_METRICS = os.path.join(FIX, "empyrical_metrics.csv")

START_DATE = "2022-01-03"  # a Monday
SERIES_NAMES = ["normal", "fat_tailed", "crash", "no_losing_day", "short"]
METRICS = [
    "annual_return", "annual_volatility", "sharpe_ratio", "sortino_ratio",
    "downside_risk", "max_drawdown", "calmar_ratio", "omega_ratio",
    "tail_ratio", "stability_of_timeseries", "value_at_risk",
    "conditional_value_at_risk", "skew", "kurtosis", "var95_gaussian",
    "cvar95_gaussian", "max_drawdown_duration", "sharpe_ratio_rf",
    "omega_ratio_req", "sortino_ratio_req",
]
RF_PER_PERIOD = 0.0001
OMEGA_REQ_ANNUAL = 0.05
SORTINO_REQ_PER_PERIOD = 0.0002


# --------------------------------------------------------------------------
# Series generation
# --------------------------------------------------------------------------

def gen_normal():
    rng = np.random.default_rng(1)
    return rng.normal(0.0004, 0.012, 504)


def gen_fat_tailed():
    rng = np.random.default_rng(2)
    df = 3
    scale = 0.015 / math.sqrt(df / (df - 2))   # t(3) has variance 3
    return 0.0003 + scale * rng.standard_t(df, 504)


def gen_crash():
    rng = np.random.default_rng(3)
    calm = rng.normal(0.0006, 0.008, 150)
    crash = rng.uniform(-0.09, -0.04, 10)
    recovery = rng.normal(0.0015, 0.010, 140)
    return np.concatenate([calm, crash, recovery])


def gen_no_losing_day():
    rng = np.random.default_rng(4)
    return rng.uniform(0.0001, 0.004, 120)


def gen_short():
    rng = np.random.default_rng(5)
    return rng.normal(0.0005, 0.012, 12)


GENERATORS = {
    "normal": gen_normal,
    "fat_tailed": gen_fat_tailed,
    "crash": gen_crash,
    "no_losing_day": gen_no_losing_day,
    "short": gen_short,
}


def dates(n, start=START_DATE):
    return [d.strftime("%Y-%m-%d") for d in pd.bdate_range(start, periods=n)]


def write_series(name, values):
    path = os.path.join(SERIES_DIR, name + ".csv")
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["date", "return"])
        for d, v in zip(dates(len(values)), values):
            w.writerow([d, repr(float(v))])
    return path


def read_series(name):
    path = os.path.join(SERIES_DIR, name + ".csv")
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    return np.array([float(r["return"]) for r in rows], dtype=np.float64)


def write_equity(normal_returns):
    first = pd.Timestamp(START_DATE) - pd.offsets.BDay(1)
    ds = [first.strftime("%Y-%m-%d")] + dates(len(normal_returns))
    levels = [1_000_000.0] + list(1_000_000.0 * np.cumprod(1.0 + normal_returns))
    path = os.path.join(SERIES_DIR, "equity_levels.csv")
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["date", "equity"])
        for d, v in zip(ds, levels):
            w.writerow([d, repr(float(v))])
    return path


# --------------------------------------------------------------------------
# Own metric: maximum drawdown duration
# --------------------------------------------------------------------------
#
# Definition (in periods = rows):
#   Build the compounded curve C_0 = 1.0 (the start, before the first return)
#   and C_t = prod_{i=1..t} (1 + r_i) for t = 1..N (row t of the series).
#   Each index p whose C_p is a running peak (C_p >= C_s for all s < p) and
#   after which the curve falls below it (C_{p+1} < C_p) starts a drawdown.
#   That drawdown lasts from p until the first q > p with C_q >= C_p
#   (duration q - p), or, if the curve never gets back to C_p, until the last
#   row N (duration N - p). max_drawdown_duration is the longest such
#   duration; 0 if the curve never falls below its running peak.
#   So a recovered drawdown counts the underwater rows plus the recovery row;
#   an unrecovered one counts the underwater rows (p+1..N).
#   The comparison is the plain floating-point C_q >= C_p on np.cumprod values.

def max_drawdown_duration(returns):
    curve = np.concatenate([[1.0], np.cumprod(1.0 + np.asarray(returns))])
    n = len(curve) - 1
    peak_value = curve[0]
    peak_index = 0
    longest = 0
    for t in range(1, n + 1):
        if curve[t] >= peak_value:
            # back to (or above) the peak. Rows peak_index+1..t-1 (if any)
            # were all below it, so they form a drawdown lasting t - peak_index.
            if t - peak_index > 1:
                longest = max(longest, t - peak_index)
            peak_value = curve[t]
            peak_index = t
    if peak_index < n:          # still under water at the last row
        longest = max(longest, n - peak_index)
    return longest


def max_drawdown_duration_pandas(returns):
    """Independent second implementation (vectorised, pandas)."""
    curve = pd.Series(np.concatenate([[1.0], np.cumprod(1.0 + np.asarray(returns))]))
    n = len(curve) - 1
    running_peak = curve.cummax()
    under = curve < running_peak
    if not under.any():
        return 0
    # label the rows by the index of the peak they belong to
    is_new_peak = curve >= running_peak      # at or above the running max
    peak_id = pd.Series(np.where(is_new_peak, np.arange(n + 1), np.nan)).ffill()
    best = 0
    for pid, grp in under.groupby(peak_id):
        k = int(grp.sum())          # underwater rows after this peak
        if k == 0:
            continue
        p = int(pid)
        recovered = p + k + 1 <= n   # the row after the underwater run exists
        best = max(best, k + 1 if recovered else n - p)
    return best


# --------------------------------------------------------------------------
# Metrics
# --------------------------------------------------------------------------

def gaussian_var_cvar(r, alpha=0.05):
    mu = float(np.mean(r))
    sigma = float(np.std(r, ddof=1))
    z = st.norm.ppf(alpha)
    var = mu + sigma * z
    cvar = mu - sigma * st.norm.pdf(z) / alpha
    return var, cvar


def compute_metrics(r):
    var_g, cvar_g = gaussian_var_cvar(r)
    return {
        "annual_return": ep.annual_return(r),
        "annual_volatility": ep.annual_volatility(r),
        "sharpe_ratio": ep.sharpe_ratio(r),
        "sortino_ratio": ep.sortino_ratio(r),
        "downside_risk": ep.downside_risk(r),
        "max_drawdown": ep.max_drawdown(r),
        "calmar_ratio": ep.calmar_ratio(r),
        "omega_ratio": ep.omega_ratio(r),
        "tail_ratio": ep.tail_ratio(r),
        "stability_of_timeseries": ep.stability_of_timeseries(r),
        "value_at_risk": ep.value_at_risk(r),
        "conditional_value_at_risk": ep.conditional_value_at_risk(r),
        "skew": st.skew(r, bias=True),
        "kurtosis": st.kurtosis(r, fisher=True, bias=True),
        "var95_gaussian": var_g,
        "cvar95_gaussian": cvar_g,
        "max_drawdown_duration": max_drawdown_duration(r),
        "sharpe_ratio_rf": ep.sharpe_ratio(r, risk_free=RF_PER_PERIOD),
        "omega_ratio_req": ep.omega_ratio(r, required_return=OMEGA_REQ_ANNUAL),
        "sortino_ratio_req": ep.sortino_ratio(r, required_return=SORTINO_REQ_PER_PERIOD),
    }


def fmt(v):
    if isinstance(v, (int, np.integer)) and not isinstance(v, bool):
        return repr(int(v))
    v = float(v)
    if not math.isfinite(v):
        return ""
    if v == 0.0:
        v = 0.0          # never write -0.0
    return repr(v)


# --------------------------------------------------------------------------
# Self-check: the documented formulas, in plain numpy, must reproduce empyrical
# --------------------------------------------------------------------------

def plain_formulas(r):
    r = np.asarray(r, dtype=np.float64)
    n = len(r)
    A = 252

    def linear_pct(x, q):
        s = np.sort(x)
        h = (len(s) - 1) * q / 100.0
        lo = math.floor(h)
        hi = min(lo + 1, len(s) - 1)
        return s[lo] + (h - lo) * (s[hi] - s[lo])

    def sharpe(rf):
        a = r - rf
        return a.mean() / a.std(ddof=1) * math.sqrt(A)

    def dr(t):
        d = np.minimum(r - t, 0.0)
        return math.sqrt(np.mean(d * d)) * math.sqrt(A)

    def sortino(t):
        d = dr(t)
        return (np.mean(r - t) * A / d) if d > 0 else math.inf

    def omega(req):
        thr = (1 + req) ** (1.0 / A) - 1
        d = r - thr
        den = -d[d < 0].sum()
        return d[d > 0].sum() / den if den > 0 else math.nan

    curve = np.concatenate([[1.0], np.cumprod(1 + r)])
    peak = np.maximum.accumulate(curve)
    mdd = float(np.min(curve / peak - 1.0))
    ann = np.prod(1 + r) ** (A / n) - 1
    y = np.cumsum(np.log1p(r))
    x = np.arange(n, dtype=float)
    rr = np.corrcoef(x, y)[0, 1]
    k = int((n - 1) * 0.05)
    return {
        "annual_return": ann,
        "annual_volatility": r.std(ddof=1) * math.sqrt(A),
        "sharpe_ratio": sharpe(0.0),
        "sortino_ratio": sortino(0.0),
        "downside_risk": dr(0.0),
        "max_drawdown": mdd,
        "calmar_ratio": ann / abs(mdd) if mdd < 0 else math.nan,
        "omega_ratio": omega(0.0),
        "tail_ratio": abs(linear_pct(r, 95)) / abs(linear_pct(r, 5)),
        "stability_of_timeseries": rr * rr,
        "value_at_risk": linear_pct(r, 5),
        "conditional_value_at_risk": np.sort(r)[: k + 1].mean(),
        "sharpe_ratio_rf": sharpe(RF_PER_PERIOD),
        "omega_ratio_req": omega(OMEGA_REQ_ANNUAL),
        "sortino_ratio_req": sortino(SORTINO_REQ_PER_PERIOD),
    }


def close(a, b, rel=1e-12, abs_=1e-15):
    a, b = float(a), float(b)
    if not math.isfinite(a) or not math.isfinite(b):
        return (math.isnan(a) and math.isnan(b)) or a == b
    return abs(a - b) <= max(rel * max(abs(a), abs(b)), abs_)


def main():
    os.makedirs(SERIES_DIR, exist_ok=True)

    # generate and write series
    for name in SERIES_NAMES:
        write_series(name, GENERATORS[name]())
    data = {name: read_series(name) for name in SERIES_NAMES}
    for name in SERIES_NAMES:
        assert np.array_equal(data[name], GENERATORS[name]()), name  # repr round trip

    # series properties the tests rely on
    assert len(data["normal"]) == 504 and len(data["fat_tailed"]) == 504
    assert len(data["crash"]) == 300 and len(data["no_losing_day"]) == 120
    assert len(data["short"]) == 12
    assert np.all(data["no_losing_day"] > 0)
    assert np.any(data["short"] > 0) and np.any(data["short"] < 0)
    c = data["crash"]
    assert np.all((c[150:160] <= -0.04) & (c[150:160] >= -0.09))
    crash_curve = np.cumprod(1 + c)
    assert crash_curve[-1] < np.max(crash_curve), "crash drawdown must be open"
    assert crash_curve[-1] > crash_curve[159], "some recovery after the crash"

    # equity levels
    write_equity(data["normal"])
    eq = pd.read_csv(os.path.join(SERIES_DIR, "equity_levels.csv"))
    eq_ret = eq["equity"].pct_change().iloc[1:].to_numpy()
    assert len(eq) == 505 and eq["equity"].iloc[0] == 1_000_000.0
    eq_err = float(np.max(np.abs(eq_ret - data["normal"])))
    assert eq_err < 1e-13, eq_err

    # metrics
    rows = []
    results = {}
    for name in SERIES_NAMES:
        r = data[name]
        m = compute_metrics(r)
        results[name] = m
        # same result through a pandas Series input
        rs = pd.Series(r, index=pd.DatetimeIndex(dates(len(r))))
        assert close(m["max_drawdown"], ep.max_drawdown(rs))
        assert close(m["sharpe_ratio"], ep.sharpe_ratio(rs))
        # documented formulas reproduce empyrical
        plain = plain_formulas(r)
        for key, v in plain.items():
            assert close(m[key], v), (name, key, m[key], v)
        # two independent duration implementations agree
        assert m["max_drawdown_duration"] == max_drawdown_duration_pandas(r), name
        for metric in METRICS:
            rows.append([name, metric, fmt(m[metric])])

    with open(OUT_METRICS, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["series", "metric", "value"])
        w.writerows(rows)

    # re-read and check
    back = pd.read_csv(OUT_METRICS, dtype={"value": str}, keep_default_na=False)
    assert len(back) == len(SERIES_NAMES) * len(METRICS)
    empty = []
    for _, row in back.iterrows():
        if row["value"] == "":
            empty.append((row["series"], row["metric"]))
        else:
            assert math.isfinite(float(row["value"])), row
    nl = results["no_losing_day"]
    assert nl["max_drawdown"] == 0.0 and nl["max_drawdown_duration"] == 0
    assert math.isnan(nl["calmar_ratio"]) and math.isnan(nl["omega_ratio"])
    assert math.isinf(nl["sortino_ratio"])

    print("wrote", OUT_METRICS, "rows:", len(back))
    print("versions: empyrical", ep.__version__, "numpy", np.__version__,
          "scipy", scipy.__version__, "pandas", pd.__version__)
    print("equity pct_change max abs diff vs normal:", eq_err)
    print("empty cells:", empty)


if __name__ == "__main__":
    main()
