import Foundation

/// The early-exercise premium of American options of one type, rate, dividend yield and tenor,
/// tabulated so that a daily mark can price many lanes without an exercise-boundary solve each.
///
/// With x = ln(S/K), the American value per unit strike is V(x, σ)/K = E(x, σ) + e(x, σ) where E is
/// the European (Black–Scholes–Merton) value and e = (American − European)/K the early-exercise
/// premium (EEP). For volatilities σ ∈ [σ_lo, σ_hi] the table holds:
///
/// - the exercise boundary x*(σ) = ln(S*/K): at or below it a put is exercised (a call at or
///   above), so there V/K = ω·(e^x − 1) (ω = +1 call, −1 put) — the intrinsic value;
/// - the premium in the continuation region in the scaled distance u = ω·(x* − x)/(σ√τ) ≥ 0
///   (how many standard deviations of the log price over the option's life the spot is from
///   the boundary), for u ∈ [0, U]; beyond U the premium is below `tailPremium` and taken as 0.
///
/// Both are polynomial interpolants through Chebyshev–Lobatto points
/// (`ChebyshevLobattoInterpolation`): x* of degree m in ln σ, the premium of degree n in u times
/// m in ln σ (a tensor product); with σ_lo = σ_hi, m = 0. The values at the nodes come from the
/// Andersen–Lake–Offengenden solve (`AmericanOption.boundary`, one per σ node, and
/// `AmericanPutBoundary.valuation` at each u node; calls by McDonald–Schroder's symmetry
/// C(S, K, r, q) = P(K, S, q, r)), so the table agrees with `AmericanOption.price` up to the
/// interpolation error, tested below 1e-6 of the strike (`AmericanPremiumTableTests`).
///
/// Options that are never exercised early (`AmericanExerciseRegime.neverEarly`: a call with
/// q ≤ 0 and r ≥ q, e.g. no dividends) have no premium: `isEuropean`, and their American value
/// is the European one exactly. The double-boundary regime (q < r < 0 for a put) has no table
/// (`init` returns nil).
///
/// Immutable and shared by every block of a run: a class whose coefficients sit in memory it
/// owns (written once in `init`, freed in `deinit`), so the daily marks read them through a
/// pointer without reference counting.
final class AmericanPremiumTable: @unchecked Sendable {
    let type: OptionType
    let rate: Double
    let dividendYield: Double
    let years: Double
    let sigmaLow: Double
    let sigmaHigh: Double
    /// No early exercise: the premium is 0 everywhere.
    let isEuropean: Bool
    /// U: the largest tabulated distance from the boundary, in σ√τ.
    let maximumDistance: Double
    /// Chebyshev coefficients of x*(σ) (m + 1 of them).
    let boundaryCoefficients: UnsafeMutablePointer<Double>
    /// Chebyshev coefficients of e(u, σ): row i (degree i in u) holds m + 1 coefficients in σ.
    let premiumCoefficients: UnsafeMutablePointer<Double>
    let uDegree: Int
    let sigmaDegree: Int

    /// Degrees of the interpolants: n in u, m in σ (for a σ range; 0 for one σ).
    static let uDegree = 24
    static let sigmaDegree = 8
    /// The premium (per unit strike) below which its tail beyond U is dropped.
    static let tailPremium = 1e-9

