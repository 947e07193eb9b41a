/// What `tradesim draft` puts where a card is silent. Every use is listed for the user as
/// something to decide, and the values are ordinary study fields to edit.
package enum DraftDefaults {
    /// Starting capital of the playbook (study currency).
    package static let capital = 1_000_000.0
    /// Notional of a stock decision (basket, pair long side, collar), 10% of capital.
    package static let stockNotional = 100_000.0
    /// Premium budget of an option decision (protection, straddle, strangle), 2% of capital.
    package static let optionPremium = 20_000.0
    /// Entry on weakness without a stated size: this drop from the running high, within 1m.
    package static let weaknessDrop = 0.05
    /// Holding period of a stock decision, and the expiry of an option decision, when the card gives none.
    package static let horizon = "3m"
    package static let optionExpiry = "1m"
    /// The longest horizon the draft takes from a card (5 years of trading days).
    package static let longestHorizonDays = 1_260
    /// A placeholder asset's spot (study currency) and annual volatility, until the user sets them.
    package static let spot = 100.0
    package static let volatility = 0.30
    /// `--prices`: a spot from a close more than this many trading days before day 0 is stale (a warning).
    package static let stalePricesDays = 5
    /// Risk-free rate (continuous, annual).
    package static let rate = 0.04
    /// The day of a named event whose date the card does not give (about a month in).
    package static let eventDay = 21
    /// Event options: entry this many trading days before the event, exit this many after.
    package static let daysBeforeEvent = 5
    package static let daysAfterEvent = 2
    /// Protection strikes as moneyness: the put, and the spread's lower put.
    package static let putMoneyness = 0.95
    package static let spreadLowerMoneyness = 0.85
    /// Collar strikes as moneyness.
    package static let collarPutMoneyness = 0.90
    package static let collarCallMoneyness = 1.10
    /// The implied-vol premium an event puts on its options (a multiple of base IV, ramped linearly over 10 days).
    package static let eventIVMultiple = 0.30
    package static let eventIVRampDays = 10
    /// Costs: the seed study's assumptions (USD equities and listed options). Computed, not
    /// stored: a global of boxed values reads as a leak to the fuzzer's leak checker.
    package static var costs: [JSONField] { [
        JSONField("commissionPerShare", .number(0.005)), JSONField("commissionPerContract", .number(0.65)),
        JSONField("minimumCommission", .number(1)), JSONField("slippageBps", .number(5)),
        JSONField("optionHalfSpreadFraction", .number(0.02)), JSONField("contractMultiplier", .number(100)),
    ] }
}
