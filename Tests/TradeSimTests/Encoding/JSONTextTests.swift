import Testing
@testable import TradeSim

/// The one JSON writer: tokens spelled as RFC 8259 allows, checked against hand-written text
/// and read back with the library's own parser.
@Suite("JSON writer")
struct JSONTextTests {
    @Test func stringsEscapeQuotesBackslashesAndControls() {
        #expect(JSONText.string("plain é ✓") == #""plain é ✓""#)
        #expect(JSONText.string("a\"b\\c") == #""a\"b\\c""#)
        #expect(JSONText.string("line\nnext\r\ttab") == #""line\nnext\r\ttab""#)
        #expect(JSONText.string("\u{01}\u{1F}\u{7F}") == "\"\\u0001\\u001f\u{7F}\"")
    }

    @Test func everyControlCharacterReadsBack() throws {
        let text = String(String.UnicodeScalarView((0..<0x20).map { Unicode.Scalar(UInt8($0)) })) + "\"\\ end"
        let node = try JSONParser.parse(Array(JSONText.string(text).utf8))
        guard case let .string(back) = node.value else { Issue.record("not a string: \(node)"); return }
        #expect(back == text)
    }

    @Test func numbers() {
        #expect(JSONText.number(0.1) == "0.1")
        #expect(JSONText.number(1) == "1.0")
        #expect(JSONText.number(-0.0) == "0")
        #expect(JSONText.number(1e-5) == "1e-05")
        #expect(JSONText.number(nil) == "null")
        #expect(JSONText.number(.nan) == "null")
        #expect(JSONText.number(-.infinity) == "null")
        #expect(JSONText.wholeOrDecimal(250_000) == "250000")
        #expect(JSONText.wholeOrDecimal(-3) == "-3")
        #expect(JSONText.wholeOrDecimal(0.05) == "0.05")
        #expect(JSONText.wholeOrDecimal(1e-7) == "1e-07")
        // 2⁵³ is not below 2⁵³: written as its round-trip decimal (Python's repr agrees).
        #expect(JSONText.wholeOrDecimal(9_007_199_254_740_992) == "9007199254740992.0")
        #expect(JSONText.wholeOrDecimal(1e16) == "1e+16")
    }

    @Test func objectsAndArraysOnOneLine() {
        #expect(JSONText.object(["b": "1", "a": JSONText.string("x")]) == #"{"b": 1, "a": "x"}"#)
        #expect(JSONText.object([("k\"", "null")]) == #"{"k\"": null}"#)
        #expect(JSONText.object([(String, String)]()) == "{}")
        #expect(JSONText.array(["1", JSONText.bool(true), JSONText.bool(false)]) == "[1, true, false]")
        #expect(JSONText.array([]) == "[]")
    }
}
