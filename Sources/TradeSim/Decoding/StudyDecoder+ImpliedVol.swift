import Foundation

/// A scenario's `impliedVol`: the ATM level (ratio and spread to the path vol, absolute base or
/// term curve), term multiples, skew per asset, spot–vol beta and dynamics (`ImpliedVolModel`).
extension StudyDecoder {
    static let impliedVolFields = ["baseMultiple", "baseSpread", "base", "atm", "termStructure", "termDecayYears",
                                   "realizedWindowDays", "skew", "spotVolBeta", "dynamics"]

    /// The model a scenario gets when it says nothing: ratio `ImpliedVolModel.defaultRatio`,
    /// no spread, flat term, flat smile, no spot–vol beta, sticky strike.
    func defaultImpliedVolModel() -> ImpliedVolModel {
        ImpliedVolModel(baseAbsolute: [Double?](repeating: nil, count: universe.count), baseMultiple: ImpliedVolModel.defaultRatio)
    }

    mutating func impliedVolModel(_ node: JSONNode, _ path: String) -> ImpliedVolModel? {
        guard let o = r.object(node, path) else { return nil }
        r.rejectUnknown(o, allowed: Self.impliedVolFields)
        var model = defaultImpliedVolModel()
        let n = universe.count
        if let m = r.optionalNumber(o, "baseMultiple", NumberRule(min: 0, minInclusive: false, max: 10)) { model.baseMultiple = m }
        if let (sn, sp) = o.member("baseSpread"), let v = numberOrAssetValues(sn, sp, NumberRule(min: -1, max: 5)) {
            model.baseSpread = v.map { $0 ?? 0 }
        }
        if let (bn, bp) = o.member("base"), let v = assetValues(bn, bp, NumberRule(min: 0, minInclusive: false, max: 10)) { model.baseAbsolute = v }
        if let (an, ap) = o.member("atm"),
           let terms = perAsset(an, ap, allowed: "a map of tickers/tags to {\"terms\": [{\"days\" or \"tenor\", \"vol\"}, …]}", { $0.atmTerms($1, $2) }) {
            model.atmTerms = terms
        }
        if let (tn, tp) = o.member("termStructure") { model.termMultiples = termCurve(tn, tp, valueKey: "multiple", rule: NumberRule(min: 0, minInclusive: false, max: 10)) ?? [] }
        model.termDecayYears = r.optionalNumber(o, "termDecayYears", NumberRule(min: 0, minInclusive: false, max: 100))
        if let w = o.member("realizedWindowDays").flatMap({ r.integer($0.node, $0.path, min: 5, max: 1000) }) { model.realizedWindowDays = w }
        if let (kn, kp) = o.member("skew") {
            if case let .string(word) = kn.value, word == "flat" {
                model.smile = Array(repeating: .flat, count: n)
            } else if let ko = r.object(kn, kp) {
                if ko.has("slope") || ko.has("curvature") {
                    if let s = smile(kn, kp) { model.smile = Array(repeating: s, count: n) }
                } else if let v = perAsset(kn, kp, allowed: "\"flat\", {\"slope\", \"curvature\"} or a map of tickers/tags to them", { $0.smile($1, $2) }) {
                    model.smile = v.map { $0 ?? .flat }
                }
            }
        }
        if let (bn, bp) = o.member("spotVolBeta"), let v = numberOrAssetValues(bn, bp, NumberRule(min: -5, max: 5)) {
            model.spotVolBeta = v.map { $0 ?? 0 }
        }
        if let (dn, dp) = o.member("dynamics"), let w = r.choice(dn, dp, ["stickyStrike", "stickyMoneyness"]) {
            model.dynamics = ImpliedVolModel.Dynamics(rawValue: w)!
        }
        return model
    }

    /// One number for every asset, or a map of tickers/tags to numbers (`assetValues`).
    mutating func numberOrAssetValues(_ node: JSONNode, _ path: String, _ rule: NumberRule) -> [Double?]? {
        if case let .number(x, text) = node.value {
            guard rule.allows(x) else {
                r.problem(node, path, found: text, allowed: "\(rule.phrase), or a map of tickers/tags to such numbers")
                return nil
            }
            return Array(repeating: x, count: universe.count)
        }
        return assetValues(node, path, rule)
    }

