import Foundation

/// `ImpliedVolModel.strikeVolatility` on eight lanes at once, for an option leg whose IV
/// depends on its strike or on the path's spot (a smile, a spot–vol beta): the same rule in
/// the same order of operations, in logs —
///
///     level = max(atm + β·(ln S − ln S_ref), floor·atm)                        (β ≠ 0)
///     x     = clamp((ln K − ln S_anchor − (r − q)·τ) / √τ, ±xLimit)
///     σ     = max(level + (a + b·x)·x, floor·level)
///
/// with S_anchor = S_ref (sticky strike) or S (sticky moneyness). Agreement with the scalar
/// rule is tested (`LaneVolatilityTests`).
struct LaneVolatility: Sendable {
    typealias V = SIMD8<Double>
    let smile: VolatilitySmile
    let beta: Double
    let logReference: Double
    let stickyStrike: Bool
    /// r − q: the forward's drift.
    let carry: Double

    /// Nil when asset i's IV is one number per day and tenor on every lane: no smile, no spot–vol
    /// beta and (`perLaneLevel` false) no event outcome that rescales its level lane by lane.
    init?(model: ImpliedVolModel, asset i: Int, referenceSpot: Double, rate: Double, dividendYield q: Double, perLaneLevel: Bool = false) {
        guard model.dependsOnStrikeOrSpot(asset: i) || perLaneLevel else { return nil }
        smile = model.smile[i]
        beta = model.spotVolBeta[i]
        logReference = Foundation.log(referenceSpot)
        stickyStrike = model.dynamics == .stickyStrike
        carry = rate - q
    }

    /// σ per lane for ATM IVs `atm`, log spots, log strikes and tenors in years (with 1/√τ).
    @inline(__always)
    func sigma(atm: V, logSpot: V, logStrike: V, years: V, inverseSqrtYears: V) -> V {
        let floor = V(repeating: smile.floorFraction)
        var level = atm
        if beta != 0 {
            level = atm.addingProduct(V(repeating: beta), logSpot - V(repeating: logReference))
            let low = floor * atm
            level = level.replacing(with: low, where: level .< low)
        }
        if smile.isFlat { return level }
        let anchor = stickyStrike ? V(repeating: logReference) : logSpot
        var x = (logStrike - anchor - V(repeating: carry) * years) * inverseSqrtYears
        let limit = V(repeating: smile.xLimit)
        x = x.replacing(with: limit, where: x .> limit)
        x = x.replacing(with: -limit, where: x .< -limit)
        let s = level + (V(repeating: smile.slope) + V(repeating: smile.curvature) * x) * x
        let low = floor * level
        return s.replacing(with: low, where: s .< low)
    }
}
