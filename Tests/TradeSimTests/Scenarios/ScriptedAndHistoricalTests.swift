import Foundation
import Testing
@testable import TradeSim

@Suite("Scripted and historical scenarios")
struct ScriptedAndHistoricalTests {
    static let universe = """
        "universe": [{"ticker": "MP", "spot": 20, "volatility": 0.6, "tags": ["enabler"]},
                     {"ticker": "LMT", "spot": 400, "volatility": 0.25, "tags": ["defense"]}]
        """

    static func path(_ kernel: ScenarioKernel) -> [[Double]] {
        var block = kernel.makeBlock(firstPath: 0, lanes: 1, seed: 1)
        var out = [(0..<kernel.assetCount).map { block.price(asset: $0, lane: 0) }]
        for _ in 0..<kernel.horizonDays {
            kernel.advance(&block)
            out.append((0..<kernel.assetCount).map { block.price(asset: $0, lane: 0) })
        }
        return out
    }

    /// Waypoints: MP −12% on day 4 (step), LMT +10% by day 10, 2026-01-20 (linear in log
    /// price; 19 January, Martin Luther King Jr. Day, is an NYSE holiday).
    @Test func scriptedWaypoints() throws {
        for interpolation in ["step", "linear"] {
            let study = try StudyText.study("""
                {"name": "t", "start": "2026-01-05", \(Self.universe),
                 "scenarios": [{"name": "s", "horizon": 12, "model": "scripted",
                   "script": {"interpolation": "\(interpolation)", "points": [
                      {"day": 4, "change": {"enabler": -0.12}},
                      {"date": "2026-01-20", "change": {"LMT": 0.10}}]}}]}
                """)
            let p = Self.path(ScenarioKernel(scenario: study.scenarios[0], scenarioIndex: 0, universe: study.universe))
            #expect(p[0] == [20, 400])
            #expect(abs(p[4][0] - 20 * 0.88) < 1e-12)
            #expect(abs(p[12][0] - 20 * 0.88) < 1e-12)          // flat after the last point
            #expect(abs(p[10][1] - 440) < 1e-12)                // 2026-01-19 is day 10
            if interpolation == "step" {
                #expect(p[3][0] == 20 && p[9][1] == 400)
            } else {
                #expect(abs(p[2][0] - 20 * exp(0.5 * log(0.88))) < 1e-12)
                #expect(abs(p[5][1] - 400 * exp(0.5 * log(1.1))) < 1e-12)
            }
        }
    }

    static let series: [PriceSeries] = {
        let dates = ["2025-04-01", "2025-04-02", "2025-04-03", "2025-04-04", "2025-04-07", "2025-04-08"].map { CalendarDate(iso: $0)! }
        return [PriceSeries(ticker: "MP", dates: dates, closes: [21.0, 22.5, 23.06, 24.1, 23.0, 25.5], file: "MP.csv", lines: Array(2...7)),
                PriceSeries(ticker: "LMT", dates: dates, closes: [450, 452, 440, 430, 428, 435], file: "LMT.csv", lines: Array(2...7))]
    }()

    /// A replay walks the real closes from its start, on the real dates.
    @Test func replayUsesRealClosesAndDates() throws {
        let study = try StudyText.study("""
            {"name": "t", "start": "2026-01-05", \(Self.universe),
             "scenarios": [{"name": "h", "horizon": 3, "model": "historical",
               "history": {"prices": "p", "start": "2025-04-02"}}]}
            """, histories: ["p": Self.series])
        let sc = study.scenarios[0]
        #expect(sc.dates.map(\.description) == ["2025-04-02", "2025-04-03", "2025-04-04", "2025-04-07"])
        let p = Self.path(ScenarioKernel(scenario: sc, scenarioIndex: 0, universe: study.universe))
        #expect(p.map { $0[0] } == [22.5, 23.06, 24.1, 23.0])
        #expect(p.map { $0[1] } == [452, 440, 430, 428])
    }

    /// A bootstrap path starts at the universe spots and every day's move is one whole day of
    /// the history (both assets' returns from the same date).
    @Test func bootstrapResamplesWholeDays() throws {
        let study = try StudyText.study("""
            {"name": "t", "start": "2026-01-05", \(Self.universe),
             "scenarios": [{"name": "b", "horizon": 30, "model": "historical",
               "history": {"prices": "p", "mode": "bootstrap", "meanBlockDays": 3}}]}
            """, histories: ["p": Self.series])
        let kernel = ScenarioKernel(scenario: study.scenarios[0], scenarioIndex: 0, universe: study.universe)
        let pool = (1..<6).map { d in [log(Self.series[0].closes[d] / Self.series[0].closes[d - 1]),
                                       log(Self.series[1].closes[d] / Self.series[1].closes[d - 1])] }
        var block = kernel.makeBlock(firstPath: 0, lanes: 16, seed: 2)
        for lane in 0..<16 { #expect(block.price(asset: 0, lane: lane) == 20) }
        for _ in 0..<30 {
            let before = Array(block.logPrice)
            kernel.advance(&block)
            for lane in 0..<16 {
                let move = [block.logPrice[lane] - before[lane], block.logPrice[16 + lane] - before[16 + lane]]
                #expect(pool.contains { abs($0[0] - move[0]) < 1e-12 && abs($0[1] - move[1]) < 1e-12 })
            }
        }
    }
}
