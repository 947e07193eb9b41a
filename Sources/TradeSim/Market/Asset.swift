/// One tradable name in a study's universe.
///
/// Units: `spot` in the study currency; `volatility` annual (path model σ); `drift` the
/// expected annual *total* return μ, continuous, dividends included; `dividendYield` and
/// `borrowFee` continuous annual rates (the fee accrues on short positions); `dividends`
/// discrete cash dividends per share by ex-date; `beta` to the market, used for beta-neutral
/// sizing.
///
/// Dividend convention (Hull 2018, §17.3; Haug 2007, §9.1): a Monte Carlo price path drifts
/// at μ − q (E[S_T] = S_0·e^{(μ−q)T} before events and discrete dividends) and drops by each
/// cash dividend on its ex-date (`DividendSchedule`); a held share receives q/252·S each
/// close after entry and D on each ex-date (`DividendCarry`), so that price plus dividends
/// earns μ. With q = 0 and no cash dividends the price itself earns μ, as before.
public struct Asset: Sendable, Hashable {
    /// The ticker (unique in the universe).
    public var ticker: String
    /// Price at the study's start, in the study currency (> 0).
    public var spot: Double
    /// Annual volatility σ of the path model (0.30 = 30%).
    public var volatility: Double
    /// Expected annual total return μ (price plus dividends), continuous.
    public var drift: Double
    /// Continuous annual dividend yield q.
    public var dividendYield: Double
    /// Continuous annual fee paid on a short position's value.
    public var borrowFee: Double
    /// Beta to the market (beta-neutral pairs).
    public var beta: Double
    /// Tags that decisions and events address the asset by (`enabler`, `defense`).
    public var tags: [String]
    /// Discrete cash dividends per share, ex-dates strictly increasing (none by default).
    public var dividends: [CashDividend]
    /// Shares per listed option contract on this asset, or nil for the playbook's
    /// `CostModel.contractMultiplier` (100): an adjusted contract after a split or a special
    /// dividend, a mini contract, a non-US listing.
    public var contractMultiplier: Double?
    /// What kind of name it is (a stock by default); it sets `exercise` when none is given.
    public var type: AssetType
    /// How options on this asset are exercised unless a decision or leg says otherwise
    /// (`Leg.exercise`): by default its type's (`AssetType.listedExercise`: American for
    /// stocks and ETFs, any close up to expiry, marked at the American value by
    /// `DecisionProgram.americanMid`; European for indexes, Black–Scholes–Merton).
    public var exercise: ExerciseStyle

    /// An asset; by default a stock (American options) with no drift, dividend or borrow fee,
    /// beta 1, no tags.
    public init(ticker: String, spot: Double, volatility: Double, drift: Double = 0, dividendYield: Double = 0,
                borrowFee: Double = 0, beta: Double = 1, tags: [String] = [], dividends: [CashDividend] = [],
                contractMultiplier: Double? = nil, type: AssetType = .stock, exercise: ExerciseStyle? = nil) {
        self.ticker = ticker
        self.spot = spot
        self.volatility = volatility
        self.drift = drift
        self.dividendYield = dividendYield
        self.borrowFee = borrowFee
        self.beta = beta
        self.tags = tags
        self.dividends = dividends
        self.contractMultiplier = contractMultiplier
        self.type = type
        self.exercise = exercise ?? type.listedExercise
    }
}
