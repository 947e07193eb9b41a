import Foundation
import Testing

/// `tradesim draft CARD.txt`: the first card drafts a study that validates, and, once the test
/// fills its placeholders, runs.
@Suite("tradesim draft")
struct DraftCommandTests {
    static let root = TradeSimBinary.packageRoot
    static let card = "scenarios/cards/rare-earths-us-china.txt"

    static func temporaryDirectory() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tradesim-draft-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func seedCardDraftValidatesAndRunsOnceThePlaceholdersAreFilled() throws {
        let dir = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let drafted = dir.appendingPathComponent("drafted.json").path
        let r = try TradeSimBinary.run(["draft", Self.card, "--start", "2026-08-03", "--out", drafted], in: Self.root)
        #expect(r.exitCode == 0, "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.hasPrefix("Drafted 4 decisions from \(Self.card) into \(drafted). To decide (16):\n"))
        // 14 before issue 20, + MP read from its capitals alone and the NYSE calendar.
        #expect(r.stderr.contains("universe: MP is read as a ticker from its capitals alone"))
        #expect(r.stderr.contains(#"calendar: "nyse" closes the NYSE holidays by rule"#))
        #expect(r.stderr.contains("TBD-1 stands for 'specialty processing/equipment proxy'"))

        let v = try TradeSimBinary.run(["validate", drafted], in: Self.root)
        #expect(v.exitCode == 0, "\(v.stderr)")
        #expect(v.stdout.contains("OK — study 'rare-earth-minerals-expected-to-be-central-to-trump-xi-talks', 7 assets, 3 scenarios"))

        // Fill the placeholders as a user would: real tickers with the first card's spots and
        // volatilities (scenarios/rare-earths-us-china.json, closes of 2026-07-31) and the meeting's date.
        let fills: [String: (String, Double, Double)] = [
            "MP": ("MP", 41.37, 0.7158), "TBD-1": ("USAR", 14.95, 1.0379), "TBD-2": ("GM", 88.86, 0.3333),
            "TBD-3": ("LMT", 582.74, 0.3065), "TBD-4": ("UUUU", 11.44, 0.8625), "TBD-5": ("XLI", 179.84, 0.198),
            "TBD-6": ("REMX", 65.97, 0.5276),
        ]
        var study = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: drafted))) as? [String: Any])
        var universe = try #require(study["universe"] as? [[String: Any]])
        for i in universe.indices {
            let (ticker, spot, vol) = try #require(fills[universe[i]["ticker"] as! String])
            universe[i]["ticker"] = ticker
            universe[i]["spot"] = spot
            universe[i]["volatility"] = vol
        }
        study["universe"] = universe
        var defaults = try #require(study["scenarioDefaults"] as? [String: Any])
        var events = try #require(defaults["events"] as? [[String: Any]])
        events[0]["day"] = nil
        events[0]["date"] = "2026-09-15"
        defaults["events"] = events
        study["scenarioDefaults"] = defaults
        let filled = dir.appendingPathComponent("filled.json")
        try JSONSerialization.data(withJSONObject: study, options: [.prettyPrinted, .sortedKeys]).write(to: filled)

        let out = dir.appendingPathComponent("report").path
        let run = try TradeSimBinary.run(["run", filled.path, "--paths", "400", "--out", out, "--quiet"], in: Self.root)
        #expect(run.exitCode == 0, "\(run.stderr)")
        let summary = try String(contentsOfFile: out + "/summary.csv", encoding: .utf8)
        for id in ["long-non-china-rare-earth-enablers,", "protect-magnet-exposed-industrials,puts,",
                   "protect-magnet-exposed-industrials,put-spreads,", "pair-infrastructure-processing-beneficiaries,",
                   "us-china-meeting-straddles,"] {
            #expect(summary.contains("talks-unlock-chinese-supply," + id), "\(id)")
        }
        #expect(!summary.lowercased().contains("nan"))
        let thesis = try String(contentsOfFile: out + "/thesis.csv", encoding: .utf8).split(separator: "\n")
        #expect(thesis.count == 4)  // header + the three claims, each in its scenario
        #expect(thesis.contains { $0.hasPrefix("pair-infrastructure-processing-beneficiaries,expect 200-400 bps relative outperformance") })
    }

    @Test func draftToStandardOutputAndQuiet() throws {
        let r = try TradeSimBinary.run(["draft", Self.card, "--start", "2026-08-03", "--quiet"], in: Self.root)
        #expect(r.exitCode == 0)
        #expect(r.stderr.isEmpty)
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        #expect(object?["start"] as? String == "2026-08-03")
        // Same card, same start: the same bytes.
        let again = try TradeSimBinary.run(["draft", Self.card, "--start", "2026-08-03", "--quiet"], in: Self.root)
        #expect(again.stdout == r.stdout)
    }

    @Test func pricesFillTheNamedTickers() throws {
        let r = try TradeSimBinary.run(["draft", Self.card, "--start", "2026-01-02", "--prices", "scenarios/data/prices-2025"], in: Self.root)
        #expect(r.exitCode == 0, "\(r.stderr)")
        #expect(r.stdout.contains("\"ticker\": \"MP\",\n      \"spot\": 50.52000045776367,\n      \"volatility\": 0.967,"))
        #expect(r.stdout.contains("Spot: the close of 2025-12-31 in scenarios/data/prices-2025/MP.csv"))
        #expect(r.stderr.contains("spot and volatility of MP come from their closes before 2026-01-02"))
        let bad = try TradeSimBinary.run(["draft", Self.card, "--prices", "no/such/folder"], in: Self.root)
        #expect(bad.exitCode == 65)
        #expect(bad.stderr.contains("no/such/folder: found no such file or folder; allowed: a price CSV file or a folder of TICKER.csv files"))
    }

    @Test func anExistingOutputFileIsNotReplacedWithoutForce() throws {
        let dir = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("study.json").path
        try "edited".write(toFile: path, atomically: true, encoding: .utf8)
        let r = try TradeSimBinary.run(["draft", Self.card, "--out", path], in: Self.root)
        #expect(r.exitCode == 73)
        #expect(r.stderr == "Error: cannot write '\(path)': it exists (6 bytes). Nothing was changed; pass --force to replace it, or choose another path with --out\n")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "edited")
        let forced = try TradeSimBinary.run(["draft", Self.card, "--out", path, "--force", "--quiet"], in: Self.root)
        #expect(forced.exitCode == 0)
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("{\n  \"name\""))
    }

    @Test func badCardsAndFlags() throws {
        let dir = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let empty = dir.appendingPathComponent("news.txt").path
        try "A headline\n\nA paragraph without decisions.\n".write(toFile: empty, atomically: true, encoding: .utf8)
        let r = try TradeSimBinary.run(["draft", empty])
        #expect(r.exitCode == 65)
        #expect(r.stderr.hasPrefix("Error: \(empty): Key Decisions: found no key-decision bullets; allowed: a card with 'Key Decisions' followed by bullet lines"))

        let binary = dir.appendingPathComponent("card.bin").path
        try Data([0x66, 0xFF, 0xFE, 0x00]).write(to: URL(fileURLWithPath: binary))
        let b = try TradeSimBinary.run(["draft", binary])
        #expect(b.exitCode == 65)
        #expect(b.stderr == "Error: \(binary): found bytes that are not UTF-8 text; allowed: a card as UTF-8 text\n")

        let missing = try TradeSimBinary.run(["draft", dir.appendingPathComponent("none.txt").path])
        #expect(missing.exitCode == 65)
        #expect(missing.stderr.contains("none.txt: found no such file; allowed: a card as text"))

        let saturday = try TradeSimBinary.run(["draft", Self.card, "--start", "2026-11-28"], in: Self.root)
        #expect(saturday.exitCode == 64)
        #expect(saturday.stderr.hasPrefix("Error: --start must be a weekday as YYYY-MM-DD, got '2026-11-28'\n"))

        // Issue 20: the NYSE calendar, --calendar and --tickers.
        let christmas = try TradeSimBinary.run(["draft", Self.card, "--start", "2026-12-25"], in: Self.root)
        #expect(christmas.exitCode == 64)
        #expect(christmas.stderr.hasPrefix("Error: --start must be a trading day, got '2026-12-25' (Christmas Day, an NYSE holiday)\n"))
        let noCalendar = try TradeSimBinary.run(["draft", Self.card, "--start", "2026-12-25", "--calendar", "none", "--quiet"], in: Self.root)
        #expect(noCalendar.exitCode == 0 && !noCalendar.stdout.contains("\"holidays\"") && noCalendar.stdout.contains("\"calendar\": \"none\""))
        let lse = try TradeSimBinary.run(["draft", Self.card, "--calendar", "lse"], in: Self.root)
        #expect(lse.exitCode == 64)
        #expect(lse.stderr.hasPrefix("Error: --calendar must be nyse or none, got 'lse'\n"))
        let list = dir.appendingPathComponent("tickers.txt").path
        try "MP\nREMX, usar\n".write(toFile: list, atomically: true, encoding: .utf8)
        let badList = try TradeSimBinary.run(["draft", Self.card, "--tickers", list], in: Self.root)
        #expect(badList.exitCode == 65)
        #expect(badList.stderr == "Error: \(list):2:7: found 'usar'; allowed: a ticker of 1-5 capital letters with an optional class (BRK.B) and an optional '$', separated by spaces, commas or lines; '#' starts a comment\n")
        try "MP\n".write(toFile: list, atomically: true, encoding: .utf8)
        let listed = try TradeSimBinary.run(["draft", Self.card, "--tickers", list, "--start", "2026-08-03"], in: Self.root)
        #expect(listed.exitCode == 0 && !listed.stderr.contains("MP is read as a ticker"))
    }

    /// Issue 20: a spot from a close more than 5 trading days before --start is said, even with --quiet.
    @Test func staleClosesWarn() throws {
        let r = try TradeSimBinary.run(["draft", Self.card, "--start", "2026-08-03", "--prices", "scenarios/data/prices-2025", "--quiet"], in: Self.root)
        #expect(r.exitCode == 0)
        #expect(r.stderr == "Warning: scenarios/data/prices-2025/MP.csv: the latest close of MP before 2026-08-03 is 2025-12-31, 146 trading days earlier (more than 5); its spot is stale: pass newer prices or set the spot\n")
    }
}
