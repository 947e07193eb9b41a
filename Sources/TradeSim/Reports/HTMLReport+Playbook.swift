/// The report's playbook section: for every decision variant, what it holds, how it is sized,
/// when it enters and leaves, and the card's own words — the rules the simulation ran, read
/// back from the lowered playbook (`DecisionVariant`), so the page cannot describe a rule the
/// engine did not use.
extension HTMLReport {
    func playbookSection() -> String {
        let playbook = study.runPlaybook
        var out = "<h2>Playbook</h2><p class=\"muted\">What each decision holds and the rules it ran with (weights are of the decision's size; strikes and expiries per entry, from that day's price and calendar). Capital \(fmtMoney(playbook.capital)).</p>\n"
        out += "<table><tr><th class=\"l\">decision</th><th class=\"l\">kind</th><th class=\"l\">holds</th><th class=\"l\">size</th><th class=\"l\">entry</th><th class=\"l\">exit</th><th class=\"l\">the card says</th></tr>\n"
        for d in playbook.decisions {
            for v in d.variants {
                let name = v.name.isEmpty ? v.decisionID : "\(v.decisionID) / \(v.name)"
                let role = v.inPortfolio ? "" : " <span class=\"muted\">(alternative, not in the portfolio)</span>"
                out += "<tr><td class=\"l\">\(esc(name))\(role)</td><td class=\"l\">\(esc(v.kind.rawValue))</td>"
                    + "<td class=\"l\">\(esc(holdings(v)))</td><td class=\"l\">\(esc(Self.sizeText(v.sizing, currency: currency)))</td>"
                    + "<td class=\"l\">\(esc(Self.entryText(v.entry)))</td><td class=\"l\">\(esc(Self.exitText(v.exits, options: v.hasOptions)))</td>"
                    + "<td class=\"l\">\(esc(d.description))</td></tr>\n"
            }
        }
        return out + "</table>\n" + earlyExerciseTable()
    }

    /// The sold American options' assignment risk (`EarlyExerciseTable`): per leg and scenario,
    /// the share of the analysis paths holding it on which its holder's early exercise became
    /// optimal, with the mean trading days from entry; empty when no variant sells one.
    func earlyExerciseTable() -> String {
        let analysed = outcomes.filter { ($0.analysis?.paths ?? 0) > 0 }
        guard let first = analysed.first?.analysis, first.legs.contains(where: \.shortAmerican) else { return "" }
        var out = "<h3>Sold American options: assignment risk</h3><p class=\"muted\">On the first \(first.paths) paths of each scenario: "
            + "the share of paths holding the leg on which exercising it early became optimal for its holder before expiry "
            + "(the spot at or beyond the exercise boundary, the option worth its intrinsic value), and the mean trading days "
            + "from entry to that close. The engine does not assign; it marks the leg at that value (early_exercise.csv).</p>\n"
        out += "<table><tr><th class=\"l\">decision</th><th class=\"l\">leg</th>"
            + analysed.map { "<th>\(esc($0.scenario.name))</th>" }.joined() + "</tr>\n"
        for leg in first.legs where leg.shortAmerican {
            let name = leg.variantName.isEmpty ? leg.decisionID : "\(leg.decisionID) / \(leg.variantName)"
            out += "<tr><td class=\"l\">\(esc(name))</td><td class=\"l\">short \(esc(leg.instrument)) on \(esc(leg.ticker))</td>"
            for o in analysed {
                guard let a = o.analysis,
                      let mine = a.legs.first(where: { $0.decisionID == leg.decisionID && $0.variantName == leg.variantName && $0.leg == leg.leg }),
                      let k = o.variants.firstIndex(where: { $0.decisionID == leg.decisionID && $0.variantName == leg.variantName }) else {
                    out += "<td>—</td>"
                    continue
                }
                let r = EarlyExerciseTable.row(mine, variant: k, in: a)
                let days = r.meanDays.map { " <span class=\"muted\">(day \(NumberText.fixed($0, digits: 0)))</span>" } ?? ""
                out += "<td>\(fmtPct(r.fraction))\(days)</td>"
            }
            out += "</tr>\n"
        }
        return out + "</table>\n"
    }

