/// Double-precision math on sixteen lanes at once (`SIMD8<Double>`: two AVX-512 registers, so
/// every operation has two independent halves for the processor to overlap) for the engine's hot loops:
/// exp, log, the normal CDF and its inverse. Written with the operations Swift lowers to
/// vector instructions (lane-wise arithmetic, fused multiply-add, compares with `replacing`,
/// bit casts); no per-lane calls. Accuracy, checked against the scalar functions over their
/// whole range in the tests: exp and log within 2 ulp (relative 4.5e-16; exp's subnormal
/// results within an ulp of the smallest subnormal); Φ within 1e-15 absolute and 1e-14
/// relative down to Φ(−37) ≈ 6e-300; Φ⁻¹ within 1e-15 relative (it is AS 241, as
/// `NormalDistribution.quantile`).
enum VectorMath {
    typealias V = SIMD8<Double>
    typealias U = SIMD8<UInt64>

    // MARK: - exp

    /// e^x. Reduction x = n·ln 2 + r with |r| ≤ ln 2 / 2 (ln 2 in two parts, Cody & Waite),
    /// e^r by its Taylor polynomial of degree 13 (truncation < 2e-16), 2^n by building the
    /// exponent bits (in two factors, so results down to the subnormal range are right).
    /// Inputs are clamped to [−745.2, 709.78]: e^x overflows to +∞ above and is 0 below.
    @_transparent
    static func exp(_ input: V) -> V {
        var x = input.replacing(with: V(repeating: 709.78), where: input .> V(repeating: 709.78))
        x = x.replacing(with: V(repeating: -745.2), where: x .< V(repeating: -745.2))
        let shifter = V(repeating: 6_755_399_441_055_744.0)  // 1.5·2⁵²: adding it rounds to an integer
        let t = x.addingProduct(x, V(repeating: 0.442_695_040_888_963_407_36)) + shifter  // x·log₂e + shifter
        let n = t - shifter
        var r = x.addingProduct(n, V(repeating: -0.693_147_180_559_945_286_23))
        r = r.addingProduct(n, V(repeating: -2.319_046_813_846_299_558_4e-17))
        var p = V(repeating: 1.0 / 6_227_020_800.0)
        p = V(repeating: 1.0 / 479_001_600.0).addingProduct(p, r)
        p = V(repeating: 1.0 / 39_916_800.0).addingProduct(p, r)
        p = V(repeating: 1.0 / 3_628_800.0).addingProduct(p, r)
        p = V(repeating: 1.0 / 362_880.0).addingProduct(p, r)
        p = V(repeating: 1.0 / 40_320.0).addingProduct(p, r)
        p = V(repeating: 1.0 / 5_040.0).addingProduct(p, r)
        p = V(repeating: 1.0 / 720.0).addingProduct(p, r)
        p = V(repeating: 1.0 / 120.0).addingProduct(p, r)
        p = V(repeating: 1.0 / 24.0).addingProduct(p, r)
        p = V(repeating: 1.0 / 6.0).addingProduct(p, r)
        p = V(repeating: 0.5).addingProduct(p, r)
        p = V(repeating: 1.0).addingProduct(p, r)
        p = V(repeating: 1.0).addingProduct(p, r)
        // n sits in the low bits of t's pattern (two's complement, offset by the shifter's bits).
        let nBits = unsafeBitCast(t, to: U.self) &- unsafeBitCast(shifter, to: U.self)
        // Split 2ⁿ = 2^(n/2)·2^(n − n/2) so both factors are normal numbers.
        let half = SIMD8<Int64>(truncatingIfNeeded: nBits) &>> 1
        let rest = SIMD8<Int64>(truncatingIfNeeded: nBits) &- half
        let a = unsafeBitCast(U(truncatingIfNeeded: half &+ 1023) &<< 52, to: V.self)
        let b = unsafeBitCast(U(truncatingIfNeeded: rest &+ 1023) &<< 52, to: V.self)
        let result = p * a * b
        return result.replacing(with: V(repeating: .infinity), where: input .> V(repeating: 709.78))
    }

    // MARK: - sqrt

    /// √x for x ≥ 0 (finite). `SIMD8.squareRoot()` is lowered to one library call per lane, so:
    /// 1/√x from the exponent-halving bit trick (relative error < 3.5%) and three Newton steps
    /// r ← r·(3 − x·r²)/2 (the error squares each time: below 3e-11), then √x = x·r with one
    /// fused-multiply-add correction s + r·(x − s²)/2 (error squared again), within an ulp of
    /// the correctly rounded root.
    @inline(__always)
    static func sqrt(_ x: V) -> V {
        let bits = unsafeBitCast(x, to: U.self)
        var r = unsafeBitCast(U(repeating: 0x5FE6_EB50_C7B5_37A9) &- (bits &>> 1), to: V.self)
        let half = V(repeating: 0.5) * x
        for _ in 0..<3 {
            r = r * V(repeating: 1.5).addingProduct(-half * r, r)
        }
        let root = x * r
        let corrected = root.addingProduct(V(repeating: 0.5) * r, x.addingProduct(-root, root))
        return corrected.replacing(with: V(repeating: 0), where: x .== V(repeating: 0))
    }

