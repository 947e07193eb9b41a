import Testing
@testable import TradeSim

@Suite("Chart axes")
struct SVGChartTests {
    /// 1-2-5 steps covering the range, about `count` of them.
    @Test func ticksCoverTheRange() {
        #expect(SVGChart.niceTicks(0...100, count: 5) == [0, 20, 40, 60, 80, 100])
        #expect(SVGChart.niceTicks(-35...42, count: 4) == [-20, 0, 20, 40])
        let t = SVGChart.niceTicks(1_000_003.5...1_000_997.25, count: 5)
        #expect(t.count >= 3 && t.count <= 8 && t.first! >= 1_000_003.5 && t.last! <= 1_000_997.25)
    }

    /// Found by the validation audit: equity of 4e6 that moves by less than its rounding step
    /// (zero volatility, held stock) made the tick loop add a step that did not change the
    /// value, and allocate until the process died. Such a range now gets one tick.
    @Test func rangeBelowTheRoundingStepGetsOneTick() {
        let x = 4_000_000.0
        #expect(SVGChart.niceTicks(x...(x.nextUp), count: 5) == [x])
        #expect(SVGChart.niceTicks(x...(x + 1e-6), count: 5) == [x])
        #expect(SVGChart.niceTicks(5...5, count: 5) == [5])
    }
}