    /// The table for `type` at rate r, yield q and τ = `years`, for σ in [`sigmaLow`, `sigmaHigh`]
    /// (equal: one σ). Nil in the double-boundary regime, or for σ√τ = 0 (nothing to tabulate:
    /// price those by `AmericanOption` directly).
    init?(type: OptionType, rate r: Double, dividendYield q: Double, years: Double, sigmaLow: Double, sigmaHigh: Double,
          scheme: AmericanPricingScheme = .fast) {
        precondition(sigmaLow <= sigmaHigh, "σ range out of order")
        self.type = type
        rate = r
        dividendYield = q
        self.years = years
        self.sigmaLow = sigmaLow
        self.sigmaHigh = sigmaHigh
        let regime = AmericanExerciseRegime.of(type, rate: r, dividendYield: q)
        guard regime != .doubleBoundary, years > 0, sigmaLow > 0 else { return nil }
        isEuropean = regime == .neverEarly
        let n = Self.uDegree, m = sigmaLow == sigmaHigh ? 0 : Self.sigmaDegree
        uDegree = n
        sigmaDegree = m
        // U: far enough that the premium has fallen below `tailPremium` at the highest σ.
        // The premium's integrand is ~Φ(−d) with d ≈ u + |r − q|·√τ/σ + σ√τ; 9 + that drift term.
        let rootT = years.squareRoot()
        let (low, high) = (sigmaLow, sigmaHigh)
        let uMax = 9 + abs(r - q) * rootT / low + high * rootT
        maximumDistance = uMax
        guard !isEuropean else {
            boundaryCoefficients = Self.stored([0])
            premiumCoefficients = Self.stored([0])
            return
        }
        let sigmaNodes = m == 0 ? [sigmaLow] : ChebyshevLobattoInterpolation(degree: m).nodes.map {
            exp(0.5 * (log(high) + log(low)) + 0.5 * (log(high) - log(low)) * $0)
        }
        let uNodes = ChebyshevLobattoInterpolation(degree: n).nodes.map { 0.5 * uMax * (1 + $0) }
        // The put of the symmetry: a call's is the put with r and q exchanged, spot K and strike S.
        let (pr, pq) = type == .put ? (r, q) : (q, r)
        var boundary = [Double](repeating: 0, count: m + 1)
        var values = [Double](repeating: 0, count: (n + 1) * (m + 1))  // values[i * (m+1) + j]: u node i, σ node j
        for (j, sigma) in sigmaNodes.enumerated() {
            let solved = AmericanOption.boundary(rate: pr, dividendYield: pq, volatility: sigma, years: years, scheme: scheme)
            let lnB = log(solved.criticalPriceNow)
            // Put: exercised at S/K ≤ B, x* = ln B. Call: at K/S ≤ B, x* = −ln B.
            let xStar = type == .put ? lnB : -lnB
            boundary[j] = xStar
            let omega = type.sign, sd = sigma * rootT
            for (i, u) in uNodes.enumerated() {
                let x = xStar - omega * u * sd
                let american = type == .put ? solved.valuation(spot: exp(x)).price : exp(x) * solved.valuation(spot: exp(-x)).price
                let european = BlackScholes.price(BlackScholesInputs(type: type, spot: exp(x), strike: 1, volatility: sigma, rate: r,
                                                                     dividendYield: q, years: years))
                values[i * (m + 1) + j] = american - european
            }
        }
        boundaryCoefficients = Self.stored(m == 0 ? boundary : ChebyshevLobattoInterpolation(degree: m).coefficients(boundary))
        // Coefficients in σ for each u node, then in u for each σ coefficient.
        var inSigma = values
        if m > 0 {
            let chebyshev = ChebyshevLobattoInterpolation(degree: m)
            for i in 0...n {
                let row = Array(values[(i * (m + 1))..<((i + 1) * (m + 1))])
                inSigma.replaceSubrange((i * (m + 1))..<((i + 1) * (m + 1)), with: chebyshev.coefficients(row))
            }
        }
        var coefficients = inSigma
        let inU = ChebyshevLobattoInterpolation(degree: n)
        for j in 0...m {
            let column = (0...n).map { inSigma[$0 * (m + 1) + j] }
            for (i, a) in inU.coefficients(column).enumerated() { coefficients[i * (m + 1) + j] = a }
        }
        premiumCoefficients = Self.stored(coefficients)
    }

    deinit {
        boundaryCoefficients.deallocate()
        premiumCoefficients.deallocate()
    }

