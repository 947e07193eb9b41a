import Foundation

/// A scenario's fields: its own, falling back to `scenarioDefaults` (whose location is then
/// the one reported).
struct ScenarioFields {
    let own: JSONObject
    let defaults: JSONObject?

    func member(_ key: String) -> (node: JSONNode, path: String)? {
        own.member(key) ?? defaults?.member(key)
    }
}

extension StudyDecoder {
    static let scenarioFields = ["name", "description", "weight", "horizon", "rate", "model", "drifts", "volatilities",
                                 "correlation", "jumps", "regimes", "events", "given", "impliedVol", "antithetic", "script", "history"]

    mutating func scenario(_ o: JSONObject, defaults: JSONObject?, index: Int, startKnown: Bool) -> Scenario? {
        r.rejectUnknown(o, allowed: Self.scenarioFields)
        let f = ScenarioFields(own: o, defaults: defaults)
        let name = r.requiredString(o, "name", allowed: Self.namePhrase)
        if let n = name, !Self.isSafeName(n) {
            r.problem(o.member("name")!.node, JSONPath.join(o.path, "name"), found: "\(MessageText.json(n))", allowed: Self.namePhrase)
        }
        let description = r.optionalString(o, "description") ?? ""
        let weight = r.optionalNumber(o, "weight", NumberRule(min: 0, max: 1e6)) ?? 1

        var horizonDays: Int?
        // A historical replay may run through all its data: "horizon": "all" (resolved below).
        let isHistorical: Bool = { if case let .string(m)? = f.member("model")?.node.value { return m == "historical" } else { return false } }()
        if let (n, p) = f.member("horizon") {
            if isHistorical, case let .string(text) = n.value, text == "all" { horizonDays = -1 } else { horizonDays = horizon(n, p) }
        } else {
            r.missing(o, "horizon", allowed: Horizon.allowed)
        }
        let rate = f.member("rate").flatMap { r.number($0.node, $0.path, NumberRule(min: -1, max: 1)) } ?? 0
        let antithetic = f.member("antithetic").flatMap { r.bool($0.node, $0.path) } ?? false

        var kind = "monteCarlo"
        if let (n, p) = f.member("model") { kind = r.choice(n, p, ["monteCarlo", "scripted", "historical"]) ?? "invalid" }
        // Fields that belong to another model are mistakes worth naming.
        let onlyFor: [String: String] = ["drifts": "monteCarlo", "volatilities": "monteCarlo", "correlation": "monteCarlo",
                                         "jumps": "monteCarlo", "regimes": "monteCarlo", "antithetic": "monteCarlo",
                                         "given": "monteCarlo", "script": "scripted", "history": "historical"]
        for (field, model) in onlyFor.sorted(by: { $0.key < $1.key }) where model != kind && kind != "invalid" {
            if let (n, p) = o.member(field) {
                r.problem(n, p, found: "'\(field)' in a \"\(kind)\" scenario", allowed: "'\(field)' only in \"\(model)\" scenarios")
            }
        }

        var ivModel = defaultImpliedVolModel()
        if let (n, p) = f.member("impliedVol") { ivModel = impliedVolModel(n, p) ?? ivModel }
        guard var horizonDays, startKnown, kind != "invalid" else { return nil }
        var dates = calendar.dates(through: max(horizonDays, 0))
        var model: PathModel?
        switch kind {
        case "monteCarlo":
            model = monteCarlo(f, o)
        case "scripted":
            if let (n, p) = f.member("script") { model = scripted(n, p, dates: dates) } else { r.missing(o, "script", allowed: "the script of a scripted scenario") }
        default:
            if let (n, p) = f.member("history") {
                if let (m, replayDates) = historical(n, p, horizonDays: horizonDays, realizedWindow: ivModel.realizedWindowDays) {
                    model = .historical(m)
                    if let replayDates {
                        dates = replayDates
                        horizonDays = replayDates.count - 1
                    }
                } else {
                    // Without its prices the scenario has no days: checks against them would
                    // only repeat the price file's problem in other words.
                    incompleteScenarios = true
                }
            } else {
                r.missing(o, "history", allowed: "the price history of a historical scenario")
            }
        }

        var events: [ScheduledEvent] = []
        var written: [String] = []
        if let (n, p) = f.member("events"), !(kind == "historical" && model == nil), let list = r.array(n, p) {
            var names: Set<String> = []
            for (en, ep) in list {
                if case let .object(fields) = en.value, case let .string(w)? = fields.first(where: { $0.key == "name" })?.node.value { written.append(w) }
                guard let e = event(en, ep, dates: dates, needsOutcomes: kind == "monteCarlo") else { continue }
                if names.contains(e.name) {
                    r.problem(en, JSONPath.join(ep, "name"), found: "\(MessageText.json(e.name)) a second time", allowed: "one event per name in a scenario")
                }
                names.insert(e.name)
                events.append(e)
            }
        }
        if kind == "monteCarlo", let (gn, gp) = o.member("given") {
            applyGiven(gn, gp, to: &events, written: written, ownEvents: o.has("events"))
        }
        guard let name, let model, horizonDays >= 1 else { return nil }
        return Scenario(name: name, description: description, weight: weight, horizonDays: horizonDays, rate: rate,
                        model: model, events: events, impliedVol: ivModel, antithetic: antithetic, dates: dates)
    }

