/// A chain's quotes (`ChainFills`) bound to one backtest scenario: the engine's days as dates,
/// its assets as tickers. What `BlockRunner` enters, marks and exits option legs with when a
/// backtest has a chain.
struct ChainMarks: Sendable {
    let fills: ChainFills
    /// The scenario's dates, counted on past its last one by the listing's calendar.
    let days: ScenarioDays
    let tickers: [String]
    let rate: Double

    init(fills: ChainFills, scenario: Scenario, universe: Universe, listing: OptionListing?) {
        self.fills = fills
        days = ScenarioDays(dates: scenario.dates,
                            calendar: TradingCalendar(start: scenario.dates[0], holidays: listing?.holidays ?? []))
        tickers = universe.assets.map(\.ticker)
        rate = scenario.rate
    }

    /// The date of trading day `day`.
    func date(_ day: Int) -> CalendarDate { days.date(ofDay: day) }

    /// The trading day of an expiration date: its own, or the last one before it when the
    /// replay has no close that day (`ScenarioDays.day(of:)`).
    func day(of expiration: CalendarDate) -> Int { days.day(of: expiration) }

    /// The contract option leg k of `p` enters on day `d` with its asset at `spot`
    /// (`ChainFills.choose`), or nil.
    func choose(_ p: DecisionProgram, leg k: Int, type: OptionType, rule: StrikeRule, day d: Int, spot: Double) -> OptionQuote? {
        let asset = p.legAsset[k]
        let entry = ChainFills.Entry(underlying: tickers[asset], type: type, date: date(d),
                                     targetExpiry: date(p.expiry(leg: k, enteredOn: d)), strikeRule: rule, spot: spot, rate: rate,
                                     dividendYield: p.dividendYield[asset], tradingDays: { day(of: $0) - d })
        return fills.choose(entry)
    }
}
