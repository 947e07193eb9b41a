#!/usr/bin/env python3
"""A small generated option chain of MP for backtests with --chain.

What it is
    Test data for `tradesim backtest --chain` (Sources/TradeSim/Backtest/ChainFills.swift):
    end-of-day quotes of MP calls and puts on every trading date of the committed price
    excerpt (scenarios/data/prices-2025/MP.csv) from FIRST to LAST, in optopsy's columns.
    Not market data: the quotes are Black-Scholes-Merton prices of a made-up smile around the
    real closes, with a made-up spread. Real chains: see the README's `tradesim backtest`
    section. Independent of the Swift code: the weekday count and Black-Scholes (math.erf)
    of synthetic_chain.py beside it, standard library only.

Contracts
    Underlying MP; expirations EXPIRATIONS (the monthly contracts' expiry dates: the third
    Friday, 2025-04-17 for April because 2025-04-18 is Good Friday); strikes STRIKES; a call
    and a put at each. A contract is quoted on every date from FIRST to LAST that is on or
    before its expiration (so the set of quotes per contract has no gaps: tests remove rows to
    make them).

Quotes on a date with close S (the MP.csv close, 2 decimals as underlying_price)
    tau = d/252, d = the number of weekdays after the quote date up to and including the
    expiration (0 on the expiration date: the quote is then the intrinsic value);
    F = S*exp((RATE - DIVIDEND)*tau), x = clamp(ln(K/F)/sqrt(tau), -X_LIMIT, X_LIMIT),
    sigma = ATM + SLOPE*x + CURVATURE*x^2;
    mid = the Black-Scholes-Merton price at sigma; half-spread h = max(MIN_HALF_SPREAD,
    SPREAD_FRACTION*mid); bid = mid - h and ask = mid + h, rounded half up to the cent; a
    bid below half a cent is 0; an ask is at least 0.01. implied_volatility is sigma rounded
    to 4 decimals (empty on the expiration date).

Written
    ../TradeSimTests/Fixtures/chains/mp_backtest_chain.csv   rows by quote date, expiration,
        type (call, put), strike.

Rerun (from the repository root): python3 Tests/References/backtest_chain.py
"""

import datetime
import math
import os

from synthetic_chain import black_scholes, weekdays_after  # this folder's generator: its calendar count and BSM

UNDERLYING = "MP"
FIRST = datetime.date(2025, 3, 3)
LAST = datetime.date(2025, 4, 30)
EXPIRATIONS = [datetime.date(2025, 3, 21), datetime.date(2025, 4, 17), datetime.date(2025, 5, 16),
               datetime.date(2025, 6, 20)]
STRIKES = list(range(18, 33))
RATE = 0.043
DIVIDEND = 0.0
ATM = 0.65
SLOPE = -0.12
CURVATURE = 0.04
X_LIMIT = 2.5
MIN_HALF_SPREAD = 0.025
SPREAD_FRACTION = 0.05


def option_price(kind, spot, strike, vol, years):
    """Black-Scholes-Merton price (synthetic_chain.py's), the intrinsic value at expiry."""
    if years <= 0:
        return max(spot - strike, 0.0) if kind == "call" else max(strike - spot, 0.0)
    return black_scholes(kind, spot, strike, vol, RATE, DIVIDEND, years)[0]


def to_cent(x):
    return math.floor(x * 100 + 0.5) / 100


def closes(root):
    out = {}
    with open(os.path.join(root, "scenarios", "data", "prices-2025", "MP.csv")) as f:
        next(f)
        for line in f:
            date, close = line.strip().split(",")[:2]
            day = datetime.date.fromisoformat(date)
            if FIRST <= day <= LAST:
                out[day] = float(close)
    return out


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.normpath(os.path.join(here, "..", ".."))
    lines = ["underlying_symbol,underlying_price,quote_date,expiration,option_type,strike,bid,ask,implied_volatility"]
    for day, close in sorted(closes(root).items()):
        spot = round(close, 2)
        for expiry in EXPIRATIONS:
            if expiry < day:
                continue
            years = weekdays_after(day, expiry) / 252
            for kind in ("call", "put"):
                for strike in STRIKES:
                    if years > 0:
                        forward = spot * math.exp((RATE - DIVIDEND) * years)
                        x = max(-X_LIMIT, min(X_LIMIT, math.log(strike / forward) / math.sqrt(years)))
                        vol = ATM + SLOPE * x + CURVATURE * x * x
                        iv = f"{vol:.4f}"
                    else:
                        vol, iv = 0.0, ""
                    mid = option_price(kind, spot, strike, vol, years)
                    half = max(MIN_HALF_SPREAD, SPREAD_FRACTION * mid)
                    bid = to_cent(mid - half)
                    bid = bid if bid >= 0.005 else 0.0
                    ask = max(to_cent(mid + half), 0.01)
                    lines.append(f"{UNDERLYING},{spot:.2f},{day},{expiry},{kind},{strike},{bid:.2f},{ask:.2f},{iv}")
    folder = os.path.join(here, "..", "TradeSimTests", "Fixtures", "chains")
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, "mp_backtest_chain.csv")
    with open(path, "w", newline="\n") as f:
        f.write("\n".join(lines) + "\n")
    print(f"{len(lines) - 1} quotes -> {os.path.normpath(path)}")


if __name__ == "__main__":
    main()