    // MARK: - Monte Carlo

    mutating func monteCarlo(_ f: ScenarioFields, _ o: JSONObject) -> PathModel? {
        let n = universe.count
        var drifts = universe.assets.map(\.drift)
        var vols = universe.assets.map(\.volatility)
        if let (dn, dp) = f.member("drifts"), let values = assetValues(dn, dp, NumberRule(min: -5, max: 5)) {
            for i in 0..<n { if let v = values[i] { drifts[i] = v } }
        }
        if let (vn, vp) = f.member("volatilities"), let values = assetValues(vn, vp, NumberRule(min: 0, max: 5)) {
            for i in 0..<n { if let v = values[i] { vols[i] = v } }
        }
        var correlation = CorrelationMatrix.identity(n)
        if let (cn, cp) = f.member("correlation") {
            guard let c = correlationMatrix(cn, cp) else { return nil }
            correlation = c
        }
        var jumps: [JumpProcess] = []
        if let (jn, jp) = f.member("jumps"), let list = r.array(jn, jp) {
            for (en, ep) in list { if let j = jumpProcess(en, ep) { jumps.append(j) } }
        }
        var regimes: [Regime] = []
        if let (gn, gp) = f.member("regimes"), let list = r.array(gn, gp) {
            let dates = calendar.dates(through: f.member("horizon").flatMap { horizonPeek($0.node) } ?? 0)
            for (en, ep) in list { if let g = regime(en, ep, dates: dates) { regimes.append(g) } }
        }
        if let (hn, hp) = f.member("horizon"), let horizon = horizonPeek(hn) {
            checkPricesStayFinite(drifts: drifts, volatilities: vols, regimes: regimes, horizonDays: horizon, node: hn, path: hp)
        }
        return .monteCarlo(MonteCarloModel(drifts: drifts, volatilities: vols, correlation: correlation,
                                           jumps: jumps, regimes: regimes))
    }

