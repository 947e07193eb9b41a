import Testing
@testable import TradeSim

/// `--set PATH=VALUE`: the path's syntax, what an edit does to the study, and the problems of
/// an edit that does not fit the study or makes it invalid — checked verbatim.
@Suite("Study edits (--set)")
struct StudyEditTests {
    /// Two assets, two scenarios, a basket with an exit and a straddle without one.
    static let study = """
        {"name": "t", "start": "2026-01-05",
         "universe": [{"ticker": "MP", "spot": 20, "volatility": 0.6, "tags": ["enabler"]},
                      {"ticker": "LMT", "spot": 450, "volatility": 0.25}],
         "scenarios": [{"name": "calm", "horizon": "3m", "weight": 0.6},
                       {"name": "storm", "horizon": "3m", "weight": 0.4, "drifts": {"MP": 0.2}}],
         "playbook": {"capital": 1000000, "decisions": [
           {"id": "basket", "kind": "basket", "assets": {"MP": 1}, "size": {"notional": 100000},
            "exit": {"takeProfit": 0.3, "stopLoss": 0.1, "horizon": "2m"}},
           {"id": "hedge", "kind": "protection", "underlyings": ["LMT"], "strike": {"moneyness": 0.95},
            "expiry": "2m", "size": {"premiumBudget": 5000}}]}}
        """

    static func edits(_ arguments: [String]) throws -> [StudyEdit] {
        try arguments.map { try StudyEdit.parse($0).get() }
    }

    static func decode(_ arguments: [String]) throws -> Result<Study, InputProblems> {
        StudyDecoder.decode(Array(study.utf8), file: "s.json", edits: try edits(arguments))
    }

    static func problems(_ arguments: [String]) throws -> [String] {
        switch try decode(arguments) {
        case .success: return []
        case let .failure(p): return p.problems.map(\.description)
        }
    }

    static func basketExit(_ arguments: [String]) throws -> ExitRules {
        let study = try decode(arguments).get()
        return try #require(study.playbook?.decisions.first { $0.id == "basket" }?.variants.first?.exits)
    }

    // MARK: - Syntax

