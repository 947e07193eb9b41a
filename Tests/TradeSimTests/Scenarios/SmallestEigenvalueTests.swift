import Foundation
import Testing
@testable import TradeSim

@Suite("Smallest eigenvalue")
struct SmallestEigenvalueTests {
    /// The tridiagonal matrix with 2 on the diagonal and −1 beside it has eigenvalues
    /// 2 − 2·cos(kπ/(n + 1)), k = 1…n (the discrete Laplacian): as a full matrix, the
    /// Householder step has nothing to do; permuted, it has everything to do.
    @Test(arguments: [1, 2, 3, 10, 57, 200])
    func discreteLaplacian(_ n: Int) {
        var c = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            c[i * n + i] = 2
            if i + 1 < n { c[i * n + i + 1] = -1; c[(i + 1) * n + i] = -1 }
        }
        let exact = 2 - 2 * cos(Double.pi / Double(n + 1))
        #expect(abs(SmallestEigenvalue.of(symmetric: c, count: n) - exact) < 1e-13)
        // The same matrix with its rows and columns in another order (P·C·Pᵀ, same spectrum).
        let order = (0..<n).map { ($0 * 7 + 3) % n }
        guard Set(order).count == n else { return }
        let permuted = (0..<(n * n)).map { c[order[$0 / n] * n + order[$0 % n]] }
        #expect(abs(SmallestEigenvalue.of(symmetric: permuted, count: n) - exact) < 1e-13)
    }

    /// Against the Jacobi eigenvalues on random symmetric matrices, definite and indefinite.
    @Test func agreesWithJacobi() {
        for n in [2, 3, 5, 9, 24, 48] {
            for scale in [0.2, 0.7, 1.0] {
                let c = MatrixReferences.randomSymmetric(n, scale: scale, seed: UInt64(n * 10) + UInt64(scale * 10))
                let reference = MatrixReferences.jacobiEigenvalues(symmetric: c, count: n)[0]
                #expect(abs(SmallestEigenvalue.of(symmetric: c, count: n) - reference) < 1e-13, "n=\(n) ±\(scale)")
            }
        }
    }

    @Test func uniformClosedForms() {
        // Eigenvalues 1 − ρ (n − 1 times) and 1 + (n − 1)·ρ.
        #expect(abs(SmallestEigenvalue.of(symmetric: MatrixReferences.uniform(50, 0.4), count: 50) - 0.6) < 1e-13)
        #expect(abs(SmallestEigenvalue.of(symmetric: MatrixReferences.uniform(50, -0.05), count: 50) - (1 - 49 * 0.05)) < 1e-13)
        #expect(abs(SmallestEigenvalue.of(symmetric: MatrixReferences.uniform(40, 1), count: 40)) < 1e-13)
    }
}