    /// Prices must stay within a Double over the horizon (else reports would lose cells and
    /// shards could not be merged). With the largest |drift| μ and volatility σ an asset has
    /// (before or in a regime) over T years, its log price stays within
    /// (μ + σ²/2)·T + 12·σ·√T of today's, a 12-standard-deviation bound; that reach and
    /// |ln spot| together must stay below 700 (e^700 ≈ 1e304). Realistic studies are far
    /// inside it (drift 0.1 and volatility 0.3 over the longest horizon, 100,000 days: 129).
    mutating func checkPricesStayFinite(drifts: [Double], volatilities: [Double], regimes: [Regime], horizonDays: Int,
                                        node: JSONNode, path: String) {
        let years = Double(horizonDays) / TradingCalendar.tradingDaysPerYear
        for (i, asset) in universe.assets.enumerated() {
            var mu = abs(drifts[i]), sigma = volatilities[i]
            for g in regimes {
                mu = max(mu, abs(drifts[i] + g.driftShift[i]))
                sigma = max(sigma, volatilities[i] * g.volMultiplier[i])
            }
            let reach = (mu + sigma * sigma / 2) * years + 12 * sigma * years.squareRoot()
            let room = 700 - abs(Foundation.log(asset.spot))
            guard reach > room else { continue }
            r.problem(node, path, found: "\(horizonDays) trading days, over which \(MessageText.json(asset.ticker)) (drift \(mu), "
                + "volatility \(sigma)) can reach prices beyond 1e±300: (μ + σ²/2)·T + 12·σ·√T = \(NumberText.fixed(reach, digits: 0))",
                      allowed: "a horizon, drift and volatility with (μ + σ²/2)·T + 12·σ·√T ≤ \(NumberText.fixed(room, digits: 0)) "
                + "(700 − |ln spot|), so that prices stay finite")
            return
        }
    }

    /// The horizon of a node already checked (no second problem is recorded).
    func horizonPeek(_ node: JSONNode) -> Int? {
        switch node.value {
        case let .number(x, _) where x == x.rounded() && x >= 1 && x <= 100_000: return Int(x)
        case let .string(s): return Horizon.tradingDays(s)
        default: return nil
        }
    }

    static let correlationForms = "{\"uniform\": ρ}, {\"matrix\": [[…]], \"tickers\": […]} or {\"groups\": […], \"between\": ρ, \"pairs\": […]}"

