/// The state of a block of paths advanced together, one lane per path (structure of arrays):
/// log prices per asset and lane, each lane's random stream, and the event outcomes drawn.
public struct PathBlock: Sendable {
    /// Global index of lane 0's path.
    public let firstPath: Int
    public let lanes: Int
    public let assetCount: Int
    /// The day the block is at (0 after creation).
    public internal(set) var day: Int = 0
    /// ln S per asset and lane: `logPrice[asset * lanes + lane]`.
    public internal(set) var logPrice: [Double]
    /// Outcome index per event (scenario order) and lane, −1 until the event has happened:
    /// `eventOutcome[event * lanes + lane]`.
    public internal(set) var eventOutcome: [Int32]

    // Random streams: xoshiro256** state per lane, and whether the lane is an antithetic
    // mirror (uses 1 − u for every uniform).
    var s0: [UInt64], s1: [UInt64], s2: [UInt64], s3: [UInt64]
    var mirror: [Bool]
    // Scratch: normals per asset and lane; bootstrap row per lane.
    var normals: [Double]
    var bootstrapRow: [Int]

    init(firstPath: Int, lanes: Int, assetCount: Int, eventCount: Int) {
        self.firstPath = firstPath
        self.lanes = lanes
        self.assetCount = assetCount
        logPrice = [Double](repeating: 0, count: assetCount * lanes)
        eventOutcome = [Int32](repeating: -1, count: eventCount * lanes)
        s0 = [UInt64](repeating: 0, count: lanes)
        s1 = s0
        s2 = s0
        s3 = s0
        mirror = [Bool](repeating: false, count: lanes)
        normals = [Double](repeating: 0, count: assetCount * lanes)
        bootstrapRow = [Int](repeating: 0, count: lanes)
    }

    /// Exact prices per asset when every lane has the same known price today (day 0, a
    /// replay, a script), so that reports show the input price itself and not exp(ln S).
    var exactPrice: [Double]?

    /// S for asset `i` on lane `lane` at the current day.
    public func price(asset i: Int, lane: Int) -> Double {
        if let exact = exactPrice { return exact[i] }
        return (logPrice[i * lanes + lane]).exponential
    }

    // MARK: - Random draws (per lane, in the documented order)

    /// The next uniform in (0, 1) of `lane`'s stream (mirrored for antithetic lanes).
    @inline(__always)
    mutating func nextUniform(_ lane: Int) -> Double {
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
        return mirror[lane] ? 1 - u : u
    }

    /// The next standard normal of `lane`'s stream: Φ⁻¹ of its next uniform (AS 241).
    @inline(__always)
    mutating func nextNormal(_ lane: Int) -> Double {
        NormalDistribution.quantile(nextUniform(lane))
    }
}

import Foundation

extension Double {
    /// e^self (a name that reads well in kernels).
    @inline(__always) var exponential: Double { exp(self) }
}
