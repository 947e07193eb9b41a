/// A comparison's report rendered as named texts: `compare.csv` (`CompareTable`) and
/// `report.html` (`CompareHTML`); `run.json` from `manifest(timings:)`. The library renders,
/// the caller writes.
package struct CompareReport: Sendable {
    /// How A and B were given, and so what the standard errors are.
    package enum Mode: Sendable {
        /// Two studies, both run here with `configuration` on common random numbers; paired
        /// standard errors, the order statistics' by `bootstrap`.
        case studies(configuration: RunConfiguration, bootstrap: PairedBootstrap)
        /// Two report folders of `tradesim run`: their summary.csv only; standard errors of
        /// independent runs.
        case reportFolders

        /// Both runs ran here, on common random numbers.
        var isStudies: Bool { if case .studies = self { true } else { false } }

        /// run.json's `mode`.
        var name: String {
            switch self {
            case .studies: "studies"
            case .reportFolders: "report folders"
            }
        }
    }

    /// One run compared: a study (run here) or a report folder (read).
    package struct Side: Sendable {
        /// The path as given on the command line.
        package var path: String
        /// The study's name (a report folder: as its run.json names it, if it does).
        package var study: String?
        /// The files read, with their SHA-256.
        package var inputs: [RunInput]
        /// The `--set` changes (studies).
        package var edits: [StudyEdit] = []
        /// What a report folder's run.json says of its run (command, seed, paths), as JSON
        /// members; a study's scenarios as run.
        package var members: [(String, String)] = []

        package init(path: String, study: String?, inputs: [RunInput], edits: [StudyEdit] = [], members: [(String, String)] = []) {
            self.path = path
            self.study = study
            self.inputs = inputs
            self.edits = edits
            self.members = members
        }

        /// A study's scenarios as run: name, paths, weight and blend weight, as run.json lists them.
        package static func scenarios(_ outcomes: [ScenarioOutcomes]) -> (String, String) {
            let weights = CompareTable.normalisedWeights(outcomes)
            return ("scenarios", JSONText.array(zip(outcomes, weights).map { o, w in
                JSONText.object(["name": JSONText.string(o.scenario.name), "paths": String(o.paths),
                                 "weight": JSONText.number(o.scenario.weight), "blend_weight": JSONText.number(w)])
            }))
        }

        var json: String {
            var m: [(String, String)] = [("path", JSONText.string(path)), ("study", study.map(JSONText.string) ?? "null"),
                                         ("inputs", JSONText.array(inputs.map(\.json)))]
            if !edits.isEmpty { m.append(("sets", JSONText.array(edits.map(\.json)))) }
            return JSONText.object(m + members)
        }
    }

    package let mode: Mode
    package let a: Side
    package let b: Side
    package let rows: [CompareRow]
    /// The money's currency, when known (studies).
    package let currency: String?
    /// `compare.csv` and `report.html`, in that order.
    package let files: [(name: String, text: String)]

    package init(mode: Mode, a: Side, b: Side, rows: [CompareRow], currency: String?) {
        self.mode = mode
        self.a = a
        self.b = b
        self.rows = rows
        self.currency = currency
        files = [("compare.csv", CompareTable.csv(rows)),
                 ("report.html", CompareHTML(mode: mode, a: a, b: b, rows: rows, currency: currency).html)]
    }

    /// What the standard errors are, in words (run.json and report.html).
    static func standardErrorText(_ mode: Mode) -> String {
        switch mode {
        case let .studies(_, bootstrap):
            "paired (both runs on common random numbers): mean_pnl and prob_profit from the per-path differences, sd(b_i - a_i)/sqrt(n) "
                + "(prob_profit: of 1[b_i > 0] - 1[a_i > 0]); p05/p50/p95, var95 and cvar95 by a paired bootstrap of the paths "
                + "(\(bootstrap.resamples) resamples, the same path indices in A and B, seed \(bootstrap.seed)); blended: mean_pnl and prob_profit "
                + "sqrt(sum_s se_s^2), se_s that of w_B,s*b_i - w_A,s*a_i (sqrt(sum w^2 se^2) when the weights agree), the others by the bootstrap "
                + "stratified by scenario; mean_return none. mean_pnl_stderr_independent = sqrt(mc_stderr_a^2 + mc_stderr_b^2), "
                + "what runs on independent seeds would give. significant: |change| > 1.96 se"
        case .reportFolders:
            "of independent runs: only the two summary.csv are read, so mean_pnl_stderr = sqrt(mc_stderr_a^2 + mc_stderr_b^2) and the "
                + "other statistics have none (a summary keeps no per-path values); runs that shared their random numbers have a smaller "
                + "true standard error (compare the studies for paired ones). significant: |change| > 1.96 se"
        }
    }

    /// The text of `run.json`: the tool, the command, the mode, both sides (paths, studies,
    /// inputs with SHA-256, --set changes, scenarios or what their run.json recorded), the seed,
    /// paths, threads and bootstrap settings of a run of studies, what the standard errors
    /// are, the outputs and the timings.
    package func manifest(timings: [(name: String, seconds: Double)]) -> String {
        var lines: [(String, String)] = [("tool", JSONText.string("tradesim")), ("version", JSONText.string(TradeSimVersion.string)),
                                         ("command", JSONText.string("compare")), ("mode", JSONText.string(mode.name)),
                                         ("a", a.json), ("b", b.json)]
        if case let .studies(configuration, bootstrap) = mode {
            lines += [("seed", String(configuration.seed)), ("paths", String(configuration.paths)), ("threads", String(configuration.threads)),
                      ("bootstrap", JSONText.object(["resamples": String(bootstrap.resamples), "seed": String(bootstrap.seed),
                                                     "method": JSONText.string("paired: each resample draws n paths with replacement, the same indices in A and B; se = sd of the resampled changes (R - 1); blended: each scenario resampled from its own paths (stratified)")]))]
        }
        lines += [("standard_errors", JSONText.string(Self.standardErrorText(mode))),
                  ("change", JSONText.string("value in B minus value in A, each as summary.csv computes it; rows matched by scenario name" + (mode.isStudies ? " and path count" : "") + ", decision id and variant name")),
                  ("outputs", JSONText.array((files.map(\.name) + ["run.json"]).map(JSONText.string))),
                  ("timings_seconds", RunManifest.timingsJSON(timings))]
        return "{\n" + lines.map { "  \(JSONText.string($0.0)): \($0.1)" }.joined(separator: ",\n") + "\n}\n"
    }
}
