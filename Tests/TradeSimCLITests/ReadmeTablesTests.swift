import Foundation
import Testing

/// The README's "Bad input: what tradesim checks" tables quote tradesim's messages: each row
/// named like a validation-audit case of its section must show that case's first message (its
/// start, where the README cuts it with "…"), so the README cannot drift from what the binary
/// prints.
@Suite("README bad-input tables")
struct ReadmeTablesTests {
    /// The audit's cases behind each README section.
    static let sections: [(heading: String, cases: [ValidationAuditTests.Case])] = [
        ("### Study file, JSON syntax and top level", ValidationAuditTests.topLevelCases),
        ("### Universe", ValidationAuditTests.universeCases),
        ("### Scenarios", ValidationAuditTests.scenariosCases),
        ("### Events", ValidationAuditTests.eventsCases),
        ("### Implied vol", ValidationAuditTests.impliedVolCases),
        ("### History", ValidationAuditTests.historyCases),
        ("### Playbook", ValidationAuditTests.playbookCases),
        ("### Decisions & legs", ValidationAuditTests.decisionsCases),
        ("### Entries & exits", ValidationAuditTests.entriesAndExitsCases),
        ("### Theses", ValidationAuditTests.thesesCases),
        ("### Price CSV files", ValidationAuditTests.priceCSVCases),
        ("### Return CSV files", ValidationAuditTests.returnCSVCases),
        ("### Command-line flags", ValidationAuditTests.flagsCases),
    ]

    /// The rows `| label | `message` … |` of the section that starts with `heading`.
    static func rows(_ readme: String, heading: String) -> [(label: String, message: String)] {
        guard let start = readme.range(of: "\n" + heading) else { return [] }
        let rest = readme[start.upperBound...]
        let end = rest.range(of: "\n#")?.lowerBound ?? rest.endIndex
        var out: [(String, String)] = []
        for line in rest[..<end].split(separator: "\n") where line.hasPrefix("| ") {
            let label = line.dropFirst(2).prefix { $0 != "|" }.trimmingCharacters(in: .whitespaces)
            // A code span: `…`, or `` … `` when the message holds a backtick.
            let fence = line.contains("`` ") ? "`` " : "`", closing = fence == "`` " ? " ``" : "`"
            guard let open = line.range(of: fence), let close = line.range(of: closing, range: open.upperBound..<line.endIndex) else { continue }
            out.append((label, String(line[open.upperBound..<close.lowerBound]).replacingOccurrences(of: "\\|", with: "|")))
        }
        return out
    }

    /// Whether a README quote shows `actual`: equal, or with "…" standing for cut text (at the
    /// end, or in the middle), the pieces around it in order.
    static func shows(_ quote: String, _ actual: String) -> Bool {
        let pieces = quote.components(separatedBy: "…")
        guard pieces.count > 1 else { return quote == actual }
        guard actual.hasPrefix(pieces[0]), actual.hasSuffix(pieces.last!) else { return false }
        var rest = actual.dropFirst(pieces[0].count)
        for piece in pieces.dropFirst().dropLast() where !piece.isEmpty {
            guard let r = rest.range(of: piece) else { return false }
            rest = rest[r.upperBound...]
        }
        return rest.count >= pieces.last!.count
    }

    @Test func rowsQuoteTheMessagesTheBinaryPrints() throws {
        let readme = try String(contentsOf: TradeSimBinary.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        var checked = 0
        for (heading, cases) in Self.sections {
            let rows = Self.rows(readme, heading: heading)
            #expect(!rows.isEmpty, "README section \(heading) has no rows")
            for (label, message) in rows {
                guard let c = cases.first(where: { $0.name == label }), let first = c.errors?.first else { continue }
                let actual = first.replacingOccurrences(of: "$DIR/", with: "")
                #expect(Self.shows(message, actual), "README row '\(label)' (\(heading)): \(message)\n    prints: \(actual)")
                checked += 1
            }
        }
        print("README bad-input tables: \(checked) rows checked against the audit's messages")
        #expect(checked >= 300)
    }
}
