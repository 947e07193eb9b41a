import Foundation

/// The discretisation of the Andersen–Lake–Offengenden American-option solve: how many
/// Chebyshev nodes carry the exercise boundary, how many fixed-point iterations refine it, and
/// how many Gauss–Legendre points evaluate its integrals (Andersen, Lake & Offengenden,
/// "High-performance American option pricing", J. Comput. Finance 20(1), 2016, §5, where the
/// four numbers are called n, m, l and p).
///
/// Fixed at construction, the scheme also holds every table that depends on these numbers only
/// (not on the option): the quadrature rules, the Chebyshev nodes, and the Lagrange rows that
/// interpolate the boundary at each quadrature point. With the boundary carried in the
/// coordinate z = 2√(τ/T) − 1 and the integrals mapped to the same scaled time, those points sit
/// at the same z for every maturity T, so they are computed once per scheme.
///
/// Presets: `accurate` (the CLI's: worst 1.2e-7 relative on the 2,304-option reference grid,
/// about 0.28 ms per price) and `fast` (for many options: worst 3.6e-7, about 0.07 ms); the figures
/// are in the README and in the tests.
public struct AmericanPricingScheme: Sendable {
    /// n: the degree of the Chebyshev interpolant of the boundary (n + 1 nodes in √τ, one of
    /// them at τ = 0 where the boundary is known).
    public let chebyshevDegree: Int
    /// m: fixed-point iterations after the QD+ start; the first is a Jacobi–Newton step.
    public let iterations: Int
    /// l: Gauss–Legendre points of each boundary-equation integral.
    public let fixedPointPoints: Int
    /// p: Gauss–Legendre points of the early-exercise-premium integral.
    public let premiumPoints: Int
    /// The largest relative change of the boundary at a node in the last FP-B iteration that
    /// counts as settled; beyond it `AmericanOption` re-solves with FP-A and the `robust` scheme.
    /// It grows as the iterations get fewer: 1e-5 suits 8, 1e-3 suits 4.
    public let settledChange: Double

    let chebyshev: ChebyshevLobattoInterpolation
    let fixedPointRule: GaussLegendreRule
    let premiumRule: GaussLegendreRule
    /// τᵢ/T = (1 + zᵢ)²/4 for the nodes i = 0…n−1 (τ > 0).
    let nodeTimeFraction: [Double]
    /// The integrals over a time to go s ∈ (0, τ) are taken in θ ∈ (0, π/2) with s = τ·sin²θ,
    /// θ = π(1 + y)/4 for the Gauss–Legendre node y: then √s = √τ·sin θ and √(τ − s) = √τ·cos θ
    /// are both smooth in θ, which removes the square-root behaviour at both ends (the
    /// 1/√s of the densities at s = 0, the boundary's √-shape near maturity at s = τ).
    /// These are sin²θₖ = s/τ for the fixed-point points.
    let fixedPointLagFraction: [Double]
    /// (π/4)·wₖ·2cos θₖ: the weight of a ds/√s integrand, in units of √τ.
    let fixedPointDensityWeight: [Double]
    /// (π/4)·wₖ·sin 2θₖ: the weight of a ds integrand, in units of τ.
    let fixedPointWeight: [Double]
    /// Row (i·l + k)·n + j: the Lagrange weight of node j (j < n; node n carries 0) at the
    /// point τᵢ − sₖ of node i's integrals.
    let fixedPointBasis: [Double]
    /// sin²θₖ = s/T for the premium's points (s the time from now to the exercise date).
    let premiumLagFraction: [Double]
    /// (π/4)·wₖ·sin 2θₖ: the premium's ds weights, in units of T.
    let premiumWeight: [Double]
    /// Row k·n + j: the Lagrange weight of node j at the premium point k (z = 2cos θₖ − 1).
    let premiumBasis: [Double]

    /// A scheme with a Chebyshev boundary of degree `n`, `m` fixed-point iterations, `l`
    /// Gauss–Legendre points in the fixed-point integrals and `p` in the premium integral
    /// (Andersen, Lake and Offengenden 2016, §5: their (l, m, n) notation); `accurate` and `fast`
    /// are the two the CLI uses.
    public init(chebyshevDegree n: Int, iterations m: Int, fixedPointPoints l: Int, premiumPoints p: Int,
                settledChange: Double = 1e-5) {
        precondition(n >= 2 && m >= 1 && l >= 1 && p >= 1, "scheme sizes must be positive (n ≥ 2)")
        chebyshevDegree = n
        iterations = m
        fixedPointPoints = l
        premiumPoints = p
        self.settledChange = settledChange
        chebyshev = ChebyshevLobattoInterpolation(degree: n)
        fixedPointRule = GaussLegendreRule(count: l)
        premiumRule = GaussLegendreRule(count: p)
        let chebyshev = self.chebyshev
        let z = chebyshev.nodes
        nodeTimeFraction = (0..<n).map { i in 0.25 * (1 + z[i]) * (1 + z[i]) }
        func angle(_ y: Double) -> Double { 0.25 * Double.pi * (1 + y) }
        let fpAngles = fixedPointRule.nodes.map(angle)
        fixedPointLagFraction = fpAngles.map { sin($0) * sin($0) }
        fixedPointDensityWeight = zip(fpAngles, fixedPointRule.weights).map { 0.25 * Double.pi * $1 * 2 * cos($0) }
        fixedPointWeight = zip(fpAngles, fixedPointRule.weights).map { 0.25 * Double.pi * $1 * sin(2 * $0) }
        var fpBasis: [Double] = []
        fpBasis.reserveCapacity(n * l * n)
        for i in 0..<n {
            for theta in fpAngles {
                // u = τᵢ − s = τᵢ·cos²θ, so z = 2√(u/T) − 1 = (1 + zᵢ)·cos θ − 1.
                fpBasis += chebyshev.basisRow(at: (1 + z[i]) * cos(theta) - 1).prefix(n)
            }
        }
        fixedPointBasis = fpBasis
        let premiumAngles = premiumRule.nodes.map(angle)
        premiumLagFraction = premiumAngles.map { sin($0) * sin($0) }
        premiumWeight = zip(premiumAngles, premiumRule.weights).map { 0.25 * Double.pi * $1 * sin(2 * $0) }
        premiumBasis = premiumAngles.flatMap { chebyshev.basisRow(at: 2 * cos($0) - 1).prefix(n) }
    }

    /// The CLI's scheme: worst relative price error 1.2e-7 against the reference grid
    /// (QuantLib's high-precision QdFp engine), see AmericanOptionTests.
    public static let accurate = AmericanPricingScheme(chebyshevDegree: 16, iterations: 8, fixedPointPoints: 32, premiumPoints: 64)

    /// The fallback for boundaries the FP-B iteration does not settle (FP-A, plain iterations).
    public static let robust = AmericanPricingScheme(chebyshevDegree: 24, iterations: 32, fixedPointPoints: 48, premiumPoints: 96)

    /// A cheaper scheme for marking many options daily: worst 3.6e-7 relative on the same grid.
    public static let fast = AmericanPricingScheme(chebyshevDegree: 12, iterations: 4, fixedPointPoints: 16, premiumPoints: 48,
                                                   settledChange: 1e-3)
}
