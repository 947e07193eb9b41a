#if TRADESIM_AVX2
import _Builtin_intrinsics.intel
#endif

/// Double-precision math on eight lanes at once (`SIMD8<Double>`: one AVX-512 register, two
/// AVX2 ones) for the engine's hot loops: exp, log, √, uniforms and Box–Muller normals. Written
/// with the operations Swift lowers to vector instructions (lane-wise arithmetic, fused
/// multiply-add, floating-point compares with `replacing`, bit casts). Avoided, because they are
/// lowered to per-lane calls or loops: `squareRoot()`, `rounded`, integer-lane compares,
/// `init(truncatingIfNeeded:)` between integer vectors. Accuracy, checked against the scalar
/// functions over their whole range in the tests: exp and log within 2 ulp (relative 4.5e-16;
/// exp's subnormal results within an ulp of the smallest subnormal), √ within an ulp,
/// Box–Muller within 2e-15·max(1, |z|) of the exact transform of the same uniforms.
/// The normal CDF lives in `BlackScholesLanes`, where the option marks use it.
enum VectorMath {
    typealias V = SIMD8<Double>
    typealias U = SIMD8<UInt64>

    // MARK: - exp

    /// e^x. Reduction x = (8m + j)·(ln 2)/8 + r with j ∈ 0…7 and |r| ≤ (ln 2)/16 ((ln 2)/8 in two
    /// parts, Cody & Waite), e^r by its Taylor polynomial of degree 8 (truncation < 2e-18),
    /// 2^{j/8} from an eight-entry table (one `vpermpd` on AVX-512 builds, two `vpermps` and a
    /// blend per half on AVX2 builds, a lane-by-lane lookup elsewhere: the same bits), then the scale 2^m. When every lane's result is a normal
    /// number (x in [−708.3, 709], the usual case) 2^m is one factor; otherwise inputs are
    /// clamped to [−745.2, 709.78] (e^x overflows to +∞ above and is 0 below) and 2^m is built
    /// in two factors, so results down to the subnormal range are right. Multiplying by a power
    /// of two is exact, so both ways give the same bits where both apply. `nonPositive` (a
    /// constant at the call) promises x ≤ 0 and leaves out the overflow handling.
    ///
    /// `low`, when given, is a small correction (|low| ≤ ulp(x)) and the result is e^{x + low}:
    /// it is added to the reduced argument r, so an exponent known as an exact sum hi + lo
    /// (such as −d²/2) costs one addition more, not a multiplication by (1 + lo).
    @_transparent
    static func exp(_ input: V, low: V? = nil, nonPositive: Bool = false) -> V {
        let normal = nonPositive ? input .>= V(repeating: -708.3)
            : (input .>= V(repeating: -708.3)) .& (input .<= V(repeating: 709))
        if allLanes(normal) {
            let (scaled, m) = expParts(input, low: low)
            return scaled * unsafeBitCast(unsafeBitCast(m &+ 1023, to: U.self) &<< 52, to: V.self)
        }
        var x = input
        if !nonPositive { x = x.replacing(with: V(repeating: 709.78), where: x .> V(repeating: 709.78)) }
        x = x.replacing(with: V(repeating: -745.2), where: x .< V(repeating: -745.2))
        let (scaled, m) = expParts(x, low: low)
        // Split 2^m = 2^(m/2)·2^(m − m/2) so both factors are normal numbers.
        let half = m &>> 1
        let rest = m &- half
        let a = unsafeBitCast(unsafeBitCast(half &+ 1023, to: U.self) &<< 52, to: V.self)
        let b = unsafeBitCast(unsafeBitCast(rest &+ 1023, to: U.self) &<< 52, to: V.self)
        let result = scaled * a * b
        if nonPositive { return result }
        return result.replacing(with: V(repeating: .infinity), where: input .> V(repeating: 709.78))
    }

