import Testing
@testable import TradeSim

@Suite("Shards")
struct ShardTests {
    /// For many path counts and shard counts the slices are disjoint, in order, cover every
    /// path and start on 64-path chunk boundaries.
    @Test func slicesTileThePaths() {
        for paths in [1, 63, 64, 65, 200, 1000, 4097, 100_000] {
            for n in [1, 2, 3, 7, 64, 100] {
                var next = 0
                for i in 0..<n {
                    let r = Shard(index: i, count: n)!.pathRange(paths: paths)
                    #expect(r.lowerBound == next, "paths \(paths), shard \(i)/\(n)")
                    #expect(r.lowerBound % 64 == 0 || r.isEmpty)
                    next = r.upperBound
                }
                #expect(next == paths)
            }
        }
    }

    @Test func parsesIOverN() {
        #expect(Shard("0/4") == Shard(index: 0, count: 4))
        #expect(Shard("3/4")?.index == 3)
        for bad in ["4/4", "-1/4", "1/0", "1", "a/b", "1/2/3", "", "1/", "0/1000001"] { #expect(Shard(bad) == nil, "\(bad)") }
        #expect(Shard("999999/1000000") == Shard(index: 999_999, count: 1_000_000))
        #expect(Shard(index: 0, count: 1_099_511_627_776) == nil && Shard(index: 0, count: 0) == nil && Shard(index: 0, count: -1) == nil)
    }

    /// The largest shard counts with path counts far above any run's give the ranges of exact
    /// arithmetic (⌊i·C/n⌋ chunks, computed here by hand), not an overflow trap: a partial
    /// result's numbers reach `pathRange` before the file's size bounds them.
    @Test func pathRangeDoesNotOverflow() {
        // 9·10¹⁵ paths = 140,625,000,000,000 chunks of 64.
        #expect(Shard(index: 999_999, count: 1_000_000)!.pathRange(paths: 9_000_000_000_000_000)
                == 8_999_991_000_000_000..<9_000_000_000_000_000)
        #expect(Shard(index: 500_000, count: 1_000_000)!.pathRange(paths: 9_000_000_000_000_000)
                == 4_500_000_000_000_000..<4_500_009_000_000_000)
    }

    /// A shard's outcomes are the single run's for its paths (library level, benchmark study).
    @Test func shardOutcomesAreTheSingleRunsSlices() throws {
        let study = try repositoryStudy("benchmark.json")
        let whole = Engine.run(study: study, scenarioIndices: [0], configuration: RunConfiguration(paths: 300, seed: 2))[0]
        var slices: [ScenarioOutcomes] = []
        for i in 0..<3 {
            let c = RunConfiguration(paths: 300, seed: 2, threads: 2, shard: Shard(index: i, count: 3))
            slices.append(Engine.run(study: study, scenarioIndices: [0], configuration: c)[0])
        }
        let joined = ScenarioOutcomes.joined(slices)
        #expect(joined.paths == 300)
        for k in whole.variants.indices {
            #expect(joined.variants[k].pnl == whole.variants[k].pnl)
            #expect(joined.variants[k].returnChunkSums == whole.variants[k].returnChunkSums)
            #expect(joined.variants[k].maxDrawdown == whole.variants[k].maxDrawdown)
        }
        #expect(joined.portfolioPnL == whole.portfolioPnL)
        #expect(joined.equitySample == whole.equitySample)
    }
}
