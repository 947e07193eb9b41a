import Foundation

/// Weighted linear least squares: the β that minimises Σ_i w_i·(y_i − X_i·β)².
///
/// Method: Householder QR of the scaled system √w_i·X_i, √w_i·y_i, then back substitution
/// R·β = Qᵀ·√W·y (Golub & Van Loan, *Matrix Computations*, 4th ed., §5.3.3): the condition
/// number enters once, not squared as in the normal equations XᵀWX·β = XᵀWy.
///
/// Returns nil when the columns are (numerically) dependent — a diagonal |R_jj| at or below
/// 1e-10 times the norm of column j of √W·X, e.g. every row at the same x — or when there are
/// fewer rows than columns, or a weight is negative or not finite.
enum WeightedLeastSquares {
    /// `rows[i]` is X_i (every row the same length p ≥ 1), `values[i]` y_i, `weights[i]` w_i ≥ 0.
    static func solve(rows: [[Double]], values: [Double], weights: [Double]) -> [Double]? {
        let n = rows.count
        guard n > 0, values.count == n, weights.count == n else { return nil }
        let p = rows[0].count
        guard p >= 1, n >= p, rows.allSatisfy({ $0.count == p }),
              weights.allSatisfy({ $0.isFinite && $0 >= 0 }) else { return nil }
        // a: the scaled matrix, column-major (column j at a[j*n ..< (j+1)*n]); b: the scaled values.
        var a = [Double](repeating: 0, count: n * p)
        var b = [Double](repeating: 0, count: n)
        for i in 0..<n {
            let s = weights[i].squareRoot()
            for j in 0..<p { a[j * n + i] = s * rows[i][j] }
            b[i] = s * values[i]
        }
        var columnNorm = [Double](repeating: 0, count: p)
        for j in 0..<p { columnNorm[j] = norm(a, from: j * n, count: n) }
        var diagonal = [Double](repeating: 0, count: p)
        for k in 0..<p {
            // The Householder vector v of column k below the diagonal: (I − 2vvᵀ/vᵀv)·x = −sign(x_k)‖x‖·e_k.
            let start = k * n + k, m = n - k
            let alpha = norm(a, from: start, count: m)
            guard alpha > 1e-10 * columnNorm[k], alpha > 0 else { return nil }
            let r = a[start] > 0 ? -alpha : alpha
            a[start] -= r
            let vv = dot(a, start, a, start, count: m)
            // Apply to the later columns and to b.
            for j in (k + 1)..<p {
                let f = 2 * dot(a, start, a, j * n + k, count: m) / vv
                for i in 0..<m { a[j * n + k + i] -= f * a[start + i] }
            }
            var f = 0.0
            for i in 0..<m { f += a[start + i] * b[k + i] }
            f = 2 * f / vv
            for i in 0..<m { b[k + i] -= f * a[start + i] }
            diagonal[k] = r
        }
        // Back substitution: R is `diagonal` on the diagonal and a[j*n + k] above it (k < j).
        var beta = [Double](repeating: 0, count: p)
        for k in stride(from: p - 1, through: 0, by: -1) {
            var s = b[k]
            for j in (k + 1)..<p { s -= a[j * n + k] * beta[j] }
            beta[k] = s / diagonal[k]
        }
        return beta.allSatisfy(\.isFinite) ? beta : nil
    }

    private static func norm(_ x: [Double], from start: Int, count: Int) -> Double {
        var scale = 0.0
        for i in 0..<count { scale = Swift.max(scale, abs(x[start + i])) }
        guard scale > 0 else { return 0 }
        var s = 0.0
        for i in 0..<count { let t = x[start + i] / scale; s += t * t }
        return scale * s.squareRoot()
    }

    private static func dot(_ x: [Double], _ i0: Int, _ y: [Double], _ j0: Int, count: Int) -> Double {
        var s = 0.0
        for i in 0..<count { s += x[i0 + i] * y[j0 + i] }
        return s
    }
}
