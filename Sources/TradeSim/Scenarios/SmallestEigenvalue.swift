/// The smallest eigenvalue of a real symmetric matrix.
///
/// 1. Householder tridiagonalisation Qᵀ·C·Q = T (Golub & Van Loan, *Matrix Computations*,
///    4th ed., §8.3.1, Algorithm 8.3.1): for k = 0 … n−3 a reflection P = I − β·v·vᵀ maps
///    column k below the diagonal onto a multiple of e₁; the trailing block A is updated as
///    A − v·wᵀ − w·vᵀ with p = β·A·v and w = p − (β·pᵀv/2)·v. About 4n³/3 flops; backward
///    stable, so T's eigenvalues are C's within a small multiple of n·u·‖C‖₂ (u = 2⁻⁵³).
/// 2. Bisection on T with Sturm counts (G&VL §8.4.1; Barth, Martin & Wilkinson 1967): the
///    number of negative q_i in q₀ = a₀ − x, q_i = a_i − x − b_{i−1}²/q_{i−1} is the number of
///    eigenvalues below x (a q that is 0 is replaced by −pivmin, as LAPACK's dlaebz does).
///    Starting from the Gershgorin interval, it halves until the interval is as narrow as
///    the doubles around it allow.
///
/// Used only where the Cholesky test cannot decide (a matrix that is not positive
/// semi-definite, or is on the edge), to name the smallest eigenvalue in the message.
enum SmallestEigenvalue {
    static func of(symmetric input: [Double], count n: Int) -> Double {
        precondition(input.count == n * n)
        guard n > 0 else { return .infinity }
        var diagonal = [Double](repeating: 0, count: n)
        var offDiagonal = [Double](repeating: 0, count: max(n - 1, 0))
        var a = input
        a.withUnsafeMutableBufferPointer { buffer in
            let a = buffer.baseAddress!
            var v = [Double](repeating: 0, count: n), p = [Double](repeating: 0, count: n)
            for k in 0..<max(n - 2, 0) {
                let first = k + 1  // the trailing block is rows and columns first..<n
                var norm2 = 0.0
                for i in first..<n { v[i] = a[i * n + k]; norm2 += v[i] * v[i] }
                diagonal[k] = a[k * n + k]
                let x0 = v[first]
                let alpha = norm2.squareRoot()
                // Reflect onto −sign(x0)·‖x‖·e₁ (no cancellation in v₀ = x0 + sign(x0)·‖x‖).
                let beta0 = x0 >= 0 ? -alpha : alpha
                offDiagonal[k] = beta0
                v[first] = x0 - beta0
                let vnorm2 = norm2 - x0 * x0 + v[first] * v[first]
                guard vnorm2 > 0 else { offDiagonal[k] = x0; continue }
                let beta = 2 / vnorm2
                v.withUnsafeMutableBufferPointer { vb in
                    p.withUnsafeMutableBufferPointer { pb in
                        let v = vb.baseAddress!, p = pb.baseAddress!
                        var pv = 0.0
                        for i in first..<n {
                            p[i] = beta * dot(a + i * n, v, first..<n)
                            pv += p[i] * v[i]
                        }
                        let half = beta * pv / 2
                        for i in first..<n { p[i] -= half * v[i] }  // p is now w
                        for i in first..<n { subtractRankTwo(a + i * n, v[i], p, p[i], v, first..<n) }
                    }
                }
            }
            if n >= 2 {
                diagonal[n - 2] = a[(n - 2) * n + n - 2]
                offDiagonal[n - 2] = a[(n - 1) * n + n - 2]
            }
            diagonal[n - 1] = a[(n - 1) * n + n - 1]
        }
        return smallestOfTridiagonal(diagonal: diagonal, offDiagonal: offDiagonal)
    }

    /// Σ x_j·y_j over `range`, eight products at a time.
    @inline(__always)
    private static func dot(_ x: UnsafeMutablePointer<Double>, _ y: UnsafeMutablePointer<Double>, _ range: Range<Int>) -> Double {
        var j = range.lowerBound
        var sum = SIMD8<Double>(repeating: 0)
        while j + 8 <= range.upperBound {
            sum = sum.addingProduct(loadV(x, j), loadV(y, j))
            j += 8
        }
        var s = sum.sum()
        while j < range.upperBound { s += x[j] * y[j]; j += 1 }
        return s
    }

    /// row_j −= a·w_j + b·v_j over `range`.
    @inline(__always)
    private static func subtractRankTwo(_ row: UnsafeMutablePointer<Double>, _ a: Double, _ w: UnsafeMutablePointer<Double>,
                                        _ b: Double, _ v: UnsafeMutablePointer<Double>, _ range: Range<Int>) {
        var j = range.lowerBound
        let a8 = SIMD8<Double>(repeating: a), b8 = SIMD8<Double>(repeating: b)
        while j + 8 <= range.upperBound {
            storeV(row, j, loadV(row, j) - (a8 * loadV(w, j) + b8 * loadV(v, j)))
            j += 8
        }
        while j < range.upperBound { row[j] -= a * w[j] + b * v[j]; j += 1 }
    }

    /// The smallest eigenvalue of the symmetric tridiagonal matrix with `diagonal` a and
    /// `offDiagonal` b, by bisection with Sturm counts.
    static func smallestOfTridiagonal(diagonal a: [Double], offDiagonal b: [Double]) -> Double {
        let n = a.count
        var low = Double.infinity, high = -Double.infinity
        for i in 0..<n {
            let radius = (i > 0 ? abs(b[i - 1]) : 0) + (i < n - 1 ? abs(b[i]) : 0)
            low = min(low, a[i] - radius)
            high = max(high, a[i] + radius)
        }
        let pivmin = Double.leastNormalMagnitude * max(1, b.reduce(0) { max($0, $1 * $1) })
        /// How many eigenvalues are below x.
        func below(_ x: Double) -> Int {
            var count = 0
            var q = 1.0
            for i in 0..<n {
                q = a[i] - x - (i > 0 ? b[i - 1] * b[i - 1] / q : 0)
                if abs(q) <= pivmin { q = -pivmin }
                if q < 0 { count += 1 }
            }
            return count
        }
        // Invariant: below(low) == 0 and below(high) ≥ 1 (Gershgorin's bounds hold every eigenvalue).
        low -= pivmin
        high += pivmin
        for _ in 0..<200 {
            let mid = low + (high - low) / 2
            if mid <= low || mid >= high { break }
            if below(mid) >= 1 { high = mid } else { low = mid }
        }
        return low + (high - low) / 2
    }
}
