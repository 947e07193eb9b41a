#!/usr/bin/env python3
"""Studies with large universes (100, 300 and 1,000 assets), for timing `validate` and `run`
at the documented limit (issues 15 and 21), and the smallest eigenvalue of each correlation
(numpy.linalg.eigvalsh, LAPACK dsyevd) as the independent reference for the PSD check.

Every number comes from closed formulas (no random draws), so the files are the same on every
machine:
- loadings: asset i (0-based) has market loading b_i = 0.35 + 0.4 * ((i * 37) % 101) / 100
  and sector s = i % 10 with sector loading g_i = 0.25 + 0.3 * ((i * 53) % 97) / 96;
- the "matrix" form is the two-factor model C_ij = b_i b_j + [s_i = s_j] g_i g_j off the
  diagonal, 1 on it, written to 6 decimals (the idiosyncratic variance 1 - b_i^2 - g_i^2
  >= 0.0075 is far above the rounding, so the written matrix stays positive definite);
- "uniform": rho = 0.3; "groups": one group per sector tag (rho 0.6 within) and 0.2 between;
- "nonpsd": the 1,000-asset matrix with assets 0, 1 and 2 given rho01 = rho02 = 0.9 and
  rho12 = -0.9 (impossible: no three variables can have those correlations);
- "asymmetric": the 1,000-asset matrix with [3][7] changed (not [7][3]).

Each study has a 126-day Monte Carlo scenario and a playbook of a 20-name basket and puts
on two names.

Usage:  python3 Tests/References/big_universe.py OUTDIR
Writes OUTDIR/big-{100,300,1000}-{matrix,uniform,groups}.json, OUTDIR/big-1000-nonpsd.json,
OUTDIR/big-1000-asymmetric.json, and prints each matrix study's smallest eigenvalue.
"""
import json
import os
import sys

import numpy


def loadings(n):
    market = [0.35 + 0.4 * ((i * 37) % 101) / 100 for i in range(n)]
    sector = [0.25 + 0.3 * ((i * 53) % 97) / 96 for i in range(n)]
    return market, sector


def factor_matrix(n):
    b, g = loadings(n)
    rows = [[1.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            v = b[i] * b[j] + (g[i] * g[j] if i % 10 == j % 10 else 0.0)
            v = float("%.6f" % v)
            rows[i][j] = v
            rows[j][i] = v
    return rows


def universe(n):
    b, _ = loadings(n)
    return [{"ticker": "T%04d" % i, "spot": 50 + (i * 7) % 150, "volatility": round(0.2 + 0.3 * ((i * 11) % 41) / 40, 4),
             "drift": 0.05, "beta": round(b[i] / 0.55, 4), "tags": ["sector%d" % (i % 10)]} for i in range(n)]


def study(name, n, correlation):
    basket = {"T%04d" % i: 0.05 for i in range(20)}
    return {
        "name": name,
        "start": "2026-01-05",
        "universe": universe(n),
        "scenarios": [{"name": "base", "horizon": 126, "rate": 0.04, "correlation": correlation}],
        "playbook": {
            "capital": 10000000,
            "decisions": [
                {"id": "basket", "kind": "basket", "assets": basket, "size": {"notional": 2000000}},
                {"id": "puts", "kind": "protection", "underlyings": ["T0000", "T0001"], "structure": "put",
                 "strike": {"moneyness": 0.9}, "expiry": 126, "size": {"units": 10000}},
            ],
        },
    }


def write(outdir, name, body):
    with open(os.path.join(outdir, name + ".json"), "w") as fh:
        json.dump(body, fh, separators=(",", ":"))


def main():
    outdir = sys.argv[1]
    os.makedirs(outdir, exist_ok=True)
    for n in (100, 300, 1000):
        rows = factor_matrix(n)
        print("big-%d-matrix smallest eigenvalue %.9g" % (n, numpy.linalg.eigvalsh(numpy.array(rows))[0]))
        write(outdir, "big-%d-matrix" % n, study("big-%d-matrix" % n, n, {"matrix": rows}))
        write(outdir, "big-%d-uniform" % n, study("big-%d-uniform" % n, n, {"uniform": 0.3}))
        groups = [{"assets": ["sector%d" % s], "correlation": 0.6} for s in range(10)]
        write(outdir, "big-%d-groups" % n, study("big-%d-groups" % n, n, {"groups": groups, "between": 0.2}))
        if n == 1000:
            bad = [r[:] for r in rows]
            for (i, j, v) in ((0, 1, 0.9), (0, 2, 0.9), (1, 2, -0.9)):
                bad[i][j] = v
                bad[j][i] = v
            print("big-1000-nonpsd smallest eigenvalue %.9g" % numpy.linalg.eigvalsh(numpy.array(bad))[0])
            write(outdir, "big-1000-nonpsd", study("big-1000-nonpsd", n, {"matrix": bad}))
            asym = [r[:] for r in rows]
            asym[3][7] = round(asym[3][7] + 0.01, 6)
            write(outdir, "big-1000-asymmetric", study("big-1000-asymmetric", n, {"matrix": asym}))


if __name__ == "__main__":
    main()
