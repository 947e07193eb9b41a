import Testing
@testable import TradeSim

/// The return sums by 64-path chunk, recomputed here from the per-path returns.
@Suite("Variant outcomes")
struct VariantOutcomesTests {
    @Test("Chunks: ⌈paths / 64⌉", arguments: [(0, 0), (1, 1), (64, 1), (65, 2), (130, 3), (1_000_000, 15_625)])
    func chunkCount(paths: Int, chunks: Int) {
        #expect(VariantOutcomes.chunks(paths: paths) == chunks)
    }

    @Test("Each chunk sums its 64 paths' finite returns in path order; labels name decision/variant")
    func chunkSums() throws {
        let study = try repositoryStudy("rare-earths-us-china.json")
        let o = Engine.run(study: study, scenarioIndices: [0],
                           configuration: RunConfiguration(paths: 130, seed: 3, threads: 2, keepPathReturns: true))[0]
        for v in o.variants {
            #expect(v.returnChunkSums.count == 3 && v.returnChunkCounts.count == 3)
            for c in 0..<3 {
                let finite = v.returns[(c * 64)..<min(130, (c + 1) * 64)].filter(\.isFinite)
                #expect(v.returnChunkCounts[c] == finite.count)
                #expect(v.returnChunkSums[c] == finite.reduce(0, +), "\(v.label) chunk \(c)")
            }
            #expect(v.returnCount == v.returns.filter(\.isFinite).count)
            #expect(v.label == (v.variantName.isEmpty ? v.decisionID : "\(v.decisionID)/\(v.variantName)"))
        }
        #expect(o.variants.contains { $0.label == "magnet-protection/put-spreads" })
    }
}
