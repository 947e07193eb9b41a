#!/usr/bin/env python3
"""Reference American option prices (and finite-difference Greeks) from QuantLib.

What it is
    Independent reference data for TradeSim's American pricer
    (Sources/TradeSim/Pricing/AmericanOption.swift). Written by this script:

    1. ../TradeSimTests/Fixtures/quantlib_american_grid.csv -- the accuracy grid
       of issue 16: puts and calls, moneyness S/K in {0.8, 0.9, 1.0, 1.1, 1.2,
       1.3} (K = 100), vol in {0.15, 0.3, 0.5, 0.7}, rate in {0, 0.03, 0.06,
       0.10}, dividend yield in {0, 0.02, 0.04}, maturity n calendar days in
       {30, 91, 182, 365} (years = n/365, Actual365Fixed): the full product,
       2,304 rows. Columns:
         type,spot,strike,vol,rate,dividend,years,
         price            the reference American price (see "Reference" below)
         quantlib_price   the reference engine's price as printed (see below)
         high_precision_price
                          QdFpAmericanEngine.highPrecisionScheme(), with the
                          same European correction: QuantLib's own preset,
                          for comparison (its error is up to ~1e-6)
         european         the European price, 50-digit mpmath closed form
         delta,gamma,vega,theta,rho,dividend_rho
                          central finite differences of the QdFp high-
                          precision price (see "Greeks"); empty on rows
                          where the option is exercised at once
         tree_price       on every 48th row (48 rows): the Richardson-
                          extrapolated Leisen-Reimer binomial price, 2 x
                          V(20001 steps) - V(10001 steps); else empty
    2. ../TradeSimTests/Fixtures/quantlib_american_regimes.csv -- rates and
       yields outside the grid: negative rates, negative yields, r = 0 with
       q < 0, the double-boundary case q < r < 0 (puts; r < q < 0 for calls),
       very low and very high volatility, maturities to 5 years. Columns:
         type,spot,strike,vol,rate,dividend,years,price,method,european
       where method says where `price` comes from: "qdfp" (as in the grid),
       "intrinsic" (QdFp fell below the intrinsic value, by at most 1e-5 K:
       the spot lies in the exercise region, where the exact price is the
       intrinsic value),
       or, where QdFp does not apply (the double-boundary case, which it
       refuses), "fd+lr": the mean of two independent extrapolations, QuantLib's
       finite-difference engine (Crank-Nicolson, 4 damping steps) as
       2 V(8000 x 4000) - V(4000 x 2000) (time x space steps; its American
       step condition makes the error O(dt)), and the Leisen-Reimer tree as
       above; the script asserts that the two agree within 2e-6 relative.

Reference (the `price` column)
    QuantLib's QdFpAmericanEngine (Andersen-Lake-Offengenden) with the scheme
    QdFpTanhSinhIterationScheme(16, 48, 1e-12): 48 Chebyshev nodes, 16
    fixed-point iterations (the first a Jacobi-Newton step), tanh-sinh
    quadrature to 1e-12 -- finer than QuantLib's highPrecisionScheme()
    (30 nodes, 10 iterations, 1e-10), whose prices differ from converged ones
    by up to ~1e-6 relative (e.g. the 91-day put S = K = 100, vol 0.15,
    r = 0.1: 2.12926650 against 2.12926648), so it is kept as a comparison
    column only. On a BlackScholesMertonProcess with
    flat continuous-compounded rate and dividend curves (FlatForward), flat
    BlackConstantVol, Actual365Fixed. QuantLib's normal CDF is accurate in
    absolute, not relative, terms, so its far out-of-the-money prices (below
    ~1e-6) carry relative errors up to 1e-4 in their European part; the
    reference therefore replaces that part by the exact one:
        price = quantlib_price - quantlib_european + european(mpmath).
    (On rows priced above 1e-6 the correction is below 1e-10 relative.)
    Checks made here, all asserted:
      * every price >= European - 1e-12; a QdFp price below the intrinsic
        value (by at most 1e-5 K; rounding deep in the money, where the
        spot is in the exercise region) is set to the intrinsic value, and
        the count of such rows is printed;
      * calls with q = 0 and r >= 0 equal the European call (no early
        exercise) within 1e-9 relative + 1e-13 K;
      * the tree cross-check: rows where |price - tree_price| > 2e-6 * price
        are printed (none in the committed run), and the worst is printed;
      * the reference's own convergence (printed, not asserted): on every
        4th row a still finer, independent discretisation,
        QdFpLegendreScheme(128, 20, 64, 256) (Gauss-Legendre instead of
        tanh-sinh quadrature); the worst relative spread and its row are
        printed (the reference's error estimate; see the .md beside the
        table for the figures of the committed run). The worst
        |high_precision_price - price| / price is printed too.

Greeks (raw derivatives, the units of `tradesim price --json`)
    delta, gamma: central differences in spot, h = 1e-3 * S (second order);
    vega: central in vol, h = 1e-4; rho, dividend_rho: central in rate /
    yield, h = 1e-5; theta = -dV/dT per year: the maturity moves by whole
    days, fourth-order stencil over n-2, n-1, n+1, n+2 days (step 1/365 year).
    Truncation errors ~1e-6 relative, so the tests compare these with 1e-4.

Versions
    QuantLib 1.36 (QuantLib-Python wheel), mpmath 1.3 or later, Python 3.

How to rerun (from the repository root; about 12 minutes of one core for the grid, which
can run as N parallel processes: `... part I N` for I = 0..N-1, then `... merge N`)
    python3 -m venv /tmp/qlvenv && /tmp/qlvenv/bin/pip install QuantLib==1.36 mpmath
    /tmp/qlvenv/bin/python Tests/References/quantlib_american.py
"""

