#!/usr/bin/env python3
"""Reference figures for the backtest tearsheet tests, from empyrical.

Input (relative to Tests/TradeSimTests/Fixtures/)
    tearsheet/prices.csv   30 hand-written closes of two tickers A and B on the
                           weekdays 2025-03-03 .. 2025-04-11 (21 in March, 9 in April).

The tests' playbook (written out in Tests/TradeSimTests/Backtest/TearsheetTests.swift):
capital 10,000, no costs, no holdings; decision "a" buys 100 A at the first close
and holds to the last; decision "b" buys 20 B at the first close and leaves after
a 10-day holding period (at the close of day 10, 2025-03-17). So, by hand:

    portfolio value V_t = 10000 + 100 (A_t - A_0) + 20 (B_min(t,10) - B_0),   t = 0..29
    starting value V_-1 = 10000 (the capital; nothing happens before the first close)

This script rebuilds V from the closes with that formula (not with tradesim), prepends
V_-1, and takes the daily returns as pandas' pct_change (30 returns). It then writes
empyrical's figures for those returns:

    annual_return, annual_volatility, sharpe_ratio, sortino_ratio, max_drawdown,
    calmar_ratio                              (empyrical defaults: daily, 252, rf 0)
    monthly_2025_3, monthly_2025_4             aggregate_returns(r, 'monthly')
    yearly_2025                                aggregate_returns(r, 'yearly')

to tearsheet/empyrical.csv (header metric,value; values with repr(), the shortest
round-trip decimal).

Versions: empyrical-reloaded 0.7.1 (import name empyrical; bottleneck 1.6.1),
numpy 2.4.6, pandas 3.1.1, Python 3.11.7.

How to rerun (from the repository root)
    python3 -m venv /tmp/venv-emp && /tmp/venv-emp/bin/pip install empyrical-reloaded pandas numpy
    /tmp/venv-emp/bin/python Tests/References/tearsheet_empyrical.py
"""
import os

import empyrical as ep
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "TradeSimTests", "Fixtures", "tearsheet")

prices = pd.read_csv(os.path.join(FIXTURES, "prices.csv"), parse_dates=["date"], index_col="date")
assert len(prices) == 30
a, b = prices["A"].to_numpy(), prices["B"].to_numpy()
capital = 10000.0
values = [capital + 100 * (a[t] - a[0]) + 20 * (b[min(t, 10)] - b[0]) for t in range(30)]
equity = pd.Series([capital] + values, index=[prices.index[0] - pd.Timedelta(days=3)] + list(prices.index))
returns = equity.pct_change().dropna()
assert len(returns) == 30

rows = [
    ("annual_return", ep.annual_return(returns)),
    ("annual_volatility", ep.annual_volatility(returns)),
    ("sharpe_ratio", ep.sharpe_ratio(returns)),
    ("sortino_ratio", ep.sortino_ratio(returns)),
    ("max_drawdown", ep.max_drawdown(returns)),
    ("calmar_ratio", ep.calmar_ratio(returns)),
]
monthly = ep.aggregate_returns(returns, "monthly")
for (year, month), value in monthly.items():
    rows.append((f"monthly_{year}_{month}", value))
yearly = ep.aggregate_returns(returns, "yearly")
for year, value in yearly.items():
    rows.append((f"yearly_{year}", value))

with open(os.path.join(FIXTURES, "empyrical.csv"), "w") as f:
    f.write("metric,value\n")
    for name, value in rows:
        f.write(f"{name},{float(value)!r}\n")
for name, value in rows:
    print(f"{name:20} {float(value)!r}")
