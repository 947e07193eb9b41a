import Testing
@testable import TradeSim

/// How user text is echoed in messages (issue 21): visible escapes, no raw control character,
/// long text cut with its length.
@Suite("Echoed user text")
struct MessageTextTests {
    @Test func controlCharactersAreVisibleEscapes() {
        #expect(MessageText.echo("22\n5") == #"'22\n5'"#)
        #expect(MessageText.echo("a\tb\rc\0d") == #"'a\tb\rc\0d'"#)
        #expect(MessageText.echo("\u{1B}[31mRED\u{1B}[0m") == #"'\u{1B}[31mRED\u{1B}[0m'"#)
        #expect(MessageText.echo("del\u{7F} csi\u{9B}") == #"'del\u{7F} csi\u{9B}'"#)
        // Bidirectional overrides and line separators would reorder or break the line.
        #expect(MessageText.echo("abc\u{202E}fed\u{2028}") == #"'abc\u{202E}fed\u{2028}'"#)
        // A backslash is doubled, so an escape in the text is told from an escaped character.
        #expect(MessageText.echo(#"a\nb"#) == #"'a\\nb'"#)
        // Letters of any script, quotes and emoji are shown as they are.
        #expect(MessageText.echo("Ångström \"q\" 'x' 📈") == "'Ångström \"q\" 'x' 📈'")
        #expect(MessageText.json("bad\nname") == #""bad\nname""#)
        #expect(MessageText.echo("Close", quote: nil) == "Close")
    }

    @Test func bytesThatAreNotUTF8AreEscaped() {
        let bytes: [UInt8] = [0x32, 0xFF, 0x32, 0xC3, 0x28, 0xED, 0xA0, 0x80, 0xC3, 0xA9]  // 2, FF, 2, bad pair, surrogate, é
        let shown = bytes.withUnsafeBufferPointer { MessageText.echo(utf8: $0) }
        #expect(shown == #"'2\xFF2\xC3(\xED\xA0\x80é'"#)
    }

    @Test func longTextIsCutWithItsLength() {
        let cell = String(repeating: "9", count: 10_000)
        #expect(MessageText.echo(cell) == "'" + String(repeating: "9", count: 80) + "…' (10000 characters)")
        #expect(MessageText.echo(String(repeating: "é", count: 81), quote: nil) == String(repeating: "é", count: 80) + "… (81 characters)")
        #expect(MessageText.echo(String(repeating: "x", count: 80)) == "'" + String(repeating: "x", count: 80) + "'")
        let names = (0..<10_000).map { "T\($0)" }
        #expect(MessageText.list(names, count: 3, noun: "tickers") == "T0, T1, T2, … (10000 tickers)")
        #expect(MessageText.list(["MP", "LMT"], noun: "tickers") == "MP, LMT")
    }

    /// The last guard: whatever a message is made of, its line has no raw control character.
    @Test func aProblemIsOneLineWithoutControlCharacters() {
        let p = InputProblem(file: "dir\nname/MP.csv", line: 3, column: 2, path: "column\u{1B}[2J", found: "x\u{0}y", allowed: "z\r")
        #expect(p.description == #"dir\nname/MP.csv:3:2: column\u{1B}[2J: found x\0y; allowed: z\r"#)
        #expect(!p.description.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
    }
}
