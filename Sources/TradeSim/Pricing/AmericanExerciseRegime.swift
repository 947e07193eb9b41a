/// How early exercise behaves for given rates, which decides how an American option is priced.
///
/// For a put with rate r and dividend yield q (a call is the put with r and q exchanged, by
/// McDonald & Schroder's symmetry C(S, K, r, q) = P(K, S, q, r)):
/// - r > 0, or r = 0 with q < 0: one exercise boundary below the strike (`singleBoundary`);
/// - r ≤ 0 with q ≥ r (among them every call with q ≤ 0 and r ≥ q, e.g. q = 0): exercising early
///   never pays, the American price is the European one (`neverEarly`);
/// - q < r < 0: the exercise region is a band between two boundaries that meet at a finite
///   time to maturity (`doubleBoundary`; Battauz, De Donno & Sbuelz, "Real options and American
///   derivatives: the double continuation region", Management Science 61(5), 2015).
public enum AmericanExerciseRegime: String, Sendable, Hashable {
    case neverEarly
    case singleBoundary
    case doubleBoundary

    /// The regime of a put with these rates (for a call, pass its r as `dividendYield` and its q
    /// as `rate`).
    public static func put(rate r: Double, dividendYield q: Double) -> AmericanExerciseRegime {
        if r > 0 || (r == 0 && q < 0) { return .singleBoundary }
        if q >= r { return .neverEarly }
        return .doubleBoundary
    }

    /// The regime of an option of either type.
    public static func of(_ type: OptionType, rate r: Double, dividendYield q: Double) -> AmericanExerciseRegime {
        type == .put ? put(rate: r, dividendYield: q) : put(rate: q, dividendYield: r)
    }
}
