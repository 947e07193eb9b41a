extension StudyDecoder {
    static let dividendFields = ["exDate", "amount"]

    /// The most cash dividends one asset may list.
    static let maximumDividends = 10_000

    /// `universe[i].dividends`: an array of `{"exDate": "YYYY-MM-DD", "amount": D}`, cash per
    /// share > 0 in the study currency, ex-dates strictly increasing. Every problem is
    /// collected: unknown fields, a missing or malformed field, an amount that is not a finite
    /// number > 0, an ex-date that repeats or comes before the previous one.
    mutating func decodeDividends(_ node: JSONNode, _ path: String) -> [CashDividend] {
        guard let list = r.array(node, path) else { return [] }
        if list.count > Self.maximumDividends {
            r.problem(node, path, found: "\(list.count) dividends", allowed: "at most \(Self.maximumDividends) per asset")
            return []
        }
        var out: [CashDividend] = []
        var previous: CalendarDate?
        for (dn, dp) in list {
            guard let o = r.object(dn, dp) else { continue }
            r.rejectUnknown(o, allowed: Self.dividendFields)
            var exDate: CalendarDate?
            if let (en, ep) = o.member("exDate") {
                exDate = date(en, ep)
                if let e = exDate, let p = previous, e <= p {
                    r.problem(en, ep, found: e == p ? "ex-date \(e) a second time" : "ex-date \(e) after \(p)",
                              allowed: "ex-dates in increasing order, each once")
                }
            } else {
                r.missing(o, "exDate", allowed: "a date YYYY-MM-DD")
            }
            let amount = r.requiredNumber(o, "amount", NumberRule(min: 0, minInclusive: false, max: 1e9))
            if let e = exDate {
                if previous.map({ e > $0 }) ?? true { previous = e }
                if let amount { out.append(CashDividend(exDate: e, amount: amount)) }
            }
        }
        return out
    }
}
