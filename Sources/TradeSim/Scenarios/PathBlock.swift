import Foundation

/// The state of a block of paths advanced together, one lane per path, as structure of
/// arrays: log prices per asset and lane, each lane's random stream, the event outcomes drawn.
/// Lanes are padded to a multiple of 8 (`width`) so every loop runs on whole `SIMD8` vectors;
/// the padding lanes compute paths nobody reads.
///
/// The block owns its memory (it is `~Copyable`: moved, never copied, freed when it ends).
struct PathBlock: ~Copyable {
    /// Global index of lane 0's path.
    let firstPath: Int
    let lanes: Int
    /// `lanes` rounded up to a multiple of 8: the stride of every per-lane array.
    let width: Int
    let assetCount: Int
    /// The day the block is at (0 after creation).
    var day: Int = 0
    /// ln S per asset and lane: `logPrice[asset * width + lane]`.
    let logPrice: UnsafeMutableBufferPointer<Double>
    /// Outcome index per event (scenario order) and lane, −1 until the event has happened:
    /// `eventOutcome[event * width + lane]`.
    let eventOutcome: UnsafeMutableBufferPointer<Int32>
    /// `ivScale[asset * width + lane]`: the product of the `EventOutcome.ivAfter` of the events
    /// drawn so far on the lane (1 before any).
    let ivScale: UnsafeMutableBufferPointer<Double>
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
        ivScale = make(assetCount * width, 1)
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
        logPrice.deallocate(); eventOutcome.deallocate(); ivScale.deallocate()
        s0.deallocate(); s1.deallocate(); s2.deallocate(); s3.deallocate(); mirror.deallocate()
        normals.deallocate(); sums.deallocate(); bootstrapRow.deallocate()
    }

    /// S for asset `i` on lane `lane` at the current day.
    func price(asset i: Int, lane: Int) -> Double {
        if let exact = exactPrice { return exact[i] }
        return exp(logPrice[i * width + lane])
    }

    /// The drawn outcome of event `k` on `lane` (−1 before the event).
    func outcome(event k: Int, lane: Int) -> Int { Int(eventOutcome[k * width + lane]) }

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
        LaneStreams(s0: loadV(s0.baseAddress!, j), s1: loadV(s1.baseAddress!, j), s2: loadV(s2.baseAddress!, j),
                    s3: loadV(s3.baseAddress!, j), sign: loadV(mirror.baseAddress!, j) & SIMD8(repeating: 0x8000_0000_0000_0000))
    }

    @inline(__always)
    func save(_ streams: LaneStreams, at j: Int) {
        storeV(s0.baseAddress!, j, streams.s0); storeV(s1.baseAddress!, j, streams.s1)
        storeV(s2.baseAddress!, j, streams.s2); storeV(s3.baseAddress!, j, streams.s3)
    }
}
