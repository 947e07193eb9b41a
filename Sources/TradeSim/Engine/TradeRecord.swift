/// One leg of one trade on one path (a row of `trades.csv`, which `TradesTable` formats).
///
/// Prices are before costs: the close for stock, the model mid (or intrinsic at expiry) for
/// options. `costs` holds everything the trade paid besides price moves: slippage against the
/// close, option half-spreads, commissions and borrow fees. `pnl` = quantity × (exit − entry)
/// − costs. Money in the study currency, quantities in units of the instrument.
public struct TradeRecord: Sendable, Hashable {
    /// What a leg held.
    public enum Instrument: Sendable, Hashable {
        case stock
        /// A European option on the leg's ticker: its type, its strike in price units (as set on
        /// the entry day by the leg's `StrikeRule`) and its expiry.
        case option(OptionType, strike: Double, expiry: Expiry)
    }

    /// When an option expires.
    public enum Expiry: Sendable, Hashable {
        /// On this trading day of the scenario.
        case date(CalendarDate)
        /// On this trading day (counted from the run's first day, 0), after the scenario's
        /// last day: a day without a date.
        case day(Int)
    }

    public var path: Int
    public var decisionID: String
    public var variantName: String
    public var leg: Int
    public var instrument: Instrument
    public var ticker: String
    public var quantity: Double
    public var entryDay: Int
    public var entryDate: CalendarDate
    public var entryPrice: Double
    public var exitDay: Int
    public var exitDate: CalendarDate
    public var exitPrice: Double
    public var costs: Double
    public var pnl: Double
    public var exitReason: ExitReason
}