    /// e^x for `count` doubles (count a multiple of 8) from `x` into `y`: the loop keeps the
    /// processor busy with independent exponentials.
    static func exp(_ x: UnsafePointer<Double>, into y: UnsafeMutablePointer<Double>, count: Int) {
        for c in 0..<(count / 8) {
            let v = UnsafeRawPointer(x + 8 * c).loadUnaligned(as: V.self)
            UnsafeMutableRawPointer(y + 8 * c).storeBytes(of: exp(v), as: V.self)
        }
    }

    /// Standard normals Φ⁻¹(u) for `count` uniforms (a multiple of 8), in place. The central
    /// rational function (|u − ½| ≤ 0.425, 85% of the values) runs on every vector; the tail
    /// branch runs only on the values that need it, gathered densely into `scratch` (at least
    /// `count + 8` long) and scattered back. Each value is computed exactly as by `normalQuantile`.
    static func normalQuantiles(_ u: UnsafeMutablePointer<Double>, count: Int,
                                scratch: UnsafeMutablePointer<Double>, indices: UnsafeMutablePointer<Int32>) {
        // Gather the tail values and their positions (a scalar pass over memory, branch-free).
        var tails = 0
        for i in 0..<count {
            let p = u[i]
            scratch[tails] = p
            indices[tails] = Int32(i)
            tails += abs(p - 0.5) <= 0.425 ? 0 : 1
        }
        for c in 0..<(count / 8) {
            let q = UnsafeRawPointer(u + 8 * c).loadUnaligned(as: V.self) - V(repeating: 0.5)
            UnsafeMutableRawPointer(u + 8 * c).storeBytes(of: centralQuantile(q), as: V.self)
        }
        guard tails > 0 else { return }
        // Pad the batch to whole vectors with a harmless tail value.
        var padded = tails
        while padded % 8 != 0 { scratch[padded] = 0.01; padded += 1 }
        for c in 0..<(padded / 8) {
            let p = UnsafeRawPointer(scratch + 8 * c).loadUnaligned(as: V.self)
            UnsafeMutableRawPointer(scratch + 8 * c).storeBytes(of: tailQuantile(p), as: V.self)
        }
        for k in 0..<tails { u[Int(indices[k])] = scratch[k] }
    }

    // MARK: - log

