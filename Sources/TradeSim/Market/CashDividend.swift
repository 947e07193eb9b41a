/// A discrete cash dividend of one share: `amount` in the study currency, paid to whoever
/// holds the share at the close before `exDate` (a long position receives it, a short one
/// pays it); the price opens lower by the amount on the ex-date (`DividendSchedule`).
public struct CashDividend: Sendable, Hashable {
    /// The ex-dividend date (the first trading day the share trades without it).
    public var exDate: CalendarDate
    /// Cash per share, in the study currency (≥ 0).
    public var amount: Double

    /// A dividend of `amount` per share going ex on `exDate`.
    public init(exDate: CalendarDate, amount: Double) {
        self.exDate = exDate
        self.amount = amount
    }
}
