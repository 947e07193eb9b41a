/// How big a decision is.
///
/// Each leg's quantity at entry is its weight times: `notional` / the leg asset's price
/// (money split by weight; option legs of g groups get notional/g each); `units`; for a
/// `premiumBudget` B, (B/g) divided by the group's premium per unit of weight; for a
/// `hedgeRatio` h, h × the units held of the group's underlying.
public enum Sizing: Sendable, Hashable {
    case notional(Double)
    case units(Double)
    case premiumBudget(Double)
    case hedgeRatio(Double)
}