    @Test func pathsParseIntoSteps() throws {
        let e = try StudyEdit.parse(#"playbook.decisions[basket].exit["stop.Loss"][2]=[1, "a,b"]"#).get()
        #expect(e.path == #"playbook.decisions[basket].exit["stop.Loss"][2]"#)
        #expect(e.steps == [.member("playbook"), .member("decisions"), .element("basket"), .member("exit"),
                            .element("stop.Loss"), .index(2)])
        #expect(e.valueText == #"[1, "a,b"]"#)
        #expect(!e.removes)
        #expect(try StudyEdit.parse("a=null").get().removes)
        #expect(try StudyEdit.parse("[0].x=0.10").get().valueText == "0.10")
    }

    @Test func listsSplitOnTopLevelCommas() throws {
        let list = try StudyEdit.parseList(#"x.y=null,0.1, {"a": [1, 2]},"s,t""#).get()
        #expect(list.map(\.valueText) == ["null", "0.1", #"{"a": [1, 2]}"#, #""s,t""#])
        #expect(list.allSatisfy { $0.path == "x.y" })
    }

    @Test(arguments: [
        ("playbook", "must be PATH=VALUE (for example playbook.decisions[0].exit.stopLoss=0.1), got 'playbook' without '='"),
        ("=1", "must be PATH=VALUE (for example playbook.decisions[0].exit.stopLoss=0.1), got '=1' with nothing before '='"),
        ("a..b=1", "has a bad PATH in 'a..b=1': an empty name at character 3; allowed: names joined by '.', [N] for an array's element N, [ID] for the element whose id, name or ticker is ID"),
        ("a.=1", "has a bad PATH in 'a.=1': an empty name at character 3; allowed: names joined by '.', [N] for an array's element N, [ID] for the element whose id, name or ticker is ID"),
        ("a[=1", "has a bad PATH in 'a[=1': an unclosed or empty '[' at character 2; allowed: names joined by '.', [N] for an array's element N, [ID] for the element whose id, name or ticker is ID"),
        ("a[]=1", "has a bad PATH in 'a[]=1': an unclosed or empty '[' at character 2; allowed: names joined by '.', [N] for an array's element N, [ID] for the element whose id, name or ticker is ID"),
        ("a[0]b=1", "has a bad PATH in 'a[0]b=1': 'b' after ']' (expected '.', '[' or '=') at character 5; allowed: names joined by '.', [N] for an array's element N, [ID] for the element whose id, name or ticker is ID"),
        ("a]=1", "has a bad PATH in 'a]=1': ']' without '[' at character 2; allowed: names joined by '.', [N] for an array's element N, [ID] for the element whose id, name or ticker is ID"),
        ("a=abc", "has a VALUE that is not JSON in 'a=abc': found 'abc' at character 1 of the value; expected a value (object, array, string, number, true, false or null) (a string needs its double quotes, kept from the shell as in 'PATH=\"text\"')"),
        ("a=", "has a VALUE that is not JSON in 'a=': found end of input at character 1 of the value; expected a value (a string needs its double quotes, kept from the shell as in 'PATH=\"text\"')"),
        ("a=1 2", "has a VALUE that is not JSON in 'a=1 2': found '2' at character 3 of the value; expected end of input after the top-level value (a string needs its double quotes, kept from the shell as in 'PATH=\"text\"')"),
    ])
    func badSyntax(_ argument: String, _ message: String) {
        guard case let .failure(error) = StudyEdit.parse(argument) else { Issue.record("accepted \(argument)"); return }
        #expect(error.message == message)
    }

    @Test func badListSyntax() {
        guard case let .failure(e1) = StudyEdit.parseList("a=1,,2") else { Issue.record("accepted"); return }
        #expect(e1.message == "has a VALUE that is not JSON in 'a=1,,2': found ',' at character 3 of the value; expected a value (object, array, string, number, true, false or null) (a string needs its double quotes, kept from the shell as in 'PATH=\"text\",\"other\"')")
        guard case let .failure(e2) = StudyEdit.parseList("a=") else { Issue.record("accepted"); return }
        #expect(e2.message == "has no VALUE in 'a='; allowed: one or more JSON values, comma-separated")
    }

    // MARK: - What an edit does

    @Test func replacesAddsAndRemoves() throws {
        #expect(try Self.basketExit([]).stopLoss == 0.1)
        // Replace, by index or by id.
        #expect(try Self.basketExit(["playbook.decisions[0].exit.stopLoss=0.2"]).stopLoss == 0.2)
        #expect(try Self.basketExit(["playbook.decisions[basket].exit.stopLoss=0.15"]).stopLoss == 0.15)
        // Remove; removing what is absent changes nothing; the last edit wins.
        #expect(try Self.basketExit(["playbook.decisions[basket].exit.stopLoss=null"]).stopLoss == nil)
        #expect(try Self.basketExit(["playbook.decisions[basket].exit.stopLoss=null",
                                     "playbook.decisions[basket].exit.stopLoss=null"]).stopLoss == nil)
        #expect(try Self.basketExit(["playbook.decisions[basket].exit.stopLoss=null",
                                     "playbook.decisions[basket].exit.stopLoss=0.05"]).stopLoss == 0.05)
        // Add a member to an object that has none: the object is created on the way.
        let study = try Self.decode(["playbook.decisions[hedge].exit.stopLoss=0.5"]).get()
        #expect(study.playbook?.decisions[1].variants[0].exits.stopLoss == 0.5)
        // A scenario by name; a whole object.
        let s2 = try Self.decode(["scenarios[storm].weight=0.1", #"scenarios[calm].drifts={"MP": -0.3}"#]).get()
        #expect(s2.scenarios.map(\.weight) == [0.6, 0.1])
        // A universe member by ticker.
        let s3 = try Self.decode(["universe[LMT].spot=500"]).get()
        #expect(s3.universe.assets[1].spot == 500)
    }

    /// The edited study is the file with the value changed: decoding the file written with
    /// that value gives the same study.
    @Test func editedStudyEqualsTheEditedFile() throws {
        let edited = try Self.basketExit(["playbook.decisions[basket].exit.horizon=\"1m\""])
        let text = Self.study.replacingOccurrences(of: #""horizon": "2m"}}"#, with: #""horizon": "1m"}}"#)
        let file = try StudyDecoder.decode(Array(text.utf8), file: "s.json").get()
        #expect(edited == file.playbook?.decisions[0].variants[0].exits)
        #expect(edited.horizonDays == 21)
    }

    // MARK: - Problems

    @Test(arguments: [
        // The path leaves the study: at the place where it leaves, with what is there.
        (["playbook.decisions[7].exit.stopLoss=0.1"],
         "s.json:6:48: playbook.decisions: found an array of 2 (no element [7]); allowed: an index from 0 to 1, or [ID] for the element whose id, name or ticker is ID"),
        (["playbook.decisions[nope].exit.stopLoss=0.1"],
         #"s.json:6:48: playbook.decisions: found an array of 2 with no element whose id, name or ticker is "nope"; allowed: one of "basket", "hedge", or an index from 0 to 1"#),
        (["playbook.decisions[0].kind.x=1"],
         #"s.json:7:29: playbook.decisions[0].kind: found a string "basket"; allowed: an object or an array, for the path's next step .x"#),
        (["playbook.decisions.x=1"],
         "s.json:6:48: playbook.decisions: found an array of 2; allowed: an object, for the path's next step .x"),
        (["playbook[0]=1"],
         "s.json:6:14: playbook: found an object; allowed: an array, for the path's next step [0]"),
        (["playbook.holdings[0].quantity=1"],
         #"s.json:6:14: playbook.holdings: found nothing (no member "holdings"); allowed: an array, for the path's next step [0]"#),
        (["playbook.decisions[1]=null"],
         "s.json:9:4: playbook.decisions[1]: found null for an array's element; allowed: a JSON value (null removes an object's member, not an array's element)"),
        // The edited study is validated as a file is: a problem in the value has no line.
        (["playbook.decisions[basket].exit.stopLoss=-0.1"],
         "s.json: playbook.decisions[0].exit.stopLoss: found -0.1; allowed: a number > 0 and ≤ 100"),
        (["playbook.decisions[basket].exit.stopLoss=\"10%\""],
         #"s.json: playbook.decisions[0].exit.stopLoss: found "10%"; allowed: a number > 0 and ≤ 100"#),
        (["playbook.decisions[basket].exit.stopLos=0.1"],
         "s.json: playbook.decisions[0].exit.stopLos: found unknown field 'stopLos'; allowed: takeProfit, stopLoss, horizon, daysAfterEvent, event, assignment (did you mean 'stopLoss'?)"),
        (["playbook.decisions[hedge].strike={\"moneyness\": 0.8, \"x\": 1}"],
         "s.json: playbook.decisions[1].strike.x: found unknown field 'x'; allowed: moneyness, delta, price"),
        (["playbook.decisions[hedge].lowerStrike={\"moneyness\": 0.8}"],
         #"s.json: playbook.decisions[1].lowerStrike: found 'lowerStrike' with structure "put"; allowed: 'lowerStrike' only with "putSpread""#),
        // A removal that leaves the study invalid: at the object, which is in the file.
        (["playbook.decisions[basket].kind=null"],
         "s.json:7:4: playbook.decisions[0].kind: found nothing (the field is missing); allowed: one of \"basket\", \"protection\", \"pair\", \"eventStraddle\", \"eventStrangle\", \"collar\", \"legs\""),
    ])
    func problemsNameTheFileAndPath(_ arguments: [String], _ message: String) throws {
        #expect(try Self.problems(arguments) == [message])
    }
}