    /// e^{x (+ low)} as e^r·2^{j/8} and m (see `exp`), for x in [−745.2, 709.78].
    @inline(__always)
    static func expParts(_ x: V, low: V? = nil) -> (V, SIMD8<Int64>) {
        let shifter = V(repeating: 6_755_399_441_055_744.0)  // 1.5·2⁵²: adding it rounds to an integer
        let t = x.addingProduct(x, V(repeating: 10.541_560_327_111_707)) + shifter  // x·8/ln 2 + shifter
        let n = t - shifter
        var r = x.addingProduct(n, V(repeating: -0.086_643_397_569_993_16))
        r = r.addingProduct(n, V(repeating: -2.898_808_517_307_874_4e-18))
        if let low { r += low }
        var p = V(repeating: 1.0 / 40_320.0)
        p = V(repeating: 1.0 / 5_040.0).addingProduct(p, r)
        p = V(repeating: 1.0 / 720.0).addingProduct(p, r)
        p = V(repeating: 1.0 / 120.0).addingProduct(p, r)
        p = V(repeating: 1.0 / 24.0).addingProduct(p, r)
        p = V(repeating: 1.0 / 6.0).addingProduct(p, r)
        p = V(repeating: 0.5).addingProduct(p, r)
        p = V(repeating: 1.0).addingProduct(p, r)
        p = V(repeating: 1.0).addingProduct(p, r)
        // n sits in the low bits of t's pattern (two's complement, offset by the shifter's bits).
        // (Bit casts between the integer vectors: `init(truncatingIfNeeded:)` is an outlined call.)
        let nBits = unsafeBitCast(unsafeBitCast(t, to: U.self) &- unsafeBitCast(shifter, to: U.self), to: SIMD8<Int64>.self)
        return (p * twoToEighths(nBits & 7), nBits &>> 3)
    }

    /// 2^{j/8} for j in 0…7 per lane (each entry the double nearest the exact value).
    @inline(__always)
    static func twoToEighths(_ j: SIMD8<Int64>) -> V {
        let table = V(1.0, 1.090_507_732_665_257_7, 1.189_207_115_002_721, 1.296_839_554_651_009_6,
                      1.414_213_562_373_095_1, 1.542_210_825_407_940_7, 1.681_792_830_507_429, 1.834_008_086_409_342_4)
        #if TRADESIM_AVX512
        return _mm512_permutexvar_pd(j, table)
        #elseif TRADESIM_AVX2
        // Per 256-bit half: entry j & 3 of the table's low and of its high four doubles by
        // `vpermps` (32-bit lane indices 2k and 2k + 1 for the double k), then the high one where
        // bit 2 of j is set (moved to the sign bit, which `vblendvpd` tests).
        let k2 = (j & 3) &<< 1
        let index = k2 | (k2 &<< 32) | SIMD8<Int64>(repeating: 1 << 32)
        let high = unsafeBitCast(j &<< 61, to: V.self)
        let low4 = unsafeBitCast(table.lowHalf, to: SIMD8<Float>.self)
        let high4 = unsafeBitCast(table.highHalf, to: SIMD8<Float>.self)
        return V(lowHalf: lookUp4(low4, high4, index.lowHalf, high.lowHalf),
                 highHalf: lookUp4(low4, high4, index.highHalf, high.highHalf))
        #else
        var v = V()
        for l in 0..<8 { v[l] = table[Int(j[l])] }
        return v
        #endif
    }

    #if TRADESIM_AVX2 && !TRADESIM_AVX512
    /// Four lanes of `twoToEighths`: the double at 32-bit lane indices `index` of `low4` (entries
    /// 0…3) or, where `high`'s sign bit is set, of `high4` (entries 4…7).
    @inline(__always)
    static func lookUp4(_ low4: SIMD8<Float>, _ high4: SIMD8<Float>, _ index: SIMD4<Int64>, _ high: SIMD4<Double>) -> SIMD4<Double> {
        _mm256_blendv_pd(unsafeBitCast(_mm256_permutevar8x32_ps(low4, index), to: SIMD4<Double>.self),
                         unsafeBitCast(_mm256_permutevar8x32_ps(high4, index), to: SIMD4<Double>.self), high)
    }
    #endif

    // MARK: - sqrt

    /// √x for x ≥ 0, correctly rounded: one `vsqrtpd` on AVX-512 builds, two on AVX2 builds,
    /// otherwise the scalar square root lane by lane (`SIMD8.squareRoot()` is lowered to library
    /// calls, and the lane loop makes the optimizer scalarize the code around it). All are
    /// IEEE 754's correctly rounded root, so the builds agree bit for bit.
    @inline(__always)
    static func sqrt(_ x: V) -> V {
        #if TRADESIM_AVX512
        return _mm512_sqrt_pd(x)
        #elseif TRADESIM_AVX2
        return V(lowHalf: _mm256_sqrt_pd(x.lowHalf), highHalf: _mm256_sqrt_pd(x.highHalf))
        #else
        var r = V()
        for l in 0..<8 { r[l] = x[l].squareRoot() }
        return r
        #endif
    }

