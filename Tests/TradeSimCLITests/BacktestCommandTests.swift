import Foundation
import Testing

@Suite("tradesim backtest")
struct BacktestCommandTests {
    static let root = TradeSimBinary.packageRoot

    static func closes(_ ticker: String) throws -> [String: String] {
        let text = try String(contentsOf: root.appendingPathComponent("scenarios/data/prices-2025/\(ticker).csv"), encoding: .utf8)
        var out: [String: String] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let c = line.split(separator: ",")
            out[String(c[0])] = String(c[1])
        }
        return out
    }

    /// The first card's backtest over 2025 on the committed real closes: every stock fill in
    /// trades.csv is the real close of its date (slippage is in `costs`).
    @Test func stockFillsAreTheRealCloses() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("tradesim-bt-\(UUID().uuidString)")
        let r = try TradeSimBinary.run(["backtest", "--prices", "scenarios/data/prices-2025", "--start", "2025-01-02",
                                        "--end", "2025-12-31", "--out", out.path], in: Self.root)
        #expect(r.exitCode == 0, "\(r.stderr)")
        #expect(r.stderr.hasPrefix("tradesim backtest: rare-earths-backtest-2025, 1 run from 2025-01-02 to 2025-12-31"))
        let trades = try String(contentsOf: out.appendingPathComponent("trades.csv"), encoding: .utf8).split(separator: "\n")
        #expect(trades[0] == "decision,variant,leg,instrument,ticker,side,quantity,entry_date,entry_price,exit_date,exit_price,costs,pnl,exit_reason,scenario,path,contracts,multiplier")
        var stockLegs = 0
        var cache: [String: [String: String]] = [:]
        for line in trades.dropFirst() {
            let c = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard c[3] == "stock" else { continue }
            if cache[c[4]] == nil { cache[c[4]] = try Self.closes(c[4]) }
            #expect(Double(c[8]) == Double(cache[c[4]]![c[7]]!), "entry \(line)")
            #expect(Double(c[10]) == Double(cache[c[4]]![c[9]]!), "exit \(line)")
            stockLegs += 1
        }
        #expect(stockLegs == 4 + 5 + 5)  // basket 4 names; each pair variant 3 long + 2 short
        for file in ["summary.csv", "thesis.csv", "equity_quantiles.csv", "exits.csv", "run.json", "report.html",
                     "tearsheet.csv", "equity.csv", "monthly_returns.csv"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(file).path))
        }
        // The tearsheet's portfolio: its P&L is summary.csv's, its equity.csv rows run over every
        // date of the window, and its monthly returns compound to its total return.
        func csv(_ name: String) throws -> [[String]] {
            try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8).split(separator: "\n")
                .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        }
        let summary = try csv("summary.csv").first { $0[1] == "portfolio" }!
        let tearsheet = try csv("tearsheet.csv")
        #expect(tearsheet[0][8] == "total_pnl" && tearsheet.last![0] == "portfolio")
        #expect(Double(tearsheet.last![8])! == Double(summary[5])!)
        let equity = try csv("equity.csv").filter { $0[1] == "portfolio" }
        #expect(equity.count == 250 && equity.first![0] == "2025-01-02" && equity.last![0] == "2025-12-31")
        let months = try csv("monthly_returns.csv").filter { $0[0] == "portfolio" }
        #expect(months.map { $0[3] } == (1...12).map(String.init) + ["total"])
        let compounded = months.dropLast().reduce(1.0) { $0 * (1 + Double($1[4])!) } - 1
        #expect(abs(compounded - Double(tearsheet.last![9])!) < 1e-12)
        // The console: tearsheet.csv's portfolio P&L, rounded, in a table headed by the window.
        let printed = r.stdout.split(separator: "\n").map(String.init)
        #expect(printed.first == "Backtest 2025-01-02 to 2025-12-31 (USD)", "\(r.stdout)")
        let portfolioLine = try #require(printed.last { $0.hasPrefix("portfolio ") })
        let pnl = String(Int(Double(tearsheet.last![8])!.rounded()))
        #expect(portfolioLine.split(separator: " ").dropFirst().first.map(String.init) == pnl, "\(portfolioLine) vs \(pnl)")
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("<h3>Monthly returns</h3>") && !html.contains("±MC s.e."))
        // Model fills: the payoff charts need no word about a chain.
        #expect(html.contains("at the planned exit and at expiry") && !html.contains("traded a chain's quoted contracts"))
    }

    static func study(prices: String) -> String {
        """
        {"name": "fmt", "start": "2025-04-01",
         "universe": [{"ticker": "MP", "spot": 20, "volatility": 0.6}, {"ticker": "LMT", "spot": 400, "volatility": 0.25}],
         "scenarios": [{"name": "h", "model": "historical", "horizon": "all", "history": {"prices": "\(prices)"}}],
         "playbook": {"capital": 1000, "decisions": [{"id": "b", "kind": "basket", "assets": ["MP", "LMT"], "size": {"units": 1}}]}}
        """
    }

    /// Each import format gives the same entry prices: Yahoo (its raw Close is replayed; the Adj
    /// Close, here half of it throughout, gives no dividend), Date,Close, columns in any order
    /// (Date,Close,High,Low,Open,Volume), and a wide file.
    /// The card's "~10-15% downside if talks unlock Chinese supply" is given the Busan meeting's
    /// "export relief", which the backtest study states happened on 2025-10-30. Over 2025 it is
    /// checked; over a window that ends on 2025-09-30 the meeting never happened: n/a, empty
    /// numbers, never a probability of 0.
    @Test func aClaimWhoseConditionNeverHappenedIsNotApplicable() throws {
        func thesisRow(_ extra: [String]) throws -> [String] {
            let out = FileManager.default.temporaryDirectory.appendingPathComponent("tradesim-bt-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: out) }
            let r = try TradeSimBinary.run(["backtest", "--out", out.path, "--quiet"] + extra, in: Self.root)
            #expect(r.exitCode == 0, "\(r.stderr)")
            let text = try String(contentsOf: out.appendingPathComponent("thesis.csv"), encoding: .utf8)
            let line = try #require(text.split(separator: "\n").first { $0.contains("talks unlock") })
            return Self.csvFields(String(line))
        }
        let year = try thesisRow([])
        #expect(year[11] == "return at exit ≥ −15%, given us-china-meeting = export relief" && year[12] == "" && year[6] == "1.0", "\(year)")
        let beforeTheMeeting = try thesisRow(["--end", "2025-09-30"])
        #expect(beforeTheMeeting[5] == "" && beforeTheMeeting[6] == "" && beforeTheMeeting[10] == "0", "\(beforeTheMeeting)")
        #expect(beforeTheMeeting[12] == #"n/a: no us-china-meeting in this scenario (the claim is given us-china-meeting = "export relief")"#)
    }

    /// RFC 4180 fields of one line (quotes around a field, "" inside for a quote), written
    /// here apart from the library's reader.
    static func csvFields(_ line: String) -> [String] {
        var fields: [String] = [], field = "", quoted = false, chars = Array(line), i = 0
        while i < chars.count {
            let c = chars[i]
            if quoted {
                if c == "\"" && i + 1 < chars.count && chars[i + 1] == "\"" { field.append("\""); i += 1 }
                else if c == "\"" { quoted = false } else { field.append(c) }
            } else if c == "\"" { quoted = true } else if c == "," { fields.append(field); field = "" } else { field.append(c) }
            i += 1
        }
        return fields + [field]
    }

    @Test(arguments: ["yahoo", "close", "ohlcv", "wide"])
    func importFormats(_ format: String) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tradesim-fmt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("p"), withIntermediateDirectories: true)
        let rows = [("2025-04-01", 21.5, 450.0), ("2025-04-02", 22.25, 452.5), ("2025-04-03", 23.06, 440.0)]
        func write(_ name: String, _ text: String) throws { try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        var reference = "p"
        switch format {
        case "yahoo":
            for (k, t) in ["MP", "LMT"].enumerated() {
                try write("p/\(t).csv", "Date,Open,High,Low,Close,Adj Close,Volume\n" + rows.map { "\($0.0),1,1,1,\(k == 0 ? $0.1 : $0.2),\((k == 0 ? $0.1 : $0.2) / 2),5" }.joined(separator: "\n") + "\n")
            }
        case "close":
            for (k, t) in ["MP", "LMT"].enumerated() {
                try write("p/\(t).csv", "Date,Close\n" + rows.map { "\($0.0),\(k == 0 ? $0.1 : $0.2)" }.joined(separator: "\n") + "\n")
            }
        case "ohlcv":
            for (k, t) in ["MP", "LMT"].enumerated() {
                try write("p/\(t).csv", "Date,Close,High,Low,Open,Volume\n" + rows.map { "\($0.0),\(k == 0 ? $0.1 : $0.2),0,0,0,7" }.joined(separator: "\n") + "\n")
            }
        default:
            reference = "wide.csv"
            try write("wide.csv", "date,LMT,MP\n" + rows.map { "\($0.0),\($0.2),\($0.1)" }.joined(separator: "\n") + "\n")
        }
        try write("s.json", Self.study(prices: reference))
        let r = try TradeSimBinary.run(["backtest", "s.json", "--out", "out", "--quiet"], in: dir)
        #expect(r.exitCode == 0, "\(r.stderr)")
        let trades = try String(contentsOf: dir.appendingPathComponent("out/trades.csv"), encoding: .utf8).split(separator: "\n")
        let prices = trades.dropFirst().map { line -> String in
            let c = line.split(separator: ",", omittingEmptySubsequences: false)
            return c[8] + "/" + c[10]
        }
        #expect(prices == ["21.5/23.06", "450.0/440.0"])
    }

    @Test func badPriceDataExit65() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tradesim-badp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("p"), withIntermediateDirectories: true)
        try Self.study(prices: "p").write(to: dir.appendingPathComponent("s.json"), atomically: true, encoding: .utf8)
        try "Date,Close\n2025-04-01,21.5\n2025-04-02,22.25\n2025-04-03,23.06\n".write(to: dir.appendingPathComponent("p/MP.csv"), atomically: true, encoding: .utf8)
        try "Date,Close\n2025-04-01,450\n2025-04-03,440\n".write(to: dir.appendingPathComponent("p/LMT.csv"), atomically: true, encoding: .utf8)
        // The study's own validation already sees LMT lacking 2025-04-02.
        let r = try TradeSimBinary.run(["backtest", "s.json", "--out", "out"], in: dir)
        #expect(r.exitCode == 65)
        #expect(r.stderr == "Error: s.json:3:93: scenarios[0].history.prices: found LMT (\(dir.path)/p/LMT.csv) has no row for 2025-04-02; allowed: the same dates for every ticker in the window 2025-04-01…2025-04-03\n")
        // --prices elsewhere: missing ticker, unordered dates, bad numbers, all reported.
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("q"), withIntermediateDirectories: true)
        try "Date,Close\n2025-04-01,450\n2025-04-02,452\n2025-04-03,440\n".write(to: dir.appendingPathComponent("p/LMT.csv"), atomically: true, encoding: .utf8)
        try "Date,Close\n2025-04-02,21\n2025-04-01,-2\n2025-04-03,x\n".write(to: dir.appendingPathComponent("q/MP.csv"), atomically: true, encoding: .utf8)
        let q = try TradeSimBinary.run(["backtest", "s.json", "--prices", "q", "--out", "out"], in: dir)
        #expect(q.exitCode == 65)
        #expect(q.stderr == """
            Error: \(dir.path)/q/MP.csv:3:1: column Date: found 2025-04-01 after 2025-04-02; allowed: dates in strictly increasing order, each once
            Error: \(dir.path)/q/MP.csv:4:2: column Close: found 'x'; allowed: a price > 0 (finite decimal number)

            """)
        try "Date,Close\n2025-04-01,21\n2025-04-02,22\n2025-04-03,23\n".write(to: dir.appendingPathComponent("q/MP.csv"), atomically: true, encoding: .utf8)
        let missing = try TradeSimBinary.run(["backtest", "s.json", "--prices", "q", "--out", "out"], in: dir)
        #expect(missing.exitCode == 65)
        #expect(missing.stderr == "Error: q: found no prices for LMT; allowed: a price series for every ticker the study uses (found: MP)\n")
        let usage = try TradeSimBinary.run(["backtest", "s.json", "--start", "2025-13-01"], in: dir)
        #expect(usage.exitCode == 64)
        #expect(usage.stderr.hasPrefix("Error: --start must be a date YYYY-MM-DD, got '2025-13-01'\n"))
    }

    // MARK: - --chain

    /// A folder with a one-put study on the committed MP closes and the generated MP chain
    /// (`Tests/References/backtest_chain.py`), as `chain.csv`, less the rows `drop` matches.
    static func chainFolder(dropping drop: (Substring) -> Bool = { _ in false }) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tradesim-chain-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let prices = root.appendingPathComponent("scenarios/data/prices-2025").path
        try """
            {"name": "chain", "start": "2025-03-10",
             "universe": [{"ticker": "MP", "spot": 24, "volatility": 0.6}],
             "scenarios": [{"name": "h", "model": "historical", "horizon": "all", "rate": 0.043,
               "history": {"prices": "\(prices)", "start": "2025-03-10", "to": "2025-04-30"}}],
             "playbook": {"capital": 100000,
               "costs": {"commissionPerContract": 0.65, "minimumCommission": 0, "optionHalfSpreadFraction": 0.02, "contractMultiplier": 100},
               "decisions": [{"id": "put", "kind": "protection", "underlyings": ["MP"], "strike": {"moneyness": 0.9}, "expiry": "1m",
                              "size": {"units": 200}, "exit": {"horizon": 15}}]}}
            """.write(to: dir.appendingPathComponent("s.json"), atomically: true, encoding: .utf8)
        let chain = try String(contentsOf: root.appendingPathComponent("Tests/TradeSimTests/Fixtures/chains/mp_backtest_chain.csv"), encoding: .utf8)
        let lines = chain.split(separator: "\n")
        try (([lines[0]] + lines.dropFirst().filter { !drop($0) }).joined(separator: "\n") + "\n")
            .write(to: dir.appendingPathComponent("chain.csv"), atomically: true, encoding: .utf8)
        return dir
    }

    /// The put of the chain fill tests through the command: MP put 22 expiring 2025-04-17,
    /// 2025-03-10 → 2025-03-31, entry mid (1.05 + 1.16)/2, exit mid (0.55 + 0.61)/2, P&L
    /// 200 × (0.55 − 1.16) − 2 × 1.30 = −124.6 (bought at the ask, sold at the bid, commissions);
    /// run.json records the chain as an input.
    @Test func chainFillsTheOptionLegsAtItsQuotes() throws {
        let dir = try Self.chainFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try TradeSimBinary.run(["backtest", "s.json", "--chain", "chain.csv", "--out", "out", "--quiet"], in: dir)
        #expect(r.exitCode == 0, "\(r.stderr)")
        let trades = try String(contentsOf: dir.appendingPathComponent("out/trades.csv"), encoding: .utf8).split(separator: "\n")
        #expect(trades.count == 2)
        let c = Self.csvFields(String(trades[1]))
        let expected: [String] = ["put 22.0 2025-04-17", "MP", "long", "200.0", "2025-03-10"]
        #expect(Array(c[3...7]) == expected && c[9] == "2025-03-31", "\(c)")
        #expect(abs(Double(c[8])! - 1.105) < 1e-12 && abs(Double(c[10])! - 0.58) < 1e-12, "\(c)")
        let pnl: Double = 200 * (0.55 - 1.16) - 2 * 1.30
        #expect(abs(Double(c[12])! - pnl) < 1e-9, "\(c)")
        let manifest = try String(contentsOf: dir.appendingPathComponent("out/run.json"), encoding: .utf8)
        #expect(manifest.contains("\"chain\"") && manifest.contains("chain.csv"))
        // The position analysis values the put at its quotes: attribution.csv's one leg adds up
        // to the trade's P&L; early_exercise.csv has its header only.
        let attribution = try String(contentsOf: dir.appendingPathComponent("out/attribution.csv"), encoding: .utf8).split(separator: "\n")
        let header = Self.csvFields(String(attribution[0]))
        let mean = try #require(attribution.dropFirst().map { Self.csvFields(String($0)) }.first { $0[header.firstIndex(of: "statistic")!] == "mean" })
        let parts = ["delta", "gamma", "vega", "theta", "event_jump", "carry", "costs", "residual"]
        let total = parts.reduce(0.0) { $0 + Double(mean[header.firstIndex(of: $1)!])! }
        #expect(abs(total - pnl) < 1e-9 && abs(Double(mean[header.firstIndex(of: "pnl")!])! - pnl) < 1e-9, "\(mean)")
        let early = try String(contentsOf: dir.appendingPathComponent("out/early_exercise.csv"), encoding: .utf8)
        #expect(early.split(separator: "\n").count == 1)
        // The page says its payoff charts are the model's position, not the quoted contract.
        let html = try String(contentsOf: dir.appendingPathComponent("out/report.html"), encoding: .utf8)
        #expect(html.contains("<b>This backtest traded a chain's quoted contracts</b>") && html.contains("a quoted leg's, from its quotes"))
    }

    /// A contract held on a day the chain does not quote it: exit 65, the file, the contract and
    /// the date; no report written.
    @Test func chainWithoutAQuoteOfAHeldContractIsAnInputError() throws {
        let dir = try Self.chainFolder { $0.hasPrefix("MP,26.25,2025-03-20,2025-04-17,put,22,") }
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try TradeSimBinary.run(["backtest", "s.json", "--chain", "chain.csv", "--out", "out"], in: dir)
        #expect(r.exitCode == 65)
        #expect(r.stderr == "Error: chain.csv: found no quote for MP put 22 expiring 2025-04-17 on 2025-03-20 (the position's daily mark); allowed: a chain with a quote for every contract held on every trading day it is held\n")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out").path))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(leftovers == ["chain.csv", "s.json"], "\(leftovers)")
    }

    /// A chain file that is not a chain, or missing: exit 65 naming the file.
    @Test func unreadableChainIsAnInputError() throws {
        let dir = try Self.chainFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "Date,Close\n2025-03-10,24.42\n".write(to: dir.appendingPathComponent("bad.csv"), atomically: true, encoding: .utf8)
        let bad = try TradeSimBinary.run(["backtest", "s.json", "--chain", "bad.csv", "--out", "out"], in: dir)
        #expect(bad.exitCode == 65)
        #expect(bad.stderr.hasPrefix("Error: bad.csv:1: header: found columns Date,Close"), "\(bad.stderr)")
        let missing = try TradeSimBinary.run(["backtest", "s.json", "--chain", "none.csv", "--out", "out"], in: dir)
        #expect(missing.exitCode != 0 && missing.stderr.contains("none.csv"), "\(missing.stderr)")
    }
}
