import Foundation

/// Polynomial interpolation of degree n on [−1, 1] through the n + 1 Chebyshev extrema
/// (Chebyshev–Lobatto points) zⱼ = cos(jπ/n), j = 0…n (z₀ = 1, zₙ = −1).
///
/// The interpolant is p(z) = Σ″ₖ aₖ·Tₖ(z) with aₖ = (2/n)·Σ″ⱼ fⱼ·cos(jkπ/n), where Σ″ halves the
/// first and last terms and Tₖ is the Chebyshev polynomial of the first kind (Trefethen,
/// *Approximation Theory and Approximation Practice*, 2013, ch. 3; the discrete cosine
/// transform of type I). Evaluation by Clenshaw's recurrence.
///
/// Because the interpolant is linear in the values fⱼ, its value at a fixed point z is
/// Σⱼ ℓⱼ(z)·fⱼ with the Lagrange basis ℓⱼ; `basisRow(at:)` returns those n + 1 numbers so that
/// callers interpolating at the same points many times precompute them once.
struct ChebyshevLobattoInterpolation: Sendable {
    /// The degree n (n + 1 nodes).
    let degree: Int
    /// zⱼ = cos(jπ/n), j = 0…n, descending from 1 to −1.
    let nodes: [Double]

    init(degree n: Int) {
        precondition(n >= 1, "Chebyshev interpolation needs at least two nodes")
        degree = n
        nodes = (0...n).map { j in
            // cos(jπ/n) with the symmetric nodes exactly opposite and the middle one exactly 0.
            if 2 * j == n { return 0 }
            return 2 * j < n ? cos(Double.pi * Double(j) / Double(n)) : -cos(Double.pi * Double(n - j) / Double(n))
        }
    }

    /// The Chebyshev coefficients a₀…aₙ of the interpolant through `values` (fⱼ at zⱼ).
    func coefficients(_ values: [Double]) -> [Double] {
        precondition(values.count == degree + 1)
        let n = degree
        return (0...n).map { k in
            var sum = 0.0
            for j in 0...n {
                let c = (j == 0 || j == n) ? 0.5 : 1
                sum += c * values[j] * cos(Double.pi * Double(j * k % (2 * n)) / Double(n))
            }
            return 2 * sum / Double(n)
        }
    }

    /// p(z) = Σ″ₖ aₖ·Tₖ(z) by Clenshaw's recurrence (the last coefficient halved as Σ″ requires).
    static func evaluate(_ a: [Double], at z: Double) -> Double {
        let n = a.count - 1
        var b1 = 0.5 * a[n], b2 = 0.0
        var k = n - 1
        while k >= 1 {
            let b0 = 2 * z * b1 - b2 + a[k]
            b2 = b1
            b1 = b0
            k -= 1
        }
        return z * b1 - b2 + 0.5 * a[0]
    }

    /// The Lagrange basis at z: ℓⱼ(z), j = 0…n, so that p(z) = Σⱼ ℓⱼ(z)·fⱼ. Barycentric form
    /// for Chebyshev–Lobatto points, ℓⱼ(z) = (vⱼ/(z − zⱼ)) / Σₖ vₖ/(z − zₖ) with vⱼ = (−1)ʲ,
    /// halved for j = 0 and j = n (Berrut & Trefethen, "Barycentric Lagrange interpolation",
    /// SIAM Review 46, 2004, eq. 5.2); at a node it is that node's unit vector.
    func basisRow(at z: Double) -> [Double] {
        let n = degree
        if let hit = nodes.firstIndex(of: z) {
            return (0...n).map { $0 == hit ? 1 : 0 }
        }
        let terms = (0...n).map { j -> Double in
            let v = (j % 2 == 0 ? 1.0 : -1.0) * ((j == 0 || j == n) ? 0.5 : 1)
            return v / (z - nodes[j])
        }
        let total = terms.reduce(0, +)
        return terms.map { $0 / total }
    }
}
