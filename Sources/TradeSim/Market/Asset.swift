/// One tradable name in a study's universe.
///
/// Units: `spot` in the study currency; `volatility` annual (path model σ); `drift` the
/// expected annual return μ (continuous: E[S_T] = S_0·e^{μT} before scheduled events);
/// `dividendYield` and `borrowFee` continuous annual rates (the fee accrues on short
/// positions); `beta` to the market, used for beta-neutral sizing.
public struct Asset: Sendable, Hashable {
    public var ticker: String
    public var spot: Double
    public var volatility: Double
    public var drift: Double
    public var dividendYield: Double
    public var borrowFee: Double
    public var beta: Double
    public var tags: [String]

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
