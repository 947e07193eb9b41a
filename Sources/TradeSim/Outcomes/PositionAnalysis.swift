/// Exposure over time and P&L attribution of a run's decisions, on its first paths (a sample
/// of `RunConfiguration.analysisPaths`; `attribution.csv`, `exposure.csv`, `concentration.csv`).
///
/// Every leg of every trade on a sample path is valued again at each close it is held, by the
/// engine's own rule for a mark (`DecisionProgram.optionInputs`: the strike's IV on the day,
/// the escrowed spot, the remaining tenor; stock at its close; an option at its intrinsic value
/// on its expiry day), with its Black–Scholes–Merton Greeks (`BlackScholes.valuation`: Δ, Γ,
/// ν per 1.00 of vol, Θ per year).
///
/// **Attribution.** A leg of quantity q held from the close of day e to the close of day x
/// earns q·(V_x − V_e) + carry − trading costs, the P&L trades.csv gives it. The market part is
/// split day by day, from the Greeks of the previous close (daily Taylor terms, summed over
/// the days e+1 … x):
///
///     delta    = q·Δ_{t−1}·(S_t − S_{t−1})
///     gamma    = q·½·Γ_{t−1}·(S_t − S_{t−1})²
///     vega     = q·ν_{t−1}·(σ_t − σ_{t−1})        σ: the leg's own strike's IV (0 change on its expiry day)
///     theta    = q·Θ_{t−1}/252                    one trading day of time
///     residual = q·(V_t − V_{t−1}) − the terms above   (higher orders, cross terms, dividends' escrow)
///
/// On the day of a scheduled event the move is priced in full instead of by delta and gamma:
/// `event_jump` = q·(V(S_t; σ_{t−1}, τ_{t−1}) − V_{t−1}), the revaluation of the previous
/// close's option at the new spot — what the event's jump (with that day's diffusion) made;
/// the IV crush of the same day is in `vega`. Stock legs: delta (event_jump on event days).
/// `carry` = dividends received − paid (shorts) − borrow fees (`DividendCarry`, the engine's
/// rule); `costs` = −(slippage, half-spreads, commissions). The parts sum to the trade's P&L
/// (tested to 1e-6 relative).
///
/// **Exposure.** At each close, for the positions held after that close (entered on or
/// before it, not exited on it) of the in-portfolio decisions and the playbook's holdings, per
/// underlying and for the book (`Measure`); statistics over the sample paths, a path holding
/// nothing counting 0.
public struct PositionAnalysis: Sendable {
    /// A part of a leg's P&L (`attribution.csv` columns).
    public enum Part: Int, CaseIterable, Sendable {
        case delta, gamma, vega, theta, eventJump, carry, costs, residual

        /// The column name.
        public var column: String {
            switch self {
            case .delta: "delta"
            case .gamma: "gamma"
            case .vega: "vega"
            case .theta: "theta"
            case .eventJump: "event_jump"
            case .carry: "carry"
            case .costs: "costs"
            case .residual: "residual"
            }
        }
    }

    /// An exposure measure at a close (`exposure.csv`'s `measure`), for positions of quantity q
    /// in an underlying at price S, with Greeks of the leg's mark (Δ = 1 for stock):
    public enum Measure: Int, CaseIterable, Sendable {
        /// Σ q·Δ, shares of the underlying (per name only).
        case netShares
        /// Σ q·Δ·S, money: the P&L of a 1.00 relative move, to first order.
        case deltaDollars
        /// Σ β·q·Δ·S, money: delta dollars in units of the market (`Asset.beta`, 1 by default).
        case betaDeltaDollars
        /// Σ q·Γ·S²/100, money: the change of the delta (in shares, Γ·0.01·S) for a 1% move, × S.
        case gammaDollarsPerPercent
        /// Σ q·ν/100, money per vol point (0.01 of IV) on every held option.
        case vegaPerVolPoint
        /// Σ q·Θ/252, money per trading day.
        case thetaPerDay
        /// Σ q·V, money (negative for short positions).
        case marketValue
        /// Reg-T style margin, money: long stock 50% of its value; short stock 50% of its value
        /// (150% initial with the proceeds); long option its value; short option its value plus
        /// max(20%·S − out-of-the-money amount, 10%·S for a call or 10%·K for a put) per unit
        /// (CBOE's uncovered-option rule). No offsets: spreads and covered positions are charged
        /// leg by leg (an upper bound).
        case margin
        /// Cash, money (the book only): capital + Σ over the in-portfolio decisions of their cash
        /// (P&L − the value of what they hold: premiums paid and received, stock bought and the
        /// proceeds of short sales, costs, carry); the holdings' dividends and financing charges
        /// are left out.
        case cash

