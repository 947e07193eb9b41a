/// The Cholesky factor of a symmetric positive semi-definite matrix, and how much of the matrix
/// it leaves out.
///
/// Column by column (the gaxpy form, Golub & Van Loan, *Matrix Computations*, 4th ed., §4.2.5,
/// Algorithm 4.2.1), for j = 0 … n−1:
///
///     v_i = C_ij − Σ_{k<j} L_ik·L_jk     (i ≥ j; the sum term by term, k ascending)
///     d_j = v_j (the pivot);  L_jj = √d_j,  L_ij = v_i / L_jj   when d_j > 1e-12
///     L_ij = 0 for every i ≥ j                                    when d_j ≤ 1e-12
///
/// A pivot at or below 1e-12 is a direction with no variance of its own (two perfectly
/// correlated assets, uniform ρ = 1, ρ = −1/(n−1)): its column is left at zero. Then
/// L·Lᵀ = C − E, where E holds, for each such column j, the pivot d_j and the rest of the
/// column v_{i>j} (and its mirror); its 2-norm is at most
///
///     dropped = Σ_{zeroed j} (|d_j| + ‖v_{i>j}‖₂)
///
/// (the norm of a symmetric arrow with diagonal d and arm v is |d|/2 + √(d²/4 + ‖v‖²)), so by
/// Weyl's inequality λ_min(C) ≥ λ_min(L·Lᵀ) − ‖E‖₂ ≥ −dropped: a small `dropped` proves C
/// positive semi-definite up to it. For a PSD matrix the zeroed columns are zero up to rounding
/// (Higham, *Accuracy and Stability of Numerical Algorithms*, 2nd ed., §10.3: a zero pivot of a
/// PSD matrix has a zero column below it); a negative pivot, or a zero pivot with a non-zero
/// column below it, makes `dropped` large, and C is not PSD or is on the edge (a pivot of
/// 2e-12 followed by a huge negative one can belong to a matrix whose smallest eigenvalue is
/// −5e-11): only the smallest eigenvalue then decides (`CorrelationMatrix.check`).
///
/// Cost: n³/3 multiply-subtracts, vectorised across the rows i of a column; every entry is
/// computed with the same operations in the same order as the textbook row-by-row loop, so
/// the factor is the same to the bit.
struct CholeskyFactorization: Sendable {
    /// L, row-major n × n, lower-triangular.
    let lower: [Double]
    /// Σ |d_j| + ‖v_{i>j}‖₂ over the zeroed columns (0 when none is): ‖C − L·Lᵀ‖₂ ≤ dropped.
    let dropped: Double

    /// Pivots at or below this are zero: their column is left out.
    static let pivotFloor = 1e-12

    init(symmetric c: [Double], count n: Int) {
        precondition(c.count == n * n)
        // Columns of L (and the column being built) are contiguous here: column j at j·n.
        var columns = [Double](repeating: 0, count: n * n)
        var dropped = 0.0
        columns.withUnsafeMutableBufferPointer { buffer in
            let cols = buffer.baseAddress!
            var v = [Double](repeating: 0, count: n)
            v.withUnsafeMutableBufferPointer { vb in
                let v = vb.baseAddress!
                for j in 0..<n {
                    for i in j..<n { v[i] = c[i * n + j] }
                    for k in 0..<j { Self.subtract(cols + k * n, times: cols[k * n + j], from: v, rows: j..<n) }
                    let d = v[j]
                    if d <= Self.pivotFloor {
                        var rest = 0.0
                        for i in (j + 1)..<max(j + 1, n) { rest += v[i] * v[i] }
                        dropped += abs(d) + rest.squareRoot()
                        continue
                    }
                    let ljj = d.squareRoot()
                    cols[j * n + j] = ljj
                    for i in (j + 1)..<max(j + 1, n) { cols[j * n + i] = v[i] / ljj }
                }
            }
        }
        var l = [Double](repeating: 0, count: n * n)
        for j in 0..<n { for i in j..<n { l[i * n + j] = columns[j * n + i] } }
        lower = l
        self.dropped = dropped
    }

    /// v_i −= column_i · a for i in `rows` (a product, then a difference: no fused
    /// multiply-add, so each v_i is rounded exactly as in the scalar loop).
    @inline(__always)
    private static func subtract(_ column: UnsafeMutablePointer<Double>, times a: Double,
                                 from v: UnsafeMutablePointer<Double>, rows: Range<Int>) {
        var i = rows.lowerBound
        let end = rows.upperBound
        let scale = SIMD8<Double>(repeating: a)
        while i + 8 <= end {
            storeV(v, i, loadV(v, i) - loadV(column, i) * scale)
            i += 8
        }
        while i < end {
            v[i] -= column[i] * a
            i += 1
        }
    }
}