import csv
import itertools
import math
import os
import sys

import QuantLib as ql
import mpmath

EXPECTED_QL_VERSION = "1.36"

MONEYNESS = [0.8, 0.9, 1.0, 1.1, 1.2, 1.3]
VOLS = [0.15, 0.3, 0.5, 0.7]
RATES = [0.0, 0.03, 0.06, 0.10]
DIVS = [0.0, 0.02, 0.04]
DAYS = [30, 91, 182, 365]
TYPES = ["put", "call"]
STRIKE = 100.0
TREE_EVERY = 48

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.normpath(os.path.join(HERE, "..", "TradeSimTests", "Fixtures"))

mpmath.mp.dps = 50


def mp_european(typ, S, K, v, r, q, T):
    S, K, v, r, q, T = (mpmath.mpf(x) for x in (S, K, v, r, q, T))
    sd = v * mpmath.sqrt(T)
    d1 = (mpmath.log(S / K) + (r - q) * T) / sd + sd / 2
    d2 = d1 - sd
    if typ == "call":
        return float(S * mpmath.exp(-q * T) * mpmath.ncdf(d1) - K * mpmath.exp(-r * T) * mpmath.ncdf(d2))
    return float(K * mpmath.exp(-r * T) * mpmath.ncdf(-d2) - S * mpmath.exp(-q * T) * mpmath.ncdf(-d1))


