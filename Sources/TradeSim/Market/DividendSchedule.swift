import Foundation

/// The dividends of a scenario's universe, by trading day: which assets go ex on which day and
/// for how much, which continuous yields accrue, and the present value of the cash dividends an
/// option's life spans (the escrowed-dividend model).
///
/// Where the dividends come from, by path model:
/// - Monte Carlo: each asset's `dividendYield` q accrues, and its `dividends` go ex on their
///   days; the path drifts at μ − q and drops by each cash dividend (`exDividendLogPrice`).
/// - scripted: the same yield and cash dividends are paid, the path is the user's waypoints
///   (price levels, read as ex-dividend prices: no drop is added).
/// - historical replay: the cash dividends the price files imply (`HistoricalModel.cashDividends`,
///   from `Close` and `Adj Close`); no yield accrues (real prices carry their own dividends).
/// - historical bootstrap: none (its log returns are total returns already).
///
/// Day of an ex-date: the first trading day on or after it (a weekend ex-date goes ex on
/// Monday); an ex-date on or before day 0 is already in the start price and is dropped; past
/// the scenario's last date, weekdays are counted on (holidays past the horizon ignored).
public struct DividendSchedule: Sendable, Hashable {
    /// Per asset: the continuous annual yield that accrues to held shares (0 where none).
    public var accruingYield: [Double]
    /// Per asset: (trading day, cash per share) of every ex-date after day 0, days increasing,
    /// including days past the horizon (option values look beyond it).
    public let exDays: [[CashDividendDay]]
    /// Per asset: `exDays` is not empty. (Read by the daily marks, which would otherwise take a
    /// reference to an inner array of `exDays` for each look.)
    public let paysCash: [Bool]
    /// Per day 0…horizon: the cash dividends going ex that day, (asset, cash per share).
    public var onDay: [[(asset: Int, amount: Double)]]
    /// The path drops by the cash dividends on their ex-days (Monte Carlo only).
    public var dropsPrice: Bool

    /// A cash dividend on a scenario trading day.
    public struct CashDividendDay: Sendable, Hashable {
        public var day: Int
        public var amount: Double
    }

    /// The schedule of `universe` in `scenario` (see the type's comment for each path model).
    public init(universe: Universe, scenario: Scenario) {
        let n = universe.count
        let horizon = scenario.horizonDays
        var yields = [Double](repeating: 0, count: n)
        var ex = [[CashDividendDay]](repeating: [], count: n)
        var drops = false
        switch scenario.model {
        case .monteCarlo, .scripted:
            if case .monteCarlo = scenario.model { drops = true }
            for (i, a) in universe.assets.enumerated() {
                yields[i] = a.dividendYield
                for dividend in a.dividends where dividend.amount > 0 {
                    guard let day = Self.day(of: dividend.exDate, dates: scenario.dates) else { continue }
                    ex[i].append(CashDividendDay(day: day, amount: dividend.amount))
                }
            }
        case let .historical(h):
            if h.mode == .replay {
                for (d, row) in h.cashDividends.enumerated() where d <= horizon {
                    for i in row.indices where row[i] > 0 { ex[i].append(CashDividendDay(day: d, amount: row[i])) }
                }
            }
        }
        var byDay = [[(asset: Int, amount: Double)]](repeating: [], count: horizon + 1)
        for i in 0..<n {
            for e in ex[i] where e.day <= horizon { byDay[e.day].append((i, e.amount)) }
        }
        accruingYield = yields
        exDays = ex
        paysCash = ex.map { !$0.isEmpty }
        onDay = byDay
        dropsPrice = drops && ex.contains { !$0.isEmpty }
    }

    /// True when no asset has a cash dividend in the scenario (a day's carry is the yield's).
    public var hasCashDividends: Bool { exDays.contains { !$0.isEmpty } }

