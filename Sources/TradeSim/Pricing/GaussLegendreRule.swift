import Foundation

/// An n-point Gauss–Legendre quadrature rule on [−1, 1]:
///
///     ∫₋₁¹ f(y) dy ≈ Σᵢ wᵢ·f(yᵢ),   exact when f is a polynomial of degree ≤ 2n − 1.
///
/// The nodes yᵢ are the roots of the Legendre polynomial Pₙ, found by Newton's method from
/// Tricomi's estimate yᵢ ≈ cos(π(i − ¼)/(n + ½)); the weights are wᵢ = 2/((1 − yᵢ²)·Pₙ′(yᵢ)²)
/// (Abramowitz & Stegun 25.4.29; Golub & Welsch 1969 give the same rule by another route).
/// Nodes are ascending and symmetric (y₍ₙ₋₁₋ᵢ₎ = −yᵢ, computed once and mirrored), so an odd
/// rule has the node 0 exactly. Accuracy: nodes and weights to a few ulps for n ≤ 500; the
/// weights sum to 2 within 1e-15 (checked by the tests).
///
/// No node is an endpoint, which is what the American-option integrals need: their integrands
/// are evaluated strictly inside (0, τ), never at the singular time-to-go 0.
struct GaussLegendreRule: Sendable {
    /// Nodes in (−1, 1), ascending.
    let nodes: [Double]
    /// Weights, positive, in the order of `nodes`; they sum to 2.
    let weights: [Double]

    var count: Int { nodes.count }

    init(count n: Int) {
        precondition(n >= 1, "a Gauss–Legendre rule needs at least one node")
        var nodes = [Double](repeating: 0, count: n)
        var weights = [Double](repeating: 0, count: n)
        let half = (n + 1) / 2
        for i in 0..<half {
            // Root number i + 1 counted from +1 downwards.
            var y = cos(Double.pi * (Double(i) + 0.75) / (Double(n) + 0.5))
            var derivative = 0.0
            for _ in 0..<100 {
                let (p, dp) = Self.legendre(n, y)
                derivative = dp
                let step = p / dp
                y -= step
                if abs(step) <= 1e-16 * Swift.max(abs(y), 1) { break }
            }
            derivative = Self.legendre(n, y).derivative
            let w = 2 / ((1 - y * y) * derivative * derivative)
            nodes[n - 1 - i] = y
            weights[n - 1 - i] = w
            nodes[i] = -y
            weights[i] = w
        }
        if n % 2 == 1 { nodes[n / 2] = 0 }
        self.nodes = nodes
        self.weights = weights
    }

    /// Pₙ(y) and Pₙ′(y) by the three-term recurrence (k+1)·Pₖ₊₁ = (2k+1)·y·Pₖ − k·Pₖ₋₁ and
    /// Pₙ′ = n·(y·Pₙ − Pₙ₋₁)/(y² − 1), for |y| < 1.
    static func legendre(_ n: Int, _ y: Double) -> (value: Double, derivative: Double) {
        var previous = 1.0
        var current = y
        if n == 0 { return (1, 0) }
        for k in 1..<n {
            let next = (Double(2 * k + 1) * y * current - Double(k) * previous) / Double(k + 1)
            previous = current
            current = next
        }
        return (current, Double(n) * (y * current - previous) / (y * y - 1))
    }
}