    mutating func correlationMatrix(_ node: JSONNode, _ path: String) -> CorrelationMatrix? {
        guard let o = r.object(node, path) else { return nil }
        let problemsBefore = r.reports
        r.rejectUnknown(o, allowed: ["uniform", "matrix", "tickers", "groups", "between", "pairs"])
        let n = universe.count
        var c = [Double](repeating: 0, count: n * n)
        for i in 0..<n { c[i * n + i] = 1 }
        let rho = NumberRule(min: -1, max: 1)

        if let (mn, mp) = o.member("matrix") {
            var order = Array(0..<n)
            if let (tn, tp) = o.member("tickers"), let names = r.strings(tn, tp) {
                var idx: [Int] = []
                for (k, t) in names.enumerated() {
                    if let i = universe.index(of: t) { idx.append(i) } else {
                        r.problem(tn, JSONPath.index(tp, k), found: "\(MessageText.json(t))", allowed: "a ticker of the universe")
                    }
                }
                guard idx.count == names.count else { return nil }
                if Set(idx).count != n || idx.count != n {
                    r.problem(tn, tp, found: "\(names.count) tickers", allowed: "every universe ticker once (\(universe.tickers.joined(separator: ", ")))")
                    return nil
                }
                order = idx
            }
            guard let rows = r.array(mn, mp) else { return nil }
            guard rows.count == n else {
                r.problem(mn, mp, found: "\(rows.count) rows", allowed: "\(n) rows of \(n) numbers (one per universe asset)")
                return nil
            }
            var ok = true
            for (a, (rn, rp)) in rows.enumerated() {
                guard case let .array(cells) = rn.value else { _ = r.array(rn, rp); ok = false; continue }
                guard cells.count == n else {
                    r.problem(rn, rp, found: "\(cells.count) numbers", allowed: "\(n) numbers")
                    ok = false
                    continue
                }
                // n² cells: a cell's path is only spelled out when it has a problem.
                for (b, xn) in cells.enumerated() {
                    if case let .number(x, _) = xn.value, rho.allows(x) {
                        c[order[a] * n + order[b]] = x
                    } else {
                        _ = r.number(xn, JSONPath.index(rp, b), rho)
                        ok = false
                    }
                }
            }
            guard ok else { return nil }
            // Row and column of the file for each universe index.
            var position = [Int](repeating: 0, count: n)
            for (a, i) in order.enumerated() { position[i] = a }
            let (matrix, problems) = CorrelationMatrix.check(values: c, count: n, rowInFile: position)
            for p in problems {
                if let (i, j) = p.entry {
                    r.problem(mn, "\(mp)[\(position[i])][\(position[j])]", found: p.found, allowed: p.allowed)
                } else {
                    r.problem(mn, mp, found: p.found, allowed: p.allowed)
                }
            }
            return r.reports == problemsBefore ? matrix : nil
        }
        if o.has("tickers") {
            r.problem(o.member("tickers")!.node, JSONPath.join(path, "tickers"), found: "'tickers' without 'matrix'", allowed: Self.correlationForms)
        }
        if let uniform = r.optionalNumber(o, "uniform", rho) {
            for i in 0..<n { for j in 0..<n where i != j { c[i * n + j] = uniform } }
        }
        if let between = r.optionalNumber(o, "between", rho) {
            for i in 0..<n { for j in 0..<n where i != j { c[i * n + j] = between } }
        }
        if let (gn, gp) = o.member("groups"), let groups = r.array(gn, gp) {
            var groupOf = [Int?](repeating: nil, count: n)
            for (k, (en, ep)) in groups.enumerated() {
                guard let g = r.object(en, ep) else { continue }
                r.rejectUnknown(g, allowed: ["assets", "correlation"])
                let within = r.requiredNumber(g, "correlation", rho)
                var members: [Int] = []
                if let (an, ap) = g.member("assets") { members = selectors(an, ap) ?? [] } else { r.missing(g, "assets", allowed: "an array of tickers or tags") }
                for i in members {
                    if let other = groupOf[i] {
                        r.problem(en, JSONPath.join(ep, "assets"), found: "\(universe.assets[i].ticker) already in groups[\(other)]",
                                  allowed: "each asset in one group at most")
                    }
                    groupOf[i] = k
                }
                if let within { for i in members { for j in members where i != j { c[i * n + j] = within } } }
            }
        }
        if let (pn, pp) = o.member("pairs"), let pairs = r.array(pn, pp) {
            for (en, ep) in pairs {
                guard let g = r.object(en, ep) else { continue }
                r.rejectUnknown(g, allowed: ["assets", "correlation"])
                let value = r.requiredNumber(g, "correlation", rho)
                guard let (an, ap) = g.member("assets") else { r.missing(g, "assets", allowed: "two tickers"); continue }
                guard let names = r.strings(an, ap), names.count == 2,
                      let i = universe.index(of: names[0]), let j = universe.index(of: names[1]), i != j else {
                    r.problem(an, ap, found: an.summary, allowed: "two different tickers of the universe")
                    continue
                }
                if let value { c[i * n + j] = value; c[j * n + i] = value }
            }
        }
        if !(o.has("uniform") || o.has("between") || o.has("groups") || o.has("pairs")) {
            r.problem(node, path, found: "an object without a correlation form", allowed: Self.correlationForms)
            return nil
        }
        let (matrix, issues) = CorrelationMatrix.check(values: c, count: n)
        for p in issues {
            if let (i, j) = p.entry {
                r.problem(node, path, found: "\(universe.assets[i].ticker)–\(universe.assets[j].ticker): \(p.found)", allowed: p.allowed)
            } else {
                r.problem(node, path, found: p.found, allowed: p.allowed)
            }
        }
        return r.reports == problemsBefore ? matrix : nil
    }