class Pricer:
    def __init__(self):
        self.dc = ql.Actual365Fixed()
        self.today = ql.Date(15, ql.January, 2024)
        ql.Settings.instance().evaluationDate = self.today
        self.spot = ql.SimpleQuote(100.0)
        self.r = ql.SimpleQuote(0.0)
        self.q = ql.SimpleQuote(0.0)
        self.v = ql.SimpleQuote(0.2)
        r_ts = ql.YieldTermStructureHandle(ql.FlatForward(self.today, ql.QuoteHandle(self.r), self.dc, ql.Continuous))
        q_ts = ql.YieldTermStructureHandle(ql.FlatForward(self.today, ql.QuoteHandle(self.q), self.dc, ql.Continuous))
        v_ts = ql.BlackVolTermStructureHandle(ql.BlackConstantVol(
            self.today, ql.NullCalendar(), ql.QuoteHandle(self.v), self.dc))
        self.process = ql.BlackScholesMertonProcess(ql.QuoteHandle(self.spot), q_ts, r_ts, v_ts)
        self.reference = ql.QdFpAmericanEngine(self.process, ql.QdFpTanhSinhIterationScheme(16, 48, 1e-12))
        self.hp = ql.QdFpAmericanEngine(self.process, ql.QdFpAmericanEngine.highPrecisionScheme())
        self.legendre = ql.QdFpAmericanEngine(self.process, ql.QdFpLegendreScheme(128, 20, 64, 256))
        self.european_engine = ql.AnalyticEuropeanEngine(self.process)

    def set(self, S, vol, rate, div):
        self.spot.setValue(S)
        self.v.setValue(vol)
        self.r.setValue(rate)
        self.q.setValue(div)

    def option(self, typ, K, days, american=True):
        payoff = ql.PlainVanillaPayoff(ql.Option.Put if typ == "put" else ql.Option.Call, K)
        maturity = self.today + ql.Period(days, ql.Days)
        assert self.dc.yearFraction(self.today, maturity) == days / 365
        exercise = ql.AmericanExercise(self.today, maturity) if american else ql.EuropeanExercise(maturity)
        return ql.VanillaOption(payoff, exercise)

    def npv(self, typ, S, K, vol, rate, div, days, engine=None):
        self.set(S, vol, rate, div)
        opt = self.option(typ, K, days)
        opt.setPricingEngine(engine or self.reference)
        return opt.NPV()

    def european(self, typ, S, K, vol, rate, div, days):
        self.set(S, vol, rate, div)
        opt = self.option(typ, K, days, american=False)
        opt.setPricingEngine(self.european_engine)
        return opt.NPV()

    def tree(self, typ, S, K, vol, rate, div, days):
        """2 V(20001) - V(10001), Leisen-Reimer."""
        v1 = self.npv(typ, S, K, vol, rate, div, days, ql.BinomialVanillaEngine(self.process, "lr", 10001))
        v2 = self.npv(typ, S, K, vol, rate, div, days, ql.BinomialVanillaEngine(self.process, "lr", 20001))
        return 2 * v2 - v1

    def fd(self, typ, S, K, vol, rate, div, days):
        """2 V(8000 x 4000) - V(4000 x 2000), Crank-Nicolson."""
        def run(t, x):
            return self.npv(typ, S, K, vol, rate, div, days, ql.FdBlackScholesVanillaEngine(
                self.process, t, x, 4, ql.FdmSchemeDesc.CrankNicolson()))
        return 2 * run(8000, 4000) - run(4000, 2000)

    def greeks(self, typ, S, K, vol, rate, div, days):
        f = lambda **kw: self.npv(typ, kw.get("S", S), K, kw.get("vol", vol), kw.get("rate", rate),
                                  kw.get("div", div), kw.get("days", days), self.hp)
        v0 = f()
        hs = 1e-3 * S
        up, down = f(S=S + hs), f(S=S - hs)
        hv, hr = 1e-4, 1e-5
        vt = {k: f(days=days + k) for k in (-2, -1, 1, 2)}
        dt = 1 / 365
        dvdt = (8 * (vt[1] - vt[-1]) - (vt[2] - vt[-2])) / (12 * dt)
        return {
            "delta": (up - down) / (2 * hs),
            "gamma": (up - 2 * v0 + down) / (hs * hs),
            "vega": (f(vol=vol + hv) - f(vol=vol - hv)) / (2 * hv),
            "theta": -dvdt,
            "rho": (f(rate=rate + hr) - f(rate=rate - hr)) / (2 * hr),
            "dividend_rho": (f(div=div + hr) - f(div=div - hr)) / (2 * hr),
        }


def intrinsic(typ, S, K):
    return max(S - K, 0.0) if typ == "call" else max(K - S, 0.0)


