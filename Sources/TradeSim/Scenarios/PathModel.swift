import Foundation

/// How a scenario's prices move.
public enum PathModel: Sendable, Hashable {
    /// Correlated geometric Brownian motion with optional jumps and regimes (many paths).
    case monteCarlo(MonteCarloModel)
    /// One deterministic path from waypoints (what-if tables).
    case scripted(ScriptedPath)
    /// Real closes, replayed (one path) or block-bootstrapped (many paths).
    case historical(HistoricalModel)
}

/// Correlated GBM in log space, exact step (Glasserman 2004, §3.2), per asset i and day d:
///
///     ln S_{i,d} = ln S_{i,d−1} + (μ_i(d) − q_i − σ_i(d)²/2 − λ_i·κ_i)·Δt + σ_i(d)·√Δt·Z_{i,d} + J_{i,d} + E_{i,d}
///
/// then, on an ex-date, the drop by the cash dividend (`DividendSchedule.exDividendLogPrice`).
/// μ is the expected total return and q the asset's continuous dividend yield, which the
/// held share receives in cash (`DividendCarry`): the price drifts at μ − q. With Δt = 1/252,
/// Z_d = L·ε_d (L the Cholesky factor of the correlation, ε iid N(0,1)), J the Merton (1976) compound-Poisson log-jumps (κ = e^{m + v²/2} − 1 compensates them, so
/// that μ stays the expected return), and E the scheduled events' moves. μ_i(d) and σ_i(d)
/// include the regime in force on day d.
public struct MonteCarloModel: Sendable, Hashable {
    /// Annual expected return per asset (universe order), before regimes.
    public var drifts: [Double]
    /// Annual volatility per asset, before regimes.
    public var volatilities: [Double]
    /// The diffusions' correlation.
    public var correlation: CorrelationMatrix
    /// Merton jump processes.
    public var jumps: [JumpProcess]
    /// Drift and volatility regimes over day ranges.
    public var regimes: [Regime]

    /// The model; no jumps or regimes by default.
    public init(drifts: [Double], volatilities: [Double], correlation: CorrelationMatrix,
                jumps: [JumpProcess] = [], regimes: [Regime] = []) {
        self.drifts = drifts
        self.volatilities = volatilities
        self.correlation = correlation
        self.jumps = jumps
        self.regimes = regimes
    }
}

/// Merton (1976) jumps: on each asset it covers, a Poisson number N of jumps per day with
/// intensity λ per year, each jump's log size ~ N(m, v²); the day's total log-jump given N is
/// N·m + √N·v·Z. With `common`, one draw is shared by all covered assets (a systemic jump).
public struct JumpProcess: Sendable, Hashable {
    /// The asset indices the jumps hit.
    public var assets: [Int]
    /// λ, expected jumps per year.
    public var intensityPerYear: Double
    /// m, the mean log size of a jump.
    public var meanLogJump: Double
    /// v, the standard deviation of a jump's log size.
    public var logJumpVolatility: Double
    /// One jump draw shared by every asset covered.
    public var common: Bool

    /// A jump process on `assets`.
    public init(assets: [Int], intensityPerYear: Double, meanLogJump: Double, logJumpVolatility: Double, common: Bool = false) {
        self.assets = assets
        self.intensityPerYear = intensityPerYear
        self.meanLogJump = meanLogJump
        self.logJumpVolatility = logJumpVolatility
        self.common = common
    }

    /// κ = E[e^Y] − 1 for one jump Y ~ N(m, v²).
    public var meanRelativeJump: Double { exp(meanLogJump + 0.5 * logJumpVolatility * logJumpVolatility) - 1 }
}

/// A regime: over trading days `firstDay…lastDay` (inclusive) the drift of each asset is
/// shifted by `driftShift` (annual, added) and its volatility multiplied by `volMultiplier`.
public struct Regime: Sendable, Hashable {
    /// The regime's name.
    public var name: String
    /// First trading day in force.
    public var firstDay: Int
    /// Last trading day in force (inclusive).
    public var lastDay: Int
    /// Per asset: annual drift added.
    public var driftShift: [Double]
    /// Per asset: volatility multiplier.
    public var volMultiplier: [Double]

    /// A regime over `firstDay…lastDay`.
    public init(name: String, firstDay: Int, lastDay: Int, driftShift: [Double], volMultiplier: [Double]) {
        self.name = name
        self.firstDay = firstDay
        self.lastDay = lastDay
        self.driftShift = driftShift
        self.volMultiplier = volMultiplier
    }
}

/// A deterministic path from waypoints. Each waypoint sets, for some assets, the cumulative
/// simple return from the start at that day (−0.12 = 12% below the start price). Between an
/// asset's waypoints its log price moves linearly (`linear`) or holds and jumps on the
/// waypoint day (`step`); after its last waypoint it stays flat; before its first it starts
/// from 0% on day 0.
public struct ScriptedPath: Sendable, Hashable {
    /// How the log price moves between waypoints.
    public enum Interpolation: String, Sendable, Hashable {
        case step
        case linear
    }

