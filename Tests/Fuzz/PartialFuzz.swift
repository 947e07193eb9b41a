import Foundation

// libFuzzer target: the partial-result reader of `tradesim merge`, against the fixed small
// study below. Every input is read twice: as a whole file (signature and checksum), and with
// a checksum line that matches it (the input's bytes after its own checksum line, or all of
// them), so the mutations also reach what only a crafted file meets: the header's counts, the
// body's length and every value. On each partial it accepts, whose slices all hold paths, the
// slices are joined and the report set rendered as merge renders it; findings are crashes,
// hangs, leaks, and NaN or infinity in a CSV.
// The seeds (Tests/Fuzz/run.sh partial) are this study's shards 0/1, 0/2, 1/2, 0/3, 1/3, 2/3
// at 100 paths, written by PartialResult.encoded() as `run --shard` writes them.

enum PartialTarget {
    /// Two scenarios (one scripted: a single path, so some shards have none of it), a basket
    /// entered on weakness or never (returns kept for its thesis), a pair (spreads kept) and
    /// an event straddle that expires.
    static let studyJSON = """
        {"name": "fuzz-partial", "start": "2026-01-05",
         "universe": [{"ticker": "A", "spot": 100, "volatility": 0.5, "drift": 0.05},
                      {"ticker": "B", "spot": 40, "volatility": 0.3}],
         "scenarios": [
           {"name": "calm", "horizon": 6, "weight": 2,
            "events": [{"name": "meeting", "day": 3, "outcomes": [
              {"name": "up", "probability": 0.5, "moves": {"A": 0.1}}, {"name": "down", "probability": 0.5, "moves": {"A": -0.1}}]}]},
           {"name": "scripted", "horizon": 4, "model": "scripted",
            "script": {"interpolation": "step", "points": [{"day": 1, "change": {"A": -0.06}}]}}],
         "playbook": {"capital": 50000, "decisions": [
           {"id": "dip", "kind": "basket", "assets": ["A"], "size": {"notional": 5000},
            "entry": {"onWeakness": {"drop": 0.03, "reference": "start", "within": 3, "otherwise": "skip"}},
            "exit": {"takeProfit": 0.08, "stopLoss": 0.05},
            "theses": [{"claim": "up 5%", "metric": "return", "low": 0.05, "test": "atLeast"}]},
           {"id": "pair", "kind": "pair", "long": ["A"], "short": ["B"], "size": {"notional": 5000},
            "theses": [{"claim": "50 bps", "metric": "relativeReturnBps", "low": 50, "test": "atLeast"}]},
           {"id": "straddle", "kind": "eventStraddle", "underlyings": ["A"], "event": "meeting", "daysBefore": 2,
            "strike": "atm", "expiry": "5d", "size": {"units": 10}}]}}
        """

    static let study: Study = {
        guard case let .success(s) = StudyDecoder.decode(Array(studyJSON.utf8), file: "fuzz-partial.json") else {
            fatalError("the partial target's study does not decode")
        }
        return s
    }()

    static func configuration(shard: Shard?) -> RunConfiguration {
        RunConfiguration(paths: 100, seed: 1, threads: 1, tracedPaths: 4, shard: shard)
    }

    /// The seed files: each shard of 1, 2 and 3, as `run --shard` writes them.
    static func seeds() -> [(name: String, bytes: [UInt8])] {
        var out: [(String, [UInt8])] = []
        for n in 1...3 {
            for i in 0..<n {
                let shard = Shard(index: i, count: n)!
                let c = configuration(shard: shard)
                let outcomes = Engine.run(study: study, scenarioIndices: Array(study.scenarios.indices), configuration: c)
                let inputs = [RunInput(role: "study", path: "fuzz-partial.json", sha256: SHA256.hex(Array(studyJSON.utf8)))]
                let partial = PartialResult(studyName: study.name, inputs: inputs, configuration: c, shard: shard, outcomes: outcomes)
                out.append(("shard-\(i)-of-\(n).tspart", partial.encoded()))
            }
        }
        return out
    }

    /// Decodes `bytes`; on success (and paths in every slice) joins and renders the reports.
    static func read(_ bytes: [UInt8]) {
        guard case let .success(partial) = PartialResult.decode(bytes, file: "fuzz.tspart", study: study),
              let playbook = study.playbook, partial.outcomes.allSatisfy({ $0.paths > 0 }) else { return }
        let outcomes = partial.outcomes.map { ScenarioOutcomes.joined([$0]) }
        renderReportsFailingOnNonFinite(study: study, playbook: playbook, outcomes: outcomes,
                                        configuration: partial.configuration(threads: 1))
    }
}

func fuzzPartial(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    PartialTarget.read(bytes)
    let checked = bytes.starts(with: PartialResult.magic) && bytes.count >= PartialResult.checkedOffset
        ? Array(bytes[PartialResult.checkedOffset...]) : bytes
    PartialTarget.read(PartialResult.magic + Array("sha256 \(SHA256.hex(checked))\n".utf8) + checked)
    return 0
}

/// `TRADESIM_FUZZ_WRITE_SEEDS=DIR`: writes the partial target's seed files into DIR and exits
/// (run.sh does this before fuzzing, so the seeds always have the current format). `_exit`, not
/// `exit`: LeakSanitizer's check at exit would count what this function's frames still hold.
func writePartialSeeds(to folder: String) -> Never {
    for seed in PartialTarget.seeds() {
        guard FileManager.default.createFile(atPath: folder + "/" + seed.name, contents: Data(seed.bytes)) else {
            fatalError("cannot write a seed into \(folder)")
        }
    }
    _exit(0)
}