def grid(pricer, part=0, parts=1):
    rows = []
    worst_tree = worst_schemes = worst_hp = 0.0
    worst_schemes_row = None
    clamped = 0
    product = list(itertools.product(TYPES, DAYS, VOLS, RATES, DIVS, MONEYNESS))
    for index, (typ, days, vol, rate, div, m) in enumerate(product):
        if index % parts != part:
            continue
        S, K = m * STRIKE, STRIKE
        years = days / 365
        raw = pricer.npv(typ, S, K, vol, rate, div, days)
        ql_eu = pricer.european(typ, S, K, vol, rate, div, days)
        eu = mp_european(typ, S, K, vol, rate, div, years)
        price = raw - ql_eu + eu
        if price < intrinsic(typ, S, K):
            # Deep in the money QdFp can land a hair below the intrinsic value (rounding in
            # the exercise region); the exact price there is the intrinsic value.
            assert intrinsic(typ, S, K) - price <= 1e-5 * K, (typ, S, vol, rate, div, days, price)
            price = intrinsic(typ, S, K)
            clamped += 1
        assert price >= eu - 1e-12, (typ, S, vol, rate, div, days, price)
        if typ == "call" and div == 0.0:
            assert abs(price - eu) <= 1e-9 * eu + 1e-13 * K, (S, vol, rate, days, price, eu)
        hp = max(pricer.npv(typ, S, K, vol, rate, div, days, pricer.hp) - ql_eu + eu, intrinsic(typ, S, K))
        worst_hp = max(worst_hp, abs(hp - price) / price)
        if index % 4 == 0:
            leg = max(pricer.npv(typ, S, K, vol, rate, div, days, pricer.legendre) - ql_eu + eu, intrinsic(typ, S, K))
            spread = abs(leg - price) / price
            if spread > worst_schemes:
                worst_schemes, worst_schemes_row = spread, (typ, S, vol, rate, div, days, price, leg)
        exercised = abs(price - intrinsic(typ, S, K)) <= 1e-12 * K
        g = pricer.greeks(typ, S, K, vol, rate, div, days) if not exercised else None
        tree = ""
        if index % TREE_EVERY == 0:
            tree = pricer.tree(typ, S, K, vol, rate, div, days)
            err = abs(tree - price) / price
            worst_tree = max(worst_tree, err)
            if err > 2e-6:
                print(f"  tree disagrees: {(typ, S, vol, rate, div, days, price, tree)}", file=sys.stderr)
        greek_cells = ["" for _ in range(6)] if g is None else [repr(g[k]) for k in
                       ("delta", "gamma", "vega", "theta", "rho", "dividend_rho")]
        rows.append([index, typ, repr(S), repr(K), repr(vol), repr(rate), repr(div), repr(years),
                     repr(price), repr(raw), repr(hp), repr(eu)] + greek_cells + [repr(tree) if tree != "" else ""])
        if index % 200 == 0:
            print(f"  grid {index}/{len(product)}", file=sys.stderr)
    print(f"  grid: {clamped} QdFp prices below the intrinsic value set to it", file=sys.stderr)
    print(f"  grid: worst |high precision - reference| / price {worst_hp:.3g}", file=sys.stderr)
    print(f"  grid: worst Legendre spread at {worst_schemes_row}", file=sys.stderr)
    return rows, worst_tree, worst_schemes


# (type, S, K, vol, rate, dividend, days): cases outside the grid.
REGIME_CASES = [
    # r = 0 with q < 0 (a put's single boundary starting at K; a call with q = 0, r < 0 by symmetry)
    ("put", 90, 100, 0.3, 0.0, -0.02, 365), ("put", 100, 100, 0.3, 0.0, -0.02, 182),
    ("call", 110, 100, 0.3, -0.02, 0.0, 365), ("call", 100, 100, 0.3, -0.02, 0.0, 182),
    # r > 0 with q < 0 (negative yield, e.g. a borrow cost)
    ("put", 95, 100, 0.25, 0.04, -0.03, 365), ("call", 105, 100, 0.25, -0.03, 0.04, 365),
    # r < 0 with q >= r: never early for puts; calls with q > 0 and r < 0 exercise early
    ("put", 95, 100, 0.25, -0.01, 0.01, 365), ("call", 105, 100, 0.25, -0.01, 0.02, 365),
    ("call", 120, 100, 0.4, -0.005, 0.03, 730),
    # double boundary: puts with q < r < 0, calls with r < q < 0
    ("put", 90, 100, 0.2, -0.01, -0.03, 365), ("put", 95, 100, 0.15, -0.005, -0.03, 365),
    ("put", 100, 100, 0.3, -0.01, -0.04, 730), ("put", 85, 100, 0.1, -0.02, -0.06, 182),
    ("put", 80, 100, 0.25, -0.01, -0.05, 1825),
    ("call", 110, 100, 0.2, -0.03, -0.01, 365), ("call", 105, 100, 0.15, -0.03, -0.005, 365),
    ("call", 120, 100, 0.1, -0.06, -0.02, 182),
    # very low and very high volatility, long maturities
    ("put", 100, 100, 0.02, 0.05, 0.0, 365), ("put", 98, 100, 0.05, 0.08, 0.01, 182),
    ("call", 102, 100, 0.03, 0.01, 0.06, 365),
    ("put", 100, 100, 1.5, 0.05, 0.02, 365), ("call", 100, 100, 2.0, 0.03, 0.05, 730),
    ("put", 100, 100, 0.3, 0.05, 0.02, 1825), ("call", 100, 100, 0.3, 0.02, 0.05, 1825),
    ("put", 60, 100, 0.4, 0.1, 0.0, 1825), ("call", 150, 100, 0.4, 0.0, 0.1, 1825),
    # high rates, high yields
    ("put", 100, 100, 0.2, 0.25, 0.0, 365), ("call", 100, 100, 0.2, 0.0, 0.25, 365),
    ("put", 100, 100, 0.3, 0.08, 0.12, 365), ("call", 100, 100, 0.3, 0.12, 0.08, 365),
    # one day and one week
    ("put", 99, 100, 0.3, 0.05, 0.0, 1), ("put", 100, 100, 0.3, 0.05, 0.02, 7),
    ("call", 101, 100, 0.3, 0.02, 0.06, 7),
]


