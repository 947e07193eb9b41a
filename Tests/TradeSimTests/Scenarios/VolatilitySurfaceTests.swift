import Foundation
import Testing
@testable import TradeSim

/// The implied-vol surface: the smile's documented values, event variance and implied move,
/// the lane form against the scalar rule, the study format, and entries marked at their own
/// strike's IV. Reference numbers were computed in plain Python (math.erfc for Φ, the smile
/// and the event formulas written out independently, E|e^X − 1| by a 200,001-point trapezoid
/// over ±12σ), as stated at each use.
@Suite("Implied-vol surface")
struct VolatilitySurfaceTests {
    // MARK: - Smile

    @Test func smileMatchesItsDocumentedExample() {
        // a = −0.2, b = 0.05, 6 months, F = S: the 95% and 85% strikes are 1.477 and 4.861 vol
        // points above the money (Python: 0.014771034721246745, 0.04860853509213231).
        let smile = VolatilitySmile(slope: -0.2, curvature: 0.05)
        #expect(abs(smile.volatility(atm: 0.3, logMoneyness: log(0.95), years: 0.5) - 0.3 - 0.014771034721246745) < 1e-15)
        #expect(abs(smile.volatility(atm: 0.3, logMoneyness: log(0.85), years: 0.5) - 0.3 - 0.04860853509213231) < 1e-15)
        #expect(smile.volatility(atm: 0.3, logMoneyness: 0, years: 0.5) == 0.3)
        #expect(VolatilitySmile.flat.volatility(atm: 0.3, logMoneyness: -1, years: 0.1) == 0.3)
    }

    @Test func smileIsFlatBeyondItsLimitAndNeverBelowItsFloor() {
        let smile = VolatilitySmile(slope: -0.2, curvature: 0.05, xLimit: 2)
        // x = ln(K/F)/√τ clamped to ±2: every strike further out has the value at x = −2.
        let edge = 0.3 + (-0.2 + 0.05 * -2) * -2
        #expect(abs(smile.volatility(atm: 0.3, logMoneyness: -2 * 0.5, years: 0.25) - edge) < 1e-15)
        #expect(abs(smile.volatility(atm: 0.3, logMoneyness: -3, years: 0.25) - edge) < 1e-15)
        // A steep call-side fall stops at 25% of the ATM level.
        let steep = VolatilitySmile(slope: -1, curvature: 0)
        #expect(steep.volatility(atm: 0.2, logMoneyness: 1, years: 1) == 0.05)
    }

    // MARK: - Events

    /// The first card's meeting in "supply-risk-elevated", for MP (an enabler): outcomes +4%
    /// (0.55), +12% (0.30), −12% (0.15), noise 3%.
    static let meeting = ScheduledEvent(name: "m", day: 30, outcomes: [
        EventOutcome(name: "status quo", probability: 0.55, logMoves: [0.04]),
        EventOutcome(name: "hard line", probability: 0.3, logMoves: [0.12]),
        EventOutcome(name: "export relief", probability: 0.15, logMoves: [-0.12]),
    ], noiseVolatility: [0.03], volPremium: nil, pricesOutcomeVariance: true)

    @Test func eventVarianceAndImpliedMove() {
        // Python: Σp·m² − (Σp·m)² + 0.03² = 0.006659999999999999 (√ = 0.0816088…);
        // E|e^X − 1| by quadrature = 0.07938919152031407.
        #expect(abs(Self.meeting.logMoveVariance(asset: 0) - 0.006659999999999999) < 1e-16)
        #expect(abs(Self.meeting.expectedAbsoluteMove(asset: 0) - 0.07938919152031407) < 1e-9)
        // Without noise each outcome pays |e^m − 1| exactly.
        var plain = Self.meeting
        plain.noiseVolatility = [0]
        let expected = 0.55 * (exp(0.04) - 1) + 0.3 * (exp(0.12) - 1) + 0.15 * (1 - exp(-0.12))
        #expect(abs(plain.expectedAbsoluteMove(asset: 0) - expected) < 1e-15)
    }

