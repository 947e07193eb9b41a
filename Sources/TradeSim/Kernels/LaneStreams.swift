#if TRADESIM_AVX2
import _Builtin_intrinsics.intel
#endif

/// Eight lanes' xoshiro256** states in registers (one lane per vector element).
struct LaneStreams {
    var s0: SIMD8<UInt64>, s1: SIMD8<UInt64>, s2: SIMD8<UInt64>, s3: SIMD8<UInt64>
    /// The sign bit on antithetic lanes, 0 on the others.
    let sign: SIMD8<UInt64>

    /// The next uniform of every lane, unmirrored: `PathStream.uniform` of xoshiro256**'s output.
    @inline(__always)
    mutating func nextUnmirroredUniforms() -> SIMD8<Double> {
        #if TRADESIM_AVX512
        // The same steps as below, as AVX-512 instructions: written in plain Swift, the
        // optimizer moves part of the state update into scalar registers lane by lane.
        typealias I = SIMD8<Int64>
        let a0 = unsafeBitCast(s0, to: I.self), a1 = unsafeBitCast(s1, to: I.self)
        let a2 = unsafeBitCast(s2, to: I.self), a3 = unsafeBitCast(s3, to: I.self)
        let m5 = _mm512_add_epi64(_mm512_slli_epi64(a1, 2), a1)
        let rotated = _mm512_rolv_epi64(m5, I(repeating: 7))
        let result = _mm512_add_epi64(_mm512_slli_epi64(rotated, 3), rotated)
        let t = _mm512_slli_epi64(a1, 17)
        let b2 = _mm512_xor_si512(a2, a0)
        let b3 = _mm512_xor_si512(a3, a1)
        s1 = unsafeBitCast(_mm512_xor_si512(a1, b2), to: SIMD8<UInt64>.self)
        s0 = unsafeBitCast(_mm512_xor_si512(a0, b3), to: SIMD8<UInt64>.self)
        s2 = unsafeBitCast(_mm512_xor_si512(b2, t), to: SIMD8<UInt64>.self)
        s3 = unsafeBitCast(_mm512_rolv_epi64(b3, I(repeating: 45)), to: SIMD8<UInt64>.self)
        return VectorMath.uniform(unsafeBitCast(result, to: SIMD8<UInt64>.self))
        #elseif TRADESIM_AVX2
        // The same steps on each 256-bit half: in plain Swift the optimizer turns s3's rotation
        // into eight scalar `rorx` (AVX2 has no vector rotate), each lane moved out and back in.
        let low = Self.step(s0.lowHalf, s1.lowHalf, s2.lowHalf, s3.lowHalf)
        let high = Self.step(s0.highHalf, s1.highHalf, s2.highHalf, s3.highHalf)
        s0 = SIMD8(lowHalf: low.s0, highHalf: high.s0)
        s1 = SIMD8(lowHalf: low.s1, highHalf: high.s1)
        s2 = SIMD8(lowHalf: low.s2, highHalf: high.s2)
        s3 = SIMD8(lowHalf: low.s3, highHalf: high.s3)
        return VectorMath.uniform(SIMD8(lowHalf: low.result, highHalf: high.result))
        #else
        let m5 = (s1 &<< 2) &+ s1
        let result = ((m5 &<< 7) | (m5 &>> 57)) &* 9
        let t = s1 &<< 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = (s3 &<< 45) | (s3 &>> 19)
        return VectorMath.uniform(result)
        #endif
    }

    #if TRADESIM_AVX2 && !TRADESIM_AVX512
    /// One xoshiro256** step of four lanes as AVX2 instructions: the output and the next state.
    @inline(__always)
    static func step(_ s0: SIMD4<UInt64>, _ s1: SIMD4<UInt64>, _ s2: SIMD4<UInt64>, _ s3: SIMD4<UInt64>)
        -> (result: SIMD4<UInt64>, s0: SIMD4<UInt64>, s1: SIMD4<UInt64>, s2: SIMD4<UInt64>, s3: SIMD4<UInt64>) {
        typealias I = SIMD4<Int64>
        func rotl(_ x: I, _ k: Int32) -> I { _mm256_or_si256(_mm256_slli_epi64(x, k), _mm256_srli_epi64(x, 64 - k)) }
        func u(_ x: I) -> SIMD4<UInt64> { unsafeBitCast(x, to: SIMD4<UInt64>.self) }
        let a0 = unsafeBitCast(s0, to: I.self), a1 = unsafeBitCast(s1, to: I.self)
        let a2 = unsafeBitCast(s2, to: I.self), a3 = unsafeBitCast(s3, to: I.self)
        let m5 = _mm256_add_epi64(_mm256_slli_epi64(a1, 2), a1)
        let rotated = rotl(m5, 7)
        let result = _mm256_add_epi64(_mm256_slli_epi64(rotated, 3), rotated)
        let t = _mm256_slli_epi64(a1, 17)
        let b2 = _mm256_xor_si256(a2, a0)
        let b3 = _mm256_xor_si256(a3, a1)
        return (u(result), u(_mm256_xor_si256(a0, b3)), u(_mm256_xor_si256(a1, b2)), u(_mm256_xor_si256(b2, t)), u(rotl(b3, 45)))
    }
    #endif

    /// A pair of standard normals per lane (the diffusion's): Box–Muller on the lane's next two
    /// uniforms u₁, u₂ (unmirrored), both normals negated on antithetic lanes.
    @inline(__always)
    mutating func nextNormalPair() -> (SIMD8<Double>, SIMD8<Double>) {
        let u1 = nextUnmirroredUniforms()
        let u2 = nextUnmirroredUniforms()
        let (z1, z2) = VectorMath.boxMuller(u1, u2)
        return (unsafeBitCast(unsafeBitCast(z1, to: SIMD8<UInt64>.self) ^ sign, to: SIMD8<Double>.self),
                unsafeBitCast(unsafeBitCast(z2, to: SIMD8<UInt64>.self) ^ sign, to: SIMD8<Double>.self))
    }
}
