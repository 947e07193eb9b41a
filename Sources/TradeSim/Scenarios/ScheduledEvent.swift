import Foundation

/// A dated event with discrete outcomes (e.g. the US–China meeting: "export relief" 40%,
/// "status quo" 35%, "hard line" 25%).
///
/// On the event's day every path draws one outcome (one uniform, shared by all assets and
/// all decisions), and each asset's log price moves by that outcome's log-move for it, plus
/// optional idiosyncratic noise: an independent N(0, noise²) log-move per asset. The moves
/// are applied after that day's diffusion, without drift compensation: they are the
/// scenario's view of the event, not a martingale correction.
public struct ScheduledEvent: Sendable, Hashable {
    /// The event's name (unique in the scenario).
    public var name: String
    /// Trading day on which the event happens (its move is in the step from day − 1 to day).
    public var day: Int
    /// Outcomes with probabilities summing to 1; empty for a calendar-only event (scripted
    /// and historical scenarios, whose paths already contain the move).
    public var outcomes: [EventOutcome]
    /// Per asset (universe order): standard deviation of the extra log-move noise.
    public var noiseVolatility: [Double]
    /// The implied-vol premium that builds before the event and is crushed at it (the ramped
    /// rule; nil when the event is priced by its outcomes or carries no premium).
    public var volPremium: EventVolPremium?
    /// True when options spanning the event carry its log-move variance in their implied
    /// variance from the day they are listed (`ImpliedVolModel`), crushed on the event day.
    public var pricesOutcomeVariance: Bool
    /// What happened, in a scripted or historical scenario (the event's `outcome`: "the
    /// meeting ended in export relief"); nil when not stated. A thesis `given` this event's
    /// outcome is checked in the scenario only when it is this one (`ThesisCondition`).
    public var statedOutcome: String?

    /// An event on `day`.
    public init(name: String, day: Int, outcomes: [EventOutcome], noiseVolatility: [Double],
                volPremium: EventVolPremium?, pricesOutcomeVariance: Bool = false, statedOutcome: String? = nil) {
        self.name = name
        self.day = day
        self.outcomes = outcomes
        self.noiseVolatility = noiseVolatility
        self.volPremium = volPremium
        self.pricesOutcomeVariance = pricesOutcomeVariance
        self.statedOutcome = statedOutcome
    }

    /// True when some outcome changes asset i's ATM implied vol after the event (`ivAfter` ≠ 1).
    public func changesImpliedVolByOutcome(asset i: Int) -> Bool {
        outcomes.contains { i < $0.ivAfter.count && $0.ivAfter[i] != 1 }
    }

    /// The variance of the event's log move of asset i over its outcomes and noise:
    ///
    ///     v_i = Σ_k p_k·m_k,i² − (Σ_k p_k·m_k,i)² + noise_i²
    ///
    /// (the law of total variance: the outcomes' spread plus the noise's N(0, noise²)). √v_i is
    /// the event's implied move as a standard deviation of ln(S_after/S_before).
    public func logMoveVariance(asset i: Int) -> Double {
        var mean = 0.0, square = 0.0
        for o in outcomes {
            mean += o.probability * o.logMoves[i]
            square += o.probability * o.logMoves[i] * o.logMoves[i]
        }
        let noise = i < noiseVolatility.count ? noiseVolatility[i] : 0
        return Swift.max(square - mean * mean, 0) + noise * noise
    }