    /// `values` copied into memory the table owns.
    static func stored(_ values: [Double]) -> UnsafeMutablePointer<Double> {
        let p = UnsafeMutablePointer<Double>.allocate(capacity: values.count)
        p.initialize(from: values, count: values.count)
        return p
    }

    // MARK: - Values

    /// True when σ lies in the table's range (a lane outside it is priced by `AmericanOption`).
    @inline(__always)
    func covers(volatility sigma: Double) -> Bool {
        sigma >= sigmaLow * (1 - 1e-12) && sigma <= sigmaHigh * (1 + 1e-12)
    }

    /// The σ coordinate in [−1, 1].
    @inline(__always)
    func sigmaCoordinate(_ sigma: Double) -> Double {
        sigmaDegree == 0 ? 0 : Swift.min(Swift.max((2 * log(sigma) - logSigmaSum) / logSigmaSpan, -1), 1)
    }

    /// ln σ_hi + ln σ_lo and ln σ_hi − ln σ_lo (the σ coordinate is linear in ln σ).
    var logSigmaSum: Double { log(sigmaHigh) + log(sigmaLow) }
    var logSigmaSpan: Double { log(sigmaHigh) - log(sigmaLow) }

    /// x*(σ): the log moneyness ln(S/K) at or beyond which exercising now is optimal.
    func criticalLogMoneyness(volatility sigma: Double) -> Double {
        sigmaDegree == 0 ? boundaryCoefficients[0]
            : ChebyshevLobattoInterpolation.evaluate(Array(UnsafeBufferPointer(start: boundaryCoefficients, count: sigmaDegree + 1)),
                                                     at: sigmaCoordinate(sigma))
    }

    /// The American value per unit strike at log moneyness x = ln(S/K) and volatility σ, given the
    /// European value per unit strike there: the intrinsic ω·(e^x − 1) at or beyond the boundary,
    /// else European + the interpolated premium, never below the intrinsic.
    func value(logMoneyness x: Double, volatility sigma: Double, european: Double) -> Double {
        let intrinsic = Swift.max(type.sign * (exp(x) - 1), 0)
        guard !isEuropean else { return european }
        let xStar = criticalLogMoneyness(volatility: sigma)
        let u = type.sign * (xStar - x) / (sigma * years.squareRoot())
        if u <= 0 { return intrinsic }
        return Swift.max(european + premium(distance: u, sigmaCoordinate: sigmaCoordinate(sigma)), intrinsic)
    }

    /// e(u, σ) from the tensor coefficients (0 beyond U).
    func premium(distance u: Double, sigmaCoordinate zs: Double) -> Double {
        guard u < maximumDistance else { return 0 }
        let zu = 2 * u / maximumDistance - 1
        let m = sigmaDegree
        // Clenshaw in u over coefficients that are themselves Chebyshev series in σ.
        func rowValue(_ i: Int) -> Double {
            if m == 0 { return premiumCoefficients[i] }
            var b1 = 0.5 * premiumCoefficients[i * (m + 1) + m], b2 = 0.0
            var k = m - 1
            while k >= 1 {
                let b0 = 2 * zs * b1 - b2 + premiumCoefficients[i * (m + 1) + k]
                b2 = b1; b1 = b0; k -= 1
            }
            return zs * b1 - b2 + 0.5 * premiumCoefficients[i * (m + 1)]
        }
        let n = uDegree
        var b1 = 0.5 * rowValue(n), b2 = 0.0
        var k = n - 1
        while k >= 1 {
            let b0 = 2 * zu * b1 - b2 + rowValue(k)
            b2 = b1; b1 = b0; k -= 1
        }
        return zu * b1 - b2 + 0.5 * rowValue(0)
    }
}

// MARK: - Eight lanes

extension AmericanPremiumTable {
    typealias V = SIMD8<Double>

