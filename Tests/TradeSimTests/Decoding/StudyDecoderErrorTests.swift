import Testing
@testable import TradeSim

/// Bad study files: each problem names the file, line:column, the JSON path, what was found
/// and what is allowed — checked verbatim. Validation collects every problem. The columns
/// were counted independently of the parser (Python `str.index` on the same lines): a
/// member name's column for unknown fields and keys, the value's column otherwise.
@Suite("Study validation messages")
struct StudyDecoderErrorTests {
    static let asset = #"{"ticker": "MP", "spot": 20, "volatility": 0.6, "tags": ["enabler"]}"#

    static func study(_ scenario: String, universe: String = asset) -> String {
        """
        {"name": "t", "start": "2026-01-05",
         "universe": [\(universe)],
         "scenarios": [\(scenario)]}
        """
    }

    @Test(arguments: [
        // Malformed JSON
        ("{\"name\": \"t\",}", "test.json:1:14: found '}'; allowed: another member after ',' (trailing commas are not JSON)"),
        ("{\"name\": \"t\"", "test.json:1:13: found end of input; allowed: ',' or '}'"),
        ("{\"x\": NaN}", "test.json:1:7: found 'NaN'; allowed: a JSON value (NaN and Infinity are not JSON numbers)"),
        ("{\"x\": 1e400}", "test.json:1:7: found 1e400; allowed: a number within the range of a double (about ±1.8e308)"),
        ("{\"x\": 1,\n \"x\": 2}", "test.json:2:2: found a second member \"x\"; allowed: each member name once per object"),
        ("{\"x\": 01}", "test.json:1:8: found '1'; allowed: no leading zeros in a number"),
        ("", "test.json:1:1: found end of input; allowed: a value"),
        ("[1] x", "test.json:1:5: found 'x'; allowed: end of input after the top-level value"),
    ])
    func syntaxErrors(_ text: String, _ message: String) {
        #expect(StudyText.problems(text) == [message])
    }

    @Test func unknownFieldWithSuggestion() {
        let p = StudyText.problems(Self.study(#"{"name": "s", "horizon": "3m", "evnts": []}"#))
        #expect(p == ["test.json:3:47: scenarios[0].evnts: found unknown field 'evnts'; allowed: name, description, weight, horizon, rate, model, drifts, volatilities, correlation, jumps, regimes, events, given, impliedVol, antithetic, script, history (did you mean 'events'?)"])
    }

    @Test func everyProblemIsCollected() {
        let text = """
            {"name": "t", "start": "2026-01-05",
             "universe": [{"ticker": "MP", "spot": -20, "volatility": 0.6}],
             "scenarios": [{"name": "s", "horizon": "3months", "rate": "4%"}]}
            """
        #expect(StudyText.problems(text) == [
            "test.json:2:40: universe[0].spot: found -20; allowed: a number > 0 and ≤ 1000000000",
            "test.json:3:41: scenarios[0].horizon: found \"3months\"; allowed: a whole number of trading days from 1 to 100000, or a string like \"10d\", \"2w\", \"3m\", \"1q\", \"6m\", \"1y\" (at most 100000 days)",
            "test.json:3:60: scenarios[0].rate: found \"4%\"; allowed: a number ≥ -1 and ≤ 1",
        ])
    }

