import Testing
@testable import TradeSim

@Suite("Correlation")
struct CorrelationTests {
    /// The benchmark's matrix (shared/bench/WORKLOAD.md §1).
    static let benchmark: [Double] = [
        1.0, 0.6, 0.3, 0.3, 0.3, 0.4,
        0.6, 1.0, 0.3, 0.3, 0.3, 0.4,
        0.3, 0.3, 1.0, 0.5, 0.5, 0.4,
        0.3, 0.3, 0.5, 1.0, 0.5, 0.4,
        0.3, 0.3, 0.5, 0.5, 1.0, 0.4,
        0.4, 0.4, 0.4, 0.4, 0.4, 1.0,
    ]

    /// WORKLOAD.md publishes its eigenvalues (0.400, 0.500, 0.500, 0.592, 1.040, 2.968, to 3 places).
    @Test func eigenvaluesOfTheBenchmarkMatrix() {
        let e = MatrixReferences.jacobiEigenvalues(symmetric: Self.benchmark, count: 6)
        for (got, published) in zip(e, [0.400, 0.500, 0.500, 0.592, 1.040, 2.968]) {
            #expect(abs(got - published) < 5e-4)
        }
        #expect(abs(e.reduce(0, +) - 6) < 1e-12)  // the trace
        #expect(abs(SmallestEigenvalue.of(symmetric: Self.benchmark, count: 6) - e[0]) < 1e-14)
    }

