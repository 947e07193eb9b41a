#!/usr/bin/env python3
"""The rational R(y) = P(y)/Q(y) ≈ e^{y²}·erfc(y) on [0, 4] used by the engine's put marks.

What it is
    The coefficients in Sources/TradeSim/Kernels/BlackScholesLanes.swift (scaledUpperTail) come
    from this script. The kernel computes erfc(y) = e^{−y²}·P(y)/Q(y) for y = |d|/√2 ≤ 4; beyond
    4 it keeps W. J. Cody's asymptotic form.

How
    Degree 8/8, Q(0) = 1. A weighted linear least-squares problem on 400 Chebyshev nodes of
    [0, 4] for the relative error (P(y) − f(y)·Q(y)) / (f(y)·Q_prev(y)), solved by QR in 50-digit
    arithmetic (mpmath). It is repeated 30 times: each pass divides by the previous Q (Loeb's
    iteration) and reweights each node by √|error| (Lawson), which drives the fit towards
    equal ripple. Then the relative error is checked on 20,001 points of [0, 4].

Result (2026-11-27, mpmath 1.3): dense maximum relative error 1.23e-17. Every coefficient is
positive, so Horner's rule for y ≥ 0 adds no cancellation.

The kernel evaluates R in x = |d| = √2·y, so it ships the coefficients of degree k times
2^{−k/2}: `--in-abs-d` scales the shipped y-coefficients (the doubles below) in 50-digit
arithmetic, rounds each once, and checks the result: relative error 7.0e-17 on [0, 4√2] in
exact arithmetic (the shipped y-coefficients themselves: 6.1e-17).

Run
    python3 Tests/References/fit_erfcx.py              # prints the error and the coefficients
    python3 Tests/References/fit_erfcx.py --in-abs-d   # the coefficients the kernel ships
"""
import sys
import mpmath as mp

mp.mp.dps = 50
M, N = 8, 8            # degrees of P and Q
LO, HI = mp.mpf(0), mp.mpf(4)
NODES = 400
PASSES = 30


def target(y):
    return mp.exp(y * y) * mp.erfc(y)


def evaluate(c, y):
    """R(y) and Q(y) for coefficients c = [p0..pM, q1..qN] (q0 = 1)."""
    p = mp.mpf(0)
    for a in reversed(c[:M + 1]):
        p = p * y + a
    q = mp.mpf(0)
    for b in reversed([mp.mpf(1)] + c[M + 1:]):
        q = q * y + b
    return p / q, q


def main():
    ys = [(LO + HI) / 2 + (HI - LO) / 2 * mp.cos(mp.pi * (2 * k + 1) / (2 * NODES)) for k in range(NODES)]
    fs = [target(y) for y in ys]
    weights = [mp.mpf(1)] * NODES
    q_previous = [mp.mpf(1)] * NODES
    c = None
    for step in range(PASSES):
        rows, rhs = [], []
        for i, (y, f) in enumerate(zip(ys, fs)):
            s = mp.sqrt(weights[i]) / (f * q_previous[i])
            rows.append([s * y ** j for j in range(M + 1)] + [-s * f * y ** j for j in range(1, N + 1)])
            rhs.append(s * f)
        x, _ = mp.qr_solve(mp.matrix(rows), mp.matrix(rhs))
        c = [x[j] for j in range(M + N + 1)]
        errors = []
        for i, (y, f) in enumerate(zip(ys, fs)):
            r, q = evaluate(c, y)
            q_previous[i] = q
            errors.append((r - f) / f)
        weights = [weights[i] * abs(errors[i]) ** mp.mpf("0.5") for i in range(NODES)]
        total = sum(weights)
        weights = [w / total * NODES for w in weights]
        print(f"pass {step:2d}: max relative error on the nodes {mp.nstr(max(abs(e) for e in errors), 5)}")
    worst = max(abs(evaluate(c, HI * k / 20000)[0] / target(HI * k / 20000) - 1) for k in range(20001))
    print("dense maximum relative error on [0, 4]:", mp.nstr(worst, 5))
    print("P (degree 0 first):", [mp.nstr(a, 25) for a in c[:M + 1]])
    print("Q (degree 0 first):", ["1"] + [mp.nstr(a, 25) for a in c[M + 1:]])


# The fitted coefficients as rounded to doubles (degree 0 first).
SHIPPED_P = [1.0, 1.6065518398263396, 1.3004646746141204, 0.6484474318939479, 0.2118803357749199,
             0.04503364895608093, 0.005764054441130981, 0.000344477102465392, 4.5559434215962445e-11]
SHIPPED_Q = [1.0, 2.7349310069218484, 3.3865038462684667, 2.4870295924504418, 1.1890483173829665,
             0.38064394032650417, 0.08012653973065686, 0.010216437801032964, 0.0006105734809821173]


def in_abs_d():
    """The shipped rational as a function of x = |d| = √2·y: coefficient k times 2^(−k/2)."""
    c = 1 / mp.sqrt(2)
    p = [float(mp.mpf(a) * c ** k) for k, a in enumerate(SHIPPED_P)]
    q = [float(mp.mpf(b) * c ** k) for k, b in enumerate(SHIPPED_Q)]

    def rational(cs_p, cs_q, t):
        num = mp.mpf(0)
        for a in reversed(cs_p):
            num = num * t + mp.mpf(a)
        den = mp.mpf(0)
        for b in reversed(cs_q):
            den = den * t + mp.mpf(b)
        return num / den

    top = 4 * mp.sqrt(2)
    worst = max(abs(rational(p, q, top * k / 20000) / target(top * k / 20000 * c) - 1) for k in range(20001))
    print("in x = |d|, coefficients rounded to doubles: maximum relative error on [0, 4√2]:", mp.nstr(worst, 5))
    print("P (highest degree first):", [repr(a) for a in reversed(p)])
    print("Q (highest degree first):", [repr(b) for b in reversed(q)])


if __name__ == "__main__":
    in_abs_d() if "--in-abs-d" in sys.argv else main()