    /// ln x for x > 0 (normal numbers; the engine never passes others). x = 2ᵉ·m with
    /// m ∈ [√½, √2); ln m = 2·atanh(s), s = (m − 1)/(m + 1), |s| ≤ 0.1716, by its odd series to
    /// s¹⁹ (truncation < 1e-17); ln 2 in two parts.
    @inline(__always)
    static func log(_ x: V) -> V {
        let bits = unsafeBitCast(x, to: U.self)
        var e = SIMD8<Int64>(truncatingIfNeeded: bits &>> 52) &- 1023
        var m = unsafeBitCast((bits & 0x000F_FFFF_FFFF_FFFF) | 0x3FF0_0000_0000_0000, to: V.self)
        let big = m .> V(repeating: 1.414_213_562_373_095_048_80)
        m = m.replacing(with: m * V(repeating: 0.5), where: big)
        e = e.replacing(with: e &+ 1, where: big)
        let s = (m - V(repeating: 1)) / (m + V(repeating: 1))
        let s2 = s * s
        var p = V(repeating: 1.0 / 19)
        p = V(repeating: 1.0 / 17).addingProduct(p, s2)
        p = V(repeating: 1.0 / 15).addingProduct(p, s2)
        p = V(repeating: 1.0 / 13).addingProduct(p, s2)
        p = V(repeating: 1.0 / 11).addingProduct(p, s2)
        p = V(repeating: 1.0 / 9).addingProduct(p, s2)
        p = V(repeating: 1.0 / 7).addingProduct(p, s2)
        p = V(repeating: 1.0 / 5).addingProduct(p, s2)
        p = V(repeating: 1.0 / 3).addingProduct(p, s2)
        let twoS = s + s
        let logM = twoS.addingProduct(twoS * s2, p)
        let ed = fromInt(e)
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

    // MARK: - Normal CDF

    /// Φ(x) = ½·erfc(−x/√2) with W. J. Cody's rational Chebyshev approximations of erf/erfc
    /// ("Rational Chebyshev approximations for the error function", Math. Comp. 23, 1969;
    /// netlib specfun CALERF), in its three regions of |t|: ≤ 0.46875 (erf), ≤ 4 and > 4 (erfc
    /// = e^{−t²}·R). e^{−t²} is taken at t² split exactly into hi + lo by a fused multiply-add,
    /// so the tails keep their relative accuracy. Regions no lane needs are skipped.
    @inline(__always)
    static func normalCDF(_ x: V) -> V {
        let t = x * V(repeating: -0.707_106_781_186_547_524_40)
        let y = t.replacing(with: -t, where: t .< V(repeating: 0))
        let small = y .<= V(repeating: 0.468_75)
        // |t| ≤ 0.46875: erfc = 1 − y·P(y²)/Q(y²) = (Q − y·P)/Q.
        let s = y * y
        let pS = horner(s, [0.185_777_706_184_603_153, 3.161_123_743_870_565_6, 113.864_154_151_050_156,
                            377.485_237_685_302_021, 3_209.377_589_138_469_47])
        let qS = horner(s, [1, 23.601_290_952_344_120_9, 244.024_637_934_444_173, 1_282.616_526_077_372_28,
                            2_844.236_833_439_170_62])
        var num = qS.addingProduct(-y, pS), den = qS
        do {
            // e^{−y²} with y² = hi + lo split exactly by a fused multiply-add.
            let hi = y * y
            let e = exp(-hi) * (V(repeating: 1) - (-hi).addingProduct(y, y))
            // y ≤ 4: e^{−y²}·P(y)/Q(y).
            let pM = horner(y, [2.153_115_354_744_038_46e-8, 0.564_188_496_988_670_089, 8.883_149_794_388_375_94,
                                66.119_190_637_141_629_5, 298.635_138_197_400_131, 881.952_221_241_769_09,
                                1_712.047_612_634_070_58, 2_051.078_377_826_071_47, 1_230.339_354_797_997_25])
            let qM = horner(y, [1, 15.744_926_110_709_834_7, 117.693_950_891_312_499, 537.181_101_862_009_858,
                                1_621.389_574_566_690_19, 3_290.799_235_733_459_63, 4_362.619_090_143_247_16,
                                3_439.367_674_143_721_64, 1_230.339_354_803_749_42])
            num = num.replacing(with: e * pM, where: .!small)
            den = den.replacing(with: qM, where: .!small)
            let large = y .> V(repeating: 4)
            if anyLane(large) {
                // y > 4: e^{−y²}/y·(1/√π − z·P(z)/Q(z)), z = 1/y²  =  e^{−y²}·(Q/√π − z·P)/(y·Q).
                let yy = y.replacing(with: V(repeating: 5), where: .!large)
                let z = V(repeating: 1) / (yy * yy)
                let pL = horner(z, [0.016_315_387_137_302_097_8, 0.305_326_634_961_232_344, 0.360_344_899_949_804_439,
                                    0.125_781_726_111_229_246, 0.016_083_785_148_742_276_6, 6.587_491_615_298_378_03e-4])
                let qL = horner(z, [1, 2.568_520_192_289_822_42, 1.872_952_849_923_460_47, 0.527_905_102_951_428_412,
                                    0.060_518_341_312_441_319_1, 2.335_204_976_268_691_85e-3])
                num = num.replacing(with: e * (qL * V(repeating: 0.564_189_583_547_756_286_95)).addingProduct(-z, pL), where: large)
                den = den.replacing(with: yy * qL, where: large)
            }
        }
        let erfcY = num / den
        let erfcT = erfcY.replacing(with: V(repeating: 2) - erfcY, where: t .< V(repeating: 0))
        // The rounding of t = −x/√2 shifts the lower tail by a relative 2t²·2⁻⁵³ (1e-13 at x = −37):
        // the value is Φ at x′ = −√2·t exactly, so move it back by Φ(x) ≈ Φ(x′)·(1 + |x|·(x − x′))
        // (Mills ratio φ/Φ ≈ |x| where it matters), with x − x′ from a fused multiply-add.
        let residual = x.addingProduct(V(repeating: 1.414_213_562_373_095_1), t)
            .addingProduct(t, V(repeating: -9.667_293_313_452_913e-17))
        let mills = (-x).replacing(with: V(repeating: 0), where: x .> V(repeating: 0))
        return V(repeating: 0.5) * erfcT * V(repeating: 1).addingProduct(mills, residual)
    }

    /// c₀·xⁿ + c₁·xⁿ⁻¹ + … + cₙ by Horner's rule with fused multiply-adds (coefficients
    /// highest degree first); unrolled by the optimiser for the constant arrays above.
    @inline(__always)
    static func horner(_ x: V, _ c: [Double]) -> V {
        var p = V(repeating: c[0])
        for k in 1..<c.count { p = V(repeating: c[k]).addingProduct(p, x) }
        return p
    }

    // MARK: - Inverse normal CDF

    /// Φ⁻¹(p) for p in (0, 1): Wichura's AS 241, as `NormalDistribution.quantile`, on one vector.
    /// (The engine uses `normalQuantiles`, which batches the tail values.)
    @inline(__always)
    static func normalQuantile(_ p: V) -> V {
        let q = p - V(repeating: 0.5)
        let central = q.replacing(with: -q, where: q .< V(repeating: 0)) .<= V(repeating: 0.425)
        let zc = centralQuantile(q)
        if allLanes(central) { return zc }
        return zc.replacing(with: tailQuantile(p.replacing(with: V(repeating: 0.01), where: central)), where: .!central)
    }

    /// AS 241's central region, |q| ≤ 0.425 with q = p − ½: q·A(r)/B(r), r = 0.180625 − q².
    @inline(__always)
    static func centralQuantile(_ q: V) -> V {
        let rc = V(repeating: 0.180_625) - q * q
        let num = q * horner(rc, [2.509_080_928_730_122_672_7e+3, 3.343_057_558_358_812_810_5e+4, 6.726_577_092_700_870_085_3e+4,
                                  4.592_195_393_154_987_145_7e+4, 1.373_169_376_550_946_112_5e+4, 1.971_590_950_306_551_442_7e+3,
                                  1.331_416_678_917_843_774_5e+2, 3.387_132_872_796_366_608_0e0])
        let den = horner(rc, [5.226_495_278_852_854_561_0e+3, 2.872_908_573_572_194_267_4e+4, 3.930_789_580_009_271_061_0e+4,
                              2.121_379_430_158_659_586_7e+4, 5.394_196_021_424_751_107_7e+3, 6.871_870_074_920_579_083_0e+2,
                              4.231_333_070_160_091_125_2e+1, 1])
        return num / den
    }

    /// AS 241's tails, |p − ½| > 0.425: r = √(−ln min(p, 1 − p)), C(r − 1.6)/D(r − 1.6) up to r = 5,
    /// E(r − 5)/F(r − 5) beyond, with the sign of p − ½.
    @inline(__always)
    static func tailQuantile(_ p: V) -> V {
        let q = p - V(repeating: 0.5)
        let tail = p.replacing(with: V(repeating: 1) - p, where: q .>= V(repeating: 0))
        let r = sqrt(-log(tail))
        let ri = r - V(repeating: 1.6)
        var z = horner(ri, [7.745_450_142_783_414_076_40e-4, 2.272_384_498_926_918_458_33e-2, 2.417_807_251_774_506_117_70e-1,
                            1.270_458_252_452_368_382_58e0, 3.647_848_324_763_204_605_04e0, 5.769_497_221_460_691_405_50e0,
                            4.630_337_846_156_545_295_90e0, 1.423_437_110_749_683_577_34e0])
            / horner(ri, [1.050_750_071_644_416_843_24e-9, 5.475_938_084_995_344_946_00e-4, 1.519_866_656_361_645_719_66e-2,
                          1.481_039_764_274_800_745_90e-1, 6.897_673_349_851_000_045_50e-1, 1.676_384_830_183_803_849_40e0,
                          2.053_191_626_637_758_821_87e0, 1])
        let far = r .> V(repeating: 5)
        if anyLane(far) {
            let rf = r - V(repeating: 5)
            let zf = horner(rf, [2.010_334_399_292_288_132_65e-7, 2.711_555_568_743_487_578_15e-5, 1.242_660_947_388_078_438_60e-3,
                                 2.653_218_952_657_612_309_30e-2, 2.965_605_718_285_048_912_30e-1, 1.784_826_539_917_291_335_80e0,
                                 5.463_784_911_164_114_369_90e0, 6.657_904_643_501_103_777_20e0])
                / horner(rf, [2.044_263_103_389_939_785_64e-15, 1.421_511_758_316_445_888_70e-7, 1.846_318_317_510_054_681_80e-5,
                              7.868_691_311_456_132_591_00e-4, 1.487_536_129_085_061_485_25e-2, 1.369_298_809_227_358_053_10e-1,
                              5.998_322_065_558_879_376_90e-1, 1])
            z = z.replacing(with: zf, where: far)
        }
        return z.replacing(with: -z, where: q .< V(repeating: 0))
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
