import Testing
@testable import TradeSim

/// JSON strings and keys in messages (issue 21): escaped and cut, in the found text and in the
/// JSON path (columns counted with Python's str.index on the decision's line, line 5).
@Suite("Echoed JSON strings and keys")
struct JSONEchoTests {
    static func problems(_ decision: String) -> [String] { PlaybookDecoderErrorTests.problems(decision) }

    static let kinds = #"one of "basket", "protection", "pair", "eventStraddle", "eventStrangle", "collar", "legs""#

    @Test func stringValues() {
        #expect(Self.problems(#"{"id": "a\nb", "kind": "basket", "assets": ["MP"], "size": {"notional": 100}}"#) ==
                [#"test.json:5:8: playbook.decisions[0].id: found "a\nb"; allowed: a name of letters, digits, '-', '_' or '.' (at most 64, not "blended"), not "portfolio""#])
        #expect(Self.problems(#"{"id": "a", "kind": "bask\u001b[2Jet", "size": {"units": 1}}"#) ==
                [#"test.json:5:21: playbook.decisions[0].kind: found "bask\u{1B}[2Jet"; allowed: "# + Self.kinds])
        #expect(Self.problems(#"{"id": "a", "kind": ""# + String(repeating: "x", count: 10_000) + #"", "size": {"units": 1}}"#) ==
                [#"test.json:5:21: playbook.decisions[0].kind: found ""# + String(repeating: "x", count: 80) + #"…" (10000 characters); allowed: "# + Self.kinds])
    }

    @Test func keys() {
        let fields = "id, kind, description, variants, size, entry, exit, costs, theses, assets, side"
        #expect(Self.problems(#"{"id": "a", "kind": "basket", "as\u001bsets\n": 1, "assets": ["MP"], "size": {"notional": 100}}"#) ==
                [#"test.json:5:31: playbook.decisions[0]["as\u{1B}sets\n"]: found unknown field 'as\u{1B}sets\n'; allowed: "# + fields + " (did you mean 'assets'?)"])
        #expect(Self.problems(#"{"id": "a", "kind": "basket", "assets": {"M\u001bP": 1}, "size": {"notional": 100}}"#) ==
                [#"test.json:5:42: playbook.decisions[0].assets["M\u{1B}P"]: found "M\u{1B}P", which is no ticker or tag; allowed: a ticker (MP, LMT), a tag (enabler) or "*""#])
        let k80 = String(repeating: "k", count: 80)
        #expect(Self.problems(#"{"id": "a", "kind": "basket", ""# + String(repeating: "k", count: 10_000) + #"": 1, "assets": ["MP"], "size": {"notional": 100}}"#) ==
                ["test.json:5:31: playbook.decisions[0][\"\(k80)…\" (10000 characters)]: found unknown field '\(k80)…' (10000 characters); allowed: " + fields])
    }

    /// The parser's own messages name keys the same way.
    @Test func duplicateKeys() {
        let text = #"{"a\nb": 1, "a\nb": 2}"#
        #expect(StudyText.problems(text) == [#"test.json:1:13: found a second member "a\nb"; allowed: each member name once per object"#])
    }

    /// A binary (all-NUL) study is refused at its first byte, as a price file is.
    @Test func binaryContent() {
        let sparse = [UInt8](repeating: 0, count: 16 << 20)
        guard case let .failure(p) = StudyDecoder.decode(sparse, file: "s.json") else { Issue.record("accepted"); return }
        #expect(p.problems.map(\.description) ==
                [#"s.json:1:1: found a NUL byte (\0): binary data, not text; allowed: a value (object, array, string, number, true, false or null)"#])
        #expect(StudyText.problems("{\"name\": \"a\u{0}b\"}") ==
                [#"test.json:1:12: found a NUL byte (\0): binary data, not text; allowed: no unescaped control characters inside a string"#])
    }

    /// A number literal of thousands of digits is cut like a string.
    @Test func longNumbers() {
        let digits = "0." + String(repeating: "0", count: 4_998) + "1"  // 5,001 characters, finite
        #expect(Self.problems(#"{"id": "a", "kind": "basket", "assets": ["MP"], "size": {"notional": -"# + digits + "}}") ==
                ["test.json:5:70: playbook.decisions[0].size.notional: found -0." + String(repeating: "0", count: 77) + "… (5002 characters); allowed: a number > 0 and ≤ 1e15"])
        let huge = String(repeating: "9", count: 400)  // beyond a double
        #expect(StudyText.problems(#"{"name": "#  + huge + "}") ==
                ["test.json:1:10: found " + String(repeating: "9", count: 80) + "… (400 characters); allowed: a number within the range of a double (about ±1.8e308)"])
    }
}
