#!/usr/bin/env python3
"""Reference grid of European option prices and Greeks from QuantLib.

What it is
    Independent reference data for the TradeSim Black-Scholes-Merton pricer.
    Every row is priced by QuantLib's AnalyticEuropeanEngine on a
    BlackScholesMertonProcess built from
      * a SimpleQuote spot,
      * flat FlatForward risk-free and dividend curves (continuous compounding),
      * a flat BlackConstantVol,
    all with day counter Actual365Fixed. The maturity is the evaluation date
    plus an integer number n of calendar days, so the model time is exactly
    years = n / 365 (the Python float n/365, which is what Actual365Fixed
    computes too; this is asserted below).

    Output: ../TradeSimTests/Fixtures/quantlib_bsm_grid.csv with header
      type,spot,strike,vol,rate,dividend,years,price,delta,gamma,vega,theta,rho,dividend_rho,mpmath_price
    where mpmath_price is the same closed form evaluated with 50-digit mpmath and
    rounded to double: QuantLib's normal CDF is accurate in absolute, not
    relative, terms, so its prices below ~1e-6 carry relative errors up to 1e-5;
    the mpmath column is the reference for those.
    All numbers are written with repr() (shortest string that round-trips to
    the same double).

Greek conventions (QuantLib's raw outputs, nothing rescaled)
    delta        dV/dS
    gamma        d2V/dS2
    vega         dV/dsigma, per 1.00 of volatility (not per vol point)
    theta        QuantLib's theta() for this engine is -dV/dT, with T the
                 Actual365Fixed year fraction, i.e. the change of value per
                 YEAR of Actual/365 time as calendar time passes (maturity
                 fixed). It is NOT per day (thetaPerDay() = theta()/365).
                 Verified below in two ways, both asserted:
                   (1) against a 50-digit mpmath derivative -dV/dT of the
                       closed-form BSM price, for every row;
                   (2) against a QuantLib-only fourth-order central finite
                       difference over whole days (n-2, n-1, n+1, n+2; step
                       1/365 year) for rows with n >= 30, to 0.1%. An
                       Actual/360 or per-day reading would be off by 1.4% or
                       a factor 365, far outside the tolerance.
    rho          dV/dr per 1.00 of rate (dividend yield held fixed)
    dividend_rho dV/dq per 1.00 of dividend yield (rate held fixed)

Grid
    days n   {1, 2, 7, 30, 91, 182, 365, 547, 730}
    vol      {0.05, 0.10, 0.20, 0.35, 0.60, 1.00, 1.50}
    rate     {-0.01, 0.0, 0.03, 0.08}
    dividend {0.0, 0.02, 0.05}
    spot 100, strike = moneyness * spot, moneyness in
             {0.5, 0.8, 0.95, 1.0, 1.05, 1.25, 2.0}
    The full product is too large, so a deterministic subset is used:
      A. every (days, vol, moneyness, type) combination, with the
         (rate, dividend) pair picked by rotating through all 12 pairs;
      B. extremes: n in {1, 730} x vol in {0.05, 1.50} x moneyness in
         {0.5, 1.0, 2.0} x rate in {-0.01, 0.08} x dividend in {0.0, 0.05};
      C. 1- and 2-day out-of-the-money wings: moneyness {0.5, 0.8} puts and
         {1.25, 2.0} calls, every vol, (rate, dividend) in
         {(-0.01, 0.05), (0.08, 0.0)};
      D. negative rate with dividend: rate -0.01, dividend in {0.02, 0.05},
         vol 0.20, moneyness in {0.8, 1.0, 1.25}, every n;
    both calls and puts throughout; duplicates removed; rows whose price is
    below 1e-12 are dropped (a few tiny ones above 1e-12 remain on purpose).

Versions
    Generated with QuantLib 1.44 (QuantLib-Python), mpmath 1.4.1, Python 3.

How to rerun (from the repository root)
    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install QuantLib==1.44 mpmath
    /tmp/venv/bin/python Tests/References/quantlib_bsm.py
"""

import csv
import itertools
import math
import os
import sys

import QuantLib as ql
import mpmath

EXPECTED_QL_VERSION = "1.44"

DAYS = [1, 2, 7, 30, 91, 182, 365, 547, 730]
VOLS = [0.05, 0.10, 0.20, 0.35, 0.60, 1.00, 1.50]
RATES = [-0.01, 0.0, 0.03, 0.08]
DIVS = [0.0, 0.02, 0.05]
MONEYNESS = [0.5, 0.8, 0.95, 1.0, 1.05, 1.25, 2.0]
TYPES = ["call", "put"]
SPOT = 100.0
MIN_PRICE = 1e-12

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(
    os.path.join(HERE, "..", "TradeSimTests", "Fixtures", "quantlib_bsm_grid.csv"))

