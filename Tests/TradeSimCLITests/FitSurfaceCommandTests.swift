import Foundation
import Testing

/// `tradesim fit-surface` through the binary: the generated chain's fit, its study-syntax
/// output, and the exit codes of bad command lines (64) and bad or mismatched files (65).
@Suite("tradesim fit-surface")
struct FitSurfaceCommandTests {
    static let fixture = TradeSimBinary.packageRoot.appendingPathComponent("Tests/TradeSimTests/Fixtures/chains/synthetic_chain.csv").path
    static let usage = "Usage: tradesim fit-surface <chain> [--date <YYYY-MM-DD>] [--underlying <TICKER>] [--rate <R>] [--dividend <Q>] [--json]\n"
        + "  See 'tradesim fit-surface --help'.\n"
    static let header = "underlying_symbol,underlying_price,quote_date,expiration,option_type,strike,bid,ask\n"

    /// A chain file in a fresh temporary folder.
    static func file(_ text: String) throws -> (path: String, folder: URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tradesim-chain-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent("chain.csv")
        try Data(text.utf8).write(to: url)
        return (url.path, folder)
    }

    /// The JSON output's "surface" is the study syntax: ATM term points per expiry (days as the
    /// generator counts them) and the skew, within the generator's surface to 0.01 vol point
    /// and 1e-4 in slope and curvature.
    @Test func theGeneratedChainsSurfaceInStudySyntax() throws {
        let r = try TradeSimBinary.run(["fit-surface", Self.fixture, "--rate", "0.04", "--dividend", "0.01", "--json"])
        #expect(r.exitCode == 0)
        #expect(r.stderr.isEmpty)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(object["quotes"] as? Int == 228)
        #expect(object["used"] as? Int == 93 && object["skipped"] as? Int == 135)
        let surface = try #require(object["surface"] as? [String: Any])
        #expect(Set(surface.keys) == ["atm", "skew"])
        let terms = try #require(((surface["atm"] as? [String: Any])?["SYN"] as? [String: Any])?["terms"] as? [[String: Any]])
        // The generator's ATM rows: expiration,atm,,days,years,forward,x,vol,
        let text = try String(contentsOf: URL(fileURLWithPath: Self.fixture).deletingLastPathComponent()
            .appendingPathComponent("synthetic_surface.csv"), encoding: .utf8)
        let reference = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
            .filter { $0.count > 7 && $0[1] == "atm" }
        #expect(reference.count == 6)
        #expect(terms.map { $0["days"] as? Int } == reference.map { Int($0[3]) })
        for (term, ref) in zip(terms, reference) {
            #expect(abs((term["vol"] as? Double ?? 0) - Double(ref[7])!) < 1e-4)
        }
        let skew = try #require((surface["skew"] as? [String: Any])?["SYN"] as? [String: Double])
        #expect(abs(skew["slope"]! + 0.2) < 1e-4 && abs(skew["curvature"]! - 0.05) < 1e-4)
        #expect((object["quote_errors"] as? [Any])?.count == 93)
    }

    /// The table ends with the same surface on one line, which parses as JSON.
    @Test func theTableEndsWithTheStudySurface() throws {
        let table = try TradeSimBinary.run(["fit-surface", Self.fixture, "--rate", "0.04", "--dividend", "0.01"])
        let json = try TradeSimBinary.run(["fit-surface", Self.fixture, "--rate", "0.04", "--dividend", "0.01", "--json"])
        #expect(table.exitCode == 0)
        #expect(table.stdout.hasPrefix("SYN on 2025-05-05: 228 quotes, 93 used, 135 skipped (21 zero bid, 114 in the money); r=0.04 q=0.01\n"))
        let last = try #require(table.stdout.split(separator: "\n").last.map(String.init))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let surface = try JSONSerialization.data(withJSONObject: object["surface"]!, options: .sortedKeys)
        let lastSorted = try JSONSerialization.data(withJSONObject: JSONSerialization.jsonObject(with: Data(last.utf8)), options: .sortedKeys)
        #expect(surface == lastSorted)
    }