    /// The legs in words: "long MP 40%", "long put on LMT at 95% of spot, 126 trading days", then
    /// the options' exercise once ("; American options") when they share it, else per leg.
    func holdings(_ v: DecisionVariant) -> String {
        let styles = Set(v.legs.compactMap { leg -> Bool? in
            if case .option = leg.instrument { leg.isAmerican } else { nil }
        })
        let shared = styles.count == 1 ? styles.first : nil
        let text = v.legs.map { leg in
            let ticker = study.universe.assets[leg.asset].ticker
            // A short leg has a negative weight (and side −1 for a pair's short basket).
            let side = leg.weight < 0 || leg.side < 0 ? "short" : "long"
            let weight = NumberText.fixed(abs(leg.weight) * 100, digits: 1).replacingOccurrences(of: ".0", with: "")
            switch leg.instrument {
            case .stock:
                return "\(side) \(ticker) \(weight)%"
            case let .option(type, strike, expiry):
                let style = shared != nil ? "" : leg.isAmerican ? ", American" : ", European"
                let units = abs(leg.weight) == 1 ? "" : " ×\(NumberText.fixed(abs(leg.weight), digits: 2))"
                return "\(side) \(type.rawValue)\(units) on \(ticker) at \(Self.strikeText(strike)), \(Self.expiryText(expiry))\(style)"
            }
        }.joined(separator: "; ")
        guard let american = shared else { return text }
        return text + (american ? "; American options" : "; European options")
    }

    static func strikeText(_ rule: StrikeRule) -> String {
        switch rule {
        case let .moneyness(m): m == 1 ? "the money" : "\(NumberText.fixed(m * 100, digits: 1))% of spot"
        case let .delta(d): "delta \(NumberText.fixed(d, digits: 2))"
        case let .absolute(k): "strike \(NumberText.fixed(k, digits: 2))"
        }
    }

    static func expiryText(_ rule: ExpiryRule) -> String {
        switch rule {
        case let .tenorDays(t): "\(t) trading days"
        case let .daysAfterEvent(name, n): n >= 0 ? "\(n) days after \(name)" : "\(-n) days before \(name)"
        }
    }

    static func sizeText(_ s: Sizing, currency: String) -> String {
        switch s {
        case let .notional(n): "notional \(HTMLPage.money(n)) \(currency)"
        case let .units(u): "\(NumberText.fixed(u, digits: 2)) units"
        case let .premiumBudget(b): "premium budget \(HTMLPage.money(b)) \(currency)"
        case let .hedgeRatio(h): "hedge ratio \(NumberText.fixed(h, digits: 2)) of the holding"
        }
    }

    static func entryText(_ e: EntryRule) -> String {
        switch e {
        case .atStart: return "at the start"
        case let .onDay(d): return "on trading day \(d)"
        case let .onDate(date): return "on \(date)"
        case let .beforeEvent(name, days): return "\(days) trading days before \(name)"
        case let .onWeakness(drop, reference, window, enterAtEnd, _):
            let from = reference == .runningHigh ? "its running high" : "the start"
            return "on weakness: a drop of \(NumberText.fixed(drop * 100, digits: 1))% from \(from) within \(window) days, "
                + (enterAtEnd ? "else at the window's end" : "else not at all")
        }
    }

    static func exitText(_ x: ExitRules, options: Bool) -> String {
        var parts: [String] = []
        if let t = x.takeProfit { parts.append("target +\(NumberText.fixed(t * 100, digits: 1))%") }
        if let s = x.stopLoss { parts.append("stop −\(NumberText.fixed(s * 100, digits: 1))%") }
        if let h = x.horizonDays { parts.append("after \(h) trading days") }
        if let e = x.afterEvent { parts.append("\(e.days) days after \(e.event)") }
        parts.append(options ? "at the last expiry or the scenario's end" : "at the scenario's end")
        return parts.joined(separator: "; ")
    }
}
