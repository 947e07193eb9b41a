/// What kind of listed name an asset is, which sets how its listed options are exercised
/// unless the study says otherwise.
///
/// US single-stock and ETF options are American: the holder may exercise at any close up to
/// expiry (OCC, *Characteristics and Risks of Standardized Options*, ch. II, "American-style
/// options"). Broad index options (SPX, NDX, RUT) are European and cash-settled (CBOE SPX
/// contract specifications). A study's `universe[i].type` names the kind; its
/// `exercise`, a decision's or a leg's then overrides the default (`DecisionSpec+Lowering`).
public enum AssetType: String, Sendable, Hashable, CaseIterable, Codable {
    /// A single stock (the default): American options.
    case stock
    /// An exchange-traded fund: American options.
    case etf
    /// A broad market index: European, cash-settled options.
    case index

    /// The exercise style of this kind's listed options: American for stocks and ETFs,
    /// European for indexes.
    public var listedExercise: ExerciseStyle {
        switch self {
        case .stock, .etf: .american
        case .index: .european
        }
    }
}