    @Test func badCommandLinesExit64() throws {
        let noFile = try TradeSimBinary.run(["fit-surface"])
        #expect(noFile.exitCode == 64)
        #expect(noFile.stderr == "Error: missing <chain>\n" + Self.usage)
        let badDate = try TradeSimBinary.run(["fit-surface", Self.fixture, "--date", "2025-5-5"])
        #expect(badDate.exitCode == 64)
        #expect(badDate.stderr == "Error: --date must be a date YYYY-MM-DD, got '2025-5-5'\n" + Self.usage)
        let badRate = try TradeSimBinary.run(["fit-surface", Self.fixture, "--rate", "4"])
        #expect(badRate.exitCode == 64)
        #expect(badRate.stderr == "Error: --rate must be a number ≥ -1 and ≤ 1, got '4'\n" + Self.usage)
    }

    /// A file of several dates or underlyings needs --date / --underlying (64); one that does
    /// not hold the date or underlying named is a data problem (65).
    @Test func choosingADateAndAnUnderlying() throws {
        let (path, folder) = try Self.file(Self.header + "X,100,2025-05-05,2025-06-20,put,90,1,1.1\nY,50,2025-05-06,2025-06-20,put,45,1,1.1\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        let cases: [([String], Int32, String)] = [
            ([], 64, "Error: \(path) has quotes on 2 dates (2025-05-05, 2025-05-06); choose one with --date\n" + Self.usage),
            (["--date", "2025-05-05"], 64, "Error: \(path) has quotes on 2 underlyings (X, Y); choose one with --underlying\n" + Self.usage),
            (["--date", "2025-05-07"], 65, "Error: \(path): found no quotes on 2025-05-07 (quote dates: 2025-05-05, 2025-05-06); "
                + "allowed: a --date that is one of the file's quote dates\n"),
            (["--date", "2025-05-05", "--underlying", "Z"], 65, "Error: \(path): found no quotes of 'Z' (underlyings: X, Y); "
                + "allowed: an --underlying that is one of the file's underlying_symbol values\n"),
            (["--date", "2025-05-05", "--underlying", "Y"], 65, "Error: \(path): found no quotes of Y on 2025-05-05; "
                + "allowed: a --date and --underlying that the file quotes together\n"),
            (["--date", "2025-05-05", "--underlying", "X", "--rate", "0", "--dividend", "0"], 65,
             "Error: \(path): found no expiry of X on 2025-05-05 with 3 usable strikes "
                + "(of 1 quote: 1 expiry with fewer than 3 usable strikes); allowed: at least 3 out-of-the-money quotes at different strikes, "
                + "with a bid > 0 and a mid a volatility gives, for one expiry\n"),
            (["--date", "2025-05-05", "--underlying", "X"], 65, "Error: \(path): found no expiry of X on 2025-05-05 with 3 usable strikes "
                + "(of 1 quote: 1 expiry without put–call pairs for its forward); allowed: at least 3 out-of-the-money quotes at different strikes, "
                + "with a bid > 0 and a mid a volatility gives, for one expiry; without a rate, a call and a put quoted at 2 or more common "
                + "strikes (its forward by put–call parity), or give the rate and yield\n"),
        ]
        for (arguments, code, message) in cases {
            let r = try TradeSimBinary.run(["fit-surface", path] + arguments)
            #expect(r.exitCode == code, "\(arguments)")
            #expect(r.stderr == message)
            #expect(r.stdout.isEmpty)
        }
    }

    @Test func badFilesExit65WithEveryProblem() throws {
        let (path, folder) = try Self.file(Self.header + "X,100,2025-05-05,2025-06-20,puts,90,1,1.1\nX,100,2025-05-05,2025-06-20,put,95,1.2,1.1\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        let r = try TradeSimBinary.run(["fit-surface", path])
        #expect(r.exitCode == 65)
        #expect(r.stderr == "Error: \(path):2:5: column option_type: found 'puts'; allowed: call, put, c or p (any case)\n"
            + "Error: \(path):3:8: column ask: found ask '1.1' below the bid '1.2'; allowed: an ask ≥ the bid\n")
        let missing = try TradeSimBinary.run(["fit-surface", folder.appendingPathComponent("none.csv").path])
        #expect(missing.exitCode == 65)
    }

    /// The README shows the command's usage line.
    @Test func theReadmeShowsTheUsageLine() throws {
        let readme = try String(contentsOf: TradeSimBinary.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let help = try TradeSimBinary.run(["fit-surface", "--help"]).stdout
        let usage = try #require(help.split(separator: "\n").first { $0.hasPrefix("USAGE: ") }).dropFirst(7)
        #expect(readme.contains("\n" + usage + "\n"))
    }
}
