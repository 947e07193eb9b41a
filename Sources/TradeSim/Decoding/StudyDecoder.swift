import Foundation

/// Reads a study file (JSON) into a validated `Study`, collecting every problem with its file,
/// line, column, JSON path, what was found and what is allowed.
///
/// The library reads no files: price histories that historical scenarios name are fetched
/// through `loadHistory`, which the caller implements (the command line reads the CSV files,
/// relative to the study's folder).
public struct StudyDecoder {
    /// Returns the series found at a `history.prices` reference (a folder or a file).
    public typealias HistoryLoader = (_ reference: String) -> Result<[PriceSeries], InputProblems>

    var r: JSONReader
    let loadHistory: HistoryLoader
    var universe = Universe([])
    var calendar = TradingCalendar(start: CalendarDate(daysSinceEpoch: 0))
    /// The study's `calendar`: the exchange whose holidays by rule join its listed `holidays`.
    var exchange = ExchangeCalendar.nyse
    /// Every event name written in the study and where it is first written, for `given`'s messages.
    var eventHomes: [String: String] = [:]
    /// A scenario could not be built (its price history failed): checks that need every
    /// scenario (events a decision names) are skipped rather than reported wrongly.
    var incompleteScenarios = false

    static let rootFields = ["name", "description", "currency", "start", "calendar", "holidays", "universe",
                                    "scenarioDefaults", "scenarios", "playbook", "metadata"]

    /// Decodes and validates a study file's bytes: the study, or every problem found (each with `file`, line, column and JSON path). Historical scenarios' prices come from `loadHistory` (default: none, so a study that names one fails with its problem).
    ///
    /// `edits` (`--set`) change the parsed file, in order, before it is validated: the edited
    /// study is checked exactly as a file is, and a problem in an edited value names the file
    /// and the JSON path without a line (the value is not in the file).
    public static func decode(_ bytes: [UInt8], file: String, edits: [StudyEdit] = [],
                              loadHistory: @escaping HistoryLoader = { _ in .failure(InputProblems([])) }) -> Result<Study, InputProblems> {
        var root: JSONNode
        do {
            root = try JSONParser.parse(bytes)
        } catch {
            return .failure(InputProblems([InputProblem(file: file, line: error.line, column: error.column, path: "",
                                                        found: error.found, allowed: error.expected)]))
        }
        if !edits.isEmpty {
            switch StudyEdit.apply(edits, to: root, file: file) {
            case let .success(edited): root = edited
            case let .failure(problem): return .failure(InputProblems([problem]))
            }
        }
        var decoder = StudyDecoder(r: JSONReader(file: file), loadHistory: loadHistory)
        let study = decoder.study(root)
        if let study, decoder.r.problems.isEmpty { return .success(study) }
        return .failure(InputProblems(decoder.r.problems))
    }

    /// The parsed JSON tree of a study, for callers that need more of it (the playbook).
    static func parseTree(_ bytes: [UInt8], file: String) -> Result<JSONNode, InputProblems> {
        do {
            return .success(try JSONParser.parse(bytes))
        } catch {
            return .failure(InputProblems([InputProblem(file: file, line: error.line, column: error.column, path: "",
                                                        found: error.found, allowed: error.expected)]))
        }
    }

    // MARK: - Study