    mutating func jumpProcess(_ node: JSONNode, _ path: String) -> JumpProcess? {
        guard let o = r.object(node, path) else { return nil }
        r.rejectUnknown(o, allowed: ["assets", "intensity", "meanLogJump", "logJumpVolatility", "common"])
        var assets: [Int]?
        if let (an, ap) = o.member("assets") { assets = selectors(an, ap) } else { r.missing(o, "assets", allowed: "an array of tickers or tags") }
        let intensity = r.requiredNumber(o, "intensity", NumberRule(min: 0, max: 252))
        let mean = r.requiredNumber(o, "meanLogJump", NumberRule(min: -5, max: 5))
        let vol = r.requiredNumber(o, "logJumpVolatility", NumberRule(min: 0, max: 5))
        let common = r.optionalBool(o, "common") ?? false
        guard let assets, let intensity, let mean, let vol else { return nil }
        return JumpProcess(assets: assets, intensityPerYear: intensity, meanLogJump: mean, logJumpVolatility: vol, common: common)
    }

    mutating func regime(_ node: JSONNode, _ path: String, dates: [CalendarDate]) -> Regime? {
        guard let o = r.object(node, path) else { return nil }
        r.rejectUnknown(o, allowed: ["name", "from", "to", "driftShift", "volMultiplier"])
        let name = r.optionalString(o, "name") ?? "regime"
        var from: Int?, to: Int?
        if let (n, p) = o.member("from") { from = dayOrDate(n, p, dates: dates) } else { r.missing(o, "from", allowed: "the first day (number or date)") }
        if let (n, p) = o.member("to") { to = dayOrDate(n, p, dates: dates) } else { r.missing(o, "to", allowed: "the last day (number or date)") }
        if let f = from, let t = to, t < f {
            r.problem(o.member("to")!.node, JSONPath.join(path, "to"), found: "day \(t), before 'from' (day \(f))", allowed: "a last day on or after the first")
        }
        var shift = [Double](repeating: 0, count: universe.count)
        var mult = [Double](repeating: 1, count: universe.count)
        if let (n, p) = o.member("driftShift"), let v = assetValues(n, p, NumberRule(min: -5, max: 5)) {
            for i in v.indices { if let x = v[i] { shift[i] = x } }
        }
        if let (n, p) = o.member("volMultiplier"), let v = assetValues(n, p, NumberRule(min: 0, max: 10)) {
            for i in v.indices { if let x = v[i] { mult[i] = x } }
        }
        guard let from, let to else { return nil }
        return Regime(name: name, firstDay: from, lastDay: to, driftShift: shift, volMultiplier: mult)
    }

    // MARK: - Events

