#!/usr/bin/env python3
"""A synthetic option chain priced from a known implied-volatility surface.

What it is
    Test data for TradeSim's chain reader and surface fit
    (Sources/TradeSim/Decoding/OptionChain.swift, Sources/TradeSim/Pricing/SurfaceFit.swift):
    one quote date of European calls and puts on one underlying, with bid/ask around the
    Black-Scholes-Merton price at the surface's implied vol. Independent of the Swift code:
    its own calendar arithmetic and its own Black-Scholes (math.erf), standard library only.

Surface (the form of Sources/TradeSim/Pricing/VolatilitySmile.swift)
    sigma(K, tau) = max(atm(tau) + a*x + b*x^2, FLOOR * atm(tau)),
    x = clamp(ln(K/F)/sqrt(tau), -X_LIMIT, X_LIMIT),  F = S*exp((r - q)*tau),
    with a = SLOPE, b = CURVATURE. atm(tau) comes from ATM_TERMS (trading days -> vol):
    total variance atm^2*tau is linear in tau between the points, and the vol is flat
    beyond the first and last points.

Time
    tau = d/252, d = the number of weekdays after the quote date up to and including the
    expiration (no exchange holidays: none of the dates below is near one).

Contracts
    Expirations: the third Friday of each month in MONTHS. Strikes: STRIKES (60 to 150 in
    steps of 5), a call and a put at each, for every expiration.

Quotes
    mid = the Black-Scholes-Merton price at sigma(K, tau); half-spread
    h = max(MIN_HALF_SPREAD, SPREAD_FRACTION * mid); bid = mid - h and ask = mid + h, each
    rounded half up to the tick: 0.0001 in synthetic_chain.csv (the quotes carry the surface
    to ~1e-4 of a vol point near the money: a test of the method), 0.01 in
    synthetic_chain_cents.csv (as listed options are quoted: rounding moves the mid by up to
    half a cent, which is ~1 vol point for a 9-day put worth 5 cents). A bid below half a
    tick is 0 (such quotes are the ones a fit must skip), an ask is at least one tick. implied_volatility is the surface's sigma
    (4 decimals), delta the Black-Scholes delta (4 decimals), volume and open_interest
    fixed whole numbers (the fit does not use them).

Written
    ../TradeSimTests/Fixtures/chains/synthetic_chain.csv        the chain (optopsy's columns)
    ../TradeSimTests/Fixtures/chains/synthetic_chain_cents.csv  the same, quoted in cents
    ../TradeSimTests/Fixtures/chains/synthetic_surface.csv one row per contract: its
        expiration, option_type, strike, days, years, forward, x, the surface's sigma
        (repr: round-trips) and the unrounded mid; and one row per expiration with
        option_type "atm": its atm(tau). Parameters are in the header comment lines.

Rerun (from the repository root): python3 Tests/References/synthetic_chain.py
"""

import datetime
import math
import os

UNDERLYING = "SYN"
QUOTE_DATE = datetime.date(2025, 5, 5)  # a Monday
SPOT = 100.0
RATE = 0.04
DIVIDEND = 0.01
ATM_TERMS = [(21, 0.32), (63, 0.29), (126, 0.27), (252, 0.26)]
SLOPE = -0.20
CURVATURE = 0.05
X_LIMIT = 2.5
FLOOR = 0.25
MONTHS = [(2025, 5), (2025, 6), (2025, 7), (2025, 9), (2025, 12), (2026, 3)]
STRIKES = [60 + 5 * i for i in range(19)]
MIN_HALF_SPREAD = 0.01
SPREAD_FRACTION = 0.03


def third_friday(year, month):
    first = datetime.date(year, month, 1)
    offset = (4 - first.weekday()) % 7  # Monday = 0, Friday = 4
    return first + datetime.timedelta(days=offset + 14)


def weekdays_after(start, end):
    n, day = 0, start
    while day < end:
        day += datetime.timedelta(days=1)
        if day.weekday() < 5:
            n += 1
    return n


def atm_vol(days):
    points = ATM_TERMS
    if days <= points[0][0]:
        return points[0][1]
    if days >= points[-1][0]:
        return points[-1][1]
    for (d0, v0), (d1, v1) in zip(points, points[1:]):
        if d0 <= days <= d1:
            w0, w1 = v0 * v0 * d0, v1 * v1 * d1
            w = w0 + (w1 - w0) * (days - d0) / (d1 - d0)
            return math.sqrt(w / days)
    raise ValueError(days)


