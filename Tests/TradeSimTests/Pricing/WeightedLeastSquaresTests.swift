import Testing
@testable import TradeSim

@Suite("Weighted least squares")
struct WeightedLeastSquaresTests {
    /// Data on an exact quadratic are reproduced whatever the weights.
    @Test func anExactQuadraticIsReproduced() throws {
        let xs = [-2.0, -1, -0.5, 0, 0.7, 1.5, 3]
        let beta = try #require(WeightedLeastSquares.solve(rows: xs.map { [1, $0, $0 * $0] }, values: xs.map { 0.3 - 0.2 * $0 + 0.05 * $0 * $0 },
                                                           weights: [1, 5, 0.1, 2, 7, 3, 0.5]))
        #expect(abs(beta[0] - 0.3) < 1e-14 && abs(beta[1] + 0.2) < 1e-14 && abs(beta[2] - 0.05) < 1e-14)
    }

    /// A weighted line through (0, 0) w 1, (1, 1) w 1, (2, 0) w 2, by the closed form
    /// b = Σw(x−x̄)(y−ȳ) / Σw(x−x̄)², a = ȳ − b·x̄ with weighted means: x̄ = 5/4, ȳ = 1/4,
    /// Sxy = −1/4, Sxx = 11/4: b = −1/11, a = 4/11.
    @Test func aWeightedLineMatchesTheClosedForm() throws {
        let beta = try #require(WeightedLeastSquares.solve(rows: [[1, 0], [1, 1], [1, 2]], values: [0, 1, 0], weights: [1, 1, 2]))
        #expect(abs(beta[0] - 4.0 / 11) < 1e-15 && abs(beta[1] + 1.0 / 11) < 1e-15)
        // A zero weight leaves the row out: the line through the other two points.
        let two = try #require(WeightedLeastSquares.solve(rows: [[1, 0], [1, 1], [1, 2]], values: [0, 1, 5], weights: [1, 1, 0]))
        #expect(abs(two[0]) < 1e-15 && abs(two[1] - 1) < 1e-15)
    }

    @Test func dependentColumnsAndBadInputsGiveNil() {
        // Every row at the same x: x and x² are multiples of the constant column.
        #expect(WeightedLeastSquares.solve(rows: Array(repeating: [1, 2, 4], count: 5), values: [1, 2, 3, 4, 5], weights: [1, 1, 1, 1, 1]) == nil)
        #expect(WeightedLeastSquares.solve(rows: [[1, 0], [1, 1]], values: [0, 1], weights: [1, -1]) == nil)
        #expect(WeightedLeastSquares.solve(rows: [[1, 0, 0]], values: [0], weights: [1]) == nil)
        #expect(WeightedLeastSquares.solve(rows: [], values: [], weights: []) == nil)
    }
}