    /// WORKLOAD.md publishes the Cholesky factor L to 16 digits.
    @Test func choleskyOfTheBenchmarkMatrix() {
        let l = CorrelationMatrix(count: 6, values: Self.benchmark).choleskyFactor
        let published: [Double] = [
            1.0, 0, 0, 0, 0, 0,
            0.6, 0.8, 0, 0, 0, 0,
            0.3, 0.15, 0.9420721840708386, 0, 0, 0,
            0.3, 0.15, 0.41132729163656334, 0.8475316272298808, 0, 0,
            0.3, 0.15, 0.41132729163656334, 0.2575831416090814, 0.8074408859561952, 0,
            0.4, 0.2, 0.2653724462171376, 0.16618267200585898, 0.12141968209867601, 0.8289861549584419,
        ]
        for (a, b) in zip(l, published) { #expect(abs(a - b) < 1e-15) }
    }

    @Test func semiDefiniteMatrixFactorises() {
        // Two perfectly correlated assets and a third: PSD with a zero eigenvalue.
        let c: [Double] = [1, 1, 0.5, 1, 1, 0.5, 0.5, 0.5, 1]
        #expect(CorrelationMatrix.problems(values: c, count: 3).isEmpty)
        let l = CorrelationMatrix(count: 3, values: c).choleskyFactor
        // L·Lᵀ reproduces C.
        for i in 0..<3 {
            for j in 0..<3 {
                let v = (0..<3).reduce(0.0) { $0 + l[i * 3 + $1] * l[j * 3 + $1] }
                #expect(abs(v - c[i * 3 + j]) < 1e-12)
            }
        }
    }

    @Test func notPositiveSemiDefiniteIsNamed() {
        // ρ12 = ρ13 = 0.9 and ρ23 = −0.9 is impossible: smallest eigenvalue −0.8 (closed form 1 − 0.9 − 0.9).
        let c: [Double] = [1, 0.9, 0.9, 0.9, 1, -0.9, 0.9, -0.9, 1]
        let p = CorrelationMatrix.problems(values: c, count: 3)
        #expect(p.count == 1)
        #expect(p.first?.found == "a matrix that is not positive semi-definite (smallest eigenvalue -0.8)")
    }

    // MARK: - Positive semi-definiteness: the Cholesky test against the Jacobi eigenvalues

    static func message(_ smallest: Double) -> String {
        "a matrix that is not positive semi-definite (smallest eigenvalue \(String(format: "%.6g", smallest)))"
    }

    /// Matrices on the edge of the PSD cone (smallest eigenvalue 0 up to rounding) pass: the
    /// zero pivots of their Cholesky factor come with zero columns.
    @Test(arguments: [
        ("identity 7", CorrelationMatrix.identity(7).values, 7),
        ("uniform ρ = 1, n = 5", MatrixReferences.uniform(5, 1), 5),
        ("uniform ρ = 1, n = 300", MatrixReferences.uniform(300, 1), 300),
        ("uniform ρ = −1/2, n = 3 (its lower limit)", MatrixReferences.uniform(3, -0.5), 3),
        ("uniform ρ = −1/4, n = 5", MatrixReferences.uniform(5, -0.25), 5),
        ("uniform ρ = −1/99, n = 100", MatrixReferences.uniform(100, -1.0 / 99), 100),
        ("uniform ρ = −1/999, n = 1000", MatrixReferences.uniform(1000, -1.0 / 999), 1000),
        ("a duplicated asset", MatrixReferences.duplicating(MatrixReferences.factorModel(40, factors: 3, scale: 0.8, seed: 7), count: 40, asset: 12), 41),
        ("two perfectly anti-correlated assets", [1, -1, 0.3, -1, 1, -0.3, 0.3, -0.3, 1], 3),
    ])
    func boundaryMatricesPass(_ name: String, _ c: [Double], _ n: Int) {
        let (matrix, problems) = CorrelationMatrix.check(values: c, count: n)
        #expect(problems.isEmpty, "\(name)")
        #expect(matrix?.values == c)
        if n <= 100 {
            // The reference agrees: smallest eigenvalue within the tolerance of 0.
            #expect(MatrixReferences.jacobiEigenvalues(symmetric: c, count: n)[0] >= -CorrelationMatrix.eigenvalueTolerance, "\(name)")
        }
        // The factor reproduces C.
        let l = matrix?.choleskyFactor ?? []
        var worst = 0.0
        for i in 0..<n {
            for j in 0...i {
                var v = 0.0
                for k in 0...j { v += l[i * n + k] * l[j * n + k] }
                worst = max(worst, abs(v - c[i * n + j]))
            }
        }
        #expect(worst < 1e-12, "\(name): max |L·Lᵀ − C| = \(worst)")
    }

    /// Matrices just outside the cone, and far outside, are refused and the message names the
    /// smallest eigenvalue (closed forms: uniform ρ has 1 + (n − 1)·ρ).
    @Test(arguments: [
        ("uniform ρ = −0.3, n = 5", MatrixReferences.uniform(5, -0.3), 5, "-0.2"),
        ("uniform ρ = −0.002, n = 1000", MatrixReferences.uniform(1000, -0.002), 1000, "-0.998"),
        ("uniform ρ = −0.0102, n = 100", MatrixReferences.uniform(100, -0.0102), 100, "-0.0098"),
    ])
    func refusedWithTheClosedFormEigenvalue(_ name: String, _ c: [Double], _ n: Int, _ smallest: String) {
        let (matrix, problems) = CorrelationMatrix.check(values: c, count: n)
        #expect(matrix == nil)
        #expect(problems.map(\.found) == ["a matrix that is not positive semi-definite (smallest eigenvalue \(smallest))"], "\(name)")
        #expect(problems.map(\.allowed) == ["a positive semi-definite correlation matrix (every eigenvalue ≥ 0)"])
    }

    /// A table of 80 matrices, positive definite, semi-definite and indefinite, sizes 2 to 61:
    /// the check accepts exactly those whose Jacobi smallest eigenvalue is ≥ −1e-10, and names
    /// the same smallest eigenvalue (6 significant digits) for the others.
    @Test func agreesWithTheJacobiEigenvaluesOnATable() {
        var table: [(String, [Double], Int)] = []
        for (k, n) in [2, 3, 4, 5, 7, 9, 12, 18, 25, 40, 60].enumerated() {
            for scale in [0.1, 0.3, 0.6, 0.9, 1.0] {
                table.append(("random n=\(n) ±\(scale)", MatrixReferences.randomSymmetric(n, scale: scale, seed: UInt64(100 * k) + UInt64(scale * 10)), n))
            }
            table.append(("factor n=\(n)", MatrixReferences.factorModel(n, factors: 2, scale: 0.9, seed: UInt64(k)), n))
            let dup = MatrixReferences.factorModel(n, factors: 1, scale: 0.95, seed: UInt64(50 + k))
            table.append(("factor n=\(n) + duplicate", MatrixReferences.duplicating(dup, count: n, asset: n / 2), n + 1))
        }
        // Two perfectly correlated assets and a third correlated differently with each (a zero
        // pivot with a non-zero column below it: indefinite).
        table.append(("duplicate pair, third differs", [1, 1, 0.2, 1, 1, 0.4, 0.2, 0.4, 1], 3))
        // A pivot of 2e-12 and then a pivot of −49: the Cholesky test cannot decide, the
        // eigenvalue does (−6.57e-11 ≥ −1e-10: accepted, as before; η = 1e-4: −6.67e-9, refused).
        table.append(("near-duplicate, η = 1e-5", [1, 0.999999999999, 0.5, 0.999999999999, 1, 0.50001, 0.5, 0.50001, 1], 3))
        table.append(("near-duplicate, η = 1e-4", [1, 0.999999999999, 0.5, 0.999999999999, 1, 0.5001, 0.5, 0.5001, 1], 3))
        var accepted = 0, refused = 0
        for (name, c, n) in table {
            let reference = MatrixReferences.jacobiEigenvalues(symmetric: c, count: n)[0]
            let problems = CorrelationMatrix.problems(values: c, count: n)
            if reference >= -CorrelationMatrix.eigenvalueTolerance {
                #expect(problems.isEmpty, "\(name): Jacobi smallest eigenvalue \(reference)")
                accepted += 1
            } else {
                #expect(problems.map(\.found) == [Self.message(reference)], "\(name)")
                refused += 1
            }
        }
        // The table has both kinds, and the edge cases decided by the eigenvalue.
        #expect(accepted >= 15 && refused >= 15, "accepted \(accepted), refused \(refused)")
        let edge: [Double] = [1, 0.999999999999, 0.5, 0.999999999999, 1, 0.50001, 0.5, 0.50001, 1]
        #expect(CholeskyFactorization(symmetric: edge, count: 3).dropped > CorrelationMatrix.eigenvalueTolerance)
    }

    /// Entry problems are reported per entry, and the PSD test only runs on a matrix whose
    /// entries are right.
    @Test func entryProblemsComeFirst() {
        let c: [Double] = [1, 0.5, 0, 0.4, 0.9, 0, 0, 0, 1]
        let p = CorrelationMatrix.problems(values: c, count: 3)
        #expect(p.map(\.found) == ["0.5 but [1][0] is 0.4", "0.9"])
        #expect(p.map(\.allowed) == ["a symmetric matrix", "1 on the diagonal"])
    }
}
