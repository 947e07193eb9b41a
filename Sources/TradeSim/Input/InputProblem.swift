import Foundation

/// One thing wrong with an input file: where it is, what was found there and what is allowed.
///
/// Rendered as `file:line:column: path: found …; allowed: …`, where `path` is a JSON path
/// (`scenarios[1].events[0].outcomes[2].probability`) or a CSV location (`column Close`).
public struct InputProblem: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var path: String
    public var found: String
    public var allowed: String

    public init(file: String, line: Int? = nil, column: Int? = nil, path: String, found: String, allowed: String) {
        self.file = file
        self.line = line
        self.column = column
        self.path = path
        self.found = found
        self.allowed = allowed
    }

    public var description: String {
        var place = file
        if let line { place += ":\(line)" + (column.map { ":\($0)" } ?? "") }
        let at = path.isEmpty ? "" : " \(path):"
        return "\(place):\(at) found \(found); allowed: \(allowed)"
    }
}

/// Every problem found in one validation pass (validation does not stop at the first).
public struct InputProblems: Error, Sendable, CustomStringConvertible {
    public var problems: [InputProblem]

    public init(_ problems: [InputProblem]) { self.problems = problems }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}

/// Bounds for a number, with the phrase messages use ("a number > 0", "a number ≥ 0 and ≤ 1").
public struct NumberRule: Sendable, Hashable {
    public var min: Double?
    public var minInclusive: Bool
    public var max: Double?
    public var maxInclusive: Bool

    public init(min: Double? = nil, minInclusive: Bool = true, max: Double? = nil, maxInclusive: Bool = true) {
        self.min = min
        self.minInclusive = minInclusive
        self.max = max
        self.maxInclusive = maxInclusive
    }

    public static let any = NumberRule()
    public static let positive = NumberRule(min: 0, minInclusive: false)
    public static let nonNegative = NumberRule(min: 0)
    public static let probability = NumberRule(min: 0, max: 1)

    public func allows(_ x: Double) -> Bool {
        guard x.isFinite else { return false }
        if let lo = min, minInclusive ? x < lo : x <= lo { return false }
        if let hi = max, maxInclusive ? x > hi : x >= hi { return false }
        return true
    }

    public var phrase: String {
        var parts: [String] = []
        if let lo = min { parts.append("\(minInclusive ? "≥" : ">") \(Self.format(lo))") }
        if let hi = max { parts.append("\(maxInclusive ? "≤" : "<") \(Self.format(hi))") }
        if parts.isEmpty { return "a finite number" }
        return "a number " + parts.joined(separator: " and ")
    }

    /// Whole numbers as integers up to a billion, powers of ten beyond as 1e12, others as Swift prints them.
    static func format(_ x: Double) -> String {
        if x == x.rounded() && abs(x) <= 1e9 { return String(Int(x)) }
        let exponent = log10(abs(x)).rounded()
        if x != 0, exponent == exponent.rounded(), pow(10, exponent) == abs(x) { return (x < 0 ? "-" : "") + "1e\(Int(exponent))" }
        return String(x)
    }
}
