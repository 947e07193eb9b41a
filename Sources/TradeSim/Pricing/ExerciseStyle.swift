/// When an option may be exercised: only at expiry (European) or at any time up to it (American).
public enum ExerciseStyle: String, Sendable, Hashable, CaseIterable, Codable {
    case european
    case american
}
