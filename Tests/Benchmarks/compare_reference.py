#!/usr/bin/env python3
"""Statistical agreement of `tradesim run scenarios/benchmark.json` with the NumPy reference
(shared/bench/ref_numpy.py), both with N paths (default 100,000) and seed 42 but independent
random streams. Prints each statistic, the difference, the combined standard error and z.

Standard errors: means sd/sqrt(N) each; VaR95 the one-sample SE published in WORKLOAD.md §8
(630 at 1M paths) scaled by sqrt(1e6/N); mean max drawdown mdd_sd/sqrt(N). Combined SE =
sqrt(SE_a^2 + SE_b^2). Pass: |z| < 4 for every row.

Usage (repository root, release build, shared/ beside the repository):
    swift build -c release
    python3 Tests/Benchmarks/compare_reference.py [--n 100000] [--shared ../shared]
Not run by the tests: it needs ../shared, which a user's clone does not have.
"""
import argparse
import csv
import json
import math
import os
import subprocess
import sys
import tempfile


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--tradesim", default=".build/release/tradesim")
    a = ap.parse_args()
    out = tempfile.mkdtemp()
    subprocess.run([a.tradesim, "run", "scenarios/benchmark.json", "--paths", str(a.n), "--seed", "42",
                    "--out", out, "--quiet"], check=True)
    rows = {r["decision"]: r for r in csv.DictReader(open(os.path.join(out, "summary.csv")))}
    ref = json.loads(subprocess.run([sys.executable, os.path.join(a.shared, "bench", "ref_numpy.py"), "--n", str(a.n), "--json"],
                                    check=True, capture_output=True, text=True).stdout)
    n = a.n
    var_se = 630.0 * math.sqrt(1e6 / n)
    table = [
        ("mean pnl", float(rows["portfolio"]["mean_pnl"]), ref["mean"], math.hypot(float(rows["portfolio"]["mc_stderr"]), ref["se"])),
        ("var95", float(rows["portfolio"]["var95"]), ref["var95"], math.sqrt(2) * var_se),
        ("mean max drawdown", float(rows["portfolio"]["mean_max_drawdown"]), ref["mdd_mean"], math.sqrt(2) * ref["mdd_sd"] / math.sqrt(n)),
    ]
    for d in ("basket", "putspread", "pair", "straddle"):
        table.append((f"{d} mean pnl", float(rows[d]["mean_pnl"]), ref[f"pnl_{d}_mean"],
                      math.hypot(float(rows[d]["mc_stderr"]), ref[f"pnl_{d}_sd"] / math.sqrt(n))))
    worst = 0.0
    print(f"{'statistic':<22}{'tradesim':>16}{'numpy':>16}{'diff':>12}{'comb. SE':>12}{'z':>8}")
    for name, x, y, se in table:
        z = (x - y) / se
        worst = max(worst, abs(z))
        print(f"{name:<22}{x:>16.1f}{y:>16.1f}{x - y:>12.1f}{se:>12.1f}{z:>8.2f}")
    print(f"worst |z| = {worst:.2f}: {'PASS' if worst < 4 else 'FAIL'} (|z| < 4)")
    return 0 if worst < 4 else 1


if __name__ == "__main__":
    sys.exit(main())