    /// e^x for `count` doubles (count a multiple of 8) from `x` into `y`: the loop keeps the
    /// processor busy with independent exponentials.
    static func exp(_ x: UnsafePointer<Double>, into y: UnsafeMutablePointer<Double>, count: Int) {
        for c in 0..<(count / 8) {
            let v = UnsafeRawPointer(x + 8 * c).loadUnaligned(as: V.self)
            UnsafeMutableRawPointer(y + 8 * c).storeBytes(of: exp(v), as: V.self)
        }
    }

    // MARK: - Box–Muller

    /// Two independent standard normals per lane from two uniforms in (0, 1), by the
    /// Box–Muller transform (Box & Muller, Ann. Math. Stat. 29, 1958):
    /// z₁ = ρ·cos θ, z₂ = ρ·sin θ with ρ = √(−2 ln u₁), θ = 2π·u₂.
    /// θ is reduced exactly: w = 4u₂ (exact), k = round(w), f = w − k ∈ [−½, ½] (exact), so
    /// θ = k·π/2 + a with a = f·π/2 ∈ [−π/4, π/4] (π/2 in two parts); sin a and cos a by fdlibm's
    /// minimax polynomials to a¹³ and a¹⁴ (error below 2⁻⁵⁸), then the quarter turn k mod 4
    /// swaps and negates them. Since u₁ ≥ 2⁻⁵³, |z| ≤ 8.57.
    @inline(__always)
    static func boxMuller(_ u1: V, _ u2: V) -> (V, V) {
        let rho = sqrt(V(repeating: -2) * log(u1))
        let shifter = V(repeating: 6_755_399_441_055_744.0)  // 1.5·2⁵²: adding it rounds to an integer
        let w = V(repeating: 4) * u2
        let t = w + shifter
        let f = w - (t - shifter)
        let a = (f * V(repeating: 1.570_796_326_794_896_558)).addingProduct(f, V(repeating: 6.123_233_995_736_766e-17))
        let a2 = a * a
        // Minimax coefficients on [−π/4, π/4] from fdlibm's __kernel_sin and __kernel_cos (Sun
        // Microsystems, 1993; error below 2⁻⁵⁸ each).
        var sp = V(repeating: 1.589_690_995_211_550_102_21e-10)
        sp = V(repeating: -2.505_076_025_340_686_341_95e-08).addingProduct(sp, a2)
        sp = V(repeating: 2.755_731_370_707_006_767_89e-06).addingProduct(sp, a2)
        sp = V(repeating: -1.984_126_982_985_794_931_34e-04).addingProduct(sp, a2)
        sp = V(repeating: 8.333_333_333_322_489_461_24e-03).addingProduct(sp, a2)
        sp = V(repeating: -1.666_666_666_666_663_243_48e-01).addingProduct(sp, a2)
        let sinA = a.addingProduct(a * a2, sp)
        var cp = V(repeating: -1.135_964_755_778_819_482_65e-11)
        cp = V(repeating: 2.087_572_321_298_174_827_90e-09).addingProduct(cp, a2)
        cp = V(repeating: -2.755_731_435_139_066_330_35e-07).addingProduct(cp, a2)
        cp = V(repeating: 2.480_158_728_947_672_941_78e-05).addingProduct(cp, a2)
        cp = V(repeating: -1.388_888_888_887_410_957_49e-03).addingProduct(cp, a2)
        cp = V(repeating: 4.166_666_666_666_660_190_37e-02).addingProduct(cp, a2)
        let cosA = V(repeating: 1).addingProduct(a2, V(repeating: -0.5).addingProduct(a2, cp))
        // Quarter turns: k = 0 (cos, sin), 1 (−sin, cos), 2 (−cos, −sin), 3 (sin, −cos).
        let k = unsafeBitCast(t, to: U.self) &- unsafeBitCast(shifter, to: U.self)
        // (Bitwise selects: a lane-wise integer compare is lowered to a loop over the lanes.)
        let odd = U(repeating: 0) &- (k & 1)
        let cosBits = unsafeBitCast(cosA, to: U.self), sinBits = unsafeBitCast(sinA, to: U.self)
        let c = (cosBits & ~odd) | (sinBits & odd)
        let s = (sinBits & ~odd) | (cosBits & odd)
        let cosT = unsafeBitCast(c ^ (((k &+ 1) & 2) &<< 62), to: V.self)
        let sinT = unsafeBitCast(s ^ ((k & 2) &<< 62), to: V.self)
        return (rho * cosT, rho * sinT)
    }