def surface_vol(atm, log_moneyness, years):
    x = max(-X_LIMIT, min(X_LIMIT, log_moneyness / math.sqrt(years)))
    return max(atm + SLOPE * x + CURVATURE * x * x, FLOOR * atm), x


def norm_cdf(z):
    return 0.5 * (1.0 + math.erf(z / math.sqrt(2.0)))


def black_scholes(kind, spot, strike, vol, rate, dividend, years):
    """Price and delta, Black-Scholes-Merton with a continuous dividend yield."""
    sd = vol * math.sqrt(years)
    d1 = (math.log(spot / strike) + (rate - dividend) * years) / sd + 0.5 * sd
    d2 = d1 - sd
    share, cash = spot * math.exp(-dividend * years), strike * math.exp(-rate * years)
    if kind == "call":
        return share * norm_cdf(d1) - cash * norm_cdf(d2), math.exp(-dividend * years) * norm_cdf(d1)
    return cash * norm_cdf(-d2) - share * norm_cdf(-d1), -math.exp(-dividend * years) * norm_cdf(-d1)


def to_tick(x, tick):
    return math.floor(x / tick + 0.5) * tick


def main():
    root = os.path.dirname(os.path.abspath(__file__))
    folder = os.path.join(root, "..", "TradeSimTests", "Fixtures", "chains")
    os.makedirs(folder, exist_ok=True)
    header = ("underlying_symbol,underlying_price,quote_date,expiration,option_type,strike,bid,ask,"
              "delta,implied_volatility,volume,open_interest")
    chains = {0.0001: [header], 0.01: [header]}
    surface = [
        f"# synthetic_chain.py: spot={SPOT!r} rate={RATE!r} dividend={DIVIDEND!r} slope={SLOPE!r} "
        f"curvature={CURVATURE!r} x_limit={X_LIMIT!r} floor={FLOOR!r} atm_terms={ATM_TERMS}",
        "expiration,option_type,strike,days,years,forward,x,vol,mid",
    ]
    for year, month in MONTHS:
        expiry = third_friday(year, month)
        days = weekdays_after(QUOTE_DATE, expiry)
        years = days / 252
        forward = SPOT * math.exp((RATE - DIVIDEND) * years)
        atm = atm_vol(days)
        surface.append(f"{expiry},atm,,{days},{years!r},{forward!r},0.0,{atm!r},")
        for strike in STRIKES:
            vol, x = surface_vol(atm, math.log(strike / forward), years)
            for kind in ("call", "put"):
                mid, delta = black_scholes(kind, SPOT, strike, vol, RATE, DIVIDEND, years)
                half = max(MIN_HALF_SPREAD, SPREAD_FRACTION * mid)
                volume = 10 * (1 + STRIKES.index(strike) % 7)
                interest = 100 * (1 + STRIKES.index(strike) % 5)
                for tick, lines in chains.items():
                    digits = round(-math.log10(tick))
                    bid = to_tick(mid - half, tick)
                    bid = bid if bid >= tick / 2 else 0.0
                    ask = max(to_tick(mid + half, tick), tick)
                    lines.append(f"{UNDERLYING},{SPOT:.2f},{QUOTE_DATE},{expiry},{kind},{strike},{bid:.{digits}f},{ask:.{digits}f},"
                                 f"{delta:.4f},{vol:.4f},{volume},{interest}")
                surface.append(f"{expiry},{kind},{strike},{days},{years!r},{forward!r},{x!r},{vol!r},{mid!r}")
    files = (("synthetic_chain.csv", chains[0.0001]), ("synthetic_chain_cents.csv", chains[0.01]),
             ("synthetic_surface.csv", surface))
    for name, lines in files:
        with open(os.path.join(folder, name), "w", newline="\n") as f:
            f.write("\n".join(lines) + "\n")
    print(f"{len(surface) - 2 - len(MONTHS)} quotes, {len(MONTHS)} expirations -> {os.path.normpath(folder)}")


if __name__ == "__main__":
    main()
