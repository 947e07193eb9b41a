/// How big a decision is.
///
/// Each leg's quantity at entry is its weight times: `notional` / the leg asset's price
/// (money split by weight; option legs of g groups get notional/g each); `units`; for a
/// `premiumBudget` B, (B/g) divided by the group's premium per unit of weight; for a
/// `hedgeRatio` h, h × the units held of the group's underlying.
public enum Sizing: Sendable, Hashable {
    /// Money (study currency) spread over the legs by weight.
    case notional(Double)
    /// Units of each leg per unit of weight.
    case units(Double)
    /// Money (study currency) of net option premium, split equally over the underlying groups.
    case premiumBudget(Double)
    /// Units per unit of the underlying held (`Playbook.holdings`).
    case hedgeRatio(Double)
}
