import Testing
@testable import TradeSim

/// Listed strikes. Expected values worked by hand from the intervals the Options Clearing
/// Corporation's "Equity Options Product Specifications" state (2.50 below 25, 5 from 25
/// through 200, 10 above 200) and from plain step ladders.
@Suite("Strike ladders")
struct StrikeLadderTests {
    @Test("US equity ladder: the nearest listed strike in each band, halfway going up",
          arguments: [
              (553.603, 550.0),  // the first card's 0.95 × 582.74 on LMT: 200 + 10·35
              (495.329, 500.0),  // 0.85 × 582.74: 200 + 10·30 (29.53 tens)
              (23.4, 22.5), (24.0, 25.0), (26.2, 25.0), (27.5, 30.0), (197.6, 200.0),
              (202.0, 200.0), (205.0, 210.0), (1.0, 2.5), (0.3, 2.5), (1240.0, 1240.0), (12.49, 12.5),
          ])
    func usEquity(wanted: Double, listed: Double) {
        #expect(StrikeLadder.usEquity.listedStrike(nearest: wanted) == listed)
    }

    @Test("US equity intervals switch at 25 and above 200")
    func intervals() {
        #expect(StrikeLadder.usEquity.interval(at: 24.99) == 2.5)
        #expect(StrikeLadder.usEquity.interval(at: 25) == 5)
        #expect(StrikeLadder.usEquity.interval(at: 200) == 5)
        #expect(StrikeLadder.usEquity.interval(at: 200.01) == 10)
        #expect(StrikeLadder.uniform(step: 0.5).interval(at: 1_000) == 0.5)
    }

    @Test("A uniform ladder rounds to its step, never below the first strike",
          arguments: [(1.0, 553.603, 554.0), (0.5, 20.26, 20.5), (0.5, 20.24, 20.0), (2.5, 0.4, 2.5), (5.0, 102.5, 105.0)])
    func uniform(step: Double, wanted: Double, listed: Double) {
        #expect(StrikeLadder.uniform(step: step).listedStrike(nearest: wanted) == listed)
    }

    @Test("Every listed strike is on the ladder: a listed strike maps to itself")
    func listedStrikesAreFixedPoints() {
        var strikes: [Double] = stride(from: 2.5, through: 25, by: 2.5).map { $0 }
        strikes += stride(from: 30.0, through: 200, by: 5).map { $0 }
        strikes += stride(from: 210.0, through: 2_000, by: 10).map { $0 }
        for k in strikes { #expect(StrikeLadder.usEquity.listedStrike(nearest: k) == k) }
        // and every wanted strike maps to a listed one that no other listed strike beats
        var x = 0.5
        while x < 1_990 {
            let k = StrikeLadder.usEquity.listedStrike(nearest: x)
            let nearest = strikes.map { abs($0 - x) }.min()!
            #expect(strikes.contains(k) && abs(k - x) <= nearest + 1e-9, "\(x) → \(k)")
            x += 0.37
        }
    }
}
