/// The difference between two runs' mean P&L when both ran on the same random numbers (common
/// random numbers: path i of each run drew the same normals, jumps and event outcomes), from
/// the per-path differences dᵢ = aᵢ − bᵢ:
///
///     mean = (1/n)·Σ dᵢ,    standardError = sd(d)/√n,  sd with n − 1.
///
/// Pairing removes the noise both runs share: Var(ā − b̄) = (σ_a² + σ_b² − 2·cov(a, b))/n,
/// which is far below the independent-seed √(se_a² + se_b²) when the runs differ in one input
/// (Glasserman 2004, §4.2). Two runs that are the same on every path give mean 0 and standard
/// error 0 exactly.
///
/// A probability blend of scenarios (each path of scenario s weighing w_s/n_s, weights summing
/// to 1) has mean Σ w_s·mean_s and standard error √(Σ w_s²·se_s²), as `SummaryTable` blends
/// `mc_stderr`. Undefined values (no paths; the standard error of one path) are nil.
public struct PairedDifference: Sendable, Equatable {
    /// Mean of the per-path differences, in the P&L's unit.
    public var mean: Double?
    /// Standard error of `mean` from the per-path differences.
    public var standardError: Double?

    public init(mean: Double?, standardError: Double?) {
        self.mean = mean
        self.standardError = standardError
    }

    /// The difference `a − b` of two runs' per-path values (the same paths, in the same order;
    /// the counts must agree).
    public init(_ a: [Double], minus b: [Double]) {
        precondition(a.count == b.count, "paired runs must have the same paths")
        let d = zip(a, b).map { $0 - $1 }
        let s = PathStatistics(d, levels: [], tails: [])
        mean = s.mean
        standardError = s.standardError
    }

    /// The blend of scenarios' differences with weights that sum to 1; a part without a
    /// standard error adds none (as `SummaryTable.blendedRows`).
    public init(blending parts: [(difference: PairedDifference, weight: Double)]) {
        var m = 0.0, variance = 0.0, defined = false
        for (d, w) in parts {
            guard let mean = d.mean else { continue }
            defined = true
            m += w * mean
            if let se = d.standardError { variance += w * w * se * se }
        }
        mean = defined ? m : nil
        standardError = defined ? variance.squareRoot() : nil
    }

    /// The standard error two runs on independent seeds would give the same difference:
    /// √(se_a² + se_b²) (nil when either is undefined).
    public static func independentStandardError(_ a: Double?, _ b: Double?) -> Double? {
        guard let a, let b else { return nil }
        return (a * a + b * b).squareRoot()
    }

    /// |mean| > 1.96·standardError: different from 0 at the 5% level (two-sided, normal
    /// approximation). A difference with standard error 0 is significant when it is not 0.
    public var isSignificant: Bool {
        guard let mean, let se = standardError else { return false }
        return abs(mean) > 1.96 * se
    }
}
