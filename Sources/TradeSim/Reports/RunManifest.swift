/// `run.json`: what produced a report — tool version, inputs and their SHA-256, seed, paths,
/// threads, the scenarios run, the conventions in force, and timings. Everything but
/// `timings_seconds` (and `threads`) is the same for the same inputs and seed. A run with
/// `--set` lists its edits as `sets` after the inputs (absent without them); a sweep adds its
/// grid as `sweep` (`extra`).
struct RunManifest: Sendable {
    var command: String
    var study: Study
    var inputs: [RunInput]
    /// The `--set` edits, in order.
    var edits: [StudyEdit] = []
    /// Members added before `outputs`: (key, JSON text).
    var extra: [(key: String, json: String)] = []
    var seed: UInt64
    var paths: Int
    var threads: Int
    var lanesPerBlock: Int
    var equitySamplePaths: Int
    var tracedPaths: Int
    var analysisPaths: Int
    var outcomes: [ScenarioOutcomes]
    var outputs: [String]
    var timings: [(name: String, seconds: Double)]

    init(command: String, study: Study, inputs: [RunInput], configuration: RunConfiguration,
                outcomes: [ScenarioOutcomes], outputs: [String], timings: [(name: String, seconds: Double)]) {
        self.command = command
        self.study = study
        self.inputs = inputs
        seed = configuration.seed
        paths = configuration.paths
        threads = configuration.threads
        lanesPerBlock = configuration.lanesPerBlock
        equitySamplePaths = configuration.equitySamplePaths
        tracedPaths = configuration.tracedPaths
        analysisPaths = configuration.analysisPaths
        self.outcomes = outcomes
        self.outputs = outputs
        self.timings = timings
    }

    static let conventions: [(String, String)] = [
        ("time", "trading days, 252 per year; weekends, the study's listed holidays and its calendar's (\"calendar\": \"nyse\") are not trading days"),
        ("rates", "continuously compounded, annual"),
        ("volatility", "annual"),
        ("returns", "decimals (0.05 = 5%); columns in basis points end in _bps"),
        ("money", "the study currency, unrounded"),
        ("options", "European, Black-Scholes-Merton with continuous dividend yield (cash dividends: escrowed spot S - PV(D)); legs with exercise american at their American value (Andersen-Lake-Offengenden; daily marks from premium tables within 2.2e-7 of the strike), never below intrinsic; Greeks raw (vega per 1.00 vol, theta per year)"),
        ("implied_vol", "per asset and scenario (see scenarios[].implied_vol): ATM = atm_ratio x path vol + spread unless the study gives absolute levels or terms; default ratio \(ImpliedVolModel.defaultRatio), the volatility risk premium (Eraker 2009; Swedroe 2015); each leg at its own strike's IV: max(atm + slope*x + curvature*x^2, floor*atm), x = clamp(ln(K/F)/sqrt(tau), +-x_limit)"),
        ("event_premium", "an event priced by its outcomes adds its log-move variance v to the total variance of every option whose life spans it, from listing to the event day (the crush); implied move: stdev_log = sqrt(v), expected_abs = E|S_after/S_before - 1|"),
        ("quantiles", "type 7 (linear interpolation between order statistics); blended: the weighted generalisation"),
        ("var_cvar", "of final P&L as positive losses: k = ceil((1 - level) * n), VaR = -(k-th worst), CVaR = -(mean of the k worst)"),
        ("stdev", "sample standard deviation (n - 1); mc_stderr = stdev / sqrt(n)"),
        ("max_drawdown", "per path, largest fall from the running peak of the decision's P&L (portfolio: equity), in money"),
        ("blended", "the mixture of the scenarios' distributions with weights normalised over the scenarios run"),
        ("random", "xoshiro256** per path keyed by (seed, scenario index, path index) via SplitMix64; diffusion normals by Box–Muller, jump and noise normals by Wichura AS 241"),
    ]

    /// A scenario's implied-vol surface as run: the ATM ratio and dynamics, then per asset the
    /// spread, absolute base or term curve, skew and spot–vol beta.
    static func impliedVolJSON(_ m: ImpliedVolModel, universe: Universe) -> String {
        let assets = universe.assets.indices.map { i -> (String, String) in
            let smile = m.smile[i]
            let atm: String = if let terms = m.atmTerms[i] {
                JSONText.object(["terms": JSONText.array(terms.map { JSONText.object(["days": String($0.days), "vol": JSONText.number($0.value)]) })])
            } else if let base = m.baseAbsolute[i] { JSONText.object(["base": JSONText.number(base)]) }
            else { JSONText.object(["ratio": JSONText.number(m.baseMultiple), "spread": JSONText.number(m.baseSpread[i])]) }
            return (universe.assets[i].ticker, JSONText.object([
                "atm": atm,
                "skew": smile.isFlat ? JSONText.string("flat") : JSONText.object([
                    "slope": JSONText.number(smile.slope), "curvature": JSONText.number(smile.curvature),
                    "x_limit": JSONText.number(smile.xLimit), "floor_fraction": JSONText.number(smile.floorFraction)]),
                "spot_vol_beta": JSONText.number(m.spotVolBeta[i]),
            ]))
        }
        return JSONText.object([
            "atm_ratio": JSONText.number(m.baseMultiple), "dynamics": JSONText.string(m.dynamics.rawValue),
            "term_multiples": JSONText.array(m.termMultiples.map { JSONText.object(["days": String($0.days), "multiple": JSONText.number($0.value)]) }),
            "assets": JSONText.object(assets),
        ])
    }