    mutating func study(_ root: JSONNode) -> Study? {
        guard let o = r.object(root, "") else { return nil }
        r.rejectUnknown(o, allowed: Self.rootFields)
        let name = r.requiredString(o, "name", allowed: Self.namePhrase)
        if let name, !Self.isSafeName(name) {
            r.problem(o.member("name")?.node, "name", found: "\(MessageText.json(name))", allowed: Self.namePhrase)
        }
        let description = r.optionalString(o, "description") ?? ""
        let currency = r.optionalString(o, "currency", allowed: "a currency code such as \"USD\"") ?? "USD"

        if let (n, p) = o.member("calendar"), let w = r.choice(n, p, ExchangeCalendar.allCases.map(\.rawValue)) {
            exchange = ExchangeCalendar(rawValue: w)!
        }
        var holidays = Set<CalendarDate>()
        if let (n, p) = o.member("holidays"), let list = r.array(n, p) {
            for (hn, hp) in list {
                if let d = date(hn, hp) { holidays.insert(d) }
            }
        }
        var start: CalendarDate?
        if let (n, p) = o.member("start") {
            start = date(n, p)
            if let s = start, s.isWeekend || holidays.contains(s) {
                r.problem(n, p, found: "\(s) (a \(s.isWeekend ? s.weekdayName : "holiday"))", allowed: "a trading day (a weekday not in holidays)")
                start = nil
            } else if let s = start, let closure = exchange.holidayPhrase(on: s) {
                r.problem(n, p, found: "\(s) (\(closure))",
                          allowed: "a trading day (a weekday that is neither in holidays nor a holiday of the calendar)")
                start = nil
            }
        } else {
            r.missing(o, "start", allowed: "the date of day 0, YYYY-MM-DD")
        }
        if let start {
            // The calendar's closures on every day a study can reach: the longest horizon and, past
            // it, the longest option expiry (each `Horizon.maximumDays`), with the listed holidays.
            holidays.formUnion(exchange.holidays(from: start, tradingDays: 2 * Horizon.maximumDays))
            calendar = TradingCalendar(start: start, holidays: holidays)
        }

        if let (n, p) = o.member("universe") {
            universe = Universe(decodeUniverse(n, p))
        } else {
            r.missing(o, "universe", allowed: "an array of assets")
        }

        var defaults: JSONObject?
        if let (n, p) = o.member("scenarioDefaults") {
            defaults = r.object(n, p)
            if let d = defaults {
                let own = ["name", "weight", "description", "given"]
                let shared = Self.scenarioFields.filter { !own.contains($0) }
                for key in d.order where own.contains(key) {
                    r.problemAtKey(d, key, found: "'\(key)', which each scenario gives for itself",
                                   allowed: "fields the scenarios share: \(shared.joined(separator: ", "))")
                }
                r.rejectUnknown(d, allowed: shared + own)
            }
        }
        eventHomes = Self.eventHomes(defaults: o.member("scenarioDefaults")?.node, scenarios: o.member("scenarios")?.node)
        var scenarios: [Scenario] = []
        if let (n, p) = o.member("scenarios"), let list = r.array(n, p) {
            if list.isEmpty { r.problem(n, p, found: "an empty array", allowed: "at least one scenario") }
            var names: Set<String> = []
            for (index, (sn, sp)) in list.enumerated() {
                guard let so = r.object(sn, sp) else { continue }
                if let s = scenario(so, defaults: defaults, index: index, startKnown: start != nil) {
                    if names.contains(s.name) {
                        r.problem(so.member("name")?.node, JSONPath.join(sp, "name"), found: "\(MessageText.json(s.name)) a second time",
                                  allowed: "a name used by one scenario only")
                    }
                    names.insert(s.name)
                    scenarios.append(s)
                }
            }
            if !scenarios.isEmpty && scenarios.allSatisfy({ $0.weight == 0 }) {
                r.problem(n, p, found: "weights that are all 0", allowed: "at least one scenario with weight > 0")
            }
        } else if o.member("scenarios") == nil {
            r.missing(o, "scenarios", allowed: "an array of scenarios")
        }

        var playbook: Playbook?
        if let (n, p) = o.member("playbook"), !universe.assets.isEmpty, start != nil {
            playbook = self.playbook(n, p, scenarios: scenarios)
            if let playbook { checkAmericanRegimes(playbook, node: n, scenarios: scenarios) }
        }

        var metadata: [(key: String, value: String)] = []
        if let (n, p) = o.member("metadata"), let mo = r.object(n, p) {
            for key in mo.order {
                let (vn, vp) = mo.member(key)!
                switch vn.value {
                case let .string(s): metadata.append((key, s))
                case let .number(_, text): metadata.append((key, text))
                case let .bool(b): metadata.append((key, String(b)))
                default: r.problem(vn, vp, found: vn.summary, allowed: "a string, number or boolean")
                }
            }
        }
        guard let name, start != nil else { return nil }
        return Study(name: name, description: description, currency: currency, calendar: calendar,
                     universe: universe, scenarios: scenarios, playbook: playbook, metadata: metadata)
    }

