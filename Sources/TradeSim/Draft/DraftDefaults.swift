/// What `tradesim draft` puts where a card is silent. Every use is listed for the user as
/// something to decide, and the values are ordinary study fields to edit.
public enum DraftDefaults {
    /// Starting capital of the playbook (study currency).
    public static let capital = 1_000_000.0
    /// Notional of a stock decision (basket, pair long side, collar), 10% of capital.
    public static let stockNotional = 100_000.0
    /// Premium budget of an option decision (protection, straddle, strangle), 2% of capital.
    public static let optionPremium = 20_000.0
    /// Entry on weakness without a stated size: this drop from the running high, within 1m.
    public static let weaknessDrop = 0.05
    /// Holding period of a stock decision, and the expiry of an option decision, when the card gives none.
    public static let horizon = "3m"
    public static let optionExpiry = "1m"
    /// The longest horizon the draft takes from a card (5 years of trading days).
    public static let longestHorizonDays = 1_260
    /// A placeholder asset's spot (study currency) and annual volatility, until the user sets them.
    public static let spot = 100.0
    public static let volatility = 0.30
    /// `--prices`: a spot from a close more than this many trading days before day 0 is stale (a warning).
    public static let stalePricesDays = 5
    /// Risk-free rate (continuous, annual).
    public static let rate = 0.04
    /// The day of a named event whose date the card does not give (about a month in).
    public static let eventDay = 21
    /// Event options: entry this many trading days before the event, exit this many after.
    public static let daysBeforeEvent = 5
    public static let daysAfterEvent = 2
    /// Protection strikes as moneyness: the put, and the spread's lower put.
    public static let putMoneyness = 0.95
    public static let spreadLowerMoneyness = 0.85
    /// Collar strikes as moneyness.
    public static let collarPutMoneyness = 0.90
    public static let collarCallMoneyness = 1.10
    /// The implied-vol premium an event puts on its options (a multiple of base IV, ramped linearly over 10 days).
    public static let eventIVMultiple = 0.30
    public static let eventIVRampDays = 10
    /// Costs: the seed study's assumptions (USD equities and listed options). Computed, not
    /// stored: a global of boxed values reads as a leak to the fuzzer's leak checker.
    public static var costs: [JSONField] { [
        JSONField("commissionPerShare", .number(0.005)), JSONField("commissionPerContract", .number(0.65)),
        JSONField("minimumCommission", .number(1)), JSONField("slippageBps", .number(5)),
        JSONField("optionHalfSpreadFraction", .number(0.02)), JSONField("contractMultiplier", .number(100)),
    ] }
}
