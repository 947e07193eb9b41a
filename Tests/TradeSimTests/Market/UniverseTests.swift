import Testing
@testable import TradeSim

/// The universe (Universe.swift): assets addressed by ticker, by tag, or `*`.
@Suite("Universe")
struct UniverseTests {
    static let universe = Universe([
        Asset(ticker: "MP", spot: 40, volatility: 0.5, tags: ["enabler", "us"]),
        Asset(ticker: "LMT", spot: 500, volatility: 0.3, tags: ["defense", "us"]),
        Asset(ticker: "LYC", spot: 8, volatility: 0.6, tags: ["enabler"]),
        Asset(ticker: "MP", spot: 1, volatility: 0.1),
    ])

    @Test func selectorsResolveToIndicesInUniverseOrder() {
        let u = Self.universe
        #expect(u.resolve("LMT") == [1])
        #expect(u.resolve("enabler") == [0, 2])
        #expect(u.resolve("us") == [0, 1])
        #expect(u.resolve("*") == [0, 1, 2, 3])
        #expect(u.resolve("defence").isEmpty)
        // A ticker wins over a tag, and a ticker named twice is its first asset.
        #expect(u.resolve("MP") == [0] && u.index(of: "MP") == 0)
        #expect(u.index(of: "NONE") == nil)
    }

    @Test func countsTickersAndTags() {
        let u = Self.universe
        #expect(u.count == 4)
        #expect(u.tickers == ["MP", "LMT", "LYC", "MP"])
        #expect(u.tags == ["defense", "enabler", "us"])
    }
}
