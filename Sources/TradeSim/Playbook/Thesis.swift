/// A claim the card makes about a decision, checked against the simulation.
public struct Thesis: Sendable, Hashable {
    /// What the claim is about.
    public enum Metric: String, Sendable, Hashable, CaseIterable {
        /// The decision's return at exit (P&L / basis).
        case `return`
        /// Long side return minus short side return, in basis points (pairs).
        case relativeReturnBps
        /// The decision's P&L at exit, in money.
        case pnl
    }

    /// How the value is compared with the band.
    public enum Test: String, Sendable, Hashable {
        /// low ≤ value ≤ high
        case within
        /// value ≥ low
        case atLeast
        /// value ≤ high
        case atMost
    }

    /// The card's words.
    public var claim: String
    /// The measured value.
    public var metric: Metric
    /// The band's low end, in the metric's unit (nil: unbounded).
    public var low: Double?
    /// The band's high end, in the metric's unit (nil: unbounded).
    public var high: Double?
    /// The comparison.
    public var test: Test
    /// Only in these scenarios (empty: every scenario).
    public var scenarios: [String]

    /// A claim tested in `scenarios` (every scenario when empty).
    public init(claim: String, metric: Metric, low: Double?, high: Double?, test: Test, scenarios: [String] = []) {
        self.claim = claim
        self.metric = metric
        self.low = low
        self.high = high
        self.test = test
        self.scenarios = scenarios
    }

    /// Whether `value` passes the test.
    public func isMet(_ value: Double) -> Bool {
        switch test {
        case .within: value >= (low ?? -.infinity) && value <= (high ?? .infinity)
        case .atLeast: value >= (low ?? -.infinity)
        case .atMost: value <= (high ?? .infinity)
        }
    }
}