    /// `value(logMoneyness:volatility:european:)` on eight lanes (the daily mark's form), with
    /// the moneyness S/K = e^x given too (for the intrinsic value) and σ nil for a one-σ table;
    /// every lane's σ must be `covers`ed. Lanes where the spot is at or beyond the boundary are
    /// also returned in `exercised`.
    @inline(__always)
    func values(logMoneyness x: V, moneyness: V, volatility sigma: V?, european: V) -> (value: V, exercised: SIMDMask<SIMD8<Int64>>) {
        let omega = V(repeating: type.sign)
        var intrinsic = omega * (moneyness - 1)
        intrinsic = intrinsic.replacing(with: 0, where: intrinsic .< 0)
        guard !isEuropean else { return (european, V(repeating: 0) .> 1) }
        let m = sigmaDegree, n = uDegree, uMax = V(repeating: maximumDistance)
        do {
            let c = premiumCoefficients
            var zs = V(repeating: 0), xStar = V(repeating: boundaryCoefficients[0])
            let u: V
            if m > 0, let sigma {
                zs = (2 * VectorMath.log(sigma) - V(repeating: logSigmaSum)) * V(repeating: 1 / logSigmaSpan)
                zs = zs.clamped(lowerBound: V(repeating: -1), upperBound: V(repeating: 1))
                xStar = Self.clenshaw(boundaryCoefficients, count: m + 1, at: zs)
                u = omega * (xStar - x) / (sigma * V(repeating: years.squareRoot()))
            } else {
                u = omega * (xStar - x) * V(repeating: 1 / (sigmaLow * years.squareRoot()))
            }
            let exercised = u .<= 0
            var zu = u * V(repeating: 2 / maximumDistance) - 1
            zu = zu.clamped(lowerBound: V(repeating: -1), upperBound: V(repeating: 1))
            // Clenshaw in u; with a σ range each coefficient is itself a Chebyshev series in σ.
            var b1: V, b2 = V(repeating: 0), premium: V
            // (b₀ = (aₖ − b₂) + 2z·b₁ as one fused multiply-add on the chain through b₁.)
            let twoZ = 2 * zu
            if m == 0 {
                b1 = V(repeating: 0.5 * c[n])
                var k = n - 1
                while k >= 1 {
                    let b0 = (V(repeating: c[k]) - b2).addingProduct(twoZ, b1)
                    b2 = b1; b1 = b0; k -= 1
                }
                premium = (V(repeating: 0.5 * c[0]) - b2).addingProduct(zu, b1)
            } else {
                let base = c, stride = m + 1
                b1 = 0.5 * Self.clenshaw(base + n * stride, count: stride, at: zs)
                var k = n - 1
                while k >= 1 {
                    let b0 = (Self.clenshaw(base + k * stride, count: stride, at: zs) - b2).addingProduct(twoZ, b1)
                    b2 = b1; b1 = b0; k -= 1
                }
                premium = (0.5 * Self.clenshaw(base, count: stride, at: zs) - b2).addingProduct(zu, b1)
            }
            premium = premium.replacing(with: 0, where: u .>= uMax)
            var value = european + premium
            value = value.replacing(with: intrinsic, where: value .< intrinsic)
            return (value.replacing(with: intrinsic, where: exercised), exercised)
        }
    }

    /// Σ″ₖ aₖ·Tₖ(z) over the `count` coefficients at `a`, on eight lanes.
    @inline(__always)
    static func clenshaw(_ a: UnsafePointer<Double>, count: Int, at z: V) -> V {
        let n = count - 1
        var b1 = V(repeating: 0.5 * a[n]), b2 = V(repeating: 0)
        let twoZ = 2 * z
        var k = n - 1
        while k >= 1 {
            let b0 = (V(repeating: a[k]) - b2).addingProduct(twoZ, b1)
            b2 = b1; b1 = b0; k -= 1
        }
        return (V(repeating: 0.5 * a[0]) - b2).addingProduct(z, b1)
    }
}