def double_boundary(typ, rate, div):
    r, q = (rate, div) if typ == "put" else (div, rate)
    return q < r < 0


def regimes(pricer):
    rows = []
    worst_pair = 0.0
    for typ, S, K, vol, rate, div, days in REGIME_CASES:
        years = days / 365
        eu = mp_european(typ, S, K, vol, rate, div, years)
        if double_boundary(typ, rate, div):
            tree = pricer.tree(typ, S, K, vol, rate, div, days)
            fd = pricer.fd(typ, S, K, vol, rate, div, days)
            err = abs(tree - fd) / tree
            worst_pair = max(worst_pair, err)
            assert err <= 2e-6, (typ, S, vol, rate, div, days, tree, fd)
            price, method = 0.5 * (tree + fd), "fd+lr"
        else:
            raw = pricer.npv(typ, S, K, vol, rate, div, days)
            price = raw - pricer.european(typ, S, K, vol, rate, div, days) + eu
            method = "qdfp"
            if price < intrinsic(typ, S, K):
                # QdFp's boundary is slightly off deep in the money at low volatility (the put
                # S = 98, K = 100, vol 0.05, r 0.08, q 0.01, 182 days: 1.99999861 < 2); the spot
                # is then in the exercise region, where the exact price is the intrinsic value.
                assert intrinsic(typ, S, K) - price <= 1e-5 * K, (typ, S, vol, rate, div, days, price)
                price, method = intrinsic(typ, S, K), "intrinsic"
        assert price >= max(intrinsic(typ, S, K), eu) - 1e-12 * K, (typ, S, vol, rate, div, days, price)
        rows.append([index, typ, repr(float(S)), repr(float(K)), repr(vol), repr(rate), repr(div), repr(years),
                     repr(price), method, repr(eu)])
    return rows, worst_pair


def write(name, header, rows):
    path = os.path.join(FIXTURES, name)
    with open(path, "w", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
    return path


def main():
    if ql.__version__ != EXPECTED_QL_VERSION:
        print(f"warning: QuantLib {ql.__version__}, fixtures were made with {EXPECTED_QL_VERSION}", file=sys.stderr)
    pricer = Pricer()
    only = sys.argv[1] if len(sys.argv) > 1 else "all"
    if only in ("all", "regimes"):
        rows, worst_pair = regimes(pricer)
        path = write("quantlib_american_regimes.csv",
                     ["type", "spot", "strike", "vol", "rate", "dividend", "years", "price", "method", "european"], rows)
        print(f"wrote {len(rows)} rows to {path}; worst |tree - fd| / price {worst_pair:.3g}")
    if only == "part":
        # grid rows index % N == I (argv: part I N), for running the grid in parallel processes;
        # then `merge N` writes the table.
        part, parts = int(sys.argv[2]), int(sys.argv[3])
        rows, worst_tree, worst_schemes = grid(pricer, part, parts)
        with open(os.path.join(FIXTURES, f"grid.part{part}"), "w") as fh:
            fh.write(repr(rows))
        print(f"part {part}/{parts}: {len(rows)} rows; worst |tree - price| / price {worst_tree:.3g}; "
              f"worst |Legendre(128, 20, 64, 256) - reference| / price {worst_schemes:.3g}")
        return
    if only == "merge":
        parts = int(sys.argv[2])
        rows = []
        for part in range(parts):
            path = os.path.join(FIXTURES, f"grid.part{part}")
            with open(path) as fh:
                rows += eval(fh.read())
            os.remove(path)
        rows = [row[1:] for row in sorted(rows, key=lambda row: row[0])]
        only = "write"
    if only in ("all", "grid"):
        rows, worst_tree, worst_schemes = grid(pricer)
        rows = [row[1:] for row in rows]
    if only in ("all", "grid", "write"):
        path = write("quantlib_american_grid.csv",
                     ["type", "spot", "strike", "vol", "rate", "dividend", "years", "price", "quantlib_price",
                      "high_precision_price", "european", "delta", "gamma", "vega", "theta", "rho", "dividend_rho", "tree_price"], rows)
        print(f"wrote {len(rows)} rows to {path}")
        if only != "write":
            print(f"worst |tree - price| / price {worst_tree:.3g}; "
                  f"worst |Legendre(128, 20, 64, 256) - reference| / price {worst_schemes:.3g}")


if __name__ == "__main__":
    main()