    static let namePhrase = "a name of letters, digits, '-', '_' or '.' (at most 64, not \"blended\")"

    static func isSafeName(_ s: String) -> Bool {
        !s.isEmpty && s.count <= 64 && s != "blended" && s != "." && s != ".."
            && s.unicodeScalars.allSatisfy { ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || "-_.".unicodeScalars.contains($0) }
    }

    // MARK: - Universe

    /// The largest universe accepted.
    static let maximumAssets = 1_000

    static let assetFields = ["ticker", "spot", "volatility", "drift", "dividendYield", "dividends", "borrowFee", "beta", "tags", "contractMultiplier", "type", "exercise"]

    mutating func decodeUniverse(_ node: JSONNode, _ path: String) -> [Asset] {
        guard let list = r.array(node, path) else { return [] }
        if list.isEmpty { r.problem(node, path, found: "an empty array", allowed: "at least one asset") }
        if list.count > Self.maximumAssets {
            r.problem(node, path, found: "\(list.count) assets", allowed: "at most \(Self.maximumAssets) assets (a correlated path model holds n² numbers)")
            return []
        }
        var assets: [Asset] = []
        var tickers: Set<String> = []
        for (an, ap) in list {
            guard let o = r.object(an, ap) else { continue }
            r.rejectUnknown(o, allowed: Self.assetFields)
            let ticker = r.requiredString(o, "ticker", allowed: "a ticker (letters, digits, '.', '-', '^', '=', '_')")
            if let t = ticker, !PriceTable.isTicker(t) || t == "*" {
                r.problem(o.member("ticker")!.node, JSONPath.join(ap, "ticker"), found: "\(MessageText.json(t))",
                          allowed: "a ticker (letters, digits, '.', '-', '^', '=', '_'; at most 20)")
            }
            if let t = ticker, tickers.contains(t) {
                r.problem(o.member("ticker")!.node, JSONPath.join(ap, "ticker"), found: "\(MessageText.json(t)) a second time",
                          allowed: "each ticker once in the universe")
            }
            let spot = r.requiredNumber(o, "spot", NumberRule(min: 0, minInclusive: false, max: 1e9))
            let vol = r.requiredNumber(o, "volatility", NumberRule(min: 0, max: 5))
            let drift = r.optionalNumber(o, "drift", NumberRule(min: -5, max: 5)) ?? 0
            let q = r.optionalNumber(o, "dividendYield", NumberRule(min: -1, max: 1)) ?? 0
            let fee = r.optionalNumber(o, "borrowFee", NumberRule(min: 0, max: 5)) ?? 0
            let beta = r.optionalNumber(o, "beta", NumberRule(min: -20, max: 20)) ?? 1
            let multiplier = r.optionalNumber(o, "contractMultiplier", NumberRule(min: 1, max: 1e6))
            var tags: [String] = []
            if let (tn, tp) = o.member("tags") { tags = r.strings(tn, tp) ?? [] }
            var dividends: [CashDividend] = []
            if let (dn, dp) = o.member("dividends") { dividends = decodeDividends(dn, dp) }
            var type = AssetType.stock
            if let (n, p) = o.member("type") {
                type = r.choice(n, p, AssetType.allCases.map(\.rawValue)).flatMap(AssetType.init(rawValue:)) ?? .stock
            }
            let exercise = exerciseStyle(o)
            if let ticker, let spot, let vol {
                tickers.insert(ticker)
                assets.append(Asset(ticker: ticker, spot: spot, volatility: vol, drift: drift, dividendYield: q,
                                    borrowFee: fee, beta: beta, tags: tags, dividends: dividends, contractMultiplier: multiplier,
                                    type: type, exercise: exercise))
            }
        }
        // A tag must not also be a ticker (a selector has to mean one thing).
        for (an, ap) in list {
            guard case let .object(members) = an.value,
                  let tagsNode = members.first(where: { $0.key == "tags" })?.node,
                  case let .array(tagNodes) = tagsNode.value else { continue }
            for (k, tn) in tagNodes.enumerated() {
                if case let .string(t) = tn.value, tickers.contains(t) {
                    r.problem(tn, JSONPath.index(JSONPath.join(ap, "tags"), k), found: "tag \(MessageText.json(t)), which is also a ticker",
                              allowed: "a tag that differs from every ticker")
                } else if case let .string(t) = tn.value, t == "*" {
                    r.problem(tn, JSONPath.index(JSONPath.join(ap, "tags"), k), found: "tag \"*\"", allowed: "a tag other than \"*\" (it means every asset)")
                }
            }
        }
        return assets
    }

