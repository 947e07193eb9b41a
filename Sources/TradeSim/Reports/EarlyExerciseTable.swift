/// `early_exercise.csv`: the assignment risk of every sold American option leg on the run's
/// analysis paths — `scenario, decision, variant, leg, ticker, type, paths, paths_held,
/// paths_exercise_optimal, fraction, mean_days_after_entry`: of the `paths_held` sample paths on
/// which the leg was held, on how many its holder's early exercise became optimal before expiry
/// (`DecisionProgram.earlyExerciseIsOptimal`: its American value fell to its intrinsic value,
/// the spot at or beyond the exercise boundary), that share, and the mean number of trading
/// days from entry to the first such close. Under the default `"assignment": "hold"` the leg
/// stays open at its mark, so this is the risk a writer carries, not a cash flow; under
/// `"assign"` (`ExitRules.Assignment`) the leg was assigned at that close (trades.csv: exit
/// reason `assigned`, on every path). Header only when no variant sells an American option.
enum EarlyExerciseTable {
    static let columns = ["scenario", "decision", "variant", "leg", "ticker", "type", "paths", "paths_held",
                          "paths_exercise_optimal", "fraction", "mean_days_after_entry"]

    /// One leg's figures in one scenario.
    struct Row {
        var held = 0, optimal = 0
        var daysAfterEntry = 0.0
        var fraction: Double? { held > 0 ? Double(optimal) / Double(held) : nil }
        var meanDays: Double? { optimal > 0 ? daysAfterEntry / Double(optimal) : nil }
    }

    /// Leg `leg`'s figures over the analysis `a` (entries from `a.entryDay`).
    static func row(_ leg: PositionAnalysis.LegAttribution, variant k: Int, in a: PositionAnalysis) -> Row {
        var r = Row()
        for p in 0..<a.paths where leg.held[p] {
            r.held += 1
            let day = leg.earlyExerciseDay[p]
            if day >= 0 {
                r.optimal += 1
                r.daysAfterEntry += Double(day - a.entryDay[k][p])
            }
        }
        return r
    }

    static func csv(_ all: [ScenarioOutcomes]) -> String {
        var out = columns.joined(separator: ",") + "\n"
        for o in all {
            guard let a = o.analysis, a.paths > 0 else { continue }
            for leg in a.legs where leg.shortAmerican {
                guard let k = o.variants.firstIndex(where: { $0.decisionID == leg.decisionID && $0.variantName == leg.variantName }) else { continue }
                let r = row(leg, variant: k, in: a)
                out += [CSVField.escape(o.scenario.name), CSVField.escape(leg.decisionID), CSVField.escape(leg.variantName), String(leg.leg),
                        CSVField.escape(leg.ticker), leg.instrument, String(a.paths), String(r.held), String(r.optimal),
                        NumberText.csv(r.fraction), NumberText.csv(r.meanDays)].joined(separator: ",") + "\n"
            }
        }
        return out
    }
}
