import Testing
@testable import TradeSim

/// `universe[i].dividends`: decoded as written, and every bad entry refused with file, line,
/// column, JSON path, what was found and what is allowed. Columns counted independently of
/// the parser (Python `str.index` on the asset line `{"ticker": "A", "spot": 100,
/// "volatility": 0.3, "dividends": [`…: the array opens at column 62, the first entry at 63).
@Suite("Dividend decoding")
struct DividendDecodingTests {
    static func study(_ entries: String) -> String {
        """
        {"name": "t", "start": "2026-01-05", "scenarios": [{"name": "s", "horizon": 10}],
         "universe": [
        {"ticker": "A", "spot": 100, "volatility": 0.3, "dividends": [\(entries)]}]}
        """
    }

    @Test func decodesInOrder() throws {
        let s = try StudyText.study(Self.study(#"{"exDate": "2026-02-13", "amount": 0.83}, {"exDate": "2026-05-15", "amount": 0.9}"#))
        #expect(s.universe.assets[0].dividends == [CashDividend(exDate: CalendarDate(iso: "2026-02-13")!, amount: 0.83),
                                                   CashDividend(exDate: CalendarDate(iso: "2026-05-15")!, amount: 0.9)])
    }

    @Test(arguments: [
        // unknown field: at its name
        (#"{"exDate": "2026-02-13", "amount": 0.83, "amt": 1}"#,
         ["test.json:3:104: universe[0].dividends[0].amt: found unknown field 'amt'; allowed: exDate, amount"]),
        (#"{"exDate": "2026-02-13", "amonut": 0.83}"#,
         ["test.json:3:88: universe[0].dividends[0].amonut: found unknown field 'amonut'; allowed: exDate, amount (did you mean 'amount'?)",
          "test.json:3:63: universe[0].dividends[0].amount: found nothing (the field is missing); allowed: a number > 0 and ≤ 1000000000"]),
        // negative amount: at the value
        (#"{"exDate": "2026-02-13", "amount": -0.5}"#,
         ["test.json:3:98: universe[0].dividends[0].amount: found -0.5; allowed: a number > 0 and ≤ 1000000000"]),
        // zero
        (#"{"exDate": "2026-02-13", "amount": 0}"#,
         ["test.json:3:98: universe[0].dividends[0].amount: found 0; allowed: a number > 0 and ≤ 1000000000"]),
        // a string amount
        (#"{"exDate": "2026-02-13", "amount": "0.5"}"#,
         ["test.json:3:98: universe[0].dividends[0].amount: found \"0.5\"; allowed: a number > 0 and ≤ 1000000000"]),
        // not a date
        (#"{"exDate": "2026-02-30", "amount": 1}"#,
         ["test.json:3:74: universe[0].dividends[0].exDate: found \"2026-02-30\"; allowed: a date YYYY-MM-DD"]),
        // missing amount: at the entry
        (#"{"exDate": "2026-02-13"}"#,
         ["test.json:3:63: universe[0].dividends[0].amount: found nothing (the field is missing); allowed: a number > 0 and ≤ 1000000000"]),
        // a repeated date, then one out of order: at the second entry's exDate value
        (#"{"exDate": "2026-05-15", "amount": 0.83}, {"exDate": "2026-05-15", "amount": 0.83}"#,
         ["test.json:3:116: universe[0].dividends[1].exDate: found ex-date 2026-05-15 a second time; allowed: ex-dates in increasing order, each once"]),
        (#"{"exDate": "2026-05-15", "amount": 0.83}, {"exDate": "2026-02-13", "amount": 0.83}"#,
         ["test.json:3:116: universe[0].dividends[1].exDate: found ex-date 2026-02-13 after 2026-05-15; allowed: ex-dates in increasing order, each once"]),
    ])
    func refused(_ entries: String, _ messages: [String]) {
        #expect(StudyText.problems(Self.study(entries)) == messages)
    }

    @Test func notAnArray() {
        let text = """
            {"name": "t", "start": "2026-01-05", "scenarios": [{"name": "s", "horizon": 10}],
             "universe": [
            {"ticker": "A", "spot": 100, "volatility": 0.3, "dividends": {"exDate": "2026-02-13"}}]}
            """
        #expect(StudyText.problems(text) == ["test.json:3:62: universe[0].dividends: found an object; allowed: an array [ … ]"])
    }
}
