import Foundation
import Testing
@testable import TradeSim

/// Partial results (format 2): the checksum catches any change to a file, and what a crafted
/// file with a right checksum says is checked against the study, the settings and what the
/// engine writes before it is used (issues 15 and 21).
@Suite("Partial results")
struct PartialResultTests {
    /// Two scenarios (a Monte Carlo one and a scripted one of a single path, so one shard has
    /// no path of it); a basket entered on weakness or never (its returns kept for a thesis), a
    /// pair (spreads kept) and puts.
    static let studyText = """
        {"name": "partial-check", "start": "2026-01-05",
         "universe": [{"ticker": "A", "spot": 100, "volatility": 0.4, "drift": 0.05},
                      {"ticker": "B", "spot": 50, "volatility": 0.3, "drift": 0.02}],
         "scenarios": [{"name": "mc", "horizon": 8},
                       {"name": "script", "horizon": 6, "model": "scripted",
                        "script": {"interpolation": "step", "points": [{"day": 2, "change": {"A": -0.1}}]}}],
         "playbook": {"capital": 100000, "decisions": [
           {"id": "dip", "kind": "basket", "assets": ["A"], "size": {"notional": 10000},
            "entry": {"onWeakness": {"drop": 0.03, "reference": "start", "within": 4, "otherwise": "skip"}},
            "exit": {"takeProfit": 0.1},
            "theses": [{"claim": "up 10%", "metric": "return", "low": 0.1, "test": "atLeast"}]},
           {"id": "pair", "kind": "pair", "long": ["A"], "short": ["B"], "size": {"notional": 10000},
            "theses": [{"claim": "100 bps", "metric": "relativeReturnBps", "low": 100, "test": "atLeast"}]},
           {"id": "puts", "kind": "protection", "underlyings": ["B"], "structure": "put", "strike": {"moneyness": 0.95},
            "expiry": 6, "size": {"units": 100}}]}}
        """

    /// Shard i of n of the study above at 130 paths (3 chunks), 20 traced, as `run --shard` makes it.
    static func partial(_ i: Int, of n: Int, paths: Int = 130, traced: Int = 20) throws -> (partial: PartialResult, study: Study) {
        let study = try StudyText.study(studyText)
        let shard = try #require(Shard(index: i, count: n))
        let c = RunConfiguration(paths: paths, seed: 7, threads: 1, tracedPaths: traced, shard: shard)
        let outcomes = Engine.run(study: study, scenarioIndices: Array(study.scenarios.indices), configuration: c)
        let inputs = [RunInput(role: "study", path: "partial-check.json", sha256: String(repeating: "0f", count: 32))]
        return (PartialResult(studyName: study.name, inputs: inputs, configuration: c, shard: shard, outcomes: outcomes), study)
    }

    /// The refusal's rendered line, or nil when the bytes decode.
    static func refusal(_ bytes: [UInt8], _ study: Study) -> String? {
        switch PartialResult.decode(bytes, file: "p.tspart", study: study) {
        case .success: nil
        case let .failure(p): p.description
        }
    }

    /// The bytes with a checksum line that matches them: a crafted file, which only the checks
    /// after the checksum can refuse.
    static func signed(_ bytes: [UInt8]) -> [UInt8] {
        let rest = Array(bytes[PartialResult.checkedOffset...])
        return PartialResult.magic + Array("sha256 \(SHA256.hex(rest))\n".utf8) + rest
    }

    /// The header text replaced as `edit` says (the length field updated), then signed.
    static func editedHeader(_ bytes: [UInt8], _ edit: (String) -> String) -> [UInt8] {
        let start = PartialResult.checkedOffset + 8
        var length: UInt64 = 0
        withUnsafeMutableBytes(of: &length) { $0.copyBytes(from: bytes[PartialResult.checkedOffset..<start]) }
        let header = String(decoding: bytes[start..<(start + Int(length))], as: UTF8.self)
        let edited = Array(edit(header).utf8)
        var out = Array(bytes[0..<PartialResult.checkedOffset])
        withUnsafeBytes(of: UInt64(edited.count).littleEndian) { out += $0 }
        return signed(out + edited + bytes[(start + Int(length))...])
    }

