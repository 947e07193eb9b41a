#!/usr/bin/env python3
"""Cost of one American price, measured through the release binary.

`tradesim price --exercise american` solves the exercise boundary 7 times: the price with
delta, gamma and theta (1), and central differences in volatility, rate and dividend yield
for vega, rho and dividend rho (6). The European `tradesim price` runs the same process
start, parsing and printing with a closed form. So, per case, the cost of one American
price is (median wall time American - median wall time European) / 7. Every run is a fresh
process; runs alternate between the two; medians over --reps runs.

    swift build -c release --product tradesim
    python3 Tests/Benchmarks/american_price.py            # 9 cases x 41 runs each
    python3 Tests/Benchmarks/american_price.py --reps 101

Run it from the repository's root. It prints one line per case and the median over cases.
"""
import argparse
import statistics
import subprocess
import time

BIN = ".build/release/tradesim"
CASES = [  # type, spot, vol, rate, dividend, years (strike 100)
    ("put", 90, 0.15, 0.05, 0.0, 1 / 12), ("put", 100, 0.3, 0.05, 0.02, 0.5), ("put", 120, 0.7, 0.1, 0.04, 1.0),
    ("call", 110, 0.3, 0.03, 0.04, 0.25), ("call", 100, 0.5, 0.0, 0.02, 1.0), ("call", 80, 0.15, 0.06, 0.04, 0.5),
    ("put", 100, 0.2, 0.25, 0.0, 1.0), ("put", 100, 0.02, 0.05, 0.0, 1.0), ("call", 100, 0.25, 0.1, 1.0, 1.0),
]


def wall(argv):
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--reps", type=int, default=41)
    args = parser.parse_args()
    per_price = []
    for typ, spot, vol, rate, div, years in CASES:
        base = [BIN, "price", "--type", typ, "--spot", str(spot), "--strike", "100", "--vol", str(vol),
                "--rate", str(rate), "--dividend", str(div), "--years", repr(years), "--json"]
        american, european = [], []
        for _ in range(args.reps):
            american.append(wall(base + ["--exercise", "american"]))
            european.append(wall(base))
        cost = (statistics.median(american) - statistics.median(european)) / 7
        per_price.append(cost)
        print(f"{typ:4} S={spot:<4} vol={vol:<5} r={rate:<5} q={div:<5} T={years:.3f}: "
              f"{cost * 1e6:9.1f} us per American price "
              f"(process {statistics.median(european) * 1e3:.2f} ms European, {statistics.median(american) * 1e3:.2f} ms American)")
    print(f"median over cases: {statistics.median(per_price) * 1e6:.1f} us per American price")


if __name__ == "__main__":
    main()
