/// `thesis.csv`: each card claim × scenario — what the card says and what the simulation says.
///
/// Columns: `decision, claim, card_low, card_high, scenario, simulated_p50, prob_claim_met`,
/// then `variant, metric, test, entered_paths`, then `test_words` (`Thesis.words`: "return at
/// exit ≥ 20%") and `status`: empty when checked, `n/a: scenario not run` for a claim tied to
/// a scenario the run left out, `n/a: <why>` in a scenario where the claim's `given` condition
/// is not certain (`ThesisCondition`; its numbers empty, not 0; the blend is over the
/// scenarios where it is checked). The metric (decision return as a decimal,
/// relative return in bps, or P&L in money) is taken at exit on the paths where the decision
/// entered; `simulated_p50` is its median and `prob_claim_met` the share of those paths where
/// the claim holds (`within`: low ≤ x ≤ high; `atLeast`: x ≥ low; `atMost`: x ≤ high). A claim
/// tied to scenarios is checked in those; an untied claim in every scenario and the blend.
enum ThesisTable {
    static let columns = ["decision", "claim", "card_low", "card_high", "scenario", "simulated_p50",
                                 "prob_claim_met", "variant", "metric", "test", "entered_paths", "test_words", "status"]

    struct Row: Sendable {
        var decision, claim, scenario, variant: String
        var thesis: Thesis
        var median: Double?
        var probability: Double?
        var enteredPaths: Int
        /// Empty when checked; why not otherwise.
        var status = ""
    }

    static let notRun = "n/a: scenario not run"

    static func rows(_ all: [ScenarioOutcomes], playbook: Playbook) -> [Row] {
        var rows: [Row] = []
        for (k, variant) in playbook.variants.enumerated() {
            for t in variant.theses {
                let scenarios = all.filter { t.scenarios.isEmpty || t.scenarios.contains($0.scenario.name) }
                var blendParts: [(values: [Double], weight: Double)] = []
                for o in scenarios {
                    // A condition that is not certain here: n/a with the reason, never a 0.
                    if let why = t.unmetCondition(in: o.scenario) {
                        rows.append(Row(decision: variant.decisionID, claim: t.claim, scenario: o.scenario.name, variant: variant.name,
                                        thesis: t, median: nil, probability: nil, enteredPaths: 0, status: "n/a: " + why))
                        continue
                    }
                    let values = metricValues(o.variants[k], t.metric)
                    blendParts.append((values, o.scenario.weight))
                    let stats = PathStatistics(values, levels: [0.5], tails: [])
                    let met = values.filter { t.isMet($0) }.count
                    rows.append(Row(decision: variant.decisionID, claim: t.claim, scenario: o.scenario.name, variant: variant.name,
                                    thesis: t, median: stats.quantile(0.5),
                                    probability: values.isEmpty ? nil : Double(met) / Double(values.count), enteredPaths: values.count))
                }
                // A tied scenario the run left out: n/a, never a probability of 0.
                for name in t.scenarios where !all.contains(where: { $0.scenario.name == name }) {
                    rows.append(Row(decision: variant.decisionID, claim: t.claim, scenario: name, variant: variant.name, thesis: t,
                                    median: nil, probability: nil, enteredPaths: 0, status: notRun))
                }
                if t.scenarios.isEmpty && blendParts.count > 1 {
                    let blend = WeightedSample(mixture: blendParts)
                    var probability = 0.0, weight = 0.0
                    for part in blendParts where !part.values.isEmpty {
                        probability += part.weight * Double(part.values.filter { t.isMet($0) }.count) / Double(part.values.count)
                        weight += part.weight
                    }
                    rows.append(Row(decision: variant.decisionID, claim: t.claim, scenario: "blended", variant: variant.name,
                                    thesis: t, median: blend.quantile(0.5), probability: weight > 0 ? probability / weight : nil,
                                    enteredPaths: blendParts.reduce(0) { $0 + $1.values.count }))
                }
            }
        }
        return rows
    }

    /// The thesis metric on each entered path.
    static func metricValues(_ v: VariantOutcomes, _ metric: Thesis.Metric) -> [Double] {
        // (The engine keeps per-path returns and spreads for the variants a thesis tests.)
        let entered = v.exitReason.indices.filter { v.exitReason[$0] != ExitReason.neverEntered.rawValue }
        switch metric {
        case .return: return entered.map { v.returns[$0] }.filter(\.isFinite)
        case .relativeReturnBps: return entered.map { v.relativeReturnBps[$0] }.filter(\.isFinite)
        case .pnl: return entered.map { v.pnl[$0] }
        }
    }

    static func csv(_ rows: [Row]) -> String {
        var out = columns.joined(separator: ",") + "\n"
        for r in rows {
            out += [r.decision, CSVField.escape(r.claim), NumberText.csv(r.thesis.low), NumberText.csv(r.thesis.high), r.scenario,
                    NumberText.csv(r.median), NumberText.csv(r.probability), r.variant, r.thesis.metric.rawValue,
                    r.thesis.test.rawValue, String(r.enteredPaths), CSVField.escape(r.thesis.words), CSVField.escape(r.status)].joined(separator: ",") + "\n"
        }
        return out
    }
}
