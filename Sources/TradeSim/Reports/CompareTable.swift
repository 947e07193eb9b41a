/// One row of `compare.csv`: a scenario (or `blended`) × decision variant (or `portfolio`) in
/// runs A and B, each statistic's change B − A and the standard error of the change.
public struct CompareRow: Sendable {
    /// The scenario's name, or `blended`.
    public var scenario: String
    /// The decision's id, or `portfolio`.
    public var decision: String
    /// The variant's name ("" for a single variant and the portfolio).
    public var variant: String
    /// The row of run A (nil: only B has it).
    public var a: SummaryRow?
    /// The row of run B (nil: only A has it).
    public var b: SummaryRow?
    /// The standard error of each statistic's change, in `CompareStatistic.allCases` order
    /// (nil: none; always nil for a row of one run).
    public var standardErrors: [Double?]
    /// √(mc_stderr_A² + mc_stderr_B²): the standard error of the mean's change had the runs
    /// used independent random numbers.
    public var independentStandardError: Double?

    /// The value of `s` in run B minus in run A (nil when either is undefined).
    public func change(_ s: CompareStatistic) -> Double? {
        guard let a, let b, let x = s.value(b), let y = s.value(a) else { return nil }
        return x - y
    }

    /// The standard error of the change of `s`.
    public func standardError(_ s: CompareStatistic) -> Double? {
        standardErrors[s.index]
    }

    /// |change| > 1.96 × its standard error (`PairedDifference.isSignificant`); nil without a
    /// change or a standard error.
    public func isSignificant(_ s: CompareStatistic) -> Bool? {
        guard let d = change(s), let se = standardError(s) else { return nil }
        return PairedDifference(mean: d, standardError: se).isSignificant
    }

    /// "decision" or "decision / variant", for people.
    public var label: String { variant.isEmpty ? decision : "\(decision) / \(variant)" }
}

/// `compare.csv`: the rows of two runs' `summary.csv` matched by scenario name, decision id and
/// variant name — and, for runs on common random numbers, the same path count — with the
/// change of each statistic (`CompareStatistic`) and its standard error.
///
/// Order: each scenario of A, then each scenario only B ran, then `blended`; within a scenario
/// A's decision variants, those only B has, then the portfolio. A row only one run has is kept,
/// the other side empty.
///
/// Standard errors (`rows(a:b:bootstrap:threads:)`, two runs of studies on the same paths):
/// the mean P&L's and P(profit)'s from the per-path differences (`PairedDifference`: sd/√n of
/// bᵢ − aᵢ, of 1[bᵢ > 0] − 1[aᵢ > 0]); the quantiles', VaR's and CVaR's by the paired bootstrap
/// (`PairedBootstrap`). Blended: the mean's and P(profit)'s √(Σ_s se_s²) with se_s that of
/// w_B,s·bᵢ − w_A,s·aᵢ (√(Σ w_s²·se_s²) when the weights agree, as `sweep`); the others by the
/// stratified bootstrap of the mixture. Both need every scenario of the blend paired (the same
/// names and path counts in A and B). Two summaries alone (`rows(a:b:)`: report folders) have
/// only the independent-runs standard error of the mean.
public enum CompareTable {
    /// Columns per statistic: `<s>_a, <s>_b, <s>_change`, then for those with a standard error
    /// `<s>_stderr` (the mean also `mean_pnl_stderr_independent`) and `<s>_significant`.
    public static var columns: [String] {
        ["scenario", "decision", "variant", "paths_a", "paths_b"] + CompareStatistic.allCases.flatMap { s -> [String] in
            let c = s.column
            var out = [c + "_a", c + "_b", c + "_change"]
            if s.hasStandardError { out.append(c + "_stderr") }
            if s == .meanPnL { out.append(c + "_stderr_independent") }
            if s.hasStandardError { out.append(c + "_significant") }
            return out
        }
    }