HEADER = ["type", "spot", "strike", "vol", "rate", "dividend", "years",
          "price", "delta", "gamma", "vega", "theta", "rho", "dividend_rho",
          "mpmath_price"]


# --------------------------------------------------------------------------
# QuantLib pricing
# --------------------------------------------------------------------------

class QLPricer:
    def __init__(self):
        self.dc = ql.Actual365Fixed()
        self.today = ql.Date(15, ql.January, 2024)
        ql.Settings.instance().evaluationDate = self.today
        self.spot = ql.SimpleQuote(SPOT)
        self.r = ql.SimpleQuote(0.0)
        self.q = ql.SimpleQuote(0.0)
        self.v = ql.SimpleQuote(0.1)
        r_ts = ql.YieldTermStructureHandle(ql.FlatForward(
            self.today, ql.QuoteHandle(self.r), self.dc, ql.Continuous))
        q_ts = ql.YieldTermStructureHandle(ql.FlatForward(
            self.today, ql.QuoteHandle(self.q), self.dc, ql.Continuous))
        v_ts = ql.BlackVolTermStructureHandle(ql.BlackConstantVol(
            self.today, ql.NullCalendar(), ql.QuoteHandle(self.v), self.dc))
        self.process = ql.BlackScholesMertonProcess(
            ql.QuoteHandle(self.spot), q_ts, r_ts, v_ts)
        self.engine = ql.AnalyticEuropeanEngine(self.process)

    def option(self, typ, strike, n_days):
        qtype = ql.Option.Call if typ == "call" else ql.Option.Put
        payoff = ql.PlainVanillaPayoff(qtype, strike)
        maturity = self.today + ql.Period(n_days, ql.Days)
        years = self.dc.yearFraction(self.today, maturity)
        assert years == n_days / 365, (n_days, years)
        opt = ql.EuropeanOption(payoff, ql.EuropeanExercise(maturity))
        opt.setPricingEngine(self.engine)
        return opt

    def price(self, typ, strike, vol, rate, div, n_days):
        self.spot.setValue(SPOT)
        self.v.setValue(vol)
        self.r.setValue(rate)
        self.q.setValue(div)
        opt = self.option(typ, strike, n_days)
        return {
            "price": opt.NPV(),
            "delta": opt.delta(),
            "gamma": opt.gamma(),
            "vega": opt.vega(),
            "theta": opt.theta(),
            "rho": opt.rho(),
            "dividend_rho": opt.dividendRho(),
        }

    def npv(self, typ, strike, vol, rate, div, n_days):
        self.v.setValue(vol)
        self.r.setValue(rate)
        self.q.setValue(div)
        return self.option(typ, strike, n_days).NPV()


# --------------------------------------------------------------------------
# Independent closed form at high precision (used only for assertions)
# --------------------------------------------------------------------------

mpmath.mp.dps = 50


def mp_bsm(typ, S, K, v, r, q, T):
    S, K, v, r, q, T = (mpmath.mpf(x) for x in (S, K, v, r, q, T))
    sd = v * mpmath.sqrt(T)
    d1 = (mpmath.log(S / K) + (r - q) * T) / sd + sd / 2
    d2 = d1 - sd
    if typ == "call":
        return S * mpmath.exp(-q * T) * mpmath.ncdf(d1) \
            - K * mpmath.exp(-r * T) * mpmath.ncdf(d2)
    return K * mpmath.exp(-r * T) * mpmath.ncdf(-d2) \
        - S * mpmath.exp(-q * T) * mpmath.ncdf(-d1)


def mp_greeks(typ, S, K, v, r, q, T):
    f = lambda s, vv, rr, qq, tt: mp_bsm(typ, s, K, vv, rr, qq, tt)
    S, v, r, q, T = (mpmath.mpf(x) for x in (S, v, r, q, T))
    d = lambda **kw: mpmath.diff(f, (S, v, r, q, T), **kw)
    return {
        "price": f(S, v, r, q, T),
        "delta": d(n=(1, 0, 0, 0, 0)),
        "gamma": d(n=(2, 0, 0, 0, 0)),
        "vega": d(n=(0, 1, 0, 0, 0)),
        "theta": -d(n=(0, 0, 0, 0, 1)),
        "rho": d(n=(0, 0, 1, 0, 0)),
        "dividend_rho": d(n=(0, 0, 0, 1, 0)),
    }


# --------------------------------------------------------------------------
# Grid selection
# --------------------------------------------------------------------------

