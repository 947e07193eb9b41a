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
        let e = CorrelationMatrix.eigenvalues(symmetric: Self.benchmark, count: 6)
        for (got, published) in zip(e, [0.400, 0.500, 0.500, 0.592, 1.040, 2.968]) {
            #expect(abs(got - published) < 5e-4)
        }
        #expect(abs(e.reduce(0, +) - 6) < 1e-12)  // the trace
    }

    /// WORKLOAD.md publishes the Cholesky factor L to 16 digits.
    @Test func choleskyOfTheBenchmarkMatrix() {
        let l = CorrelationMatrix(count: 6, values: Self.benchmark).choleskyFactor()
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
        let l = CorrelationMatrix(count: 3, values: c).choleskyFactor()
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
}
