/// One tradable name in a study's universe.
///
/// Units: `spot` in the study currency; `volatility` annual (path model σ); `drift` the
/// expected annual return μ (continuous: E[S_T] = S_0·e^{μT} before scheduled events);
/// `dividendYield` and `borrowFee` continuous annual rates (the fee accrues on short
/// positions); `beta` to the market, used for beta-neutral sizing.
public struct Asset: Sendable, Hashable {
    /// The ticker (unique in the universe).
    public var ticker: String
    /// Price at the study's start, in the study currency (> 0).
    public var spot: Double
    /// Annual volatility σ of the path model (0.30 = 30%).
    public var volatility: Double
    /// Expected annual return μ, continuous.
    public var drift: Double
    /// Continuous annual dividend yield q.
    public var dividendYield: Double
    /// Continuous annual fee paid on a short position's value.
    public var borrowFee: Double
    /// Beta to the market (beta-neutral pairs).
    public var beta: Double
    /// Tags that decisions and events address the asset by (`enabler`, `defense`).
    public var tags: [String]

    /// An asset; by default no drift, dividend or borrow fee, beta 1, no tags.
    public init(ticker: String, spot: Double, volatility: Double, drift: Double = 0, dividendYield: Double = 0,
                borrowFee: Double = 0, beta: Double = 1, tags: [String] = []) {
        self.ticker = ticker
        self.spot = spot
        self.volatility = volatility
        self.drift = drift
        self.dividendYield = dividendYield
        self.borrowFee = borrowFee
        self.beta = beta
        self.tags = tags
    }
}
