/// Daily returns compounded over calendar months and years: empyrical's
/// `aggregate_returns(returns, convert_to='monthly')` (and `'yearly'`), which groups the
/// returns by the year and month of their dates and takes (1 + r).prod() − 1 of each group.
///
/// A period's return is Π(1 + r_t) − 1 over the returns dated in it (decimal); a year's total
/// compounds all of that year's returns (the same as compounding its months). A period holding
/// an undefined return (nil) has an undefined return.
public struct PeriodReturn: Sendable, Equatable {
    /// The calendar year.
    public var year: Int
    /// The month, 1–12; nil for the year's total.
    public var month: Int?
    /// Π(1 + r) − 1 over the period's returns, decimal; nil when one of them is undefined.
    public var value: Double?
    /// How many returns (trading days) the period holds.
    public var days: Int

    /// A period's compounded return.
    public init(year: Int, month: Int?, value: Double?, days: Int) {
        self.year = year
        self.month = month
        self.value = value
        self.days = days
    }

    /// Each month with returns, in date order, every year's total after its last month.
    /// `dates` must increase; `returns[t]` is the return dated `dates[t]`.
    public static func monthsAndYears(dates: [CalendarDate], returns: [Double?]) -> [PeriodReturn] {
        precondition(dates.count == returns.count, "one return per date")
        var out: [PeriodReturn] = []
        var month: PeriodReturn?, year: PeriodReturn?
        var monthGrowth: Double? = 1, yearGrowth: Double? = 1
        func closeMonth() {
            guard var m = month else { return }
            m.value = monthGrowth.map { $0 - 1 }
            out.append(m)
        }
        func closeYear() {
            guard var y = year else { return }
            y.value = yearGrowth.map { $0 - 1 }
            out.append(y)
        }
        for (date, r) in zip(dates, returns) {
            let c = date.components
            if year?.year != c.year {
                closeMonth(); closeYear()
                month = nil
                year = PeriodReturn(year: c.year, month: nil, value: nil, days: 0)
                yearGrowth = 1
            }
            if month?.month != c.month {
                closeMonth()
                month = PeriodReturn(year: c.year, month: c.month, value: nil, days: 0)
                monthGrowth = 1
            }
            month!.days += 1
            year!.days += 1
            monthGrowth = r.flatMap { r in monthGrowth.map { $0 * (1 + r) } }
            yearGrowth = r.flatMap { r in yearGrowth.map { $0 * (1 + r) } }
        }
        closeMonth(); closeYear()
        return out
    }
}
