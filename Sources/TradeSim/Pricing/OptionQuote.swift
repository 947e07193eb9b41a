/// One quoted option contract on one date, as a chain file gives it (`OptionChain`): the
/// contract, the underlying's price when it was quoted, and the bid and ask.
package struct OptionQuote: Sendable, Hashable {
    /// The 1-based file line of the row.
    package var line: Int
    package var underlying: String
    /// The underlying's price when the option was quoted.
    package var underlyingPrice: Double
    package var quoteDate: CalendarDate
    package var expiration: CalendarDate
    package var type: OptionType
    package var strike: Double
    package var bid: Double
    package var ask: Double
    /// The file's implied vol (annual), when given.
    package var impliedVolatility: Double?
    package var volume: Double?
    package var openInterest: Double?

    /// (bid + ask) / 2.
    package var mid: Double { 0.5 * (bid + ask) }
}