    /// The rows of A and B in report order, matched; `samePaths`: a scenario's rows (not the
    /// blend's) match only with the same path count.
    static func matched(_ a: [SummaryRow], _ b: [SummaryRow], samePaths: Bool) -> [(a: SummaryRow?, b: SummaryRow?)] {
        var scenarios: [String] = []
        for r in a + b where r.scenario != "blended" && !scenarios.contains(r.scenario) { scenarios.append(r.scenario) }
        if (a + b).contains(where: { $0.scenario == "blended" }) { scenarios.append("blended") }
        var out: [(a: SummaryRow?, b: SummaryRow?)] = []
        for name in scenarios {
            let inA = a.filter { $0.scenario == name }, inB = b.filter { $0.scenario == name }
            var taken = Set<Int>()
            func partner(_ r: SummaryRow) -> SummaryRow? {
                guard let k = inB.indices.first(where: { k in
                    !taken.contains(k) && inB[k].decision == r.decision && inB[k].variant == r.variant
                        && (!samePaths || name == "blended" || inB[k].paths == r.paths)
                }) else { return nil }
                taken.insert(k)
                return inB[k]
            }
            for portfolio in [false, true] {
                for r in inA where (r.decision == "portfolio") == portfolio { out.append((r, partner(r))) }
                for (k, r) in inB.enumerated() where (r.decision == "portfolio") == portfolio && !taken.contains(k) {
                    out.append((nil, r))
                }
            }
        }
        return out
    }

    /// A row from a matched pair, with its standard errors.
    static func row(_ pair: (a: SummaryRow?, b: SummaryRow?), standardErrors: [Double?]) -> CompareRow {
        let r = (pair.a ?? pair.b)!
        let independent = pair.a != nil && pair.b != nil
            ? PairedDifference.independentStandardError(pair.a?.pnl.standardError, pair.b?.pnl.standardError) : nil
        return CompareRow(scenario: r.scenario, decision: r.decision, variant: r.variant, a: pair.a, b: pair.b,
                          standardErrors: pair.a != nil && pair.b != nil ? standardErrors : CompareStatistic.allCases.map { _ in nil },
                          independentStandardError: independent)
    }

    /// Two runs known only by their summaries (report folders): the mean's standard error is
    /// the independent one, √(mc_stderr_A² + mc_stderr_B²); the other statistics have none.
    public static func rows(a: [SummaryRow], b: [SummaryRow]) -> [CompareRow] {
        matched(a, b, samePaths: false).map { pair in
            let independent = PairedDifference.independentStandardError(pair.a?.pnl.standardError, pair.b?.pnl.standardError)
            return row(pair, standardErrors: CompareStatistic.allCases.map { $0 == .meanPnL ? independent : nil })
        }
    }

