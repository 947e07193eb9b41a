@testable import TradeSim

/// Independent references for the correlation checks: the routines the library used before
/// the Cholesky test (kept here, out of the library, to check the new code against).
enum MatrixReferences {
    /// The eigenvalues of a symmetric matrix by the cyclic Jacobi method (Golub & Van Loan,
    /// *Matrix Computations*, §8.5), ascending: the library's PSD check until the Cholesky test
    /// replaced it (O(n³) per sweep, many sweeps; fine for the small matrices of the tests).
    static func jacobiEigenvalues(symmetric input: [Double], count n: Int) -> [Double] {
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

    /// The Cholesky factor row by row, each entry a scalar dot product (the library's routine
    /// before the column-wise, vectorised one): pivots ≤ 1e-12 get a zero column.
    static func rowCholesky(_ c: [Double], count n: Int) -> [Double] {
        var l = [Double](repeating: 0, count: n * n)
        for j in 0..<n {
            var d = c[j * n + j]
            for k in 0..<j { d -= l[j * n + k] * l[j * n + k] }
            if d <= 1e-12 { continue }
            let ljj = d.squareRoot()
            l[j * n + j] = ljj
            for i in (j + 1)..<max(j + 1, n) {
                var s = c[i * n + j]
                for k in 0..<j { s -= l[i * n + k] * l[j * n + k] }
                l[i * n + j] = s / ljj
            }
        }
        return l
    }

    // MARK: - Test matrices

    /// A k-factor model with unit diagonal: C_ij = Σ_f b_if·b_jf for i ≠ j, loadings drawn
    /// from SplitMix64(seed) in ±scale (each row's Σ_f b_if² below 1, so C is positive definite).
    static func factorModel(_ n: Int, factors k: Int, scale: Double, seed: UInt64) -> [Double] {
        var g = SplitMix64(seed: seed)
        let b = (0..<(n * k)).map { _ in (Double(g.next() >> 11) / 9_007_199_254_740_992 * 2 - 1) * scale / Double(k).squareRoot() }
        var c = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0..<n {
                c[i * n + j] = i == j ? 1 : (0..<k).reduce(0.0) { $0 + b[i * k + $1] * b[j * k + $1] }
            }
        }
        return c
    }

    /// A symmetric matrix with unit diagonal and off-diagonal entries uniform in ±scale
    /// (SplitMix64(seed)): positive definite for small scales, indefinite for large ones.
    static func randomSymmetric(_ n: Int, scale: Double, seed: UInt64) -> [Double] {
        var g = SplitMix64(seed: seed)
        var c = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            c[i * n + i] = 1
            for j in 0..<i {
                let x = (Double(g.next() >> 11) / 9_007_199_254_740_992 * 2 - 1) * scale
                c[i * n + j] = x
                c[j * n + i] = x
            }
        }
        return c
    }

    /// The uniform-ρ matrix (eigenvalues 1 − ρ, n − 1 times, and 1 + (n − 1)·ρ).
    static func uniform(_ n: Int, _ rho: Double) -> [Double] {
        (0..<(n * n)).map { $0 / n == $0 % n ? 1 : rho }
    }

    /// `c` with asset `i` repeated as a new last asset (a perfectly correlated duplicate).
    static func duplicating(_ c: [Double], count n: Int, asset i: Int) -> [Double] {
        let m = n + 1
        func source(_ a: Int) -> Int { a == n ? i : a }
        return (0..<(m * m)).map { c[source($0 / m) * n + source($0 % m)] }
    }
}