    mutating func event(_ node: JSONNode, _ path: String, dates: [CalendarDate], needsOutcomes: Bool) -> ScheduledEvent? {
        guard let o = r.object(node, path) else { return nil }
        r.rejectUnknown(o, allowed: ["name", "date", "day", "outcomes", "noise", "ivPremium", "outcome"])
        let name = r.requiredString(o, "name")
        // What happened (scripted and historical scenarios): the name a thesis's `given` compares.
        var stated: String?
        if let (sn, sp) = o.member("outcome") {
            if needsOutcomes {
                r.problem(sn, sp, found: "a stated outcome in a Monte Carlo scenario",
                          allowed: "outcome only in a scripted or historical scenario (what happened); a Monte Carlo world draws its outcome from outcomes, or is given one (scenario given)")
            } else {
                stated = r.string(sn, sp, allowed: "the name of the outcome that happened, e.g. \"export relief\"")
            }
        }
        var day: Int?
        switch (o.member("date"), o.member("day")) {
        case let (d?, nil): day = dayOrDate(d.node, d.path, dates: dates)
        case let (nil, d?): day = dayOrDate(d.node, d.path, dates: dates)
        case (nil, nil): r.missing(o, "date", allowed: "the event's date YYYY-MM-DD (or 'day', a trading day number)")
        case let (_, d?): r.problem(d.node, d.path, found: "both 'date' and 'day'", allowed: "one of them")
        }
        var outcomes: [EventOutcome] = []
        if let (on, op) = o.member("outcomes") {
            if !needsOutcomes {
                r.problem(on, op, found: "outcomes in a scripted or historical scenario",
                          allowed: "no outcomes: there the event only marks a date (the path already holds its move)")
            } else if let list = r.array(on, op) {
                if list.isEmpty { r.problem(on, op, found: "an empty array", allowed: "at least one outcome") }
                var names: Set<String> = []
                for (xn, xp) in list {
                    guard let x = outcome(xn, xp) else { continue }
                    if names.contains(x.name) {
                        r.problem(xn, JSONPath.join(xp, "name"), found: "\"\(x.name)\" a second time", allowed: "distinct outcome names")
                    }
                    names.insert(x.name)
                    outcomes.append(x)
                }
                if outcomes.count == list.count && !list.isEmpty {
                    let total = outcomes.reduce(0) { $0 + $1.probability }
                    if abs(total - 1) > 1e-9 {
                        r.problem(on, op, found: "probabilities summing to \(total)", allowed: "probabilities summing to 1 (within 1e-9)")
                    }
                }
            }
        } else if needsOutcomes {
            r.missing(o, "outcomes", allowed: "an array of outcomes with probabilities summing to 1")
        }
        var noise = [Double](repeating: 0, count: universe.count)
        if let (nn, np) = o.member("noise") {
            if !needsOutcomes {
                r.problem(nn, np, found: "noise in a scripted or historical scenario", allowed: "no noise (the path is given)")
            } else if case let .number(x, text) = nn.value {
                if NumberRule(min: 0, max: 5).allows(x) { noise = noise.map { _ in x } } else {
                    r.problem(nn, np, found: text, allowed: "a number ≥ 0 and ≤ 5, or a map of tickers/tags to such numbers")
                }
            } else if let v = assetValues(nn, np, NumberRule(min: 0, max: 5)) {
                for i in v.indices { if let x = v[i] { noise[i] = x } }
            }
        }
        // The implied-vol premium: by default (and with "outcomes") the outcomes' log-move
        // variance in every spanning option's implied variance; "none"; or a ramped premium.
        var premium: EventVolPremium?
        var byOutcomes = !outcomes.isEmpty
        if let (pn, pp) = o.member("ivPremium") {
            if case .string = pn.value {
                if let w = r.choice(pn, pp, ["outcomes", "none"]) {
                    if w == "outcomes" && !needsOutcomes {
                        r.problem(pn, pp, found: "\"outcomes\" in a scripted or historical scenario",
                                  allowed: "\"none\" or a ramped premium (the event has no outcomes here)")
                    }
                    byOutcomes = w == "outcomes" && needsOutcomes
                }
            } else {
                premium = volPremium(pn, pp)
                byOutcomes = false
            }
        }
        guard let name, let day else { return nil }
        return ScheduledEvent(name: name, day: day, outcomes: outcomes, noiseVolatility: noise, volPremium: premium,
                              pricesOutcomeVariance: byOutcomes, statedOutcome: stated)
    }

    mutating func outcome(_ node: JSONNode, _ path: String) -> EventOutcome? {
        guard let o = r.object(node, path) else { return nil }
        r.rejectUnknown(o, allowed: ["name", "probability", "moves", "ivAfter"])
        let name = r.requiredString(o, "name")
        let p = r.requiredNumber(o, "probability", .probability)
        var moves = [Double](repeating: 0, count: universe.count)
        if let (mn, mp) = o.member("moves"), let v = assetValues(mn, mp, NumberRule(min: -5, max: 5)) {
            for i in v.indices { if let x = v[i] { moves[i] = x } }
        }
        var ivAfter = [Double](repeating: 1, count: universe.count)
        if let (vn, vp) = o.member("ivAfter"), let v = assetValues(vn, vp, NumberRule(min: 0, minInclusive: false, max: 10)) {
            for i in v.indices { if let x = v[i] { ivAfter[i] = x } }
        }
        guard let name, let p else { return nil }
        return EventOutcome(name: name, probability: p, logMoves: moves, ivAfter: ivAfter)
    }