    /// American legs are marked in the single-boundary and never-early regimes
    /// (`AmericanExerciseRegime`); a put with q < r < 0 (a call with r < q < 0) has two exercise
    /// boundaries, which only the slow finite-difference solve prices: refused, at the decision.
    mutating func checkAmericanRegimes(_ playbook: Playbook, node: JSONNode, scenarios: [Scenario]) {
        guard case let .object(members) = node.value, let list = members.first(where: { $0.key == "decisions" })?.node,
              case let .array(nodes) = list.value, nodes.count == playbook.decisions.count else { return }
        for (k, decision) in playbook.decisions.enumerated() {
            let legs = decision.variants.flatMap(\.legs).filter(\.isAmerican)
            for scenario in scenarios {
                guard let leg = legs.first(where: { leg in
                    guard case let .option(type, _, _) = leg.instrument else { return false }
                    return AmericanExerciseRegime.of(type, rate: scenario.rate, dividendYield: universe.assets[leg.asset].dividendYield) == .doubleBoundary
                }), case let .option(type, _, _) = leg.instrument else { continue }
                r.problem(nodes[k], JSONPath.index("playbook.decisions", k),
                          found: "an American \(type.rawValue) on \(universe.assets[leg.asset].ticker) in scenario \(MessageText.json(scenario.name)) (rate \(scenario.rate), dividend yield \(universe.assets[leg.asset].dividendYield)): two exercise boundaries",
                          allowed: "\"exercise\": \"european\" there (the engine marks American options with one exercise boundary; a put with q < r < 0 or a call with r < q < 0 has two)")
                break
            }
        }
    }

    // MARK: - Shared pieces

    /// An `exercise` member of `o` ("american" or "european"), nil when absent or invalid (reported).
    mutating func exerciseStyle(_ o: JSONObject) -> ExerciseStyle? {
        guard let (n, p) = o.member("exercise") else { return nil }
        return r.choice(n, p, ExerciseStyle.allCases.map(\.rawValue)).flatMap(ExerciseStyle.init(rawValue:))
    }

    mutating func date(_ node: JSONNode, _ path: String) -> CalendarDate? {
        guard case let .string(s) = node.value, let d = CalendarDate(iso: s) else {
            r.problem(node, path, found: node.summary, allowed: "a date YYYY-MM-DD")
            return nil
        }
        return d
    }

    /// A horizon: a whole number of trading days or a string such as "6m".
    mutating func horizon(_ node: JSONNode, _ path: String) -> Int? {
        switch node.value {
        case let .number(x, _) where x == x.rounded() && x >= 1 && x <= 100_000:
            return Int(x)
        case let .string(s):
            if let d = Horizon.tradingDays(s) { return d }
        default:
            break
        }
        r.problem(node, path, found: node.summary, allowed: Horizon.allowed)
        return nil
    }

