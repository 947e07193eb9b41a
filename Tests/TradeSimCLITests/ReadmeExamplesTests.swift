import Foundation
import Testing

/// The README's commands, as a new user types them: every synopsis is the command's own usage
/// line, and every example runs (exit 0) from a fresh copy of `scenarios/` with no `../shared`.
@Suite("README commands")
struct ReadmeExamplesTests {
    static let readme: [String] = {
        let text = (try? String(contentsOf: TradeSimBinary.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)) ?? ""
        return text.components(separatedBy: "\n")
    }()

    /// Under each "### `tradesim NAME`" heading, the first fenced block's first line.
    @Test func synopsesAreTheUsageLines() throws {
        var checked = 0
        for (i, line) in Self.readme.enumerated() where line.hasPrefix("### `tradesim ") {
            let name = line.dropFirst("### `tradesim ".count).prefix { $0 != "`" }
            guard let fence = Self.readme[(i + 1)...].firstIndex(where: { $0.hasPrefix("```") }) else { continue }
            let synopsis = Self.readme[fence + 1]
            let help = try TradeSimBinary.run([String(name), "--help"])
            let usage = help.stdout.components(separatedBy: "\n").first { $0.hasPrefix("USAGE: ") }.map { String($0.dropFirst(7)) }
            #expect(synopsis == usage, "README synopsis of \(name)")
            checked += 1
        }
        // merge is described with the shards, its synopsis second in that block.
        let merge = try TradeSimBinary.run(["merge", "--help"]).stdout.components(separatedBy: "\n").first { $0.hasPrefix("USAGE: ") }
        #expect(merge.map { Self.readme.contains(String($0.dropFirst(7))) } == true, "README synopsis of merge")
        #expect(checked == 11)
    }

    /// Lines in ```sh blocks starting `swift run -c release tradesim`, and `$ tradesim` lines in
    /// other blocks (the shard recipes, written for a user's own study.json, are not examples).
    static let examples: [String] = {
        var out: [String] = []
        var inBlock = false
        for line in readme {
            if line.hasPrefix("```") { inBlock.toggle(); continue }
            guard inBlock else { continue }
            let command = line.components(separatedBy: "  #").first!.trimmingCharacters(in: .whitespaces)
            if command.hasPrefix("swift run -c release tradesim ") { out.append(String(command.dropFirst("swift run -c release tradesim ".count))) }
            if command.hasPrefix("$ tradesim ") { out.append(String(command.dropFirst("$ tradesim ".count))) }
        }
        return out
    }()

    /// A command line split as a shell splits it: on spaces outside single quotes, the quotes
    /// removed (`--set 'a="x y"'` is one argument, `a="x y"`).
    static func words(_ line: String) -> [String] {
        var out: [String] = [], word = "", quoted = false, started = false
        for c in line {
            if c == "'" { quoted.toggle(); started = true; continue }
            if c == " " && !quoted {
                if started { out.append(word) }
                word = ""
                started = false
                continue
            }
            word.append(c)
            started = true
        }
        if started { out.append(word) }
        return out
    }

    @Test func examplesRunFromAFreshCopy() throws {
        let fm = FileManager.default
        let work = fm.temporaryDirectory.appendingPathComponent("tradesim-readme-\(UUID().uuidString)/clone")
        defer { try? fm.removeItem(at: work.deletingLastPathComponent()) }
        try fm.createDirectory(at: work, withIntermediateDirectories: true)
        try fm.copyItem(at: TradeSimBinary.packageRoot.appendingPathComponent("scenarios"), to: work.appendingPathComponent("scenarios"))
        #expect(!fm.fileExists(atPath: work.deletingLastPathComponent().appendingPathComponent("shared").path))
        #expect(Self.examples.count >= 6)
        for example in Self.examples {
            let arguments = Self.words(example)
            let r = try TradeSimBinary.run(arguments, in: work)
            #expect(r.exitCode == 0, "README example `tradesim \(example)`: \(r.stderr)")
        }
    }

    /// The "Using the library" example is the code LibraryExampleTests compiles and runs.
    @Test func libraryExampleIsTheCompiledOne() throws {
        let source = try String(contentsOf: TradeSimBinary.packageRoot.appendingPathComponent("Tests/TradeSimTests/Playbook/LibraryExampleTests.swift"), encoding: .utf8)
        let lines = source.components(separatedBy: "\n")
        let begin = try #require(lines.firstIndex { $0.contains("// README example begins") })
        let end = try #require(lines.firstIndex { $0.contains("// README example ends") })
        let compiled = lines[(begin + 1)..<end].map { $0.hasPrefix("        ") ? String($0.dropFirst(8)) : $0 }
        let start = try #require(Self.readme.firstIndex(of: "## Using the library"))
        let fence = try #require(Self.readme[start...].firstIndex(of: "```swift"))
        let close = try #require(Self.readme[(fence + 1)...].firstIndex(of: "```"))
        let shown = Array(Self.readme[(fence + 1)..<close])
        #expect(shown == ["import TradeSim", ""] + compiled)
    }
}
