/// Why decision specs do not lower to legs (`DecisionSpec.lowered`, `Playbook.init(...specs:...)`).
///
/// The study decoder finds most of these in the JSON first and reports them at their location
/// (`StudyDecoder`); a playbook built in Swift gets them from the lowering.
public enum PlaybookProblem: Error, Sendable, Hashable, CustomStringConvertible {
    /// A selector that is no ticker or tag of the universe (or a leg's ticker that is no ticker).
    case unknownSelector(String)
    /// An empty list of tickers or tags, of variants, or of legs.
    case emptySelection
    /// A weight that is not finite and > 0.
    case weight(selector: String, Double)
    /// An asset on both sides of a pair.
    case overlappingSides(ticker: String)
    /// A beta-neutral pair whose short side has a (weighted) beta of 0 (|β| ≤ 10⁻⁹).
    case zeroShortBeta
    /// A leg with quantity 0.
    case zeroQuantity(leg: Int)
    /// A premium budget for a kind that holds no options (basket, pair).
    case premiumBudgetWithoutOptions(DecisionKind)
    /// A hedge ratio on an underlying that the playbook does not hold.
    case hedgeRatioWithoutHolding(ticker: String)
    /// Variants of one decision of different kinds.
    case mixedKinds(DecisionKind, DecisionKind)
    /// A decision id, or a variant name within a decision, used twice.
    case duplicateName(String)
    /// A day count outside what its rule allows (a negative entry day or days before an
    /// event, an on-weakness window below 1 day, an option tenor below 1 day).
    case dayCount(String, Int)

    /// The problem in one line: what was found and why it does not lower.
    public var description: String {
        switch self {
        case let .unknownSelector(s): "\"\(s)\" is no ticker or tag of the universe"
        case .emptySelection: "an empty list where at least one entry is needed"
        case let .weight(s, w): "weight \(w) for \"\(s)\"; a weight must be finite and > 0"
        case let .overlappingSides(t): "\(t) on both sides of a pair"
        case .zeroShortBeta: "a beta-neutral pair whose short side has beta 0"
        case let .zeroQuantity(k): "leg \(k) has quantity 0"
        case let .premiumBudgetWithoutOptions(kind): "a premium budget for a \(kind.rawValue), which holds no options"
        case let .hedgeRatioWithoutHolding(t): "a hedge ratio on \(t), which the playbook does not hold"
        case let .mixedKinds(a, b): "variants of kinds \(a.rawValue) and \(b.rawValue) in one decision"
        case let .duplicateName(n): "\"\(n)\" used twice"
        case let .dayCount(what, n): "\(what) of \(n) days"
        }
    }
}
