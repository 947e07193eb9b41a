#!/usr/bin/env python3
"""Reference values of the standard normal quantile and CDF, from mpmath.

What it is
    Writes ../TradeSimTests/Fixtures/normal_quantiles.csv with header
        p,quantile,cdf_at_x,x
    and two kinds of rows:
      (a) quantile rows: p is an exact double (the CSV holds repr(p)); the
          quantile is Phi^-1(p) of that double, computed with mpmath at 50
          significant digits and rounded to the nearest double. The cdf_at_x
          and x columns are empty.
          p values: a fixed list of named points, 300 points log-uniform in
          (1e-300, 0.5) and 150 points uniform in (0.5, 1).
      (b) CDF rows: x is an exact double; cdf_at_x is Phi(x) computed at 50
          digits and rounded to the nearest double (subnormal results are
          kept: Phi(-38) is about 2.9e-316). The p and quantile columns are
          empty. x values: -38 to +8 in steps of 0.25, plus 300 pseudo-random
          x in [-37, 37] (random.Random(20240115)).
    Every number is written with repr() (shortest round-trip string).

Method
    Phi(x) = erfc(-x / sqrt(2)) / 2, which mpmath evaluates with full relative
    accuracy in the lower tail. For p > 0.5 the quantile is -Phi^-1(1 - p);
    1 - p is exact for a double p >= 0.5. Phi^-1 in the lower tail is found by
    Newton's method on log Phi(x) - log p (started from Python's
    statistics.NormalDist), iterated to about 45 digits, then checked by
    re-evaluating Phi. Rounding to the nearest double is done explicitly and
    verified against both neighbouring doubles.

Versions
    Generated with mpmath 1.4.1, Python 3.

How to rerun (from the repository root)
    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install mpmath
    /tmp/venv/bin/python Tests/References/mpmath_normal.py
"""

import csv
import math
import os
import random
import statistics

import mpmath
from mpmath import mpf

mpmath.mp.dps = 50

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(
    os.path.join(HERE, "..", "TradeSimTests", "Fixtures", "normal_quantiles.csv"))

NAMED_P = [1e-300, 1e-200, 1e-100, 1e-50, 1e-20, 1e-10, 1e-5, 0.001, 0.01,
           0.02425, 0.05, 0.1, 0.2, 0.3, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7, 0.8,
           0.9, 0.95, 0.975, 0.99, 0.999]
N_LOG = 300      # log-uniform in (1e-300, 0.5)
N_UNI = 150      # uniform in (0.5, 1)
N_RANDOM_X = 300
SEED = 20240115


def ncdf(x):
    return mpmath.erfc(-x / mpmath.sqrt(2)) / 2


def npdf(x):
    return mpmath.exp(-x * x / 2) / mpmath.sqrt(2 * mpmath.pi)


def lower_quantile(p):
    """Phi^-1(p) for 0 < p <= 0.5, p an mpf."""
    if p == mpf("0.5"):
        return mpf(0)
    # double-precision start (NormalDist handles p down to ~1e-308)
    x = mpf(statistics.NormalDist().inv_cdf(float(p)))
    logp = mpmath.log(p)
    for _ in range(100):
        c = ncdf(x)
        step = (mpmath.log(c) - logp) * c / npdf(x)   # Newton on log Phi
        x -= step
        if abs(step) <= abs(x) * mpf(10) ** -46 + mpf(10) ** -48:
            break
    else:
        raise RuntimeError("Newton did not converge for p=%r" % p)
    # self-check at working precision
    assert abs(ncdf(x) / p - 1) < mpf(10) ** -40, p
    return x


def quantile(p_double):
    p = mpf(p_double)  # exact value of the double
    assert 0 < p < 1
    if p <= mpf("0.5"):
        return lower_quantile(p)
    return -lower_quantile(1 - p)  # 1 - p exact for a double p >= 0.5


def nearest_double(x):
    """Round an mpf to the nearest double, verified against both neighbours."""
    f = float(x)
    assert math.isfinite(f)
    best = f
    for g in (math.nextafter(f, -math.inf), math.nextafter(f, math.inf)):
        if abs(mpf(g) - x) < abs(mpf(best) - x):
            best = g
    for g in (math.nextafter(best, -math.inf), math.nextafter(best, math.inf)):
        assert abs(mpf(best) - x) <= abs(mpf(g) - x)
    return best


def p_values():
    ps = list(NAMED_P)
    lo, hi = math.log(1e-300), math.log(0.5)
    for k in range(1, N_LOG + 1):
        ps.append(math.exp(lo + (hi - lo) * k / (N_LOG + 1)))
    for k in range(1, N_UNI + 1):
        ps.append(0.5 + 0.5 * k / (N_UNI + 1))
    seen, out = set(), []
    for p in ps:
        if p not in seen:
            seen.add(p)
            out.append(p)
    return out


def x_values():
    xs = [-38 + 0.25 * k for k in range(int((8 - -38) / 0.25) + 1)]
    rng = random.Random(SEED)
    xs += [rng.uniform(-37.0, 37.0) for _ in range(N_RANDOM_X)]
    return xs


def main():
    rows = []
    for p in p_values():
        q = nearest_double(quantile(p))
        rows.append([repr(p), repr(q), "", ""])
    n_q = len(rows)
    for x in x_values():
        x = float(x)
        c = nearest_double(ncdf(mpf(x)))
        rows.append(["", "", repr(c), repr(x)])
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["p", "quantile", "cdf_at_x", "x"])
        w.writerows(rows)
    print(f"mpmath {mpmath.__version__}: wrote {n_q} quantile rows and "
          f"{len(rows) - n_q} cdf rows to {OUT}")


if __name__ == "__main__":
    main()
