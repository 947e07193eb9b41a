/// A claim the card makes about a decision, checked against the simulation.
public struct Thesis: Sendable, Hashable {
    /// What the claim is about.
    public enum Metric: String, Sendable, Hashable, CaseIterable {
        /// The decision's return at exit (P&L / basis).
        case `return`
        /// The pair as held, in basis points: the long side's value change minus the short
        /// side's, over the long side's value at entry, at the closes (prices only: costs, fees
        /// and dividends are in the P&L and the return),
        ///
        ///     10,000 · ((L_exit − L_entry) − (S_exit − S_entry)) / L_entry = 10,000 · (r_L − h·r_S)
        ///
        /// with h = S_entry / L_entry the hedge ratio (1 dollar-neutral; β_L/β_S beta-neutral).
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
    /// The events' outcomes the claim is given (empty: none): it is checked only in the
    /// scenarios where they are certain, n/a in the others (`ThesisCondition`).
    public var given: [ThesisCondition]

    /// A claim tested in `scenarios` (every scenario when empty), given `given`.
    public init(claim: String, metric: Metric, low: Double?, high: Double?, test: Test, scenarios: [String] = [],
                given: [ThesisCondition] = []) {
        self.claim = claim
        self.metric = metric
        self.low = low
        self.high = high
        self.test = test
        self.scenarios = scenarios
        self.given = given
    }

    /// nil when every condition is certain in `scenario`; otherwise why the claim is n/a there.
    public func unmetCondition(in scenario: Scenario) -> String? {
        for c in given { if let why = c.unmetReason(in: scenario) { return why } }
        return nil
    }

    /// The test in words, in the metric's unit: "return at exit ≥ 20%", "relative return at exit
    /// (the pair as held) ≥ 200 bps", "−15% ≤ return at exit ≤ −10%", "P&L at exit ≤ 5000";
    /// with its conditions after: "return at exit ≥ −15%, given us-china-meeting = export relief".
    public var words: String {
        let conditions = given.map { "\($0.event) = \($0.outcome)" }.joined(separator: ", ")
        return conditions.isEmpty ? testWords : testWords + ", given " + conditions
    }

    var testWords: String {
        let what = switch metric {
        case .return: "return at exit"
        case .relativeReturnBps: "relative return at exit (the pair as held)"
        case .pnl: "P&L at exit"
        }
        func plain(_ x: Double) -> String {
            let sign = x < 0 ? "−" : ""
            return sign + (x.rounded() == x && abs(x) < 1e15 ? String(Int(abs(x))) : NumberText.csv(abs(x)))
        }
        func amount(_ x: Double) -> String {
            switch metric {
            case .return: plain((x * 100 * 1e9).rounded() / 1e9) + "%"
            case .relativeReturnBps: plain(x) + " bps"
            case .pnl: plain(x)
            }
        }
        switch test {
        case .within:
            switch (low, high) {
            case let (l?, h?): return "\(amount(l)) ≤ \(what) ≤ \(amount(h))"
            case let (l?, nil): return "\(what) ≥ \(amount(l))"
            case let (nil, h?): return "\(what) ≤ \(amount(h))"
            case (nil, nil): return "any \(what)"
            }
        case .atLeast: return low.map { "\(what) ≥ \(amount($0))" } ?? "any \(what)"
        case .atMost: return high.map { "\(what) ≤ \(amount($0))" } ?? "any \(what)"
        }
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