    @Test func eventVarianceIsInTheTotalVarianceFromListingAndGoneAtTheEvent() {
        let model = ImpliedVolModel(baseAbsolute: [nil], baseMultiple: 1)
        let v = Self.meeting.logMoveVariance(asset: 0)
        func atm(day: Int, tenor: Int) -> Double {
            model.impliedVol(asset: 0, day: day, tenorDays: tenor, pathVolatility: 0.5, events: [Self.meeting])
        }
        // One expiry, day 46, seen 20 and 5 days before the event: the event's whole variance
        // is in σ²τ on both days (a ramp would have given a fraction of it 20 days before).
        for day in [10, 25] {
            let tenor = 46 - day, years = Double(tenor) / 252
            let iv = atm(day: day, tenor: tenor)
            #expect(abs(iv * iv * years - 0.25 * years - v) < 1e-15)
            #expect(abs(iv - (0.25 + v / years).squareRoot()) < 1e-15)
        }
        #expect(atm(day: 30, tenor: 16) == 0.5)   // crushed on the event day
        #expect(atm(day: 10, tenor: 19) == 0.5)   // expires day 29, before the event
        #expect(atm(day: 10, tenor: 20) > 0.5)    // expires on the event day: spans it
    }

    @Test func eventStraddleEntryFiveDaysBeforePaysTheFullPremium() throws {
        // The engine's entry mids of a straddle entered 5 days before the meeting (spot held at
        // 40: no drift, no diffusion) are Black–Scholes at σ = √(0.575² + v/τ), τ = 21/252, with
        // the meeting's v for MP: Python gives v = 0.00666, σ = 0.640737855913009, call
        // 2.993939598042619, put 2.89406449394102 (S = K = 40, r = 0.03).
        let study = try StudyText.study("""
            {"name": "ev", "start": "2026-01-05",
             "universe": [{"ticker": "MP", "exercise": "european", "spot": 40, "volatility": 0.5}],
             "scenarios": [{"name": "s", "horizon": 60, "rate": 0.03, "drifts": {"MP": 0}, "volatilities": {"MP": 0},
               "impliedVol": {"base": {"MP": 0.575}},
               "events": [{"name": "m", "day": 30, "outcomes": [
                 {"name": "status quo", "probability": 0.55, "moves": {"MP": 0.04}},
                 {"name": "hard line", "probability": 0.3, "moves": {"MP": 0.12}},
                 {"name": "export relief", "probability": 0.15, "moves": {"MP": -0.12}}], "noise": {"MP": 0.03}}]}],
             "playbook": {"capital": 100000, "decisions": [
               {"id": "x", "kind": "eventStraddle", "underlyings": ["MP"], "event": "m", "daysBefore": 5,
                "strike": "atm", "expiry": "21d", "size": {"units": 1}}]}}
            """)
        let config = RunConfiguration(paths: 8, seed: 3, threads: 1, lanesPerBlock: 8, tracedPaths: 8)
        let trades = Engine.run(study: study, scenarioIndices: [0], configuration: config)[0].trades
        #expect(trades.count == 16)
        for t in trades {
            #expect(t.entryDay == 25)
            let expected = t.leg == 0 ? 2.993939598042619 : 2.89406449394102
            #expect(abs(t.entryPrice - expected) < 1e-10, "leg \(t.leg): \(t.entryPrice)")
        }
    }

    // MARK: - Lanes

