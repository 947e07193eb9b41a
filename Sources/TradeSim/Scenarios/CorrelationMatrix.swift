import Foundation

/// A correlation matrix over a universe (row-major, n × n, in universe order), checked to be
/// a valid correlation: symmetric, unit diagonal, entries in [−1, 1] and positive
/// semi-definite (smallest eigenvalue ≥ −1e-10).
public struct CorrelationMatrix: Sendable, Hashable {
    public let count: Int
    public let values: [Double]

    /// Tolerance on the smallest eigenvalue for positive semi-definiteness.
    public static let eigenvalueTolerance = 1e-10

    /// Wraps values already checked by `problems(values:count:)`.
    public init(count: Int, values: [Double]) {
        precondition(values.count == count * count)
        self.count = count
        self.values = values
    }

    public static func identity(_ n: Int) -> CorrelationMatrix {
        CorrelationMatrix(count: n, values: (0..<n * n).map { $0 / n == $0 % n ? 1 : 0 })
    }

    public subscript(i: Int, j: Int) -> Double { values[i * count + j] }

    /// What is wrong with `values` as a correlation matrix (empty when it is one).
    /// Each item names the entry (`[i][j]`) or the smallest eigenvalue.
    public static func problems(values: [Double], count n: Int) -> [(entry: (Int, Int)?, found: String, allowed: String)] {
        var out: [(entry: (Int, Int)?, found: String, allowed: String)] = []
        for i in 0..<n {
            if values[i * n + i] != 1 {
                out.append(((i, i), "\(values[i * n + i])", "1 on the diagonal"))
            }
            for j in 0..<n where j != i {
                let v = values[i * n + j]
                if !(v >= -1 && v <= 1) { out.append(((i, j), "\(v)", "a correlation from -1 to 1")) }
                if j > i && abs(v - values[j * n + i]) > 1e-12 {
                    out.append(((i, j), "\(v) but [\(j)][\(i)] is \(values[j * n + i])", "a symmetric matrix"))
                }
            }
        }
        if out.isEmpty {
            let smallest = eigenvalues(symmetric: values, count: n).min() ?? 1
            if smallest < -eigenvalueTolerance {
                out.append((nil, "a matrix that is not positive semi-definite (smallest eigenvalue \(String(format: "%.6g", smallest)))",
                            "a positive semi-definite correlation matrix (every eigenvalue ≥ 0)"))
            }
        }
        return out
    }

    /// The eigenvalues of a symmetric matrix by the cyclic Jacobi method (Golub & Van Loan,
    /// *Matrix Computations*, §8.5), ascending. Converges to machine precision for the small
    /// matrices of a universe (n up to a few hundred).
    public static func eigenvalues(symmetric input: [Double], count n: Int) -> [Double] {
        var a = input
        for _ in 0..<100 {
            var off = 0.0
            for i in 0..<n { for j in 0..<n where j != i { off += a[i * n + j] * a[i * n + j] } }
            if off < 1e-30 { break }
            for p in 0..<n {
                for q in (p + 1)..<max(p + 1, n) {
                    let apq = a[p * n + q]
                    if abs(apq) < 1e-300 { continue }
                    let theta = (a[q * n + q] - a[p * n + p]) / (2 * apq)
                    let t = (theta >= 0 ? 1 : -1) / (abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot(), s = t * c
                    for k in 0..<n {
                        let akp = a[k * n + p], akq = a[k * n + q]
                        a[k * n + p] = c * akp - s * akq
                        a[k * n + q] = s * akp + c * akq
                    }
                    for k in 0..<n {
                        let apk = a[p * n + k], aqk = a[q * n + k]
                        a[p * n + k] = c * apk - s * aqk
                        a[q * n + k] = s * apk + c * aqk
                    }
                }
            }
        }
        return (0..<n).map { a[$0 * n + $0] }.sorted()
    }

    /// The lower-triangular L with L·Lᵀ = C (row-major). Semi-definite matrices are allowed:
    /// a pivot that falls below 1e-12 (a direction with no variance of its own, e.g. two
    /// perfectly correlated assets) gets a zero column.
    public func choleskyFactor() -> [Double] {
        let n = count
        var l = [Double](repeating: 0, count: n * n)
        for j in 0..<n {
            var d = self[j, j]
            for k in 0..<j { d -= l[j * n + k] * l[j * n + k] }
            if d <= 1e-12 {
                continue
            }
            let ljj = d.squareRoot()
            l[j * n + j] = ljj
            for i in (j + 1)..<max(j + 1, n) {
                var s = self[i, j]
                for k in 0..<j { s -= l[i * n + k] * l[j * n + k] }
                l[i * n + j] = s / ljj
            }
        }
        return l
    }
}
