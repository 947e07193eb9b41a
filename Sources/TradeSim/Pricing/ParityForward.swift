import Foundation

/// The forward price and discount factor one expiry's quotes imply by put–call parity,
///
///     C_mid(K) − P_mid(K) = D·(F − K),   D = e^{−r·τ},   F = S·e^{(r−q)·τ},
///
/// fitted by weighted least squares over the strikes quoted on both sides with a bid > 0:
/// (C − P) on (1, K) gives D = −slope and F = intercept / D. With the rate known, D is fixed and
/// F = Σ w·((C − P)/D + K) / Σ w. Weights w = 1 / max(spread_C + spread_P, 0.01)², the inverse
/// square of the pair's price uncertainty. From (D, F) the rate and yield the Black–Scholes
/// inputs need: r = −ln D / τ, q = r − ln(F/S)/τ — the carry the market's own prices imply,
/// discrete dividends included as a yield (how the Cboe VIX white paper finds each expiry's
/// forward, from the strike where C − P is smallest; the regression uses every pair).
///
/// Parity holds for European options; for American quotes it is a bound, and near-the-money
/// pairs, where early exercise is worth least, carry the weight (their spreads are tightest).
package struct ParityForward: Sendable, Hashable {
    /// The discount factor D to the expiry.
    package var discount: Double
    /// The forward F.
    package var forward: Double
    /// Strikes quoted on both sides that entered the fit.
    package var pairs: Int

    /// The forward of `quotes` (one expiry; puts and calls), with the discount factor `known`
    /// when the rate is given. Nil when too few strikes are quoted on both sides (2, or 1 with
    /// D known) or the fit is not a discount factor in (0, 2] and a positive forward.
    package static func fit(_ quotes: [OptionQuote], knownDiscount known: Double?) -> ParityForward? {
        var calls: [Double: OptionQuote] = [:], puts: [Double: OptionQuote] = [:]
        for q in quotes where q.bid > 0 {
            if q.type == .call { calls[q.strike] = q } else { puts[q.strike] = q }
        }
        let strikes = calls.keys.filter { puts[$0] != nil }.sorted()
        let differences = strikes.map { calls[$0]!.mid - puts[$0]!.mid }
        let weights = strikes.map { k in
            1 / pow(Swift.max(calls[k]!.ask - calls[k]!.bid + puts[k]!.ask - puts[k]!.bid, 0.01), 2)
        }
        if let d = known {
            guard !strikes.isEmpty, d > 0 else { return nil }
            let total = weights.reduce(0, +)
            let forward = zip(zip(strikes, differences), weights).reduce(0) { $0 + $1.1 * ($1.0.1 / d + $1.0.0) } / total
            return forward > 0 ? ParityForward(discount: d, forward: forward, pairs: strikes.count) : nil
        }
        guard strikes.count >= 2,
              let beta = WeightedLeastSquares.solve(rows: strikes.map { [1, $0] }, values: differences, weights: weights) else { return nil }
        let d = -beta[1]
        guard d > 0, d <= 2, beta[0] / d > 0 else { return nil }
        return ParityForward(discount: d, forward: beta[0] / d, pairs: strikes.count)
    }
}