    public static func == (a: DividendSchedule, b: DividendSchedule) -> Bool {
        a.accruingYield == b.accruingYield && a.exDays == b.exDays && a.dropsPrice == b.dropsPrice
    }

    public func hash(into h: inout Hasher) {
        h.combine(accruingYield)
        h.combine(exDays)
        h.combine(dropsPrice)
    }

    /// The trading day of ex-date `date` among `dates` (days 0…): the first day on or after
    /// it; past the last date, the last index plus the weekdays up to it (a weekend date: the
    /// Monday after). nil when it is on or before day 0.
    static func day(of date: CalendarDate, dates: [CalendarDate]) -> Int? {
        guard let first = dates.first, date > first else { return nil }
        let last = dates.count - 1
        if date <= dates[last] {
            var low = 1, high = last  // the first index whose date is ≥ date
            while low < high {
                let mid = (low + high) / 2
                if dates[mid] >= date { high = mid } else { low = mid + 1 }
            }
            return low
        }
        var day = last, current = dates[last]
        while current < date || current.isWeekend {
            current = current.adding(days: 1)
            if !current.isWeekend { day += 1 }
        }
        return day
    }

    // MARK: - Price drop

    /// The log close of a share on its ex-date, from the log close x it would have had cum
    /// dividend: S_ex = max(S_cum − D, S_cum/2). The floor keeps the price positive on a path
    /// that has fallen below the dividend (a company does not pay out more than half its value
    /// in one dividend); the cash paid is then the drop, min(D, S_ex) (`DividendCarry`), so
    /// price plus dividend is conserved either way.
    @inline(__always)
    public static func exDividendLogPrice(_ x: Double, amount: Double) -> Double {
        let cum = Foundation.exp(x)
        return Foundation.log(Swift.max(cum - amount, 0.5 * cum))
    }

    // MARK: - Options (escrowed dividends)

    /// The present value on `day` of asset `i`'s cash dividends going ex after `day` and on or
    /// before `expiry` (trading days):
    ///
    ///     PV = Σ_{day < t_k ≤ expiry} D_k · e^{−r·(t_k − day)/252}
    ///
    /// discounted at the continuous annual `rate` over trading days. A dividend going ex on the
    /// expiry day counts: the option settles on the ex close.
    public func presentValue(asset i: Int, day: Int, expiry: Int, rate: Double) -> Double {
        var pv = 0.0
        for e in exDays[i] where e.day > day && e.day <= expiry {
            pv += e.amount * Foundation.exp(-rate * Double(e.day - day) / TradingCalendar.tradingDaysPerYear)
        }
        return pv
    }

    /// The spot an option on asset `i` is priced with on `day` for `expiry` under the
    /// escrowed-dividend model: the share less the present value of the cash dividends paid
    /// before expiry, S* = S − PV (floored at S/2 like the path's drop), which then follows
    /// Black–Scholes–Merton with the asset's IV (and continuous yield, if any). Without cash
    /// dividends in the option's life, S* = S exactly.
    ///
    /// The model's known bias (Haug, Haug & Lewis 2003, "Back to basics: a new approach to the
    /// discrete dividend problem", Wilmott Magazine, Sept. 2003): the IV is applied to S*, not
    /// to the share, so the share's absolute volatility is understated by the factor S*/S over
    /// the time before each ex-date; options come out too cheap, the more so the larger the
    /// dividends relative to the spot and the later they fall in the option's life (a
    /// dividend just before expiry is the worst case). Small for quarterly dividends of ~1% of
    /// the spot over months; use a continuous `dividendYield` or a lower IV elsewhere.
    public func escrowedSpot(_ spot: Double, asset i: Int, day: Int, expiry: Int, rate: Double) -> Double {
        guard paysCash[i] else { return spot }
        let pv = presentValue(asset: i, day: day, expiry: expiry, rate: rate)
        return pv == 0 ? spot : Swift.max(spot - pv, 0.5 * spot)
    }
}
