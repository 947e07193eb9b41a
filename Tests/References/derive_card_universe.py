#!/usr/bin/env python3
"""Derive the first card's universe from real closes (../shared/data/prices, see its SOURCES.md).

For each ticker: spot = adjusted close on AS_OF; volatility = annualised sample standard
deviation (ddof 1, x sqrt(252)) of daily log returns over the WINDOW trading days ending on
AS_OF; beta = cov(r, r_SPY) / var(r_SPY) over the same window. Also the sample correlation
matrix of the same log returns (positive semi-definite by construction).

Usage (from the repository root, with the shared data beside it):
    python3 Tests/References/derive_card_universe.py ../shared/data/prices
Prints JSON fragments to paste into scenarios/rare-earths-us-china.json.
"""
import csv
import json
import math
import os
import sys

AS_OF = "2026-07-31"
WINDOW = 126
TICKERS = ["MP", "REMX", "UUUU", "USAR", "LMT", "RTX", "NOC", "GD", "TSLA", "GM", "XLI", "ITA", "SPY"]


def load(folder, ticker):
    with open(os.path.join(folder, ticker + ".csv")) as fh:
        rows = list(csv.DictReader(fh))
    return {r["Date"]: float(r["Close"]) for r in rows}


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/prices"
    series = {t: load(folder, t) for t in TICKERS}
    dates = sorted(d for d in series["SPY"] if d <= AS_OF)[-(WINDOW + 1):]
    assert dates[-1] == AS_OF, dates[-1]
    rets = {t: [math.log(series[t][b] / series[t][a]) for a, b in zip(dates, dates[1:])] for t in TICKERS}
    n = len(dates) - 1

    def mean(x):
        return sum(x) / len(x)

    def cov(x, y):
        mx, my = mean(x), mean(y)
        return sum((a - mx) * (b - my) for a, b in zip(x, y)) / (len(x) - 1)

    out = []
    for t in TICKERS:
        vol = math.sqrt(cov(rets[t], rets[t]) * 252)
        beta = cov(rets[t], rets["SPY"]) / cov(rets["SPY"], rets["SPY"])
        out.append({"ticker": t, "spot": round(series[t][AS_OF], 4), "volatility": round(vol, 4), "beta": round(beta, 3)})
    corr = [[round(cov(rets[a], rets[b]) / math.sqrt(cov(rets[a], rets[a]) * cov(rets[b], rets[b])), 3) if a != b else 1.0
             for b in TICKERS] for a in TICKERS]
    print(json.dumps({"as_of": AS_OF, "window_days": n, "universe": out}, indent=1))
    print(json.dumps({"tickers": TICKERS, "matrix": corr}))


if __name__ == "__main__":
    main()