    /// Per asset: (day, cumulative log return from the start) in increasing day order.
    public var waypoints: [[(day: Int, logLevel: Double)]]
    /// Linear or step between waypoints.
    public var interpolation: Interpolation

    /// A scripted path.
    public init(waypoints: [[(day: Int, logLevel: Double)]], interpolation: Interpolation) {
        self.waypoints = waypoints
        self.interpolation = interpolation
    }

    /// Log return from the start of asset `i` on `day`.
    public func logLevel(asset i: Int, day: Int) -> Double {
        var previous = (day: 0, logLevel: 0.0)
        for w in waypoints[i] {
            if day < w.day {
                switch interpolation {
                case .step: return previous.logLevel
                case .linear:
                    let f = Double(day - previous.day) / Double(w.day - previous.day)
                    return previous.logLevel + f * (w.logLevel - previous.logLevel)
                }
            }
            previous = w
        }
        return previous.logLevel
    }

    public static func == (a: ScriptedPath, b: ScriptedPath) -> Bool {
        a.interpolation == b.interpolation && a.waypoints.count == b.waypoints.count
            && zip(a.waypoints, b.waypoints).allSatisfy { x, y in
                x.count == y.count && zip(x, y).allSatisfy { $0.day == $1.day && $0.logLevel == $1.logLevel }
            }
    }

    public func hash(into h: inout Hasher) {
        h.combine(interpolation)
        for w in waypoints { for p in w { h.combine(p.day); h.combine(p.logLevel) } }
    }
}

/// Real prices as a scenario: `replay` walks the closes from the scenario's start date (one
/// path, real dates and real prices); `bootstrap` builds many paths from the universe spots
/// by resampling whole days of log returns (all assets together, so cross-correlation is
/// kept) with the stationary block bootstrap of Politis & Romano (1994): blocks start at a
/// uniformly drawn day and have geometric lengths with mean `meanBlockDays`.
public struct HistoricalModel: Sendable, Hashable {
    /// Replay the closes, or bootstrap blocks of days.
    public enum Mode: Sendable, Hashable {
        case replay
        case bootstrap(meanBlockDays: Double)
    }

    /// Replay or bootstrap.
    public var mode: Mode
    /// Replay: closes per day (days 0…horizon) and asset. Bootstrap: the pool of daily log
    /// returns, [day][asset].
    public var closes: [[Double]]
    /// Bootstrap: the pool of daily log returns, `[day][asset]`.
    public var logReturns: [[Double]]
    /// Source description for reports (file and window).
    public var source: String
    /// The `history.prices` reference as written in the study (a file or folder).
    public var reference: String = ""
    /// Replay: trailing realized volatility per day and asset, `[day][asset]` (annual; the IV
    /// model's base), from the closes up to and including that day.
    public var realizedVolatility: [[Double]]
    /// Replay: implied vol per day and asset from the price files' IV columns (nil where none).
    public var impliedVolatility: [[Double?]]
    /// Replay: cash dividend per share going ex per day and asset, `[day][asset]` (0 on other
    /// days), implied by files with both `Close` and `Adj Close` (`PriceSeries.cashDividends`);
    /// empty when no file has both. The closes replayed are then the raw ones.
    public var cashDividends: [[Double]] = []

    /// A historical model.
    public init(mode: Mode, closes: [[Double]], logReturns: [[Double]], source: String,
                realizedVolatility: [[Double]] = [], impliedVolatility: [[Double?]] = []) {
        self.mode = mode
        self.closes = closes
        self.logReturns = logReturns
        self.source = source
        self.realizedVolatility = realizedVolatility
        self.impliedVolatility = impliedVolatility
    }

    /// Annualised sample standard deviation (n − 1, × √252) of the log returns of the last
    /// `window` days ending at each index of `closes` (fewer at the start; nil below 5 returns).
    static func trailingVolatility(_ closes: [Double], window: Int) -> [Double?] {
        var out = [Double?](repeating: nil, count: closes.count)
        guard closes.count > 1 else { return out }
        let r = (1..<closes.count).map { log(closes[$0] / closes[$0 - 1]) }
        for t in 1..<closes.count {
            let lo = max(0, t - window), hi = t  // returns r[lo..<hi] end at closes[t]
            let n = hi - lo
            guard n >= 5 else { continue }
            var m = 0.0
            for k in lo..<hi { m += r[k] }
            m /= Double(n)
            var v = 0.0
            for k in lo..<hi { v += (r[k] - m) * (r[k] - m) }
            out[t] = (v / Double(n - 1) * 252).squareRoot()
        }
        return out
    }
}