    /// An event as priced: its day, how it enters IV, and per asset with a move the implied
    /// move (√v and E|S_after/S_before − 1|) when priced by its outcomes.
    static func eventJSON(_ e: ScheduledEvent, universe: Universe) -> String {
        let pricing = e.pricesOutcomeVariance ? "outcomes" : e.volPremium == nil ? "none" : "ramp"
        var members: [(String, String)] = [("name", JSONText.string(e.name)), ("day", String(e.day)), ("iv_premium", JSONText.string(pricing))]
        if e.pricesOutcomeVariance {
            members.append(("implied_move", JSONText.object(universe.assets.indices.compactMap { i -> (String, String)? in
                let v = e.logMoveVariance(asset: i)
                guard v > 0 else { return nil }
                return (universe.assets[i].ticker, JSONText.object(["stdev_log": JSONText.number(v.squareRoot()),
                                                                     "expected_abs": JSONText.number(e.expectedAbsoluteMove(asset: i))]))
            })))
        }
        return JSONText.object(members)
    }

    /// Edits as `[{"path": "…", "value": …}, …]`, one per line.
    static func editsJSON(_ edits: [StudyEdit]) -> String {
        "[\n" + edits.map { "    " + $0.json }.joined(separator: ",\n") + "\n  ]"
    }

    /// `{"load": 0.012, …}`: each timing in seconds, to the millisecond.
    static func timingsJSON(_ timings: [(name: String, seconds: Double)]) -> String {
        JSONText.object(timings.map { ($0.name, JSONText.number(($0.seconds * 1000).rounded() / 1000)) })
    }

    var json: String {
        var lines: [String] = []
        func field(_ key: String, _ value: String) { lines.append("  \(JSONText.string(key)): \(value)") }
        field("tool", JSONText.string("tradesim"))
        field("version", JSONText.string(TradeSimVersion.string))
        field("command", JSONText.string(command))
        field("study", JSONText.string(study.name))
        field("inputs", "[\n" + inputs.map { "    " + $0.json }.joined(separator: ",\n") + "\n  ]")
        if !edits.isEmpty { field("sets", Self.editsJSON(edits)) }
        field("seed", String(seed))
        field("paths", String(paths))
        field("threads", String(threads))
        field("lanes_per_block", String(lanesPerBlock))
        field("equity_sample_paths", String(equitySamplePaths))
        field("traced_paths", String(tracedPaths))
        field("analysis_paths", String(analysisPaths))
        let total = outcomes.reduce(0) { $0 + $1.scenario.weight }
        field("scenarios", "[\n" + outcomes.map { o in
            let s = o.scenario
            let model: String = { switch s.model { case .monteCarlo: "monteCarlo"; case .scripted: "scripted"; case .historical: "historical" } }()
            return "    " + JSONText.object([
                "name": JSONText.string(s.name), "model": JSONText.string(model), "weight": JSONText.number(s.weight),
                "blend_weight": JSONText.number(total > 0 ? s.weight / total : nil), "horizon_days": String(s.horizonDays),
                "start": JSONText.string(s.dates.first!.description), "end": JSONText.string(s.dates.last!.description),
                "paths": String(o.paths),
                "implied_vol": Self.impliedVolJSON(s.impliedVol, universe: study.universe),
                "events": JSONText.array(s.events.map { Self.eventJSON($0, universe: study.universe) }),
            ])
        }.joined(separator: ",\n") + "\n  ]")
        field("conventions", "{\n" + Self.conventions.map { "    \(JSONText.string($0.0)): \(JSONText.string($0.1))" }
            .joined(separator: ",\n") + "\n  }")
        for (key, json) in extra { field(key, json) }
        field("outputs", JSONText.array(outputs.map(JSONText.string)))
        field("timings_seconds", Self.timingsJSON(timings))
        return "{\n" + lines.joined(separator: ",\n") + "\n}\n"
    }
}

extension StudyEdit {
    /// `{"path": "…", "value": …}`, as run.json lists a `--set` change.
    var json: String { JSONText.object(["path": JSONText.string(path), "value": valueText]) }
}