    @Test(arguments: [ImpliedVolModel.Dynamics.stickyStrike, .stickyMoneyness])
    func laneFormAgreesWithTheScalarRule(dynamics: ImpliedVolModel.Dynamics) throws {
        let model = ImpliedVolModel(baseAbsolute: [nil], smile: [VolatilitySmile(slope: -0.25, curvature: 0.08)],
                                    spotVolBeta: [-0.4], dynamics: dynamics)
        let lane = try #require(LaneVolatility(model: model, asset: 0, referenceSpot: 50, rate: 0.04, dividendYield: 0.01))
        typealias V = SIMD8<Double>
        var worst = 0.0
        for spot in [20.0, 35, 50, 61, 90] {
            for years in [1.0 / 252, 0.1, 0.5, 2] {
                let strikes: [Double] = [10, 30, 40, 47.5, 50, 55, 70, 150]
                var logK = V(), logS = V()
                for l in 0..<8 { logK[l] = log(strikes[l]); logS[l] = log(spot) }
                let sigma = lane.sigma(atm: V(repeating: 0.45), logSpot: logS, logStrike: logK, years: V(repeating: years),
                                       inverseSqrtYears: V(repeating: 1 / years.squareRoot()))
                for l in 0..<8 {
                    let scalar = model.strikeVolatility(asset: 0, atm: 0.45, strike: strikes[l], spot: spot, referenceSpot: 50,
                                                        rate: 0.04, dividendYield: 0.01, years: years)
                    worst = max(worst, abs(sigma[l] - scalar) / scalar)
                }
            }
        }
        #expect(worst < 1e-13, "worst relative difference \(worst)")
    }

    @Test func stickyStrikeKeepsAStrikesIVAndStickyMoneynessMovesIt() {
        let smile = VolatilitySmile(slope: -0.2, curvature: 0.05)
        let strike = ImpliedVolModel(baseAbsolute: [nil], smile: [smile], dynamics: .stickyStrike)
        let moneyness = ImpliedVolModel(baseAbsolute: [nil], smile: [smile], dynamics: .stickyMoneyness)
        func iv(_ m: ImpliedVolModel, spot: Double) -> Double {
            m.strikeVolatility(asset: 0, atm: 0.3, strike: 90, spot: spot, referenceSpot: 100, rate: 0, dividendYield: 0, years: 0.5)
        }
        // After a fall to 90 the 90 strike keeps its IV under sticky strike; under sticky
        // moneyness it is at the money.
        #expect(iv(strike, spot: 90) == iv(strike, spot: 100))
        #expect(iv(moneyness, spot: 90) == 0.3)
        #expect(iv(strike, spot: 100) > 0.3)
    }

    // MARK: - Study format and engine

    static func skewStudy(skew: String) -> String {
        """
        {"name": "skew", "start": "2026-01-05",
         "universe": [{"ticker": "A", "exercise": "european", "spot": 100, "volatility": 0.3, "tags": ["single"]}],
         "scenarios": [{"name": "s", "horizon": 130, "rate": 0.03, "impliedVol": {"baseMultiple": 1\(skew)}}],
         "playbook": {"capital": 100000, "decisions": [
           {"id": "p", "kind": "protection", "underlyings": ["A"], "structure": "putSpread",
            "strike": {"moneyness": 0.95}, "lowerStrike": {"moneyness": 0.85}, "expiry": 126, "size": {"units": 1}}]}}
        """
    }

