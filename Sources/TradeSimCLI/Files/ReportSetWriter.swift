import Foundation
import TradeSim

/// Writes the report set of a run or backtest (`ReportSet`: rendered by the library) atomically
/// into its folder.
enum ReportSetWriter {
    /// Writes every file; returns the set (its summary rows and tearsheet for the printed table). `backtest`: the
    /// backtest's set (`ReportSet(backtest:…)`, one outcome: its windows combined).
    static func write(command: String, study: Study, outcomes: [ScenarioOutcomes], blend: Bool, backtest: Bool = false,
                      configuration: RunConfiguration, inputs: [RunInput], edits: [StudyEdit] = [], folder: ReportFolder,
                      clock: inout Stopwatch, timings: [(name: String, seconds: Double)]) throws -> ReportSet {
        let set = backtest ? ReportSet(backtest: study, outcomes: outcomes[0], configuration: configuration)
            : ReportSet(study: study, outcomes: outcomes, blend: blend, configuration: configuration)
        let reportSeconds = clock.lap()
        let manifest = set.manifest(command: command, inputs: inputs, edits: edits,
                                    timings: timings + [("report", reportSeconds), ("total", clock.total)])
        try folder.put(set.files + [("run.json", manifest)])
        return set
    }
}