    // MARK: - log

    /// ln x for x > 0 (normal numbers; the engine never passes others). x = 2ᵉ·m with
    /// m ∈ [√½, √2); ln m = 2·atanh(s), s = (m − 1)/(m + 1), |s| ≤ 0.1716, by fdlibm's minimax
    /// polynomial for it (degree 15 in s); ln 2 in two parts.
    @inline(__always)
    static func log(_ x: V) -> V {
        let bits = unsafeBitCast(x, to: U.self)
        // The exponent as a double (exact), so the select below is a floating-point blend: an
        // integer-lane select under a floating-point compare's mask is lowered to mask packing
        // and unpacking on AVX2.
        var ed = fromInt(unsafeBitCast(bits &>> 52, to: SIMD8<Int64>.self) &- 1023)
        var m = unsafeBitCast((bits & 0x000F_FFFF_FFFF_FFFF) | 0x3FF0_0000_0000_0000, to: V.self)
        let big = m .> V(repeating: 1.414_213_562_373_095_048_80)
        m = m.replacing(with: m * V(repeating: 0.5), where: big)
        ed = ed.replacing(with: ed + V(repeating: 1), where: big)
        let s = (m - V(repeating: 1)) / (m + V(repeating: 1))
        let s2 = s * s
        // ln m = 2s + s·R(s²), R(z) = z·(Lg1 + z·(Lg2 + … + z·Lg7)): fdlibm's minimax
        // coefficients for |s| ≤ 0.1716 (e_log.c, Sun Microsystems, 1993; error below 2⁻⁵⁸·⁴⁵),
        // halved exactly here because the sum below multiplies by 2s.
        var p = V(repeating: 0.5 * 1.479_819_860_511_658_591e-01)
        p = V(repeating: 0.5 * 1.531_383_769_920_937_332e-01).addingProduct(p, s2)
        p = V(repeating: 0.5 * 1.818_357_216_161_805_012e-01).addingProduct(p, s2)
        p = V(repeating: 0.5 * 2.222_219_843_214_978_396e-01).addingProduct(p, s2)
        p = V(repeating: 0.5 * 2.857_142_874_366_239_149e-01).addingProduct(p, s2)
        p = V(repeating: 0.5 * 3.999_999_999_940_941_908e-01).addingProduct(p, s2)
        p = V(repeating: 0.5 * 6.666_666_666_666_735_130e-01).addingProduct(p, s2)
        let twoS = s + s
        let logM = twoS.addingProduct(twoS * s2, p)
        return logM.addingProduct(ed, V(repeating: 2.319_046_813_846_299_558_4e-17))
            .addingProduct(ed, V(repeating: 0.693_147_180_559_945_286_23))
    }

    /// Int64 lanes (|e| < 2⁵¹) to Double lanes, exactly, via the 2⁵² + 2⁵¹ bias trick.
    @inline(__always)
    static func fromInt(_ e: SIMD8<Int64>) -> V {
        let bias = V(repeating: 6_755_399_441_055_744.0)
        let biasBits = unsafeBitCast(bias, to: SIMD8<Int64>.self)
        return unsafeBitCast(biasBits &+ e, to: V.self) - bias
    }

    /// A uniform in (0, 1) from the top 52 bits of each lane, (⌊x/2¹²⌋ + ½)·2⁻⁵² — bit for bit
    /// `PathStream.uniform`.
    @inline(__always)
    static func uniform(_ x: U) -> V {
        let twoTo52 = V(repeating: 4_503_599_627_370_496.0)
        let m = unsafeBitCast((x &>> 12) | unsafeBitCast(twoTo52, to: U.self), to: V.self) - twoTo52
        return (m + V(repeating: 0.5)) * V(repeating: 0x1p-52)
    }

    @inline(__always)
    static func allLanes(_ m: SIMDMask<SIMD8<Int64>>) -> Bool {
        let v = unsafeBitCast(m, to: SIMD8<Int64>.self)
        return (v[0] & v[1] & v[2] & v[3] & v[4] & v[5] & v[6] & v[7]) != 0
    }

    @inline(__always)
    static func anyLane(_ m: SIMDMask<SIMD8<Int64>>) -> Bool {
        let v = unsafeBitCast(m, to: SIMD8<Int64>.self)
        return (v[0] | v[1] | v[2] | v[3] | v[4] | v[5] | v[6] | v[7]) != 0
    }
}
