import Testing
@testable import TradeSim

@Suite("Cholesky factorization")
struct CholeskyFactorizationTests {
    /// The column-wise, vectorised factor is the row-by-row textbook loop's to the bit (the
    /// paths of every existing study depend on it), on sizes that exercise the vector tails.
    @Test(arguments: [1, 2, 3, 6, 7, 8, 9, 16, 17, 31, 64, 101, 301])
    func sameBitsAsTheRowByRowLoop(_ n: Int) {
        var matrices = [MatrixReferences.factorModel(n, factors: 3, scale: 0.9, seed: UInt64(n)),
                        MatrixReferences.uniform(n, 1),
                        MatrixReferences.randomSymmetric(n, scale: 0.8, seed: UInt64(n) + 1000)]  // indefinite for n ≥ 3: zeroed columns
        if n == 6 { matrices.append(CorrelationTests.benchmark) }
        for c in matrices {
            let got = CholeskyFactorization(symmetric: c, count: n).lower
            let reference = MatrixReferences.rowCholesky(c, count: n)
            #expect(got.map(\.bitPattern) == reference.map(\.bitPattern))
        }
    }

    /// `dropped` is 0 for a positive definite matrix and bounds ‖C − L·Lᵀ‖ otherwise.
    @Test func droppedBoundsWhatTheFactorLeavesOut() {
        let pd = MatrixReferences.factorModel(20, factors: 2, scale: 0.9, seed: 3)
        #expect(CholeskyFactorization(symmetric: pd, count: 20).dropped == 0)
        // Duplicate pair and a third asset correlated 0.2 with one, 0.4 with the other: the
        // second pivot is 0 with 0.2 below it (C − L·Lᵀ has that arrow: norm ≈ 0.2).
        let c: [Double] = [1, 1, 0.2, 1, 1, 0.4, 0.2, 0.4, 1]
        let f = CholeskyFactorization(symmetric: c, count: 3)
        #expect(abs(f.dropped - 0.2) < 1e-15)
        var residual = 0.0  // Frobenius norm ≥ 2-norm
        for i in 0..<3 {
            for j in 0..<3 {
                let v = (0..<3).reduce(0.0) { $0 + f.lower[i * 3 + $1] * f.lower[j * 3 + $1] }
                residual += (v - c[i * 3 + j]) * (v - c[i * 3 + j])
            }
        }
        #expect(residual.squareRoot() <= f.dropped * 2.0.squareRoot() + 1e-15)
        #expect(residual.squareRoot() > 0.1)
    }
}