    static let intact = "found contents whose SHA-256 is not the one the file records (changed or cut short after it was written); "
        + "allowed: the file exactly as `tradesim run --shard` wrote it (copy it again, or re-run the shard)"

    // MARK: - Round trip

    /// Every value comes back bit for bit (NaN returns included), every trade equal.
    @Test func roundTripKeepsEveryValue() throws {
        let (partial, study) = try Self.partial(1, of: 2)
        let decoded = try PartialResult.decode(partial.encoded(), file: "p.tspart", study: study).get()
        #expect(decoded.outcomes.count == 2)
        func bits(_ x: [Double]) -> [UInt64] { x.map(\.bitPattern) }
        for (a, b) in zip(partial.outcomes, decoded.outcomes) {
            #expect(a.firstPath == b.firstPath && a.paths == b.paths && a.startEquity == b.startEquity)
            for (v, w) in zip(a.variants, b.variants) {
                #expect(bits(v.pnl) == bits(w.pnl) && bits(v.returns) == bits(w.returns))
                #expect(bits(v.returnChunkSums) == bits(w.returnChunkSums) && v.returnChunkCounts == w.returnChunkCounts)
                #expect(v.maxDrawdown == w.maxDrawdown && v.holdingDays == w.holdingDays && v.exitReason == w.exitReason)
                #expect(bits(v.relativeReturnBps) == bits(w.relativeReturnBps))
            }
            #expect(bits(a.portfolioPnL) == bits(b.portfolioPnL) && a.portfolioMaxDrawdown == b.portfolioMaxDrawdown)
            #expect(a.equitySample.map(bits) == b.equitySample.map(bits))
            #expect(a.dailyPnL.map { $0.map(bits) } == b.dailyPnL.map { $0.map(bits) })
            #expect(a.trades == b.trades)
        }
        // The slice holds never-entered paths (NaN returns), or the value checks below test little.
        #expect(partial.outcomes[0].variants[0].exitReason.contains(ExitReason.neverEntered.rawValue))
        #expect(partial.outcomes[0].variants[0].returns.contains { $0.isNaN })
    }

    /// The shards of the repository's studies, through the file format, join to the single
    /// run's outcomes: the checks refuse nothing the engine writes.
    @Test(arguments: ["rare-earths-us-china.json", "benchmark.json"])
    func intactShardsOfTheRepositoryStudiesDecode(name: String) throws {
        let study = try repositoryStudy(name)
        let indices = Array(study.scenarios.indices)
        let whole = Engine.run(study: study, scenarioIndices: indices, configuration: RunConfiguration(paths: 300, seed: 5, tracedPaths: 20))
        var parts: [PartialResult] = []
        for i in 0..<3 {
            let shard = Shard(index: i, count: 3)!
            let c = RunConfiguration(paths: 300, seed: 5, threads: 2, tracedPaths: 20, shard: shard)
            let p = PartialResult(studyName: study.name, inputs: [RunInput(role: "study", path: name, sha256: String(repeating: "1", count: 64))],
                                  configuration: c, shard: shard, outcomes: Engine.run(study: study, scenarioIndices: indices, configuration: c))
            switch PartialResult.decode(p.encoded(), file: "s\(i).tspart", study: study) {
            case let .success(decoded): parts.append(decoded)
            case let .failure(problems): Issue.record("\(name) shard \(i): \(problems)")
            }
        }
        try #require(parts.count == 3)
        for k in indices {
            let joined = ScenarioOutcomes.joined(parts.map { $0.outcomes[k] })
            #expect(joined.portfolioPnL == whole[k].portfolioPnL && joined.equitySample == whole[k].equitySample)
            #expect(joined.trades == whole[k].trades)
            for (a, b) in zip(joined.variants, whole[k].variants) {
                #expect(a.pnl == b.pnl && a.exitReason == b.exitReason && a.returnChunkSums == b.returnChunkSums)
            }
        }
    }

    // MARK: - The checksum