def select_grid():
    pairs = list(itertools.product(RATES, DIVS))  # 12 (rate, div) pairs
    seen = set()
    out = []

    def add(typ, n, vol, rate, div, m):
        key = (typ, n, vol, rate, div, m)
        if key not in seen:
            seen.add(key)
            out.append(key)

    # A. every (days, vol, moneyness, type); rotate (rate, div)
    for i_n, n in enumerate(DAYS):
        for i_v, vol in enumerate(VOLS):
            for i_m, m in enumerate(MONEYNESS):
                for i_t, typ in enumerate(TYPES):
                    rate, div = pairs[(i_n + 2 * i_v + 3 * i_m + 5 * i_t) % 12]
                    add(typ, n, vol, rate, div, m)
    # B. extremes
    for n, vol, m, rate, div, typ in itertools.product(
            [1, 730], [0.05, 1.50], [0.5, 1.0, 2.0], [-0.01, 0.08],
            [0.0, 0.05], TYPES):
        add(typ, n, vol, rate, div, m)
    # C. short-dated out-of-the-money wings (most 1-2 day deep-OTM prices
    #    fall below MIN_PRICE and are dropped; the survivors are the
    #    smallest representable prices in the file)
    for n, vol, m, (rate, div) in itertools.product(
            [1, 2], VOLS, [0.5, 0.8, 1.25, 2.0], [(-0.01, 0.05), (0.08, 0.0)]):
        add("call" if m > 1 else "put", n, vol, rate, div, m)
    # D. negative rate with dividend
    for n, div, m, typ in itertools.product(
            DAYS, [0.02, 0.05], [0.8, 1.0, 1.25], TYPES):
        add(typ, n, 0.20, -0.01, div, m)
    return out


# --------------------------------------------------------------------------

def rel_close(a, b, rtol, atol):
    return abs(a - b) <= atol + rtol * abs(b)


def main():
    if ql.__version__ != EXPECTED_QL_VERSION:
        print(f"warning: QuantLib {ql.__version__}, fixture was made with "
              f"{EXPECTED_QL_VERSION}", file=sys.stderr)
    pricer = QLPricer()
    rows = []
    dropped = 0
    worst = {}
    n_fd = 0
    for typ, n, vol, rate, div, m in select_grid():
        strike = m * SPOT
        years = n / 365
        g = pricer.price(typ, strike, vol, rate, div, n)
        if not (g["price"] >= MIN_PRICE):
            dropped += 1
            continue

        # (1) every Greek, including theta = -dV/dT per Actual365 year,
        #     against a 50-digit closed form.
        ref = mp_greeks(typ, SPOT, strike, vol, rate, div, years)
        for k, val in g.items():
            r = float(ref[k])
            # absolute floor scaled to the magnitude of the option
            atol = 1e-12 * SPOT * (1.0 if k in ("price", "delta") else 10.0)
            err = abs(val - r) / (atol + 1e-9 * abs(r))
            worst[k] = max(worst.get(k, 0.0), err)
            assert err <= 1.0, (k, typ, n, vol, rate, div, m, val, r)

        # (2) QuantLib-only check of theta's meaning, whole-day central
        #     difference in Actual365 time.
        if n >= 30:
            v = {k: pricer.npv(typ, strike, vol, rate, div, n + k)
                 for k in (-2, -1, 1, 2)}
            h = 1.0 / 365.0
            dvdt = (8.0 * (v[1] - v[-1]) - (v[2] - v[-2])) / (12.0 * h)
            fd_theta = -dvdt
            assert rel_close(g["theta"], fd_theta, 1e-3, 1e-6), \
                (typ, n, vol, rate, div, m, g["theta"], fd_theta)
            n_fd += 1

        rows.append([typ, SPOT, strike, vol, rate, div, years,
                     g["price"], g["delta"], g["gamma"], g["vega"],
                     g["theta"], g["rho"], g["dividend_rho"],
                     mp_bsm(typ, SPOT, strike, vol, rate, div, years)])

    # coverage checks
    for col, axis in ((3, VOLS), (4, RATES), (5, DIVS)):
        assert {row[col] for row in rows} == set(axis), col
    assert {row[6] for row in rows} == {n / 365 for n in DAYS}
    assert {row[2] for row in rows} == {m * SPOT for m in MONEYNESS}
    tiny = [row for row in rows if row[7] < 1e-6]
    assert len(tiny) >= 3, "expected a few tiny-but-representable prices"

    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(HEADER)
        for row in rows:
            w.writerow([row[0]] + [repr(float(x)) for x in row[1:]])
    print(f"QuantLib {ql.__version__}: wrote {len(rows)} rows to {OUT} "
          f"(dropped {dropped} with price < {MIN_PRICE}; "
          f"{len(tiny)} rows with price < 1e-6; theta finite-difference "
          f"checked on {n_fd} rows)")
    print("worst error / tolerance vs mpmath:",
          {k: f"{v:.3g}" for k, v in worst.items()})


if __name__ == "__main__":
    main()
