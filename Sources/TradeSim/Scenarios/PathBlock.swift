import Foundation
#if TRADESIM_AVX512
import _Builtin_intrinsics.intel
#endif

/// The state of a block of paths advanced together, one lane per path, as structure of
/// arrays: log prices per asset and lane, each lane's random stream, the event outcomes drawn.
/// Lanes are padded to a multiple of 8 (`width`) so every loop runs on whole `SIMD8` vectors;
/// the padding lanes compute paths nobody reads.
///
/// The block owns its memory (it is `~Copyable`: moved, never copied, freed when it ends).
public struct PathBlock: ~Copyable {
    /// Global index of lane 0's path.
    public let firstPath: Int
    public let lanes: Int
    /// `lanes` rounded up to a multiple of 8: the stride of every per-lane array.
    public let width: Int
    public let assetCount: Int
    /// The day the block is at (0 after creation).
    public internal(set) var day: Int = 0
    /// ln S per asset and lane: `logPrice[asset * width + lane]`.
    public let logPrice: UnsafeMutableBufferPointer<Double>
    /// Outcome index per event (scenario order) and lane, −1 until the event has happened:
    /// `eventOutcome[event * width + lane]`.
    public let eventOutcome: UnsafeMutableBufferPointer<Int32>
    /// Exact prices per asset when every lane has the same known price today (day 0, a
    /// replay, a script), so that reports show the input price itself and not exp(ln S).
    var exactPrice: [Double]?

    // Random streams: xoshiro256** state per lane; `mirror` is all ones for an antithetic lane
    // (it uses 1 − u for every uniform). Scratch: the diffusion's normals and sums per asset
    // for up to 32 lanes (`ScenarioKernel.diffuse`), bootstrap rows.
    let s0: UnsafeMutableBufferPointer<UInt64>, s1: UnsafeMutableBufferPointer<UInt64>
    let s2: UnsafeMutableBufferPointer<UInt64>, s3: UnsafeMutableBufferPointer<UInt64>
    let mirror: UnsafeMutableBufferPointer<UInt64>
    let normals: UnsafeMutableBufferPointer<Double>
    let sums: UnsafeMutableBufferPointer<Double>
    let bootstrapRow: UnsafeMutableBufferPointer<Int>

    init(firstPath: Int, lanes: Int, assetCount: Int, eventCount: Int) {
        self.firstPath = firstPath
        self.lanes = lanes
        width = (lanes + 7) / 8 * 8
        self.assetCount = assetCount
        func make<T>(_ count: Int, _ value: T) -> UnsafeMutableBufferPointer<T> {
            let b = UnsafeMutableBufferPointer<T>.allocate(capacity: max(count, 1))
            b.initialize(repeating: value)
            return b
        }
        logPrice = make(assetCount * width, 0)
        eventOutcome = make(eventCount * width, -1)
        s0 = make(width, 0)
        s1 = make(width, 0)
        s2 = make(width, 0)
        s3 = make(width, 0)
        mirror = make(width, 0)
        normals = make((assetCount + 1) / 2 * 2 * min(width, 32), 0)
        sums = make(width >= 32 ? assetCount * 32 : 0, 0)
        bootstrapRow = make(width, 0)
    }

    deinit {
        logPrice.deallocate(); eventOutcome.deallocate()
        s0.deallocate(); s1.deallocate(); s2.deallocate(); s3.deallocate(); mirror.deallocate()
        normals.deallocate(); sums.deallocate(); bootstrapRow.deallocate()
    }

    /// S for asset `i` on lane `lane` at the current day.
    public func price(asset i: Int, lane: Int) -> Double {
        if let exact = exactPrice { return exact[i] }
        return exp(logPrice[i * width + lane])
    }

    /// The drawn outcome of event `k` on `lane` (−1 before the event).
    public func outcome(event k: Int, lane: Int) -> Int { Int(eventOutcome[k * width + lane]) }

    // MARK: - Scalar draws (per lane, in the documented order)

    /// The next uniform in (0, 1) of `lane`'s stream (mirrored for antithetic lanes).
    @inline(__always)
    func nextUniform(_ lane: Int) -> Double {
        let x0 = s0[lane], x1 = s1[lane], x2 = s2[lane], x3 = s3[lane]
        let result = Xoshiro256StarStar.rotl(x1 &* 5, 7) &* 9
        let t = x1 << 17
        var n2 = x2 ^ x0
        let n3 = x3 ^ x1
        s1[lane] = x1 ^ n2
        s0[lane] = x0 ^ n3
        n2 ^= t
        s2[lane] = n2
        s3[lane] = Xoshiro256StarStar.rotl(n3, 45)
        let u = PathStream.uniform(result)
        return mirror[lane] != 0 ? 1 - u : u
    }

    /// The next standard normal of `lane`'s stream: Φ⁻¹ of its next uniform (AS 241).
    @inline(__always)
    func nextNormal(_ lane: Int) -> Double {
        NormalDistribution.quantile(nextUniform(lane))
    }

    // MARK: - Vector draws

    /// The streams of lanes `j ..< j + 8` (j a multiple of 8), loaded into registers; `save`
    /// writes them back. Drawing from a loaded stream gives the same numbers, bit for bit, as
    /// the scalar draws lane by lane.
    @inline(__always)
    func streams(at j: Int) -> LaneStreams {
        LaneStreams(s0: load(s0, j), s1: load(s1, j), s2: load(s2, j), s3: load(s3, j),
                    sign: load(mirror, j) & SIMD8(repeating: 0x8000_0000_0000_0000))
    }

    @inline(__always)
    func save(_ streams: LaneStreams, at j: Int) {
        store(s0, j, streams.s0); store(s1, j, streams.s1); store(s2, j, streams.s2); store(s3, j, streams.s3)
    }

    @inline(__always)
    func load(_ b: UnsafeMutableBufferPointer<UInt64>, _ j: Int) -> SIMD8<UInt64> {
        UnsafeRawPointer(b.baseAddress! + j).loadUnaligned(as: SIMD8<UInt64>.self)
    }

    @inline(__always)
    func store(_ b: UnsafeMutableBufferPointer<UInt64>, _ j: Int, _ v: SIMD8<UInt64>) {
        UnsafeMutableRawPointer(b.baseAddress! + j).storeBytes(of: v, as: SIMD8<UInt64>.self)
    }
}

/// Loading and storing eight doubles at a lane offset.
@inline(__always)
func loadV(_ p: UnsafeMutablePointer<Double>, _ j: Int) -> SIMD8<Double> {
    UnsafeRawPointer(p + j).loadUnaligned(as: SIMD8<Double>.self)
}

@inline(__always)
func storeV(_ p: UnsafeMutablePointer<Double>, _ j: Int, _ v: SIMD8<Double>) {
    UnsafeMutableRawPointer(p + j).storeBytes(of: v, as: SIMD8<Double>.self)
}

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
