import Foundation

/// One thing wrong with an input file: where it is, what was found there and what is allowed.
///
/// Rendered as `file:line:column: path: found …; allowed: …`, where `path` is a JSON path
/// (`scenarios[1].events[0].outcomes[2].probability`) or a CSV location (`column Close`).
public struct InputProblem: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file, as the caller named it.
    public var file: String
    /// 1-based line, when known.
    public var line: Int?
    /// 1-based column (in characters), when known.
    public var column: Int?
    /// Where in the file: a JSON path (`playbook.decisions[2].legs[0].strike`) or a CSV place (`column Close`); "" for the whole file.
    public var path: String
    /// What was found there, quoted as the file has it.
    public var found: String
    /// What is allowed there.
    public var allowed: String

    /// A problem at `file`:`line`:`column`, `path`.
    public init(file: String, line: Int? = nil, column: Int? = nil, path: String, found: String, allowed: String) {
        self.file = file
        self.line = line
        self.column = column
        self.path = path
        self.found = found
        self.allowed = allowed
    }

    /// One line: no control character of any part (a file name, an echoed cell) reaches the
    /// terminal raw; `MessageText.visible` shows each as an escape.
    public var description: String {
        var place = file
        if let line { place += ":\(line)" + (column.map { ":\($0)" } ?? "") }
        let at = path.isEmpty ? "" : " \(path):"
        return MessageText.visible("\(place):\(at) found \(found); allowed: \(allowed)")
    }
}

/// Every problem found in one validation pass (validation does not stop at the first).
public struct InputProblems: Error, Sendable, CustomStringConvertible {
    /// The problems, in the order found.
    public var problems: [InputProblem]

    /// The problems `problems`.
    public init(_ problems: [InputProblem]) { self.problems = problems }

    /// Each problem's `description`, one per line.
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}

/// The problems found while reading one file, at most `limit` of them: the next one is
/// replaced by a last problem that says reading stopped there (a file of a million bad rows
/// makes a readable message, not a million lines).
struct ProblemList {
    let file: String
    let limit: Int
    private(set) var list: [InputProblem] = []

    init(file: String, limit: Int) {
        self.file = file
        self.limit = limit
    }

    /// Reading should stop: the limit was passed.
    var isFull: Bool { list.count > limit }

    mutating func add(_ p: InputProblem) {
        if list.count < limit {
            list.append(p)
        } else if list.count == limit {
            list.append(InputProblem(file: file, line: p.line, path: "", found: "more than \(limit) problems; reading stopped here",
                                     allowed: "a file with fewer problems (fix the ones above and run again)"))
        }
    }
}

/// Bounds for a number, with the phrase messages use ("a number > 0", "a number ≥ 0 and ≤ 1").
package struct NumberRule: Sendable, Hashable {
    package var min: Double?
    package var minInclusive: Bool
    package var max: Double?
    package var maxInclusive: Bool

    package init(min: Double? = nil, minInclusive: Bool = true, max: Double? = nil, maxInclusive: Bool = true) {
        self.min = min
        self.minInclusive = minInclusive
        self.max = max
        self.maxInclusive = maxInclusive
    }

    package static let any = NumberRule()
    package static let positive = NumberRule(min: 0, minInclusive: false)
    package static let nonNegative = NumberRule(min: 0)
    package static let probability = NumberRule(min: 0, max: 1)

    package func allows(_ x: Double) -> Bool {
        guard x.isFinite else { return false }
        if let lo = min, minInclusive ? x < lo : x <= lo { return false }
        if let hi = max, maxInclusive ? x > hi : x >= hi { return false }
        return true
    }

    package var phrase: String {
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