    /// The expected absolute return E|S_after/S_before − 1| of asset i over the event: the
    /// move an at-the-money straddle held across it pays, as a fraction of the spot. For an
    /// outcome with log move m and noise s, X ~ N(m, s²):
    ///
    ///     E|e^X − 1| = e^{m+s²/2}·(Φ(d₁) − Φ(−d₁)) − Φ(d₂) + Φ(−d₂),   d₂ = m/s, d₁ = d₂ + s
    ///
    /// (the lognormal partial expectations behind Black's formula at strike 1), and |e^m − 1|
    /// when s = 0; weighted by the outcomes' probabilities.
    public func expectedAbsoluteMove(asset i: Int) -> Double {
        let s = i < noiseVolatility.count ? noiseVolatility[i] : 0
        var total = 0.0
        for o in outcomes {
            let m = o.logMoves[i]
            guard s > 0 else { total += o.probability * abs(Foundation.exp(m) - 1); continue }
            let d2 = m / s, d1 = d2 + s
            let growth = Foundation.exp(m + 0.5 * s * s)
            let value = growth * (NormalDistribution.cdf(d1) - NormalDistribution.cdf(-d1)) - NormalDistribution.cdf(d2) + NormalDistribution.cdf(-d2)
            total += o.probability * value
        }
        return total
    }

    /// Some asset gets extra noise.
    public var hasNoise: Bool { noiseVolatility.contains { $0 > 0 } }

    /// The outcome a uniform u ∈ [0, 1) selects: the first whose cumulative probability
    /// exceeds u (so outcome 0 for u < p₀, …), the last one absorbing rounding.
    public func outcomeIndex(uniform u: Double) -> Int {
        var cumulative = 0.0
        for (k, o) in outcomes.enumerated() {
            cumulative += o.probability
            if u < cumulative { return k }
        }
        return outcomes.count - 1
    }
}

/// One outcome of a scheduled event: its probability and the log-move it gives each asset.
public struct EventOutcome: Sendable, Hashable {
    /// The outcome's name.
    public var name: String
    /// Its probability.
    public var probability: Double
    /// ln(S_after / S_before) per asset, universe order (0 for assets it does not move).
    public var logMoves: [Double]
    /// Per asset: the multiple of its ATM implied vol from the event day on when this outcome
    /// happens (1: the plain crush, the event's premium gone and the level as before; 1.3: a
    /// hard-line outcome leaves the name 30% more volatile in the options market).
    public var ivAfter: [Double]

    /// An outcome; `ivAfter` 1 for every asset when nil.
    public init(name: String, probability: Double, logMoves: [Double], ivAfter: [Double]? = nil) {
        self.name = name
        self.probability = probability
        self.logMoves = logMoves
        self.ivAfter = ivAfter ?? Array(repeating: 1, count: logMoves.count)
    }
}

/// An event's implied-vol premium: added to the base IV of the assets it covers on the
/// `rampDays` trading days before the event, and gone (crushed) from the event day on.
///
/// Ramp: `step` gives the full premium on each of those days; `linear` gives k/N of it on
/// the k-th of the N days (day e − N gets 1/N, day e − 1 the full premium).
public struct EventVolPremium: Sendable, Hashable {
    /// How big the premium is.
    public enum Size: Sendable, Hashable {
        /// Premium = multiple × the asset's base IV that day.
        case multipleOfBase(Double)
        /// Premium in absolute vol (0.15 = 15 vol points).
        case absolute(Double)
    }

    /// How the premium builds over the ramp days.
    public enum Ramp: String, Sendable, Hashable {
        case step
        case linear
    }

    /// How big the premium is.
    public var size: Size
    /// N, trading days before the event that carry the premium.
    public var rampDays: Int
    /// Step or linear.
    public var ramp: Ramp
    /// Which assets get the premium (universe order).
    public var assets: [Bool]

    /// A premium.
    public init(size: Size, rampDays: Int, ramp: Ramp, assets: [Bool]) {
        self.size = size
        self.rampDays = rampDays
        self.ramp = ramp
        self.assets = assets
    }

    /// The fraction of the premium in force on `day` for an event on `eventDay`.
    public func rampFraction(day: Int, eventDay: Int) -> Double {
        let daysBefore = eventDay - day
        guard daysBefore >= 1, daysBefore <= rampDays else { return 0 }
        switch ramp {
        case .step: return 1
        case .linear: return Double(rampDays - daysBefore + 1) / Double(rampDays)
        }
    }
}
