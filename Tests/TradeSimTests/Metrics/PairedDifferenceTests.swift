import Testing
@testable import TradeSim

/// The paired difference of two runs' means and its standard error, by hand.
@Suite("Paired difference")
struct PairedDifferenceTests {
    /// a = [1, 2, 3, 4], b = [0.5, 2.5, 2, 3]: d = [0.5, −0.5, 1, 1], mean 0.5; deviations
    /// 0, −1, 0.5, 0.5, squares summing to 1.5, sd = √(1.5/3) = √0.5, se = √0.5/2.
    @Test func byHand() {
        let d = PairedDifference([1, 2, 3, 4], minus: [0.5, 2.5, 2, 3])
        #expect(d.mean == 0.5)
        #expect(abs(d.standardError! - 0.5.squareRoot() / 2) < 1e-15)
        #expect(d.isSignificant == false)  // 0.5 < 1.96 × 0.354
    }

    /// The same values on both sides: 0 with standard error 0, exactly; not significant.
    @Test func identicalRunsDifferByNothing() {
        let x = [3.25, -1e6, 0.1, 7, 42]
        let d = PairedDifference(x, minus: x)
        #expect(d.mean == 0 && d.standardError == 0)
        #expect(!d.isSignificant)
        // A constant shift: standard error 0, significant.
        let shifted = PairedDifference(x.map { $0 + 2 }, minus: x)
        #expect(shifted.standardError! < 1e-9 && shifted.isSignificant)
    }

    /// Blend: mean Σ w·m, standard error √Σ w²·se² (0.6·0.5 + 0.4·(−1) = −0.1;
    /// √(0.36·0.04 + 0.16·0.09) = √0.0288).
    @Test func blend() {
        let b = PairedDifference(blending: [(PairedDifference(mean: 0.5, standardError: 0.2), 0.6),
                                            (PairedDifference(mean: -1, standardError: 0.3), 0.4)])
        #expect(abs(b.mean! - -0.1) < 1e-15)
        #expect(abs(b.standardError! - 0.0288.squareRoot()) < 1e-15)
        #expect(PairedDifference(blending: []).mean == nil)
    }

    /// One path: a mean, no standard error; independent: √(a² + b²), nil when either is.
    @Test func undefinedParts() {
        let one = PairedDifference([5], minus: [2])
        #expect(one.mean == 3 && one.standardError == nil && !one.isSignificant)
        #expect(PairedDifference.independentStandardError(3, 4) == 5)
        #expect(PairedDifference.independentStandardError(3, nil) == nil)
    }
}
