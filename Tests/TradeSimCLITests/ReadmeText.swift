import Foundation
import Testing

/// The README, for tests that check what it documents.
enum ReadmeText {
    /// Every code span of the first cell of each row of the table after `marker` (the first
    /// table that follows it): `a`, `b` … in order.
    static func codeSpans(after marker: String) throws -> [String] {
        let readme = try String(contentsOf: TradeSimBinary.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let start = try #require(readme.range(of: marker))
        var spans: [String] = []
        for line in readme[start.upperBound...].split(separator: "\n").dropFirst() {
            if line.hasPrefix("|---") { continue }
            guard line.hasPrefix("| ") else { if !spans.isEmpty { break } else { continue } }
            let cell = line.dropFirst(2).prefix { $0 != "|" }
            spans += cell.split(separator: "`", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
        }
        return spans
    }
}