    /// A flipped bit anywhere is refused by the header check, before the header is parsed:
    /// every byte of the file with one bit (bit p mod 8 at position p), and all 8 bits of the
    /// signature, the checksum line and the header length. The message names the damage.
    @Test func everyFlippedBitIsRefused() throws {
        let (partial, _) = try Self.partial(0, of: 1, paths: 70, traced: 3)
        let bytes = partial.encoded()
        #expect(bytes.count > 8_000 && bytes.count < 40_000, "\(bytes.count) bytes")
        guard case .success = PartialResult.header(bytes, file: "p.tspart") else { Issue.record("the intact file is refused"); return }
        let prefix = PartialResult.checkedOffset + 8
        var flips = 0, refused = 0
        for position in bytes.indices {
            for bit in position < prefix ? Array(0..<8) : [position % 8] {
                var damaged = bytes
                damaged[position] ^= 1 << bit
                flips += 1
                guard case let .failure(problems) = PartialResult.header(damaged, file: "p.tspart") else {
                    Issue.record("byte \(position) bit \(bit): accepted")
                    continue
                }
                refused += 1
                let text = problems.description
                if position < PartialResult.magic.count {
                    #expect(text.hasPrefix("p.tspart: found no partial-result signature;") || text.hasPrefix("p.tspart: found a partial result of format "),
                            "byte \(position) bit \(bit): \(text)")
                } else if position < PartialResult.checkedOffset {
                    #expect(text.hasPrefix("p.tspart: found a damaged checksum line;") || text == "p.tspart: " + Self.intact,
                            "byte \(position) bit \(bit): \(text)")
                } else {
                    #expect(text == "p.tspart: " + Self.intact, "byte \(position) bit \(bit): \(text)")
                }
            }
        }
        #expect(refused == flips && flips == bytes.count + 7 * prefix)
    }

    /// Cut short anywhere, a file is refused.
    @Test func truncatedFilesAreRefused() throws {
        let (partial, _) = try Self.partial(0, of: 2)
        let bytes = partial.encoded()
        for length in [0, 10, PartialResult.magic.count, PartialResult.checkedOffset, PartialResult.checkedOffset + 7] {
            let text = PartialResult.header(Array(bytes.prefix(length)), file: "p.tspart").failureText
            #expect(text == (length < PartialResult.magic.count ? "p.tspart: found no partial-result signature; allowed: \(PartialResult.allowed)"
                                : "p.tspart: found a file of \(length) bytes, cut short before its header; allowed: \(PartialResult.allowedIntact)"))
        }
        for length in stride(from: PartialResult.checkedOffset + 8, to: bytes.count, by: 997) {
            #expect(PartialResult.header(Array(bytes.prefix(length)), file: "p.tspart").failureText == "p.tspart: " + Self.intact)
        }
    }

    /// Format 1 (no checksum) asks for the shards to be run again; other formats are named.
    @Test func olderAndUnknownFormatsAreNamed() throws {
        let (partial, _) = try Self.partial(0, of: 2)
        let rest = Array(partial.encoded()[PartialResult.checkedOffset...])
        let rerun = "a partial result of format 2: re-run the shards with this tradesim (\(TradeSimVersion.string))"
        #expect(PartialResult.header(Array("tradesim-partial 1\n".utf8) + rest, file: "p.tspart").failureText
                == "p.tspart: found a partial result of format 1, written by an older tradesim; allowed: \(rerun)")
        #expect(PartialResult.header(Array("tradesim-partial 3\n".utf8) + rest, file: "p.tspart").failureText
                == "p.tspart: found a partial result of format 3, which this tradesim does not read; allowed: \(rerun)")
        #expect(PartialResult.header(Array("{\"name\": \"s\"}".utf8), file: "p.tspart").failureText
                == "p.tspart: found no partial-result signature; allowed: \(PartialResult.allowed)")
    }

    // MARK: - Crafted headers: every count checked before allocation

    @Test func craftedCountsAreRefusedBeforeAnyAllocation() throws {
        let (partial, study) = try Self.partial(0, of: 2)
        let bytes = partial.encoded()
        let cases: [(edit: (String) -> String, expected: String)] = [
            ({ $0.replacingOccurrences(of: "\"count\": 2}", with: "\"count\": 1099511627776}") },
             "p.tspart: shard.count: found 1099511627776; allowed: a shard count from 1 to 1000000"),
            ({ $0.replacingOccurrences(of: "\"count\": 2}", with: "\"count\": -1}") }, "p.tspart: shard.count: found -1; allowed: a shard count from 1 to 1000000"),
            ({ $0.replacingOccurrences(of: "\"count\": 2}", with: "\"count\": 0}") }, "p.tspart: shard.count: found 0; allowed: a shard count from 1 to 1000000"),
            ({ $0.replacingOccurrences(of: "\"index\": 0, \"count\"", with: "\"index\": 2, \"count\"") },
             "p.tspart: shard.index: found 2; allowed: a shard from 0 to 1 (of 2)"),
            ({ $0.replacingOccurrences(of: "\"paths\": 130,", with: "\"paths\": 0,") }, "p.tspart: paths: found 0; allowed: a whole number ≥ 1"),
            ({ $0.replacingOccurrences(of: "\"paths\": 64,", with: "\"paths\": 1099511627776,") },
             "p.tspart: scenarios[0].paths: found 1099511627776; allowed: 64, the paths in shard 0/2's slice of the scenario's 130 paths"),
            ({ $0.replacingOccurrences(of: "\"samplePaths\": 64,", with: "\"samplePaths\": 4611686018427387904,") },
             "p.tspart: scenarios[0].samplePaths: found a number 4611686018427387904; allowed: a whole number between -9e15 and 9e15"),
            ({ $0.replacingOccurrences(of: "\"samplePaths\": 64,", with: "\"samplePaths\": 65,") },
             "p.tspart: scenarios[0].samplePaths: found 65; allowed: 64, the slice's paths among the first 130 (the equity sample)"),
            ({ $0.replacingOccurrences(of: "\"tracedPaths\": 20, \"days\"", with: "\"tracedPaths\": -1, \"days\"") },
             "p.tspart: scenarios[0].tracedPaths: found -1; allowed: 20, the slice's paths among the first 20 (the traced paths)"),
            ({ $0.replacingOccurrences(of: "\"days\": 9,", with: "\"days\": 100001,") },
             "p.tspart: scenarios[0].days: found 100001; allowed: 9, days 0 to 8, the scenario's horizon"),
            ({ $0.replacingOccurrences(of: "\"chunks\": 1,", with: "\"chunks\": 2,") },
             "p.tspart: scenarios[0].chunks: found 2; allowed: 1, the 64-path chunks of 64 paths"),
            ({ $0.replacingOccurrences(of: "\"index\": 1, \"name\": \"script\"", with: "\"index\": 7, \"name\": \"script\"") },
             "p.tspart: scenarios[1].index: found 7; allowed: a scenario of the study, 0 to 1"),
            ({ $0.replacingOccurrences(of: "\"index\": 1, \"name\": \"script\"", with: "\"index\": 0, \"name\": \"script\"") },
             "p.tspart: scenarios[1].index: found 0; allowed: a scenario index ≥ 0 and above the previous one's (the run's scenarios in study order)"),
            ({ $0.replacingOccurrences(of: "{\"returns\": true, \"relative\": false}", with: "{\"returns\": false, \"relative\": false}") },
             "p.tspart: scenarios[0].variants[0].returns: found false; allowed: true: decision dip has thesis that needs them per path"),
        ]
        for (edit, expected) in cases {
            let crafted = Self.editedHeader(bytes, edit)
            #expect(crafted != Self.signed(bytes), "the edit changed nothing: \(expected)")
            #expect(Self.refusal(crafted, study) == expected)
        }
        // The header length and the body's length.
        var huge = Array(bytes[0..<PartialResult.checkedOffset])
        withUnsafeBytes(of: (UInt64(1) << 63).littleEndian) { huge += $0 }
        huge += bytes[(PartialResult.checkedOffset + 8)...]
        let after = bytes.count - PartialResult.checkedOffset - 8
        #expect(Self.refusal(Self.signed(huge), study)
                == "p.tspart: found a header length of 9223372036854775808 bytes in a file with \(after) after it; allowed: \(PartialResult.allowed)")
        let header = try PartialResult.header(bytes, file: "p.tspart").get()
        let body = bytes.count - header.bodyOffset
        #expect(Self.refusal(Self.signed(bytes + [0, 0, 0, 0, 0, 0, 0, 0]), study)
                == "p.tspart: found a body of \(body + 8) bytes; allowed: \(body) bytes, what the header's array sizes take")
        #expect(Self.refusal(Self.signed(Array(bytes.dropLast(1))), study)
                == "p.tspart: found a body of \(body - 1) bytes; allowed: \(body) bytes, what the header's array sizes take")
    }

    // MARK: - Crafted values: what the engine never writes

    /// A body sprayed with 0xFF and signed again: the first value read is refused.
    @Test func sprayedBodyIsRefusedByItsValues() throws {
        let (partial, study) = try Self.partial(0, of: 2)
        var bytes = partial.encoded()
        let header = try PartialResult.header(bytes, file: "p.tspart").get()
        for i in header.bodyOffset..<bytes.count { bytes[i] = 0xFF }
        #expect(Self.refusal(Self.signed(bytes), study) == "p.tspart: mc/dip/exitReason[path 0]: found exit reason 255; "
                + "allowed: 0 to 6 (0 never_entered, 1 target, 2 stop, 3 horizon, 4 expiry, 5 event, 6 assigned)")
    }

    /// Values the engine never writes, each put in an otherwise intact partial (the writer
    /// signs it), are refused with the place and the value.
    @Test func impossibleValuesAreRefused() throws {
        let (partial, study) = try Self.partial(0, of: 2)
        let mc = partial.outcomes[0]
        let first = mc.firstPath
        let dip = mc.variants[0]
        let never = try #require(dip.exitReason.firstIndex(of: ExitReason.neverEntered.rawValue))
        let entered = try #require(dip.returns.indices.first { dip.returns[$0].isFinite })
        let finite = "a finite number (NaN and infinity come only from damage, or from a run whose prices overflow a Double)"
        let trade = try #require(mc.trades.first)
        let tradeVariant = try #require(mc.variants.firstIndex { $0.decisionID == trade.decisionID })
        typealias Damage = (inout ScenarioOutcomes) -> Void
        let cases: [(Damage, String)] = [
            ({ $0.variants[0].pnl[3] = .nan }, "mc/dip/pnl[path \(first + 3)]: found NaN; allowed: \(finite)"),
            ({ $0.variants[1].pnl[0] = -.infinity }, "mc/pair/pnl[path \(first)]: found -infinity; allowed: \(finite)"),
            ({ $0.variants[2].maxDrawdown[5] = -1 }, "mc/puts/maxDrawdown[path \(first + 5)]: found -1.0; allowed: a finite number ≥ 0"),
            ({ $0.variants[2].maxDrawdown[5] = .nan }, "mc/puts/maxDrawdown[path \(first + 5)]: found NaN; allowed: a finite number ≥ 0"),
            ({ $0.variants[1].holdingDays[2] = -1 }, "mc/pair/holdingDays[path \(first + 2)]: found -1; allowed: 0 to 8, the scenario's horizon"),
            ({ $0.variants[1].holdingDays[2] = 9 }, "mc/pair/holdingDays[path \(first + 2)]: found 9; allowed: 0 to 8, the scenario's horizon"),
            ({ $0.variants[0].holdingDays[never] = 3 },
             "mc/dip/holdingDays[path \(first + never)]: found 3 on a path where the decision never entered; allowed: 0"),
            ({ $0.variants[0].exitReason[1] = 7 },
             "mc/dip/exitReason[path \(first + 1)]: found exit reason 7; allowed: 0 to 6 (0 never_entered, 1 target, 2 stop, 3 horizon, 4 expiry, 5 event, 6 assigned)"),
            ({ $0.variants[0].returns[never] = 0.25 },
             "mc/dip/return[path \(first + never)]: found 0.25 on a path where the decision never entered; allowed: NaN (undefined without an entry)"),
            ({ $0.variants[0].returns[entered] = .infinity },
             "mc/dip/return[path \(first + entered)]: found infinity; allowed: a finite number, or NaN where undefined"),
            ({ $0.variants[0].returns[entered] = .nan },
             "mc/dip/returnChunk[\((first + entered) / 64)]: found a count of \(dip.returnChunkCounts[entered / 64]) and a sum of "
                + "\(dip.returnChunkSums[entered / 64]); allowed: \(dip.returnChunkCounts[entered / 64] - 1) and "
                + "\(Self.finiteSum(dip.returns, chunk: entered / 64, without: entered)), those of the chunk's finite returns"),
            ({ $0.variants[1].relativeReturnBps[4] = .infinity },
             "mc/pair/relativeReturnBps[path \(first + 4)]: found infinity; allowed: a finite number, or NaN where undefined"),
            ({ $0.variants[2].returnChunkCounts[0] = 65 },
             "mc/puts/returnChunk[\(first / 64)]: found a count of 65 finite returns; allowed: 0 to \(Self.enteredPaths(mc.variants[2], chunk: 0)), "
                + "the chunk's paths where the decision entered"),
            ({ $0.variants[2].returnChunkSums[0] = .nan },
             "mc/puts/returnChunk[\(first / 64)]: found a sum of NaN over \(mc.variants[2].returnChunkCounts[0]) returns; allowed: a finite sum, 0 over no returns"),
            ({ $0.portfolioPnL[7] = .infinity }, "mc/portfolio/pnl[path \(first + 7)]: found infinity; allowed: \(finite)"),
            ({ $0.portfolioMaxDrawdown[7] = -0.5 }, "mc/portfolio/maxDrawdown[path \(first + 7)]: found -0.5; allowed: a finite number ≥ 0"),
            ({ $0.equitySample[4][2] = .nan }, "mc/portfolio/equity[day 4][path \(first + 2)]: found NaN; allowed: \(finite)"),
            ({ $0.startEquity = .nan }, "mc/startEquity: found NaN; allowed: \(finite)"),
            ({ $0.trades[0].exitPrice = .nan }, "scenarios[0].trades[0][13]: found NaN; allowed: \(finite)"),
            ({ $0.trades[0].path = first + 64 },
             "scenarios[0].trades[0][0]: found path \(first + 64); allowed: a traced path of the slice from \(first) to \(first + 19), in path order"),
            ({ $0.trades[0].decisionID = "nope" },
             "scenarios[0].trades[0][1]: found decision \"nope\" variant \"\"; allowed: a decision variant of the study's playbook"),
            ({ $0.trades[0].leg = 4 }, "scenarios[0].trades[0][3]: found leg 4; allowed: 0 to \(study.playbook!.variants[tradeVariant].legs.count - 1), "
                + "the legs of \(trade.decisionID)"),
            ({ $0.trades[0].exitDay = 9 }, "scenarios[0].trades[0][6]: found entry on day \(trade.entryDay), exit on day 9; "
                + "allowed: 0 ≤ entry ≤ exit ≤ 8, the scenario's horizon"),
            ({ $0.trades[0].entryDate = CalendarDate(iso: "2026-01-04")! }, "scenarios[0].trades[0][7]: found 2026-01-04 for day \(trade.entryDay); "
                + "allowed: \(mc.scenario.dates[trade.entryDay]), the scenario's date of day \(trade.entryDay)"),
        ]
        for (damage, expected) in cases {
            var damaged = partial
            damage(&damaged.outcomes[0])
            #expect(Self.refusal(damaged.encoded(), study) == "p.tspart: " + expected)
        }
    }

    /// A traced path's daily P&L that is not finite (the NaN of issue 21) is refused.
    @Test func nonFiniteDailyPnLIsRefused() throws {
        let (partial, study) = try Self.partial(0, of: 2)
        var damaged = partial
        damaged.outcomes[0].dailyPnL[1][3][5] = .nan
        #expect(Self.refusal(damaged.encoded(), study) == "p.tspart: mc/pair/dailyPnL[path 3][day 5]: found NaN; "
                + "allowed: a finite number (NaN and infinity come only from damage, or from a run whose prices overflow a Double)")
    }

    static func finiteSum(_ returns: [Double], chunk: Int, without skipped: Int) -> Double {
        var sum = 0.0
        for p in (chunk * 64)..<min(chunk * 64 + 64, returns.count) where p != skipped && returns[p].isFinite { sum += returns[p] }
        return sum
    }

    static func enteredPaths(_ v: VariantOutcomes, chunk: Int) -> Int {
        ((chunk * 64)..<min(chunk * 64 + 64, v.exitReason.count)).count { v.exitReason[$0] != ExitReason.neverEntered.rawValue }
    }
}

extension Result where Failure == InputProblems {
    /// The rendered problems, or "accepted".
    var failureText: String {
        switch self {
        case .success: "accepted"
        case let .failure(p): p.description
        }
    }
}
