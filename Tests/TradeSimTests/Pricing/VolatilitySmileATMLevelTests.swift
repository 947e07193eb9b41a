import Foundation
import Testing
@testable import TradeSim

/// The smile read backwards (`VolatilitySmile.atmLevel`), its scaled moneyness from spot and
/// strike, and its lowest offset. Reference numbers from plain Python (math.log, the smile
/// written out as x = clamp(ln(K/(S·e^((r−q)τ)))/√τ, ±L), σ = max(atm + a·x + b·x², f·atm)).
@Suite("Volatility smile: ATM level")
struct VolatilitySmileATMLevelTests {
    static let skew = VolatilitySmile(slope: -0.2, curvature: 0.05)

    /// S = 100, K = 90, r = 3%, q = 1%, τ = 0.5, atm 0.3, a = −0.2, b = 0.05 (Python:
    /// x = −0.16314440580565148, σ = 0.3339596860184142): above the floor, atm = σ − a·x − b·x².
    @Test func quadraticBranchRecoversTheLevel() {
        let x = Self.skew.scaledMoneyness(spot: 100, strike: 90, rate: 0.03, dividendYield: 0.01, years: 0.5)
        #expect(abs(x - -0.16314440580565148) < 1e-15)
        let level = Self.skew.atmLevel(volatility: 0.3339596860184142, scaledMoneyness: x)
        guard case let .quadratic(atm) = level else { Issue.record("\(level)"); return }
        #expect(abs(atm - 0.3) < 1e-15)
    }

    /// a = −1, b = 0, f = 0.5, x = ln(1.1)/0.5 = 0.19062035960864987 (a 3-month 110 call, r = q = 0):
    /// c = −0.19062…, the kink at σ = −f·c/(1 − f) = 0.19062…. atm 0.3 gives max(0.3 − 0.19062, 0.15)
    /// = 0.15, on the floor, so σ = 0.15 reads back as 0.15/0.5 = 0.3; σ = 0.2, above the kink,
    /// reads back as 0.2 + 0.19062… = 0.39062….
    @Test func floorBranchBelowTheKink() {
        let smile = VolatilitySmile(slope: -1, curvature: 0, floorFraction: 0.5)
        let x = smile.scaledMoneyness(spot: 100, strike: 110, rate: 0, dividendYield: 0, years: 0.25)
        #expect(abs(x - 0.19062035960864987) < 1e-15)
        #expect(smile.atmLevel(volatility: 0.15, scaledMoneyness: x) == .floor(atm: 0.3))
        let above = smile.atmLevel(volatility: 0.2, scaledMoneyness: x)
        guard case let .quadratic(atm) = above else { Issue.record("\(above)"); return }
        #expect(abs(atm - 0.39062035960864987) < 1e-15)
        // f = 1: the floor is the ATM level itself, above the quadratic wherever c < 0.
        let full = VolatilitySmile(slope: -1, curvature: 0, floorFraction: 1)
        #expect(full.atmLevel(volatility: 0.2, scaledMoneyness: x) == .floor(atm: 0.2))
    }

    /// a = −1, x = ln(0.9)/0.5 = −0.21072103131565256 (a 3-month 90 put): c = 0.21072…, the least
    /// the smile gives there (atm = 0); an IV of 0.15 has no ATM level, an IV of exactly c has 0.
    @Test func belowTheOffsetIsUnreachable() {
        let smile = VolatilitySmile(slope: -1, curvature: 0)
        let x = smile.scaledMoneyness(spot: 100, strike: 90, rate: 0, dividendYield: 0, years: 0.25)
        #expect(abs(x - -0.21072103131565256) < 1e-15)
        #expect(smile.atmLevel(volatility: 0.15, scaledMoneyness: x) == .unreachable(minimum: -x))
        #expect(smile.atmLevel(volatility: 0.15, scaledMoneyness: x).atm == nil)
        #expect(smile.atmLevel(volatility: -x, scaledMoneyness: x) == .quadratic(atm: 0))
    }

    /// Far strikes read the smile at the clamped x: K = 40, τ = 0.1 (Python x = −2.5 after clamping,
    /// σ = 0.3 + 0.5 + 0.3125 = 1.1125).
    @Test func clampedMoneyness() {
        let x = Self.skew.scaledMoneyness(spot: 100, strike: 40, rate: 0.03, dividendYield: 0.01, years: 0.1)
        #expect(x == -2.5)
        #expect(abs(Self.skew.offset(scaledMoneyness: x) - 0.8125) < 1e-15)
        #expect(Self.skew.atmLevel(volatility: 1.1125, scaledMoneyness: x).atm.map { abs($0 - 0.3) < 1e-15 } == true)
    }

    /// Every level on a grid of smiles and strikes comes back from the IV the smile gives it,
    /// with the branch the forward formula took.
    @Test(arguments: [VolatilitySmile(slope: -0.2, curvature: 0.05), VolatilitySmile(slope: -1, curvature: 0, floorFraction: 0.5),
                      VolatilitySmile(slope: 0.3, curvature: -0.1, xLimit: 1.5, floorFraction: 1), VolatilitySmile(slope: 0, curvature: 0.4)])
    func roundTrip(_ smile: VolatilitySmile) {
        for atm in [0, 0.05, 0.3, 2.0] {
            for x in stride(from: -2.5, through: 2.5, by: 0.25) {
                let clamped = smile.scaledMoneyness(logMoneyness: x * 0.5, years: 0.25)
                let c = smile.offset(scaledMoneyness: clamped)
                let sigma = smile.volatility(atm: atm, logMoneyness: x * 0.5, years: 0.25)
                let level = smile.atmLevel(volatility: sigma, scaledMoneyness: clamped)
                let back = level.atm ?? .nan
                #expect(abs(back - atm) <= 1e-14 * max(1, atm), "atm \(atm) x \(x): \(level)")
                if atm > 0 && atm + c < smile.floorFraction * atm {
                    #expect(level == .floor(atm: back), "atm \(atm) x \(x)")
                }
            }
        }
    }

    /// min over |x| ≤ L of a·x + b·x²: b < 0 at an end, b·L² − |a|·L (−0.5·6.25 − 0.2·2.5 = −3.625);
    /// b > 0 at the vertex −a/(2b) = 2 when inside (−a²/(4b) = −0.2), else at an end (L = 1:
    /// 0.05 − 0.2 = −0.15); b = 0: −|a|·L (−0.6).
    @Test func lowestOffset() {
        #expect(abs(VolatilitySmile(slope: -0.2, curvature: -0.5).lowestOffset - -3.625) < 1e-15)
        #expect(abs(VolatilitySmile(slope: -0.2, curvature: 0.05).lowestOffset - -0.2) < 1e-15)
        #expect(abs(VolatilitySmile(slope: -0.2, curvature: 0.05, xLimit: 1).lowestOffset - -0.15) < 1e-15)
        #expect(abs(VolatilitySmile(slope: 0.3, curvature: 0, xLimit: 2).lowestOffset - -0.6) < 1e-15)
    }
}