    /// Asset indices named by an array of selectors.
    mutating func selectors(_ node: JSONNode, _ path: String) -> [Int]? {
        guard let names = r.strings(node, path) else { return nil }
        var out: [Int] = []
        var chosen = [Bool](repeating: false, count: universe.count)
        var ok = true
        for (k, name) in names.enumerated() {
            let hit = universe.resolve(name)
            if hit.isEmpty {
                let elements: [JSONNode] = { if case let .array(a) = node.value { return a } else { return [] } }()
                r.problem(k < elements.count ? elements[k] : node, JSONPath.index(path, k),
                          found: "\(MessageText.json(name)), which is no ticker or tag", allowed: universe.selectorPhrase)
                ok = false
            }
            for i in hit where !chosen[i] {
                chosen[i] = true
                out.append(i)
            }
        }
        return ok ? out.sorted() : nil
    }

    /// A map selector → number resolved per asset: a ticker's own entry beats a tag's, a
    /// tag's beats "*". Two tags giving one asset different values is a problem.
    mutating func assetValues(_ node: JSONNode, _ path: String, _ rule: NumberRule) -> [Double?]? {
        guard let (mapObject, entries) = r.numberMap(node, path, rule) else { return nil }
        var value = [Double?](repeating: nil, count: universe.count)
        var rank = [Int](repeating: -1, count: universe.count)
        var source = [String](repeating: "", count: universe.count)
        var ok = true
        for e in entries {
            let hit = universe.resolve(e.key)
            if hit.isEmpty {
                r.problemAtKey(mapObject, e.key, found: "\"\(e.key)\", which is no ticker or tag", allowed: universe.selectorPhrase)
                ok = false
                continue
            }
            let level = e.key == "*" ? 0 : (universe.index(of: e.key) != nil ? 2 : 1)
            for i in hit {
                if level > rank[i] {
                    value[i] = e.value
                    rank[i] = level
                    source[i] = e.key
                } else if level == rank[i] && value[i] != e.value {
                    r.problem(e.node, e.path,
                              found: "\(universe.assets[i].ticker) given \(e.value) by \"\(e.key)\" and \(value[i]!) by \"\(source[i])\"",
                              allowed: "one value per asset (give \(universe.assets[i].ticker) its own entry)")
                    ok = false
                }
            }
        }
        return ok ? value : nil
    }

    /// A day within 1…horizon given as a whole number, or as a date on `dates`.
    mutating func dayOrDate(_ node: JSONNode, _ path: String, dates: [CalendarDate], allowZero: Bool = false) -> Int? {
        let horizon = dates.count - 1
        let lowest = allowZero ? 0 : 1
        switch node.value {
        case let .number(x, text):
            guard x == x.rounded(), x >= Double(lowest), x <= Double(horizon) else {
                r.problem(node, path, found: text, allowed: "a trading day from \(lowest) to the horizon \(horizon), or a date YYYY-MM-DD")
                return nil
            }
            return Int(x)
        case let .string(s):
            guard let d = CalendarDate(iso: s) else { break }
            if let k = dates.firstIndex(of: d) {
                if k < lowest {
                    r.problem(node, path, found: "\(d) (day 0, the start)", allowed: "a date after the start, up to \(dates.last!)")
                    return nil
                }
                return k
            }
            if let first = dates.first, let last = dates.last, d >= first, d <= last {
                let why = d.isWeekend ? "a \(d.weekdayName)" : exchange.holidayPhrase(on: d) ?? "not a trading day"
                r.problem(node, path, found: "\(d) (\(why))", allowed: "a trading day from \(dates[lowest]) to \(last)")
            } else {
                r.problem(node, path, found: "\(d), outside the scenario's days", allowed: "a trading day from \(dates[min(lowest, horizon)]) to \(dates.last.map(\.description) ?? "?") (the horizon)")
            }
            return nil
        default:
            break
        }
        r.problem(node, path, found: node.summary, allowed: "a trading day number or a date YYYY-MM-DD")
        return nil
    }
}

extension Study {
    /// The study's playbook, or the problem a run reports for a study without one (the input
    /// check before `Engine.run`, the reports and partial results, which take it for granted).
    public func requirePlaybook(file: String) -> Result<Playbook, InputProblem> {
        guard let playbook else {
            return .failure(InputProblem(file: file, path: "", found: "a study without a playbook",
                                         allowed: "a study with a \"playbook\" to run (see README, Playbook)"))
        }
        return .success(playbook)
    }
}