    @Test func putSpreadLegsEnterAtTheirOwnStrikesIV() throws {
        // Python (Black–Scholes with math.erfc; the smile written out): S = 100, r = 0.03,
        // τ = 0.5, ATM 0.30, a = −0.2, b = 0.05: σ(95) = 0.31919005529152866, put
        // 5.86048777594732; σ(85) = 0.35336123256774493, put 3.1951512065784726. Flat: 5.363275623326004
        // and 2.178359988528026 — the spread 2.6653 skewed vs 3.1849 flat.
        let skewed = try StudyText.study(Self.skewStudy(skew: #", "skew": {"single": {"slope": -0.2, "curvature": 0.05}}"#))
        let flat = try StudyText.study(Self.skewStudy(skew: #", "skew": "flat""#))
        let config = RunConfiguration(paths: 8, seed: 1, threads: 1, lanesPerBlock: 8, tracedPaths: 8)
        let s = Engine.run(study: skewed, scenarioIndices: [0], configuration: config)[0].trades.filter { $0.path == 0 }
        let f = Engine.run(study: flat, scenarioIndices: [0], configuration: config)[0].trades.filter { $0.path == 0 }
        #expect(s.count == 2 && f.count == 2)
        #expect(abs(s[0].entryPrice - 5.86048777594732) < 1e-10 && abs(s[1].entryPrice - 3.1951512065784726) < 1e-10)
        #expect(abs(f[0].entryPrice - 5.363275623326004) < 1e-10 && abs(f[1].entryPrice - 2.178359988528026) < 1e-10)
    }

    @Test func decodesEveryForm() throws {
        let s = try StudyText.study(Self.skewStudy(skew: """
            , "baseSpread": {"A": 0.02}, "termStructure": [{"tenor": "1m", "multiple": 1.1}, {"days": 126, "multiple": 0.9}],
            "skew": {"slope": -0.1}, "spotVolBeta": -0.3, "dynamics": "stickyMoneyness"
            """))
        let m = s.scenarios[0].impliedVol
        #expect(m.baseSpread == [0.02] && m.spotVolBeta == [-0.3] && m.dynamics == .stickyMoneyness)
        #expect(m.smile == [VolatilitySmile(slope: -0.1, curvature: 0)])
        #expect(m.termMultiples == [.init(days: 21, value: 1.1), .init(days: 126, value: 0.9)])
        // (1 × 0.3 + 0.02) × multiple: 1.1 up to 21 days, 0.9 from 126, linear between.
        #expect(abs(m.level(asset: 0, tenorDays: 10, pathVolatility: 0.3) - 0.32 * 1.1) < 1e-15)
        #expect(abs(m.level(asset: 0, tenorDays: 126, pathVolatility: 0.3) - 0.32 * 0.9) < 1e-15)
        #expect(abs(m.level(asset: 0, tenorDays: 73, pathVolatility: 0.3) - 0.32 * (1.1 - 0.2 * 52 / 105)) < 1e-15)
        let terms = try StudyText.study(Self.skewStudy(skew: #", "atm": {"A": {"terms": [{"days": 21, "vol": 0.4}, {"days": 84, "vol": 0.3}]}}"#))
        let t = terms.scenarios[0].impliedVol
        // Total variance linear in tenor between the points: σ(42)² · 42 = (0.16·21·2/3 + 0.09·84/3).
        let w = 0.16 * 21 + (0.09 * 84 - 0.16 * 21) * (42.0 - 21) / (84 - 21)
        #expect(abs(t.level(asset: 0, tenorDays: 42, pathVolatility: 0.3) - (w / 42).squareRoot()) < 1e-15)
        #expect(t.level(asset: 0, tenorDays: 5, pathVolatility: 0.3) == 0.4)
        // A study that says nothing gets the default premium over the path vol.
        let plain = try StudyText.study(Self.skewStudy(skew: "").replacingOccurrences(of: #", "impliedVol": {"baseMultiple": 1}"#, with: ""))
        #expect(plain.scenarios[0].impliedVol.baseMultiple == ImpliedVolModel.defaultRatio)
    }

    @Test(arguments: [
        (#", "skew": {"B": {"slope": -0.2}}"#, #"scenarios[0].impliedVol.skew.B: found "B", which is no ticker or tag; allowed: a ticker (A), a tag (single) or "*""#),
        (#", "skew": {"slope": -0.2, "curve": 1}"#, "scenarios[0].impliedVol.skew.curve: found unknown field 'curve'; allowed: slope, curvature, xLimit, floorFraction"),
        (#", "termStructure": [{"days": 63, "multiple": 1}, {"days": 21, "multiple": 1}]"#, "found tenor 21 days after 63"),
        (#", "atm": {"A": {"terms": [{"days": 21, "tenor": "1m", "vol": 0.3}]}}"#, "found both 'days' and 'tenor'"),
        (#", "dynamics": "sticky""#, #"scenarios[0].impliedVol.dynamics: found "sticky""#),
        (#", "skew": {"slope": 0, "curvature": -1}"#, "allowed: curvature ≥ 0, or a smaller limit"),
    ])
    func refusesBadSurfaces(extra: String, message: String) throws {
        let text = Self.skewStudy(skew: extra)
        #expect(throws: (any Error).self) { try StudyText.study(text) }
        do { _ = try StudyText.study(text) } catch { #expect("\(error)".contains(message), "\(error)") }
    }
}
