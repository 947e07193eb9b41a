/// The dividend income of held shares over one close: the one rule for stock legs and
/// holdings. For n shares (signed: a short position pays), close S_d, continuous annual yield q
/// and cash dividend D_d per share going ex on day d (0 on other days), in the study currency:
///
///     income_d = n · (q/252 · S_d + min(D_d, S_d))
///
/// for each close d after the position's entry (a position opened at day d's close earns from
/// day d + 1; the exit day's close counts, like the borrow fee). min(D, S_ex) is the cash the
/// Monte Carlo drop pays (`DividendSchedule.exDividendLogPrice`: D, unless the path fell below
/// 2D). A decision's income is cash and, in trades.csv, a negative cost of its leg.
enum DividendCarry {
    /// income_d of `shares` at `close` (see the type's comment).
    @inline(__always)
    static func income(shares: Double, close: Double, yield q: Double, cashPerShare dividend: Double) -> Double {
        shares * (q / TradingCalendar.tradingDaysPerYear * close + Swift.min(dividend, close))
    }

    /// The same on eight lanes.
    @inline(__always)
    static func income(shares: SIMD8<Double>, close: SIMD8<Double>, yield q: Double, cashPerShare dividend: Double) -> SIMD8<Double> {
        let cash = SIMD8(repeating: dividend).replacing(with: close, where: close .< SIMD8(repeating: dividend))
        return shares * (SIMD8(repeating: q / TradingCalendar.tradingDaysPerYear) * close + cash)
    }
}

extension DividendSchedule {
    /// Cash per share of asset `i` going ex on `day` (0 when none).
    func cashPerShare(asset i: Int, day: Int) -> Double {
        guard day < onDay.count else { return 0 }
        var cash = 0.0
        for e in onDay[day] where e.asset == i { cash += e.amount }
        return cash
    }

    /// True when asset `i` earns or pays dividends on some day of the scenario.
    func carries(asset i: Int) -> Bool {
        accruingYield[i] != 0 || exDays[i].contains { $0.day < onDay.count }
    }
}