    /// Two runs of studies with every path kept (A's and B's outcomes), path i of a scenario of
    /// A paired with path i of B's scenario of the same name and path count. Computed on up to
    /// `threads` threads; the rows do not depend on it.
    public static func rows(a: [ScenarioOutcomes], b: [ScenarioOutcomes], bootstrap: PairedBootstrap, threads: Int) -> [CompareRow] {
        let pairs = matched(SummaryTable.allRows(a, threads: threads), SummaryTable.allRows(b, threads: threads), samePaths: true)
        var errors = pairs.map { _ in CompareStatistic.allCases.map { _ -> Double? in nil } }
        // B's scenario paired with each of A's (same name and paths), and the blend's weights.
        let partner = a.map { o in b.first { $0.scenario.name == o.scenario.name && $0.paths == o.paths } }
        let blendPaired = a.count > 1 && a.count == b.count && !partner.contains { $0 == nil }
        let weightsA = normalisedWeights(a), allWeightsB = normalisedWeights(b)
        let weightsB = partner.map { o in o.flatMap { o in b.firstIndex { $0.scenario.name == o.scenario.name } }.map { allWeightsB[$0] } ?? 0 }
        // Row indices per (decision, variant): every scenario's and the blend's rows of one
        // decision variant share one bootstrap (its resamples draw the same paths).
        var groups: [[String]: [Int]] = [:], keys: [[String]] = []
        for (k, p) in pairs.enumerated() where p.a != nil && p.b != nil {
            let key = [p.a!.decision, p.a!.variant]
            if groups[key] == nil { keys.append(key) }
            groups[key, default: []].append(k)
        }
        func indicator(_ x: [Double]) -> [Double] { x.map { $0 > 0 ? 1 : 0 } }
        for key in keys {
            var parts: [(row: Int, part: PairedBootstrap.Part)] = []
            var blendRow: Int?
            for k in groups[key]! {
                let r = pairs[k].a!
                guard r.scenario != "blended" else { blendRow = k; continue }
                guard let s = a.firstIndex(where: { $0.scenario.name == r.scenario }), let ob = partner[s],
                      let x = a[s].pnl(decision: key[0], variant: key[1]), let y = ob.pnl(decision: key[0], variant: key[1]) else { continue }
                parts.append((k, PairedBootstrap.Part(stratum: s, a: x, b: y)))
                errors[k][CompareStatistic.meanPnL.index] = PairedDifference(y, minus: x).standardError
                errors[k][CompareStatistic.probProfit.index] = PairedDifference(indicator(y), minus: indicator(x)).standardError
            }
            // The blend: every scenario of A, in A's order, paired.
            let blended = blendPaired && parts.map(\.part.stratum) == Array(a.indices) ? blendRow : nil
            if let k = blended {
                func blendSE(_ pick: ([Double]) -> [Double]) -> Double? {
                    PairedDifference(blending: parts.map { p in
                        let s = p.part.stratum
                        return (PairedDifference(pick(p.part.b).map { weightsB[s] * $0 }, minus: pick(p.part.a).map { weightsA[s] * $0 }), 1)
                    }).standardError
                }
                errors[k][CompareStatistic.meanPnL.index] = blendSE { $0 }
                errors[k][CompareStatistic.probProfit.index] = blendSE(indicator)
            }
            let result = bootstrap.standardErrors(parts.map(\.part), blend: blended == nil ? nil : (weightsA, weightsB), threads: threads)
            for (s, statistic) in CompareStatistic.allCases.enumerated() {
                guard let b = statistic.bootstrapped else { continue }
                for (j, p) in parts.enumerated() { errors[p.row][s] = result.parts[j][b.rawValue] }
                if let k = blended { errors[k][s] = result.blend?[b.rawValue] }
            }
        }
        return zip(pairs, errors).map { row($0, standardErrors: $1) }
    }

    /// Each scenario's weight over the scenarios run, w_s / Σw, as `SummaryTable.blendedRows`.
    static func normalisedWeights(_ all: [ScenarioOutcomes]) -> [Double] {
        let total = all.reduce(0) { $0 + $1.scenario.weight }
        return all.map { total > 0 ? $0.scenario.weight / total : 0 }
    }

    /// The CSV text: the header, then one line per row (`true`/`false` flags; empty cells
    /// where a run has no row, a number is undefined or there is no standard error).
    public static func csv(_ rows: [CompareRow]) -> String {
        var out = columns.joined(separator: ",") + "\n"
        for r in rows {
            var cells = [CSVField.escape(r.scenario), CSVField.escape(r.decision), CSVField.escape(r.variant),
                         r.a.map { String($0.paths) } ?? "", r.b.map { String($0.paths) } ?? ""]
            for s in CompareStatistic.allCases {
                cells += [NumberText.csv(r.a.flatMap(s.value)), NumberText.csv(r.b.flatMap(s.value)), NumberText.csv(r.change(s))]
                if s.hasStandardError { cells.append(NumberText.csv(r.standardError(s))) }
                if s == .meanPnL { cells.append(NumberText.csv(r.independentStandardError)) }
                if s.hasStandardError { cells.append(r.isSignificant(s).map { $0 ? "true" : "false" } ?? "") }
            }
            out += cells.joined(separator: ",") + "\n"
        }
        return out
    }
}
