import Foundation

extension StudyDecoder {
    /// A historical scenario's model, and for a replay the real dates of days 0…horizon.
    /// `horizonDays` −1 means "all": a replay through the last row of its window.
    mutating func historical(_ node: JSONNode, _ path: String, horizonDays requested: Int, realizedWindow: Int) -> (HistoricalModel, [CalendarDate]?)? {
        guard let o = r.object(node, path) else { return nil }
        r.rejectUnknown(o, allowed: ["prices", "mode", "start", "from", "to", "meanBlockDays"])
        guard let reference = r.requiredString(o, "prices", allowed: "a price file or folder, relative to the study file") else { return nil }
        let pricesNode = o.member("prices")!.node
        let pricesPath = JSONPath.join(path, "prices")
        var mode = "replay"
        if let (n, p) = o.member("mode") { mode = r.choice(n, p, ["replay", "bootstrap"]) ?? "replay" }
        let meanBlock = r.optionalNumber(o, "meanBlockDays", NumberRule(min: 1, max: 10_000)) ?? 10
        var start: CalendarDate?, from: CalendarDate?, to: CalendarDate?
        if let (n, p) = o.member("start") { start = date(n, p) }
        if let (n, p) = o.member("from") { from = date(n, p) }
        if let (n, p) = o.member("to") { to = date(n, p) }
        if mode == "bootstrap" && requested < 0 {
            r.problem(node, path, found: "\"horizon\": \"all\" with a bootstrap", allowed: "a horizon in trading days (\"all\" only for a replay)")
            return nil
        }
        if mode == "replay", let (n, p) = o.member("meanBlockDays") {
            r.problem(n, p, found: "meanBlockDays in a replay", allowed: "meanBlockDays only with \"mode\": \"bootstrap\"")
        }
        // Each mode reads its own window fields: a replay runs from `start` (to `to`), a
        // bootstrap samples blocks from rows `from`…`to`.
        if mode == "replay", let (n, p) = o.member("from") {
            r.problem(n, p, found: "'from' in a replay", allowed: "'start' (and 'to') for a replay; 'from' only with \"mode\": \"bootstrap\"")
        }
        if mode == "bootstrap", let (n, p) = o.member("start") {
            r.problem(n, p, found: "'start' in a bootstrap", allowed: "'from' and 'to' for a bootstrap; 'start' only in a replay")
        }

        let series: [PriceSeries]
        switch loadHistory(reference) {
        case let .success(s): series = s
        case let .failure(problems):
            if problems.problems.isEmpty {
                r.problem(pricesNode, pricesPath, found: "\(MessageText.json(reference)), which could not be read", allowed: "a readable price file or folder")
            }
            for p in problems.problems { r.append(p) }
            return nil
        }
        var byTicker: [String: PriceSeries] = [:]
        for s in series where byTicker[s.ticker] == nil { byTicker[s.ticker] = s }
        var needed: [PriceSeries] = []
        for a in universe.assets {
            if let s = byTicker[a.ticker] { needed.append(s) } else {
                let missing = PriceSeries.missing(a.ticker, in: series)
                r.problem(pricesNode, pricesPath, found: "no prices for \(a.ticker) in \(MessageText.json(reference))\(missing.note)",
                          allowed: "a price series for every universe ticker (found: \(missing.found))")
            }
        }
        guard needed.count == universe.count, let reference0 = needed.first else { return nil }

        // The common window: dates of the first ticker within [from, to] (or from start).
        let lower = mode == "replay" ? (start ?? reference0.dates.first!) : (from ?? reference0.dates.first!)
        let upper = to ?? reference0.dates.last!
        if let to, to <= lower, let (n, p) = o.member("to") {
            let other = mode == "replay" ? (start == nil ? "the first date of the data" : "start") : (from == nil ? "the first date of the data" : "from")
            r.problem(n, p, found: "\(to), not after \(other) (\(lower))", allowed: "a 'to' after \(other)")
            return nil
        }
        let window = Array(reference0.dates[Self.rows(of: reference0.dates, from: lower, to: upper)])
        // Every ticker must have exactly these dates in the window: rows `inWindow[i]` of its series.
        var aligned: [[Double]] = []
        var inWindow: [Range<Int>] = []
        for s in needed {
            let rows = Self.rows(of: s.dates, from: lower, to: upper)
            if !s.dates[rows].elementsEqual(window) {
                let dates = Set(s.dates[rows]), expected = Set(window)
                let missing = window.first { !dates.contains($0) }
                let extra = s.dates[rows].first { !expected.contains($0) }
                let what = missing.map { "no row for \($0)" } ?? extra.map { "a row for \($0) that \(reference0.ticker) lacks" } ?? "different dates"
                r.problem(pricesNode, pricesPath, found: "\(s.ticker) (\(s.file)) has \(what)",
                          allowed: "the same dates for every ticker in the window \(lower)…\(upper)")
                return nil
            }
            inWindow.append(rows)
            aligned.append(Array(s.closes[rows]))
        }
        let source = "\(reference) \(window.first.map(\.description) ?? "")…\(window.last.map(\.description) ?? "")"

        if mode == "replay" {
            guard let first = window.first, first == lower else {
                r.problem(o.member("start")?.node ?? pricesNode, JSONPath.join(path, "start"),
                          found: "\(lower), which has no row in the data", allowed: "a date present in every price series")
                return nil
            }
            let horizonDays = requested < 0 ? window.count - 1 : requested
            guard horizonDays >= 1, window.count >= horizonDays + 1 else {
                r.problem(pricesNode, pricesPath, found: "\(window.count) daily rows from \(lower)",
                          allowed: "at least horizon + 1 = \(horizonDays + 1) rows from the start of the replay")
                return nil
            }
            let closes = (0...horizonDays).map { d in (0..<universe.count).map { aligned[$0][d] } }
            // Realized vol from each asset's whole series (days before the replay count), and
            // implied vol from an IV column where the file has one.
            let vols = needed.map { HistoricalModel.trailingVolatility($0.closes, window: realizedWindow) }
            // Day d is row inWindow[i].lowerBound + d of asset i's series.
            let realized = (0...horizonDays).map { d in
                needed.indices.map { i in vols[i][inWindow[i].lowerBound + d] ?? universe.assets[i].volatility }
            }
            let implied = (0...horizonDays).map { d in
                needed.indices.map { i in needed[i].impliedVol?[inWindow[i].lowerBound + d] ?? nil }
            }
            var model = HistoricalModel(mode: .replay, closes: closes, logReturns: [], source: source,
                                        realizedVolatility: realized, impliedVolatility: implied)
            model.reference = reference
            return (model, Array(window[0...horizonDays]))
        }
        guard window.count >= 3 else {
            r.problem(pricesNode, pricesPath, found: "\(window.count) rows in \(lower)…\(upper)", allowed: "at least 3 rows to bootstrap from")
            return nil
        }
        let returns = (1..<window.count).map { d in (0..<universe.count).map { log(aligned[$0][d] / aligned[$0][d - 1]) } }
        var model = HistoricalModel(mode: .bootstrap(meanBlockDays: meanBlock), closes: [], logReturns: returns, source: source)
        model.reference = reference
        return (model, nil)
    }

    /// The rows of increasing `dates` that lie in `lower…upper` (a range, since they increase).
    static func rows(of dates: [CalendarDate], from lower: CalendarDate, to upper: CalendarDate) -> Range<Int> {
        let first = dates.firstIndex { $0 >= lower } ?? dates.count
        let end = dates[first...].firstIndex { $0 > upper } ?? dates.count
        return first..<end
    }
}