        /// The `measure` value in exposure.csv.
        public var column: String {
            switch self {
            case .netShares: "net_shares"
            case .deltaDollars: "delta_dollars"
            case .betaDeltaDollars: "beta_delta_dollars"
            case .gammaDollarsPerPercent: "gamma_dollars_1pct"
            case .vegaPerVolPoint: "vega_per_vol_pt"
            case .thetaPerDay: "theta_per_day"
            case .marketValue: "market_value"
            case .margin: "margin"
            case .cash: "cash"
            }
        }
    }

    /// Mean and type-7 quantiles over the sample paths.
    public struct Stats: Sendable, Hashable {
        public var mean: Double
        public var p05: Double
        public var p50: Double
        public var p95: Double

        /// The statistics of `values` (not empty, no NaN): type-7 quantiles from the order
        /// statistics they need (`OrderStatistics.select`, no full sort).
        init<C: Collection<Double>>(_ values: C) {
            var work = Array(values)
            var sum = 0.0, low = Double.infinity, high = -Double.infinity
            for v in work { sum += v; low = Swift.min(low, v); high = Swift.max(high, v) }
            let n = work.count
            mean = sum / Double(n)
            // One value on every path (a measure a scope never has, a day before any entry):
            // every quantile is that value, as the interpolation below gives it (which turns
            // −0 into +0, as adding +0 does).
            if low == high {
                let v = low + 0.0
                (p05, p50, p95) = (v, v, v)
                return
            }
            // The order statistics type-7 quantiles at 5%, 50% and 95% read: ⌊(n−1)p⌋ and the next.
            let ranks = [0.05, 0.50, 0.95].flatMap { p -> [Int] in
                let lo = Int((Double(n - 1) * p).rounded(.down))
                return [lo, min(lo + 1, n - 1)]
            }
            OrderStatistics.select(&work, ranks: ranks)
            func quantile(_ p: Double) -> Double {
                let h = Double(n - 1) * p
                let lo = Int(h.rounded(.down)), hi = min(lo + 1, n - 1)
                return work[lo] + (h - Double(lo)) * (work[hi] - work[lo])
            }
            p05 = quantile(0.05)
            p50 = quantile(0.50)
            p95 = quantile(0.95)
        }
    }

    /// One leg of one decision variant over the sample paths.
    public struct LegAttribution: Sendable {
        public var decisionID: String
        public var variantName: String
        public var inPortfolio: Bool
        /// The leg's index in the variant.
        public var leg: Int
        public var ticker: String
        /// "stock", "call" or "put".
        public var instrument: String
        /// `parts[part.rawValue][path]`: money, 0 on a path where the leg held nothing.
        public var parts: [[Double]]
        /// The leg's P&L per path (trades.csv's `pnl`; 0 where it held nothing).
        public var pnl: [Double]
        /// Per sample path: whether the leg held a position.
        public var held: [Bool]
        /// A sold American option leg (the holder on the other side may exercise it early).
        public var shortAmerican = false
        /// Per sample path, for a `shortAmerican` leg: the first close while it was held (up to
        /// and including its exit close), before its expiry day, at which exercising it was
        /// optimal for its holder
        /// (`DecisionProgram.earlyExerciseIsOptimal`), −1 where there was none; empty for the
        /// other legs.
        public var earlyExerciseDay: [Int] = []
        /// Sample paths on which the leg held a position.
        public var traded: Int { held.reduce(0) { $0 + ($1 ? 1 : 0) } }
    }

    /// Sample paths (the run's first ones).
    public var paths: Int
    /// Every leg of every variant, in playbook and leg order.
    public var legs: [LegAttribution]
    /// The tickers of the book's positions (in universe order), then "book".
    public var scopes: [String]
    /// `exposure[day][scope][measure.rawValue]`, days 0…horizon; nil for the book's net shares and
    /// a name's cash.
    public var exposure: [[[Stats?]]]
    /// `entryDeltaDollars[variant][asset]`: the mean over the paths on which the variant entered
    /// of its delta dollars in the asset at the entry close (0 where it holds none).
    public var entryDeltaDollars: [[Double]]
    /// Paths on which each variant entered.
    public var entered: [Int]
    /// `pnlByDay[variant][day]`: the variant's P&L at each close (the engine's, cash + marks;
    /// 0 before entry), over the sample paths.
    public var pnlByDay: [[Stats]]
    /// `entryDay[variant][path]`: the trading day the variant entered on each sample path (−1:
    /// never).
    public var entryDay: [[Int]]
    /// `spent[variant][path]`: what entering the trade cost on each sample path, premiums and
    /// stock at their fills plus commissions, sold legs counted as money received
    /// (`WholeContracts.entryCost` summed over the legs; 0 where it never entered).
    public var spent: [[Double]]
    /// Each variant's premium budget (study currency), nil for the other sizings: the budget
    /// less `spent` stays cash (whole contracts rarely use all of it).
    public var budget: [Double?]
}
