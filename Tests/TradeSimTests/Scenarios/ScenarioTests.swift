import Testing
@testable import TradeSim

/// How many paths a scenario draws: one for a deterministic world (scripted, a replay), the
/// requested number otherwise (Monte Carlo, a bootstrap).
@Suite("Scenario")
struct ScenarioTests {
    static func scenario(_ model: PathModel) -> Scenario {
        Scenario(name: "s", weight: 1, horizonDays: 2, rate: 0, model: model, events: [],
                 impliedVol: ImpliedVolModel(baseAbsolute: [nil]), dates: [])
    }

    static let history = HistoricalModel(mode: .replay, closes: [[1], [1], [1]], logReturns: [[0], [0]], source: "")

    @Test func deterministicScenariosDrawOnePath() {
        #expect(Self.scenario(.scripted(ScriptedPath(waypoints: [[]], interpolation: .step))).pathCount(requested: 5_000) == 1)
        #expect(Self.scenario(.historical(Self.history)).pathCount(requested: 5_000) == 1)
    }

    @Test func randomScenariosDrawTheRequestedPaths() {
        var bootstrap = Self.history
        bootstrap.mode = .bootstrap(meanBlockDays: 10)
        #expect(Self.scenario(.historical(bootstrap)).pathCount(requested: 5_000) == 5_000)
        let monteCarlo = MonteCarloModel(drifts: [0], volatilities: [0.2], correlation: CorrelationMatrix(count: 1, values: [1]))
        #expect(Self.scenario(.monteCarlo(monteCarlo)).pathCount(requested: 5_000) == 5_000)
    }
}
