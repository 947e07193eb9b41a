import Foundation
import Testing
@testable import TradeSim

/// Monte Carlo against closed forms. Fixed seeds; every check is within 4 standard errors
/// (the standard error estimated from the same sample), as DESIGN §6 asks.
@Suite("Monte Carlo paths")
struct MonteCarloTests {
    /// GBM, S0 = 100, μ = 8%, σ = 30%, T = 63/252: E[S_T] = S0·e^{μT}, Var[S_T] =
    /// S0²·e^{2μT}(e^{σ²T} − 1), P(S_T > K) = N(d2), E[(K − S_T)+] = K·N(−d2) − S0·e^{μT}·N(−d1)
    /// with d2 = [ln(S0/K) + (μ − σ²/2)T]/(σ√T), d1 = d2 + σ√T (lognormal moments).
    @Test func gbmMatchesClosedForms() throws {
        let study = try StudyText.study(StudyText.singleAsset(scenario: #"{"name": "s", "horizon": 63}"#))
        let kernel = ScenarioKernel(scenario: study.scenarios[0], scenarioIndex: 0, universe: study.universe)
        let n = 100_000
        let s = finalPrices(kernel, paths: n, seed: 7).map { $0[0] }
        let (s0, mu, sigma, t) = (100.0, 0.08, 0.3, 0.25)

        let (mean, sd) = meanAndSD(s)
        let expectedMean = s0 * exp(mu * t)
        #expect(abs(mean - expectedMean) < 4 * sd / Double(n).squareRoot(), "E[S_T] \(mean) vs \(expectedMean)")
        print("GBM z-scores (100k paths): E[S_T] \((mean - expectedMean) / (sd / Double(n).squareRoot()))")

        let variance = sd * sd
        let expectedVariance = s0 * s0 * exp(2 * mu * t) * (exp(sigma * sigma * t) - 1)
        let m4 = s.reduce(0) { $0 + pow($1 - mean, 4) } / Double(n)
        let varianceSE = ((m4 - variance * variance) / Double(n)).squareRoot()
        #expect(abs(variance - expectedVariance) < 4 * varianceSE, "Var \(variance) vs \(expectedVariance)")
        print("GBM z-scores: Var[S_T] \((variance - expectedVariance) / varianceSE)")

        for k in [90.0, 105.0, 130.0] {
            let d2 = (log(s0 / k) + (mu - sigma * sigma / 2) * t) / (sigma * t.squareRoot())
            let d1 = d2 + sigma * t.squareRoot()
            let p = NormalDistribution.cdf(d2)
            let hits = Double(s.filter { $0 > k }.count) / Double(n)
            #expect(abs(hits - p) < 4 * (p * (1 - p) / Double(n)).squareRoot(), "P(S_T > \(k)) \(hits) vs \(p)")
            print("GBM z-scores: P(S_T > \(k)) \((hits - p) / (p * (1 - p) / Double(n)).squareRoot())")
            let payoffs = s.map { max(k - $0, 0) }
            let (pm, psd) = meanAndSD(payoffs)
            let expected = k * NormalDistribution.cdf(-d2) - s0 * exp(mu * t) * NormalDistribution.cdf(-d1)
            #expect(abs(pm - expected) < 4 * psd / Double(n).squareRoot(), "E[(\(k) − S_T)+] \(pm) vs \(expected)")
            print("GBM z-scores: E[(\(k) − S_T)+] \((pm - expected) / (psd / Double(n).squareRoot()))")
        }
    }

    /// Daily log-returns of the benchmark's six assets: sample correlations within 4 SE of
    /// the input matrix, SE(ρ̂) ≈ (1 − ρ²)/√n (Fisher's large-sample approximation).
    @Test func sampleCorrelationMatchesInput() throws {
        let rows = CorrelationTests.benchmark
        let matrix = (0..<6).map { i in "[" + (0..<6).map { String(rows[i * 6 + $0]) }.joined(separator: ",") + "]" }.joined(separator: ",")
        let assets = (1...6).map { #"{"ticker": "A\#($0)", "spot": 100, "volatility": 0.\#($0 + 2)}"# }.joined(separator: ",")
        let study = try StudyText.study("""
            {"name": "c", "start": "2026-01-05", "universe": [\(assets)],
             "scenarios": [{"name": "s", "horizon": 25, "correlation": {"matrix": [\(matrix)]}}]}
            """)
        let kernel = ScenarioKernel(scenario: study.scenarios[0], scenarioIndex: 0, universe: study.universe)
        var returns = [[Double]](repeating: [], count: 6)
        for first in stride(from: 0, to: 2048, by: 64) {
            var block = kernel.makeBlock(firstPath: first, lanes: 64, seed: 11)
            for _ in 0..<25 {
                let before = Array(block.logPrice)
                kernel.advance(&block)
                for i in 0..<6 { for lane in 0..<64 { returns[i].append(block.logPrice[i * 64 + lane] - before[i * 64 + lane]) } }
            }
        }
        let n = Double(returns[0].count)
        var worstZ = 0.0
        defer { print("Correlation: 15 pairs over \(Int(n)) daily returns, worst |z| \(worstZ)") }
        for i in 0..<6 {
            for j in (i + 1)..<6 {
                let (mi, si) = meanAndSD(returns[i]), (mj, sj) = meanAndSD(returns[j])
                let cov = zip(returns[i], returns[j]).reduce(0) { $0 + ($1.0 - mi) * ($1.1 - mj) } / (n - 1)
                let rho = cov / (si * sj)
                let input = rows[i * 6 + j]
                #expect(abs(rho - input) < 4 * (1 - input * input) / n.squareRoot(), "ρ[\(i)][\(j)] \(rho) vs \(input)")
                worstZ = max(worstZ, abs(rho - input) / ((1 - input * input) / n.squareRoot()))
            }
        }
    }

    /// Outcome frequencies of a three-outcome event within 4 binomial SE, and each path's
    /// move equal to its drawn outcome's log-move (zero-vol asset, so nothing else moves it).
    @Test func eventOutcomeFrequencies() throws {
        let study = try StudyText.study(StudyText.singleAsset(vol: 0, drift: 0, scenario: """
            {"name": "s", "horizon": 5, "events": [{"name": "meeting", "day": 3, "outcomes": [
              {"name": "relief", "probability": 0.4, "moves": {"A": -0.12}},
              {"name": "status quo", "probability": 0.35, "moves": {"g": 0.01}},
              {"name": "hard line", "probability": 0.25, "moves": {"*": 0.15}}]}]}
            """))
        let kernel = ScenarioKernel(scenario: study.scenarios[0], scenarioIndex: 0, universe: study.universe)
        let n = 20_000
        var counts = [0, 0, 0]
        let moves = [-0.12, 0.01, 0.15]
        for first in stride(from: 0, to: n, by: 64) {
            var block = kernel.makeBlock(firstPath: first, lanes: 64, seed: 3)
            for _ in 0..<5 { kernel.advance(&block) }
            for lane in 0..<64 {
                let o = block.outcome(event: 0, lane: lane)
                counts[o] += 1
                #expect(abs(block.logPrice[lane] - (log(100) + moves[o])) < 1e-12)
            }
        }
        let total = Double(counts.reduce(0, +))
        for (k, p) in [0.4, 0.35, 0.25].enumerated() {
            let f = Double(counts[k]) / total
            #expect(abs(f - p) < 4 * (p * (1 - p) / total).squareRoot(), "outcome \(k): \(f) vs \(p)")
            print("Event outcome \(k): frequency \(f) vs \(p), z \((f - p) / (p * (1 - p) / total).squareRoot())")
        }
    }

    /// Merton (1976): with μ = r the discounted mean call payoff equals the Merton series
    /// C = Σₙ e^{−λ′T}(λ′T)ⁿ/n! · BS(S, K, T, σₙ, rₙ), λ′ = λ(1 + κ), σₙ² = σ² + n·v²/T,
    /// rₙ = r − λκ + n·ln(1 + κ)/T, κ = e^{m + v²/2} − 1 (Haug 2007, §6.7.1). Also E[S_T] = S0·e^{rT}.
    @Test func mertonJumpDiffusionPrices() throws {
        let (s0, sigma, r, lambda, m, v, t) = (100.0, 0.25, 0.05, 1.0, -0.1, 0.15, 1.0)
        let study = try StudyText.study(StudyText.singleAsset(vol: sigma, drift: r, scenario: """
            {"name": "s", "horizon": 252, "rate": \(r),
             "jumps": [{"assets": ["A"], "intensity": \(lambda), "meanLogJump": \(m), "logJumpVolatility": \(v)}]}
            """))
        let kernel = ScenarioKernel(scenario: study.scenarios[0], scenarioIndex: 0, universe: study.universe)
        let n = 60_000
        let s = finalPrices(kernel, paths: n, seed: 5).map { $0[0] }
        let (mean, sd) = meanAndSD(s)
        #expect(abs(mean - s0 * exp(r * t)) < 4 * sd / Double(n).squareRoot())

        let kappa = exp(m + v * v / 2) - 1
        let lambdaPrime = lambda * (1 + kappa)
        for k in [80.0, 100.0, 120.0] {
            var series = 0.0
            var weight = exp(-lambdaPrime * t)
            for j in 0..<60 {
                if j > 0 { weight *= lambdaPrime * t / Double(j) }
                let sigmaN = (sigma * sigma + Double(j) * v * v / t).squareRoot()
                let rN = r - lambda * kappa + Double(j) * log(1 + kappa) / t
                series += weight * BlackScholes.price(.init(type: .call, spot: s0, strike: k, volatility: sigmaN, rate: rN, years: t))
            }
            let payoffs = s.map { exp(-r * t) * max($0 - k, 0) }
            let (pm, psd) = meanAndSD(payoffs)
            #expect(abs(pm - series) < 4 * psd / Double(n).squareRoot(), "Merton call K=\(k): MC \(pm) vs series \(series)")
            print("Merton call K=\(k): MC \(pm) vs series \(series), z \((pm - series) / (psd / Double(n).squareRoot()))")
        }
    }

    /// Antithetic pairs: the partner's log-return is the mirror image (same drift, negated
    /// shock), and the standard error of E[S_T] from pair means is below the plain one.
    @Test func antitheticPairsReduceVariance() throws {
        let scenario = #"{"name": "s", "horizon": 63, "antithetic": true}"#
        let anti = try StudyText.study(StudyText.singleAsset(scenario: scenario))
        let plain = try StudyText.study(StudyText.singleAsset(scenario: #"{"name": "s", "horizon": 63}"#))
        let n = 20_000
        let a = finalPrices(ScenarioKernel(scenario: anti.scenarios[0], scenarioIndex: 0, universe: anti.universe), paths: n, seed: 9).map { $0[0] }
        let p = finalPrices(ScenarioKernel(scenario: plain.scenarios[0], scenarioIndex: 0, universe: plain.universe), paths: n, seed: 9).map { $0[0] }
        let driftPart = 2 * (log(100) + (0.08 - 0.045) * 0.25)
        for k in stride(from: 0, to: n, by: 2) { #expect(abs(log(a[k]) + log(a[k + 1]) - driftPart) < 1e-12) }
        let pairMeans = stride(from: 0, to: n, by: 2).map { (a[$0] + a[$0 + 1]) / 2 }
        let antitheticSE = meanAndSD(pairMeans).sd / Double(n / 2).squareRoot()
        let plainSE = meanAndSD(p).sd / Double(n).squareRoot()
        #expect(antitheticSE < 0.5 * plainSE, "antithetic SE \(antitheticSE) vs plain \(plainSE)")
        print("E[S_T] standard error, \(n) paths: plain \(plainSE), antithetic \(antitheticSE)")
    }

    /// Regimes shift drift over their days: with zero vol the path is deterministic,
    /// ln S_30 − ln S_0 = (30·0.10 + 10·0.20)/252.
    @Test func regimeShiftsDrift() throws {
        let study = try StudyText.study(StudyText.singleAsset(vol: 0, drift: 0.1, scenario: """
            {"name": "s", "horizon": 30, "regimes": [{"from": 10, "to": 19, "driftShift": {"A": 0.2}, "volMultiplier": {"A": 3}}]}
            """))
        let kernel = ScenarioKernel(scenario: study.scenarios[0], scenarioIndex: 0, universe: study.universe)
        let s = finalPrices(kernel, paths: 3, seed: 1)
        for row in s { #expect(abs(log(row[0] / 100) - (30 * 0.1 + 10 * 0.2) / 252) < 1e-13) }
        #expect(study.scenarios[0].pathVolatility(asset: 0, day: 15, universe: study.universe) == 0)
    }

    /// Paths do not depend on the block size (lanes) or on which other paths run.
    @Test func pathsIndependentOfBlocking() throws {
        let study = try StudyText.study(StudyText.singleAsset(scenario: """
            {"name": "s", "horizon": 20, "events": [{"name": "e", "day": 5, "outcomes": [
              {"name": "u", "probability": 0.5, "moves": {"A": 0.1}}, {"name": "d", "probability": 0.5, "moves": {"A": -0.1}}]}]}
            """))
        let kernel = ScenarioKernel(scenario: study.scenarios[0], scenarioIndex: 0, universe: study.universe)
        let wide = finalPrices(kernel, paths: 100, seed: 4, lanes: 64)
        let narrow = finalPrices(kernel, paths: 100, seed: 4, lanes: 7)
        #expect(wide == narrow)
        var block = kernel.makeBlock(firstPath: 57, lanes: 1, seed: 4)
        for _ in 0..<20 { kernel.advance(&block) }
        #expect(block.price(asset: 0, lane: 0) == wide[57][0])
        let otherSeed = finalPrices(kernel, paths: 100, seed: 5)
        #expect(otherSeed != wide)
    }
}
