import Foundation

/// A correlation matrix over a universe (row-major, n × n, in universe order), checked to be
/// a valid correlation: symmetric, unit diagonal, entries in [−1, 1] and positive
/// semi-definite (smallest eigenvalue ≥ −1e-10), with its Cholesky factor (made once, for
/// the check and for the paths).
public struct CorrelationMatrix: Sendable, Hashable {
    /// n, the number of assets.
    public let count: Int
    /// The n × n entries, row-major.
    public let values: [Double]
    /// The lower-triangular L with L·Lᵀ = C, row-major (`CholeskyFactorization`): a pivot at
    /// or below 1e-12 (a direction with no variance of its own, e.g. two perfectly correlated
    /// assets) gets a zero column.
    let choleskyFactor: [Double]

    /// Tolerance on the smallest eigenvalue for positive semi-definiteness.
    static let eigenvalueTolerance = 1e-10

    typealias Problem = (entry: (Int, Int)?, found: String, allowed: String)

    /// Wraps values already checked by `check(values:count:)` (and factors them).
    public init(count: Int, values: [Double]) {
        self.init(count: count, values: values, factor: CholeskyFactorization(symmetric: values, count: count).lower)
    }

    private init(count: Int, values: [Double], factor: [Double]) {
        precondition(values.count == count * count && factor.count == count * count)
        self.count = count
        self.values = values
        choleskyFactor = factor
    }

    /// The identity, whose factor is itself.
    public static func identity(_ n: Int) -> CorrelationMatrix {
        let values: [Double] = (0..<n * n).map { $0 / n == $0 % n ? 1 : 0 }
        return CorrelationMatrix(count: n, values: values, factor: values)
    }

    /// The correlation of assets `i` and `j`.
    public subscript(i: Int, j: Int) -> Double { values[i * count + j] }

    public static func == (a: CorrelationMatrix, b: CorrelationMatrix) -> Bool {
        a.count == b.count && a.values == b.values
    }

    public func hash(into h: inout Hasher) {
        h.combine(count)
        h.combine(values)
    }

    // MARK: - Checking

    /// `values` as a correlation matrix, or what is wrong with it (one item per entry `[i][j]`
    /// that is off, or one for the whole matrix naming its smallest eigenvalue). `rowInFile[i]`
    /// is where universe asset i's row is written (a matrix given in another ticker order):
    /// the message about an asymmetric entry names its mirror there.
    ///
    /// Entries first: 1 on the diagonal, in [−1, 1], symmetric within 1e-12. Then positive
    /// semi-definiteness, by the rule λ_min(C) ≥ −1e-10, decided by the Cholesky
    /// factorisation the paths need anyway (n³/3 flops): when the columns it leaves out weigh
    /// at most 1e-10 (`CholeskyFactorization.dropped`, which bounds −λ_min: Weyl), C passes —
    /// every positive definite matrix, and the semi-definite ones whose zero pivots come with
    /// zero columns (uniform ρ = 1, ρ = −1/(n−1), a duplicated asset). Otherwise the smallest
    /// eigenvalue itself decides (`SmallestEigenvalue`, 4n³/3 flops, only on this path) and
    /// the message names it. Golub & Van Loan, *Matrix Computations*, 4th ed., §4.2 and §8.3–8.4;
    /// Higham, *Accuracy and Stability of Numerical Algorithms*, 2nd ed., ch. 10.
    static func check(values: [Double], count n: Int, rowInFile: [Int]? = nil) -> (matrix: CorrelationMatrix?, problems: [Problem]) {
        precondition(values.count == n * n && (rowInFile?.count ?? n) == n)
        var out: [Problem] = []
        for i in 0..<n {
            if values[i * n + i] != 1 {
                out.append(((i, i), "\(values[i * n + i])", "1 on the diagonal"))
            }
            for j in 0..<n where j != i {
                let v = values[i * n + j]
                if !(v >= -1 && v <= 1) { out.append(((i, j), "\(v)", "a correlation from -1 to 1")) }
                if j > i && abs(v - values[j * n + i]) > 1e-12 {
                    let (a, b) = rowInFile.map { ($0[i], $0[j]) } ?? (i, j)
                    out.append(((i, j), "\(v) but [\(b)][\(a)] is \(values[j * n + i])", "a symmetric matrix"))
                }
            }
        }
        guard out.isEmpty else { return (nil, out) }
        let factor = CholeskyFactorization(symmetric: values, count: n)
        if factor.dropped > eigenvalueTolerance {
            let smallest = SmallestEigenvalue.of(symmetric: values, count: n)
            if smallest < -eigenvalueTolerance {
                return (nil, [(nil, "a matrix that is not positive semi-definite (smallest eigenvalue \(String(format: "%.6g", smallest)))",
                               "a positive semi-definite correlation matrix (every eigenvalue ≥ 0)")])
            }
        }
        return (CorrelationMatrix(count: n, values: values, factor: factor.lower), [])
    }

    /// What is wrong with `values` as a correlation matrix (empty when it is one): `check`'s
    /// problems.
    static func problems(values: [Double], count n: Int) -> [Problem] {
        check(values: values, count: n).problems
    }
}