    /// A map of tickers/tags to objects, each decoded by `value`; a ticker's own entry wins over
    /// a tag's, a tag's over "*"; two entries of one rank for one asset are refused.
    mutating func perAsset<T: Equatable>(_ node: JSONNode, _ path: String, allowed: String,
                                         _ value: (inout StudyDecoder, JSONNode, String) -> T?) -> [T?]? {
        guard let o = r.object(node, path) else { return nil }
        var result = [T?](repeating: nil, count: universe.count)
        var rank = [Int](repeating: -1, count: universe.count)
        var ok = true
        for key in o.order {
            guard let (vn, vp) = o.member(key) else { continue }
            let hit = universe.resolve(key)
            guard !hit.isEmpty else {
                r.problemAtKey(o, key, found: "\"\(key)\", which is no ticker or tag", allowed: universe.selectorPhrase + "; " + allowed)
                ok = false
                continue
            }
            guard let v = value(&self, vn, vp) else { ok = false; continue }
            let level = key == "*" ? 0 : (universe.index(of: key) != nil ? 2 : 1)
            for i in hit {
                if level > rank[i] {
                    result[i] = v
                    rank[i] = level
                } else if level == rank[i] && result[i] != v {
                    r.problem(vn, vp, found: "a second entry for \(universe.assets[i].ticker)", allowed: "one entry per asset (give \(universe.assets[i].ticker) its own)")
                    ok = false
                }
            }
        }
        return ok ? result : nil
    }

    /// `{"slope": a, "curvature": b}` (each optional, 0 when absent; `xLimit` and
    /// `floorFraction` optional).
    mutating func smile(_ node: JSONNode, _ path: String) -> VolatilitySmile? {
        guard let o = r.object(node, path) else { return nil }
        r.rejectUnknown(o, allowed: ["slope", "curvature", "xLimit", "floorFraction"])
        let slope = r.optionalNumber(o, "slope", NumberRule(min: -5, max: 5)) ?? 0
        let curvature = r.optionalNumber(o, "curvature", NumberRule(min: -5, max: 5)) ?? 0
        let limit = r.optionalNumber(o, "xLimit", NumberRule(min: 0, minInclusive: false, max: 10)) ?? VolatilitySmile.flat.xLimit
        let floor = r.optionalNumber(o, "floorFraction", NumberRule(min: 0, minInclusive: false, max: 1)) ?? VolatilitySmile.flat.floorFraction
        // A curvature below zero turns the wings down: within the limit they may fall 1 vol at most.
        let smile = VolatilitySmile(slope: slope, curvature: curvature, xLimit: limit, floorFraction: floor)
        if smile.fallsTooFarBelowTheMoney {
            r.problem(node, path, found: "a smile falling \(NumberText.csv(-smile.lowestOffset)) vol below the money at |x| = \(NumberText.csv(limit))",
                      allowed: "curvature ≥ 0, or a smaller limit")
            return nil
        }
        return smile
    }

    /// `{"terms": [{"days": 21, "vol": 0.31}, …]}`: an ATM IV by tenor.
    mutating func atmTerms(_ node: JSONNode, _ path: String) -> [ImpliedVolModel.TermPoint]? {
        guard let o = r.object(node, path) else { return nil }
        r.rejectUnknown(o, allowed: ["terms"])
        guard let (tn, tp) = o.member("terms") else {
            r.missing(o, "terms", allowed: "an array of {\"days\" or \"tenor\", \"vol\"} in increasing tenor")
            return nil
        }
        return termCurve(tn, tp, valueKey: "vol", rule: NumberRule(min: 0, minInclusive: false, max: 10))
    }

    /// An array of `{"days": N or "tenor": "1m", valueKey: x}` in strictly increasing tenor.
    mutating func termCurve(_ node: JSONNode, _ path: String, valueKey: String, rule: NumberRule) -> [ImpliedVolModel.TermPoint]? {
        guard let list = r.array(node, path) else { return nil }
        if list.isEmpty {
            r.problem(node, path, found: "an empty array", allowed: "at least one {\"days\" or \"tenor\", \"\(valueKey)\"}")
            return nil
        }
        var points: [ImpliedVolModel.TermPoint] = []
        for (en, ep) in list {
            guard let e = r.object(en, ep) else { continue }
            r.rejectUnknown(e, allowed: ["days", "tenor", valueKey])
            var days: Int?
            switch (e.member("days"), e.member("tenor")) {
            case let (d?, nil): days = r.integer(d.node, d.path, min: 1, max: 100_000)
            case let (nil, t?): days = horizon(t.node, t.path)
            case (nil, nil): r.missing(e, "days", allowed: "the tenor in trading days ('days') or as a horizon ('tenor': \"1m\")")
            case let (_, t?): r.problem(t.node, t.path, found: "both 'days' and 'tenor'", allowed: "one of them")
            }
            let value = r.requiredNumber(e, valueKey, rule)
            guard let days, let value else { continue }
            if let last = points.last, days <= last.days {
                r.problem(en, ep, found: "tenor \(days) days after \(last.days)", allowed: "tenors in strictly increasing order")
                continue
            }
            points.append(.init(days: days, value: value))
        }
        return points.count == list.count ? points : nil
    }
}