    mutating func volPremium(_ node: JSONNode, _ path: String) -> EventVolPremium? {
        guard let o = r.object(node, path) else { return nil }
        r.rejectUnknown(o, allowed: ["multiple", "absolute", "rampDays", "ramp", "assets"])
        var size: EventVolPremium.Size?
        switch (o.member("multiple"), o.member("absolute")) {
        case let (m?, nil): size = r.number(m.node, m.path, NumberRule(min: 0, max: 10)).map { .multipleOfBase($0) }
        case let (nil, a?): size = r.number(a.node, a.path, NumberRule(min: 0, max: 5)).map { .absolute($0) }
        case (nil, nil): r.missing(o, "multiple", allowed: "the premium as a multiple of base IV ('multiple') or in vol ('absolute')")
        case let (_, a?): r.problem(a.node, a.path, found: "both 'multiple' and 'absolute'", allowed: "one of them")
        }
        let days = o.member("rampDays").flatMap { r.integer($0.node, $0.path, min: 1, max: 252) } ?? 5
        var ramp = EventVolPremium.Ramp.linear
        if let (n, p) = o.member("ramp"), let w = r.choice(n, p, ["step", "linear"]) { ramp = EventVolPremium.Ramp(rawValue: w)! }
        var assets = [Bool](repeating: true, count: universe.count)
        if let (an, ap) = o.member("assets") {
            if let idx = selectors(an, ap) {
                assets = [Bool](repeating: false, count: universe.count)
                for i in idx { assets[i] = true }
            }
        }
        guard let size else { return nil }
        return EventVolPremium(size: size, rampDays: days, ramp: ramp, assets: assets)
    }

    // MARK: - Scripted

    mutating func scripted(_ node: JSONNode, _ path: String, dates: [CalendarDate]) -> PathModel? {
        guard let o = r.object(node, path) else { return nil }
        r.rejectUnknown(o, allowed: ["interpolation", "points"])
        var interpolation = ScriptedPath.Interpolation.linear
        if let (n, p) = o.member("interpolation"), let w = r.choice(n, p, ["step", "linear"]) {
            interpolation = ScriptedPath.Interpolation(rawValue: w)!
        }
        var waypoints = [[(day: Int, logLevel: Double)]](repeating: [], count: universe.count)
        guard let (pn, pp) = o.member("points") else {
            r.missing(o, "points", allowed: "an array of {\"date\" or \"day\", \"change\": {ticker or tag: return}}")
            return nil
        }
        guard let list = r.array(pn, pp) else { return nil }
        var lastDay = 0
        for (en, ep) in list {
            guard let e = r.object(en, ep) else { continue }
            r.rejectUnknown(e, allowed: ["date", "day", "change"])
            var day: Int?
            if let d = e.member("date") ?? e.member("day") { day = dayOrDate(d.node, d.path, dates: dates) } else {
                r.missing(e, "date", allowed: "the point's date (or 'day')")
            }
            if let d = day {
                if d <= lastDay && lastDay > 0 {
                    r.problem(en, ep, found: "day \(d) after a point on day \(lastDay)", allowed: "points in increasing date order")
                }
                lastDay = max(lastDay, d)
            }
            guard let (cn, cp) = e.member("change") else { r.missing(e, "change", allowed: "{ticker or tag: cumulative return}"); continue }
            guard let values = assetValues(cn, cp, NumberRule(min: -1, minInclusive: false, max: 100)), let day else { continue }
            for i in values.indices { if let x = values[i] { waypoints[i].append((day, log1p(x))) } }
        }
        return .scripted(ScriptedPath(waypoints: waypoints, interpolation: interpolation))
    }
}
