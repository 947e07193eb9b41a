import Foundation

/// The standard normal distribution N(0, 1): density, cumulative distribution and its inverse.
///
/// All functions are accurate in both tails: the CDF is computed through `erfc` (never as
/// `1 − Φ(−x)`), so `cdf(-30)` is the correct 4.9e-198 and not 0.
public enum NormalDistribution {
    /// 1/√(2π).
    public static let inverseSqrtTwoPi = 0.398_942_280_401_432_677_94
    /// √2.
    public static let sqrtTwo = 1.414_213_562_373_095_048_80

    /// The density φ(x) = exp(−x²/2)/√(2π).
    ///
    /// Underflows to 0 for |x| > 38.6; never NaN for finite x.
    public static func pdf(_ x: Double) -> Double {
        inverseSqrtTwoPi * exp(-0.5 * x * x)
    }

    /// The cumulative distribution Φ(x) = ½·erfc(−x/√2).
    ///
    /// Accurate to a few ulps in both tails (Φ(−37.5) ≈ 4.6e-308 to 1e-14 relative): the
    /// rounding of the argument t = −x/√2 would otherwise cost a relative 2t²·2⁻⁵³ (1e-13 at
    /// x = −37), so for |x| > 4 the value at the rounded argument, which is Φ at x′ = −√2·t
    /// exactly, is moved back to x with one Taylor term: Φ(x) ≈ Φ(x′) + φ(x′)·(x − x′), where
    /// x − x′ is computed exactly enough with a fused multiply-add and √2 split in two doubles.
    public static func cdf(_ x: Double) -> Double {
        let t = -x * inverseSqrtTwo
        let value = 0.5 * erfc(t)
        if abs(x) <= 4 { return value }
        return value + pdf(-sqrtTwo * t) * argumentResidual(x, t)
    }

    /// The upper tail 1 − Φ(x) = Φ(−x), accurate for large positive x.
    public static func survival(_ x: Double) -> Double {
        cdf(-x)
    }

    /// 1/√2.
    static let inverseSqrtTwo = 0.707_106_781_186_547_524_40
    /// √2 − 1.4142135623730951 (the low half of √2 as a double-double).
    static let sqrtTwoLow = -9.667293313452913e-17

    /// x − x′ for x′ = −√2·t, with √2 = sqrtTwo + sqrtTwoLow.
    private static func argumentResidual(_ x: Double, _ t: Double) -> Double {
        x.addingProduct(sqrtTwo, t) + sqrtTwoLow * t
    }

    /// The quantile function Φ⁻¹(p): the x with Φ(x) = p.
    ///
    /// Wichura's algorithm AS 241 (PPND16), Applied Statistics 37(3), 1988, pp. 477–484:
    /// a rational approximation of degree 7/7 in three regions, relative accuracy about
    /// 1e-16. Returns −∞ for p = 0, +∞ for p = 1, and `nil` for p outside [0, 1] or NaN.
    ///
    /// For p close to 1 the argument itself carries the rounding of `1 − q`; pass the
    /// upper tail to `inverseSurvival(_:)` instead when it is known exactly.
    public static func inverseCDF(_ p: Double) -> Double? {
        guard p >= 0, p <= 1 else { return nil }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        return quantile(p)
    }

    /// The upper-tail quantile: the x with 1 − Φ(x) = q, i.e. −Φ⁻¹(q). Accurate for tiny q.
    public static func inverseSurvival(_ q: Double) -> Double? {
        inverseCDF(q).map { -$0 }
    }

    /// AS 241 for 0 < p < 1 (no argument checks): the kernel the path generator calls.
    public static func quantile(_ p: Double) -> Double {
        let q = p - 0.5
        if abs(q) <= 0.425 {
            let r = 0.180625 - q * q
            return q * AS241.central(r)
        }
        let tail = q < 0 ? p : 1 - p
        var r = (-log(tail)).squareRoot()
        let x: Double
        if r <= 5 {
            r -= 1.6
            x = AS241.intermediate(r)
        } else {
            r -= 5
            x = AS241.far(r)
        }
        return q < 0 ? -x : x
    }
}

/// Wichura's AS 241 (1988) rational approximations, coefficients as published (their
/// transcription is checked by the accuracy tests against 50-digit mpmath quantiles).
enum AS241 {
    /// Region |p − ½| ≤ 0.425, in r = 0.180625 − (p − ½)².
    static func central(_ r: Double) -> Double {
        let num = (((((((2.5090809287301226727e+3 * r + 3.3430575583588128105e+4) * r
            + 6.7265770927008700853e+4) * r + 4.5921953931549871457e+4) * r
            + 1.3731693765509461125e+4) * r + 1.9715909503065514427e+3) * r
            + 1.3314166789178437745e+2) * r + 3.3871328727963666080e0)
        let den = (((((((5.2264952788528545610e+3 * r + 2.8729085735721942674e+4) * r
            + 3.9307895800092710610e+4) * r + 2.1213794301586595867e+4) * r
            + 5.3941960214247511077e+3) * r + 6.8718700749205790830e+2) * r
            + 4.2313330701600911252e+1) * r + 1)
        return num / den
    }

    /// Region √(−ln min(p, 1−p)) ≤ 5, in r = that root − 1.6.
    static func intermediate(_ r: Double) -> Double {
        let num = (((((((7.74545014278341407640e-4 * r + 2.27238449892691845833e-2) * r
            + 2.41780725177450611770e-1) * r + 1.27045825245236838258e0) * r
            + 3.64784832476320460504e0) * r + 5.76949722146069140550e0) * r
            + 4.63033784615654529590e0) * r + 1.42343711074968357734e0)
        let den = (((((((1.05075007164441684324e-9 * r + 5.47593808499534494600e-4) * r
            + 1.51986665636164571966e-2) * r + 1.48103976427480074590e-1) * r
            + 6.89767334985100004550e-1) * r + 1.67638483018380384940e0) * r
            + 2.05319162663775882187e0) * r + 1)
        return num / den
    }

    /// Far tails, √(−ln min(p, 1−p)) > 5, in r = that root − 5.
    static func far(_ r: Double) -> Double {
        let num = (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r
            + 1.24266094738807843860e-3) * r + 2.65321895265761230930e-2) * r
            + 2.96560571828504891230e-1) * r + 1.78482653991729133580e0) * r
            + 5.46378491116411436990e0) * r + 6.65790464350110377720e0)
        let den = (((((((2.04426310338993978564e-15 * r + 1.42151175831644588870e-7) * r
            + 1.84631831751005468180e-5) * r + 7.86869131145613259100e-4) * r
            + 1.48753612908506148525e-2) * r + 1.36929880922735805310e-1) * r
            + 5.99832206555887937690e-1) * r + 1)
        return num / den
    }
}
