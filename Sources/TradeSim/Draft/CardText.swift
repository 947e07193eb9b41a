/// A text prepared for `CardPattern` matching: one unit per `Character` (grapheme cluster),
/// each with the facts the patterns test, computed once per text instead of once per pattern
/// and position.
///
/// A unit's `scalar` is the Character's one Unicode scalar, or `CardText.multiScalar` when the
/// Character has several ("e" + U+0301): such a Character equals no literal of a pattern, as in
/// Swift `Regex` at its default (grapheme) level. `folded` is the scalar's lowercase mapping
/// when that is one scalar (so "K" and the Kelvin sign U+212A fold to "k"), else the scalar:
/// literals match case-insensitively when their folds are equal. The flags are the Character
/// properties behind `\w` (letter, number or "_"), `\d` (number), `\s` (whitespace) and `.`
/// (anything but a newline).
struct CardText: Sendable {
    struct Unit: Sendable {
        var scalar: UInt32
        var folded: UInt32
        var flags: UInt8
    }

    static let word: UInt8 = 1, digit: UInt8 = 2, space: UInt8 = 4, newline: UInt8 = 8
    /// The `scalar` (and `folded`) of a Character of several scalars: above every scalar value.
    static let multiScalar: UInt32 = 0x11_0000

    let string: String
    /// All of the text is ASCII (each unit one byte, but for "\r\n").
    let isASCII: Bool
    let units: [Unit]
    /// `indices[k]` is where unit k starts in `string`; `indices[units.count]` is its end.
    let indices: [String.Index]

    init(_ string: String) {
        self.string = string
        isASCII = string.utf8.allSatisfy { $0 < 0x80 }
        if isASCII && !string.utf8.contains(13) {
            // ASCII without "\r": one Character a byte.
            units = string.utf8.map { Self.asciiUnits[Int($0)] }
            indices = Array(string.utf8.indices) + [string.endIndex]
            return
        }
        var units: [Unit] = []
        var indices: [String.Index] = []
        units.reserveCapacity(string.utf8.count)
        indices.reserveCapacity(string.utf8.count + 1)
        var i = string.startIndex
        while i < string.endIndex {
            let next = string.index(after: i)
            indices.append(i)
            units.append(Self.unit(string[i]))
            i = next
        }
        indices.append(string.endIndex)
        self.units = units
        self.indices = indices
    }

    var count: Int { units.count }

    /// Whether unit `k` is a word character (letter, number or "_"); false outside the text.
    @inline(__always)
    func isWord(_ k: Int, in range: Range<Int>) -> Bool {
        range.contains(k) && units[k].flags & Self.word != 0
    }

    /// The unit offset of a `String.Index` of `string` (the unit it starts, or `count` at the end);
    /// an index inside a Character gives that Character's unit.
    func offset(of index: String.Index) -> Int {
        var lo = 0, hi = indices.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if indices[mid] <= index { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// The text of units `range`.
    func substring(_ range: Range<Int>) -> Substring { string[indices[range.lowerBound]..<indices[range.upperBound]] }

    func stringRange(_ range: Range<Int>) -> Range<String.Index> { indices[range.lowerBound]..<indices[range.upperBound] }

    // MARK: - Units

    /// ASCII units, by code: the flags and folds of the 128 one-scalar Characters.
    static let asciiUnits: [Unit] = (0..<128).map { v in
        let c = Character(Unicode.Scalar(UInt8(v)))
        var flags: UInt8 = 0
        if c.isLetter || c.isNumber || c == "_" { flags |= word }
        if c.isNumber { flags |= digit }
        if c.isWhitespace { flags |= space }
        if c.isNewline { flags |= newline }
        let folded = (65...90).contains(v) ? UInt32(v + 32) : UInt32(v)
        return Unit(scalar: UInt32(v), folded: folded, flags: flags)
    }

    static func unit(_ c: Character) -> Unit {
        let scalars = c.unicodeScalars
        let first = scalars.first!
        let single = scalars.index(after: scalars.startIndex) == scalars.endIndex
        if single && first.isASCII { return asciiUnits[Int(first.value)] }
        var flags: UInt8 = 0
        if c.isLetter || c.isNumber { flags |= word }
        if c.isNumber { flags |= digit }
        if c.isWhitespace { flags |= space }
        if c.isNewline { flags |= newline }
        guard single else { return Unit(scalar: multiScalar, folded: multiScalar, flags: flags) }
        let lower = first.properties.lowercaseMapping.unicodeScalars
        let folded = lower.count == 1 ? lower.first!.value : first.value
        return Unit(scalar: first.value, folded: folded, flags: flags)
    }
}