    /// Prices that could pass a Double within the horizon are refused at the horizon; the
    /// longest horizon with a realistic drift and volatility is accepted. Reach, by hand:
    /// (5 + 0.18)·(40000/252) + 12·0.6·√(40000/252) = 822.2 + 90.7 = 913; room 700 − ln 20 = 697.
    @Test func pricesMustStayFinite() {
        let p = StudyText.problems(Self.study(#"{"name": "s", "horizon": 40000, "drifts": {"MP": 5}}"#))
        #expect(p == ["test.json:3:41: scenarios[0].horizon: found 40000 trading days, over which \"MP\" (drift 5.0, volatility 0.6) can reach prices beyond 1e±300: (μ + σ²/2)·T + 12·σ·√T = 913; allowed: a horizon, drift and volatility with (μ + σ²/2)·T + 12·σ·√T ≤ 697 (700 − |ln spot|), so that prices stay finite"])
        #expect(StudyText.problems(Self.study(#"{"name": "s", "horizon": 100000, "drifts": {"MP": 0.1}, "volatilities": {"MP": 0.3}}"#)).isEmpty)
    }

    @Test func unknownTickerOrTag() {
        let p = StudyText.problems(Self.study(#"{"name": "s", "horizon": 10, "drifts": {"TSLA": 0.1}}"#))
        #expect(p == ["test.json:3:56: scenarios[0].drifts.TSLA: found \"TSLA\", which is no ticker or tag; allowed: a ticker (MP), a tag (enabler) or \"*\""])
    }

    @Test func probabilitiesMustSumToOne() {
        let p = StudyText.problems(Self.study("""
            {"name": "s", "horizon": 10, "events": [{"name": "m", "day": 5, "outcomes": [
              {"name": "a", "probability": 0.5}, {"name": "b", "probability": 0.4}]}]}
            """))
        #expect(p == ["test.json:3:92: scenarios[0].events[0].outcomes: found probabilities summing to 0.9; allowed: probabilities summing to 1 (within 1e-9)"])
    }

    @Test func probabilityOutOfRange() {
        let p = StudyText.problems(Self.study("""
            {"name": "s", "horizon": 10, "events": [{"name": "m", "day": 5, "outcomes": [
              {"name": "a", "probability": 1.4}, {"name": "b", "probability": -0.4}]}]}
            """))
        #expect(p == ["test.json:4:32: scenarios[0].events[0].outcomes[0].probability: found 1.4; allowed: a number ≥ 0 and ≤ 1",
                      "test.json:4:67: scenarios[0].events[0].outcomes[1].probability: found -0.4; allowed: a number ≥ 0 and ≤ 1"])
    }

    @Test func eventOutsideHorizonOrOnAWeekend() {
        let outside = StudyText.problems(Self.study(#"{"name": "s", "horizon": 10, "events": [{"name": "m", "date": "2026-03-02", "outcomes": [{"name": "a", "probability": 1}]}]}"#))
        #expect(outside == ["test.json:3:78: scenarios[0].events[0].date: found 2026-03-02, outside the scenario's days; allowed: a trading day from 2026-01-06 to 2026-01-20 (the horizon)"])
        let weekend = StudyText.problems(Self.study(#"{"name": "s", "horizon": 10, "events": [{"name": "m", "date": "2026-01-10", "outcomes": [{"name": "a", "probability": 1}]}]}"#))
        #expect(weekend == ["test.json:3:78: scenarios[0].events[0].date: found 2026-01-10 (a Saturday); allowed: a trading day from 2026-01-06 to 2026-01-20"])
        let day = StudyText.problems(Self.study(#"{"name": "s", "horizon": 10, "events": [{"name": "m", "day": 11, "outcomes": [{"name": "a", "probability": 1}]}]}"#))
        #expect(day == ["test.json:3:77: scenarios[0].events[0].day: found 11; allowed: a trading day from 1 to the horizon 10, or a date YYYY-MM-DD"])
    }

    @Test func nonPositiveSemiDefiniteCorrelation() {
        let universe = """
            {"ticker": "A", "spot": 1, "volatility": 0.2}, {"ticker": "B", "spot": 1, "volatility": 0.2}, {"ticker": "C", "spot": 1, "volatility": 0.2}
            """
        let p = StudyText.problems(Self.study(#"{"name": "s", "horizon": 10, "correlation": {"matrix": [[1, 0.9, 0.9], [0.9, 1, -0.9], [0.9, -0.9, 1]]}}"#, universe: universe))
        #expect(p == ["test.json:3:71: scenarios[0].correlation.matrix: found a matrix that is not positive semi-definite (smallest eigenvalue -0.8); allowed: a positive semi-definite correlation matrix (every eigenvalue ≥ 0)"])
        let asym = StudyText.problems(Self.study(#"{"name": "s", "horizon": 10, "correlation": {"matrix": [[1, 0.5, 0], [0.4, 1, 0], [0, 0, 1]]}}"#, universe: universe))
        #expect(asym == ["test.json:3:71: scenarios[0].correlation.matrix[0][1]: found 0.5 but [1][0] is 0.4; allowed: a symmetric matrix"])
    }

    @Test func scriptPointsOutOfOrder() {
        let p = StudyText.problems(Self.study("""
            {"name": "s", "horizon": 10, "model": "scripted", "script": {"points": [
              {"day": 6, "change": {"MP": 0.1}}, {"day": 3, "change": {"MP": -0.1}}]}}
            """))
        #expect(p == ["test.json:4:38: scenarios[0].script.points[1]: found day 3 after a point on day 6; allowed: points in increasing date order"])
    }

    @Test func duplicatesAndEmptyUniverse() {
        let dup = StudyText.problems("""
            {"name": "t", "start": "2026-01-05", "universe": [\(Self.asset), \(Self.asset)],
             "scenarios": [{"name": "s", "horizon": 5}, {"name": "s", "horizon": 5}]}
            """)
        #expect(dup == ["test.json:1:132: universe[1].ticker: found \"MP\" a second time; allowed: each ticker once in the universe",
                        "test.json:2:54: scenarios[1].name: found \"s\" a second time; allowed: a name used by one scenario only"])
        let empty = StudyText.problems(#"{"name": "t", "start": "2026-01-05", "universe": [], "scenarios": [{"name": "s", "horizon": 5}]}"#)
        #expect(empty == ["test.json:1:50: universe: found an empty array; allowed: at least one asset"])
    }

    @Test func startOnAWeekendAndMissingFields() {
        let p = StudyText.problems(#"{"name": "t", "start": "2026-01-04", "universe": [{"ticker": "MP", "volatility": 0.6}], "scenarios": [{"horizon": 5}]}"#)
        #expect(p == [
            "test.json:1:24: start: found 2026-01-04 (a Sunday); allowed: a trading day (a weekday not in holidays)",
            "test.json:1:51: universe[0].spot: found nothing (the field is missing); allowed: a number > 0 and ≤ 1000000000",
            "test.json:1:103: scenarios[0].name: found nothing (the field is missing); allowed: a name of letters, digits, '-', '_' or '.' (at most 64, not \"blended\")",
        ])
    }

    @Test func historyMissingTicker() {
        let p = StudyText.problems(Self.study(#"{"name": "h", "horizon": 2, "model": "historical", "history": {"prices": "p"}}"#),
                                   histories: ["p": [ScriptedAndHistoricalTests.series[1]]])
        #expect(p == ["test.json:3:89: scenarios[0].history.prices: found no prices for MP in \"p\"; allowed: a price series for every universe ticker (found: LMT)"])
    }
}

@Suite("Price CSV messages")
struct PriceTableErrorTests {
    static func problems(_ text: String, ticker: String? = "MP") -> [String] {
        switch PriceTable.parse(text, file: "MP.csv", ticker: ticker) {
        case .success: return []
        case let .failure(p): return p.problems.map(\.description)
        }
    }

    @Test func yahooUsesAdjClose() throws {
        let text = "Date,Open,High,Low,Close,Adj Close,Volume\n2022-01-03,45.68,48.2,45.68,47.650002,47.0,2362500\n"
        let t = try PriceTable.parse(text, file: "MP.csv", ticker: "MP").get()
        #expect(t.closes == [[47.0]] && t.tickers == ["MP"])
    }

    @Test func columnsInAnyOrderAndWide() throws {
        let ohlcv = "Date,Close,High,Low,Open,Volume\n2024-12-06,19.72,20.47,19.54,20.34,2118900\n2024-12-09,20.52,21.13,20.15,20.37,3030000\n"
        #expect(try PriceTable.parse(ohlcv, file: "MP.csv", ticker: "MP").get().closes == [[19.72, 20.52]])
        let wide = "date,MP,LMT\n2025-01-02,16.39,470.5\n2025-01-03,17,471\n"
        let t = try PriceTable.parse(wide, file: "wide.csv", ticker: nil).get()
        #expect(t.tickers == ["MP", "LMT"] && t.closes == [[16.39, 17], [470.5, 471]])
    }

    @Test func badRows() {
        #expect(Self.problems("Date,Close\n2025-01-02,16.39\n2025-01-02,16.5\n2025-01-01,16\n2025-01-06,nan\n2025-01-07,-3\n2025-13-08,4\n2025-01-09,\n") == [
            "MP.csv:3:1: column Date: found 2025-01-02 twice; allowed: dates in strictly increasing order, each once",
            "MP.csv:4:1: column Date: found 2025-01-01 after 2025-01-02; allowed: dates in strictly increasing order, each once",
            "MP.csv:5:2: column Close: found 'nan'; allowed: a price > 0 (finite decimal number)",
            "MP.csv:6:2: column Close: found '-3'; allowed: a price > 0 (finite decimal number)",
            "MP.csv:7:1: column Date: found '2025-13-08'; allowed: a date YYYY-MM-DD",
            "MP.csv:8:2: column Close: found an empty cell; allowed: a price > 0 (finite decimal number)",
        ])
        #expect(Self.problems("Day,Price\n1,2\n") == ["MP.csv:1: header: found columns Day,Price; allowed: a 'Date' column, with 'Adj Close' or 'Close', or one column per ticker"])
        #expect(Self.problems("") == ["MP.csv:1: found an empty file; allowed: a header line and daily rows"])
        #expect(Self.problems("Date,Close\n2025-01-02,1,2\n") == ["MP.csv:2: found 3 fields; allowed: 2 fields, as in the header"])
    }

    /// A field of scenarioDefaults is read into every scenario; its problem is reported once,
    /// not once per scenario (three scenarios here), and the scenarios still fail to decode.
    /// Column 48: the value -5 on line 2 (Python `str.index` + 1 on the same line).
    @Test func aDefaultsProblemOnceForEveryScenario() {
        let text = """
            {"name": "t", "start": "2026-01-05",
             "scenarioDefaults": {"rate": 0.02, "horizon": -5},
             "universe": [\(StudyDecoderErrorTests.asset)],
             "scenarios": [{"name": "a"}, {"name": "b"}, {"name": "c"}]}
            """
        let problems = StudyText.problems(text)
        #expect(problems.count == 1, "\(problems)")
        #expect(problems.first?.hasPrefix("test.json:2:48: scenarioDefaults.horizon: found -5") == true, "\(problems)")
    }
}
