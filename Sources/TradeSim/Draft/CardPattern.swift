/// One rule of `CardPatterns`, compiled for a matcher whose time is linear in the text.
///
/// The patterns are written in the syntax of Swift `Regex` and mean what Swift `Regex` makes
/// of them at its default (grapheme) level with `ignoresCase()` and
/// `wordBoundaryKind(.simple)` — a test compares the two on every pattern — but Swift `Regex`
/// backtracks: a lazy `.+?` before a lookahead, or `\d+` tried from every digit of a long
/// number, costs time quadratic in the bullet (a 4,000-digit number took 10 s). This matcher
/// explores the same alternatives in the same order (so it finds the same match and the same
/// captures) but remembers every (branch point, position) it has left without success and
/// never explores it again: a search costs at most (branch points × positions) steps, linear
/// in the text, whatever the pattern (the bounded backtracking of Thompson 1968 / RE2's
/// "BitState", written here from the idea, not from their code).
///
/// Syntax: literals (`\` escapes a punctuation mark), `.`, `\w` `\d` `\s` (and `\W` `\D` `\S`),
/// classes `[…]` with ranges and negation, `\b` (simple: between a word character and any
/// other), `^` and `$` (the ends of the text searched), groups `(…)` `(?:…)`, alternation `|`,
/// quantifiers `?` `*` `+` `{m}` `{m,}` `{m,n}` (lazy with a trailing `?`), and lookaheads
/// `(?=…)` `(?!…)`. A lookahead is either at the end of the pattern (then it only decides where
/// the match ends) or bounded (no `*`, `+` or `{m,}` in it, so it costs a fixed number of
/// steps); a group repeated more than once must consume something (`(a*)*` is refused: its
/// empty iterations are where the memo and Swift `Regex` would part). Anything else is a
/// programming error in the rule table (`preconditionFailure`).
///
/// Case-insensitive literals compare `CardText` folds (lowercase mappings); ranges are
/// case-insensitive for ASCII letters only (`[a-z]` takes "K" but not the Kelvin sign), as in
/// Swift `Regex`.
struct CardPattern: Sendable {
    enum Op: UInt8, Sendable {
        /// Consume one unit: `a` is the folded (`char`) or exact (`charExact`) scalar; `cls`: class `a`.
        case char, charExact, cls
        /// Zero-width: start (`^`), end (`$`), simple word boundary (`\b`).
        case start, end, boundary
        /// Try `a`, then `b`; `c` is the branch point's memo slot, or −1 (see `Compiler.loop`).
        case split
        case jump
        /// Capture slot `a` = the position.
        case save
        /// The match ends here (a lookahead at the pattern's end starts).
        case setEnd
        /// A bounded lookahead: its program starts at the next instruction; continue at `b`.
        case look, notLook
        case match
    }

    struct Instruction: Sendable {
        var op: Op
        var a: Int32 = 0
        var b: Int32 = 0
        var c: Int32 = 0
    }

    /// A bracket class (or `\w`, `\d`, `\s`, `.`), decided for ASCII units by a 128-bit table.
    struct CharacterClass: Sendable {
        enum Item: Sendable {
            /// A scalar and its fold.
            case scalar(UInt32, folded: UInt32)
            case range(UInt32, UInt32)
            /// A `CardText` flag, or (negated) its absence.
            case flag(UInt8, negated: Bool)
        }

        var items: [Item]
        var negated: Bool
        var ignoresCase: Bool
        var ascii: (UInt64, UInt64) = (0, 0)

        init(items: [Item], negated: Bool, ignoresCase: Bool) {
            self.items = items
            self.negated = negated
            self.ignoresCase = ignoresCase
            for v in 0..<128 where slowContains(CardText.asciiUnits[v]) {
                if v < 64 { ascii.0 |= 1 << UInt64(v) } else { ascii.1 |= 1 << UInt64(v - 64) }
            }
        }

        @inline(__always)
        func contains(_ u: CardText.Unit) -> Bool {
            if u.scalar < 64 { return ascii.0 & (1 << UInt64(u.scalar)) != 0 }
            if u.scalar < 128 { return ascii.1 & (1 << UInt64(u.scalar - 64)) != 0 }
            return slowContains(u)
        }

        func slowContains(_ u: CardText.Unit) -> Bool {
            let single = u.scalar != CardText.multiScalar
            // Case-insensitive ranges take the other case of an ASCII letter only.
            let other: UInt32? = ignoresCase && u.scalar < 128 && (u.scalar | 0x20) >= 0x61 && (u.scalar | 0x20) <= 0x7A ? u.scalar ^ 0x20 : nil
            let found = items.contains { item in
                switch item {
                case let .scalar(s, folded): return single && (ignoresCase ? u.folded == folded : u.scalar == s)
                case let .range(lo, hi): return single && ((lo...hi).contains(u.scalar) || other.map { (lo...hi).contains($0) } == true)
                case let .flag(f, negated): return (u.flags & f != 0) != negated
                }
            }
            return found != negated
        }
    }

    let source: String
    let program: [Instruction]
    let classes: [CharacterClass]
    /// Each class's table for ASCII units (`CharacterClass.ascii`), apart for the hot loop.
    let classASCII: [(UInt64, UInt64)]
    let captureCount: Int
    let memoSlots: Int
    /// Which units can come first when the program goes on at an instruction (pattern start
    /// and branch targets): a branch whose first unit cannot be the one at hand is not tried.
    /// Filled for those instructions; the others are `open`.
    let entries: [Entry]
    /// The pattern starts with `^`: only the text's start is tried.
    let anchored: Bool

    init(_ source: String, ignoresCase: Bool = true) {
        var parser = Parser(pattern: Array(source), ignoresCase: ignoresCase)
        let tree = parser.parseAlternation()
        precondition(parser.at == parser.pattern.count, "CardPattern: unexpected ')' in \(source)")
        var compiler = Compiler(classes: parser.classes, ignoresCase: ignoresCase)
        compiler.emit(tree, tail: true)
        compiler.program.append(Instruction(op: .match))
        let program = compiler.program, classes = compiler.classes
        self.source = source
        self.program = program
        self.classes = classes
        classASCII = classes.map(\.ascii)
        captureCount = parser.captures
        memoSlots = compiler.memoSlots
        anchored = program.first?.op == .start
        var entries = [Entry](repeating: .open, count: program.count)
        for pc in [0] + program.filter({ $0.op == .split }).flatMap({ [Int($0.a), Int($0.b)] }) where entries[pc].isOpen {
            entries[pc] = Entry(program: program, classes: classes, at: pc)
        }
        self.entries = entries
    }

    /// The units (ASCII ones; any other may start anything) that can be consumed first from an
    /// instruction on, or `open` when a match can end there without consuming.
    struct Entry: Sendable {
        var low: UInt64
        var high: UInt64
        var isOpen: Bool

        static let open = Entry(low: ~0, high: ~0, isOpen: true)

        init(low: UInt64, high: UInt64, isOpen: Bool) {
            self.low = low
            self.high = high
            self.isOpen = isOpen
        }

        /// From the consuming instructions reachable from `start` without consuming.
        init(program: [Instruction], classes: [CharacterClass], at start: Int) {
            var seen = Set<Int>(), stack = [start], consuming: [Instruction] = []
            while let pc = stack.popLast() {
                guard seen.insert(pc).inserted else { continue }
                let i = program[pc]
                switch i.op {
                case .char, .charExact, .cls: consuming.append(i)
                case .match, .setEnd: self = .open; return
                case .split: stack += [Int(i.a), Int(i.b)]
                case .jump: stack.append(Int(i.a))
                case .look, .notLook: stack.append(Int(i.b))
                case .start, .end, .boundary, .save: stack.append(pc + 1)
                }
            }
            low = 0
            high = 0
            isOpen = false
            for v in 0..<128 where consuming.contains(where: { CardPattern.consumes($0, CardText.asciiUnits[v], classes) }) {
                if v < 64 { low |= 1 << UInt64(v) } else { high |= 1 << UInt64(v - 64) }
            }
        }

        /// Whether the program can go on here with unit `pos` of `units` (`hi` the end).
        @inline(__always)
        func admits(_ units: UnsafeBufferPointer<CardText.Unit>, _ pos: Int, _ hi: Int) -> Bool {
            if isOpen { return true }
            if pos >= hi { return false }
            let v = units[pos].scalar
            return v < 64 ? low & (1 << UInt64(v)) != 0 : v < 128 ? high & (1 << UInt64(v - 64)) != 0 : true
        }
    }

    /// Whether a consuming instruction takes unit `u`.
    @inline(__always)
    static func consumes(_ i: Instruction, _ u: CardText.Unit, _ classes: [CharacterClass]) -> Bool {
        switch i.op {
        case .char: return u.folded == UInt32(bitPattern: i.a) && u.scalar != CardText.multiScalar
        case .charExact: return u.scalar == UInt32(bitPattern: i.a)
        case .cls: return classes[Int(i.a)].contains(u)
        default: return false
        }
    }

    // MARK: - Syntax

    indirect enum Node {
        case empty
        case literal(Character)
        case cls(Int)
        case start, end, boundary
        case concat([Node])
        case alternation([Node])
        case group(Node, capture: Int?)
        case lookahead(Node, negative: Bool)
        case repetition(Node, min: Int, max: Int?, lazy: Bool)
    }

    struct Parser {
        let pattern: [Character]
        let ignoresCase: Bool
        var at = 0
        var captures = 0
        var classes: [CharacterClass] = []

        init(pattern: [Character], ignoresCase: Bool) {
            self.pattern = pattern
            self.ignoresCase = ignoresCase
        }

        var peek: Character? { at < pattern.count ? pattern[at] : nil }

        mutating func parseAlternation() -> Node {
            var branches = [parseConcat()]
            while peek == "|" {
                at += 1
                branches.append(parseConcat())
            }
            return branches.count == 1 ? branches[0] : .alternation(branches)
        }

        mutating func parseConcat() -> Node {
            var items: [Node] = []
            while let c = peek, c != "|", c != ")" {
                items.append(parseQuantified())
            }
            return items.count == 1 ? items[0] : items.isEmpty ? .empty : .concat(items)
        }

        mutating func parseQuantified() -> Node {
            var node = parseAtom()
            while let c = peek {
                var bounds: (Int, Int?)
                switch c {
                case "?": bounds = (0, 1)
                case "*": bounds = (0, nil)
                case "+": bounds = (1, nil)
                case "{":
                    guard let b = parseBraces() else { return node }
                    bounds = b
                default: return node
                }
                at += 1
                var lazy = false
                if peek == "?" { lazy = true; at += 1 }
                precondition(peek != "+", "CardPattern: possessive quantifiers are not supported: \(String(pattern))")
                if case .lookahead = node { preconditionFailure("CardPattern: a quantified lookahead: \(String(pattern))") }
                node = .repetition(node, min: bounds.0, max: bounds.1, lazy: lazy)
            }
            return node
        }

        /// `{m}`, `{m,}`, `{m,n}` at `at` (left on the closing brace), or nil (then `{` is a literal).
        mutating func parseBraces() -> (Int, Int?)? {
            var j = at + 1
            func number() -> Int? {
                var digits = ""
                while j < pattern.count, pattern[j].isASCII, pattern[j].isNumber { digits.append(pattern[j]); j += 1 }
                return Int(digits)
            }
            guard let lo = number() else { return nil }
            var hi: Int? = lo
            if j < pattern.count, pattern[j] == "," {
                j += 1
                hi = number()
            }
            guard j < pattern.count, pattern[j] == "}" else { return nil }
            if let hi { precondition(hi >= lo, "CardPattern: {\(lo),\(hi)} in \(String(pattern))") }
            at = j
            return (lo, hi)
        }

        mutating func parseAtom() -> Node {
            let c = pattern[at]
            at += 1
            switch c {
            case ".": return .cls(addClass([.flag(CardText.newline, negated: true)], negated: false))
            case "^": return .start
            case "$": return .end
            case "[": return .cls(parseClass())
            case "(":
                var node: Node
                if peek == "?" {
                    let kind = pattern[at + 1]
                    at += 2
                    switch kind {
                    case ":": node = .group(parseAlternation(), capture: nil)
                    case "=": node = .lookahead(parseAlternation(), negative: false)
                    case "!": node = .lookahead(parseAlternation(), negative: true)
                    default: preconditionFailure("CardPattern: (?\(kind) is not supported: \(String(pattern))")
                    }
                } else {
                    captures += 1
                    let k = captures
                    node = .group(parseAlternation(), capture: k)
                }
                precondition(peek == ")", "CardPattern: missing ')' in \(String(pattern))")
                at += 1
                return node
            case "\\":
                let e = pattern[at]
                at += 1
                if e == "b" { return .boundary }
                if let item = Self.shorthand(e) { return .cls(addClass([item], negated: false)) }
                precondition(!e.isLetter && !e.isNumber, "CardPattern: \\\(e) is not supported: \(String(pattern))")
                return .literal(e)
            case "*", "+", "?", ")", "|":
                preconditionFailure("CardPattern: '\(c)' without an operand in \(String(pattern))")
            default:
                return .literal(c)
            }
        }

        static func shorthand(_ e: Character) -> CharacterClass.Item? {
            switch e {
            case "w": .flag(CardText.word, negated: false)
            case "W": .flag(CardText.word, negated: true)
            case "d": .flag(CardText.digit, negated: false)
            case "D": .flag(CardText.digit, negated: true)
            case "s": .flag(CardText.space, negated: false)
            case "S": .flag(CardText.space, negated: true)
            default: nil
            }
        }

        mutating func addClass(_ items: [CharacterClass.Item], negated: Bool) -> Int {
            classes.append(CharacterClass(items: items, negated: negated, ignoresCase: ignoresCase))
            return classes.count - 1
        }

        /// A bracket class after its `[`: `^` negates, `a-z` is a range, `-` first or last is a literal.
        mutating func parseClass() -> Int {
            var negated = false
            if peek == "^" { negated = true; at += 1 }
            var items: [CharacterClass.Item] = []
            var first = true
            while let c = peek, c != "]" || first {
                first = false
                at += 1
                var scalar: UInt32
                if c == "\\" {
                    let e = pattern[at]
                    at += 1
                    if let item = Self.shorthand(e) { items.append(item); continue }
                    precondition(!e.isLetter && !e.isNumber, "CardPattern: \\\(e) in a class is not supported: \(String(pattern))")
                    scalar = Self.scalar(e)
                } else {
                    scalar = Self.scalar(c)
                }
                if peek == "-", at + 1 < pattern.count, pattern[at + 1] != "]" {
                    at += 1
                    var hiChar = pattern[at]
                    at += 1
                    if hiChar == "\\" { hiChar = pattern[at]; at += 1 }
                    let hi = Self.scalar(hiChar)
                    precondition(hi >= scalar, "CardPattern: an empty range in \(String(pattern))")
                    items.append(.range(scalar, hi))
                } else {
                    items.append(.scalar(scalar, folded: CardText.unit(Character(Unicode.Scalar(scalar)!)).folded))
                }
            }
            precondition(peek == "]", "CardPattern: missing ']' in \(String(pattern))")
            at += 1
            return addClass(items, negated: negated)
        }

        static func scalar(_ c: Character) -> UInt32 {
            precondition(c.unicodeScalars.count == 1, "CardPattern: '\(c)' is more than one scalar")
            return c.unicodeScalars.first!.value
        }
    }

    // MARK: - Program

    struct Compiler {
        var classes: [CharacterClass]
        let ignoresCase: Bool
        var program: [Instruction] = []
        var memoSlots = 0

        var here: Int32 { Int32(program.count) }

        /// A branch point, its targets set by the caller. Only the head of an unbounded loop
        /// gets a memo slot: between two loop heads the program is acyclic, so each loop head
        /// entered once per position bounds the work by (loop heads + 1) × positions × a
        /// constant of the pattern, and branch points that cannot repeat at one position
        /// need no memo.
        mutating func split(loop: Bool = false) -> Int {
            program.append(Instruction(op: .split, c: loop ? Int32(memoSlots) : -1))
            if loop { memoSlots += 1 }
            return program.count - 1
        }

        /// Emits `node`; `tail` when nothing can follow it but the end of the match.
        mutating func emit(_ node: Node, tail: Bool) {
            switch node {
            case .empty: break
            case let .literal(c):
                let u = CardText.unit(c)
                program.append(Instruction(op: ignoresCase ? .char : .charExact,
                                           a: Int32(bitPattern: ignoresCase ? u.folded : u.scalar)))
            case let .cls(k):
                program.append(Instruction(op: .cls, a: Int32(k)))
            case .start: program.append(Instruction(op: .start))
            case .end: program.append(Instruction(op: .end))
            case .boundary: program.append(Instruction(op: .boundary))
            case let .concat(items):
                for (k, item) in items.enumerated() { emit(item, tail: tail && k == items.count - 1) }
            case let .alternation(branches):
                var jumps: [Int] = []
                for (k, branch) in branches.enumerated() {
                    if k < branches.count - 1 {
                        let s = split()
                        program[s].a = here
                        emit(branch, tail: tail)
                        program.append(Instruction(op: .jump))
                        jumps.append(program.count - 1)
                        program[s].b = here
                    } else {
                        emit(branch, tail: tail)
                    }
                }
                for j in jumps { program[j].a = here }
            case let .group(body, capture):
                if let k = capture {
                    program.append(Instruction(op: .save, a: Int32(2 * (k - 1))))
                    emit(body, tail: false)
                    program.append(Instruction(op: .save, a: Int32(2 * (k - 1) + 1)))
                } else {
                    emit(body, tail: tail)
                }
            case let .lookahead(body, negative):
                if tail && !negative {
                    program.append(Instruction(op: .setEnd))
                    emit(body, tail: false)
                } else {
                    precondition(Self.bounded(body), "CardPattern: a lookahead with *, + or {m,} must end the pattern")
                    let look = program.count
                    program.append(Instruction(op: negative ? .notLook : .look))
                    emit(body, tail: false)
                    program.append(Instruction(op: .match))
                    program[look].b = here
                }
            case let .repetition(body, min, max, lazy):
                // An iteration that matches nothing would revisit a loop head at the same
                // position, which the memo cuts short where Swift Regex goes on.
                precondition(max == 1 || !Self.nullable(body), "CardPattern: a repeated group that can match nothing")
                for _ in 0..<min { emit(body, tail: false) }
                if let max {
                    // Up to max − min optional copies, nested: greedy tries one more first, lazy leaves first.
                    var splits: [Int] = []
                    for _ in min..<max {
                        splits.append(split())
                        emit(body, tail: false)
                    }
                    for s in splits {
                        if lazy { program[s].a = here; program[s].b = Int32(s + 1) } else { program[s].a = Int32(s + 1); program[s].b = here }
                    }
                } else {
                    let s = split(loop: true)
                    emit(body, tail: false)
                    program.append(Instruction(op: .jump, a: Int32(s)))
                    if lazy { program[s].a = here; program[s].b = Int32(s + 1) } else { program[s].a = Int32(s + 1); program[s].b = here }
                }
            }
        }

        /// Whether `node` can match without consuming a unit.
        static func nullable(_ node: Node) -> Bool {
            switch node {
            case .literal, .cls: false
            case .empty, .start, .end, .boundary, .lookahead: true
            case let .concat(items): items.allSatisfy(nullable)
            case let .alternation(items): items.contains(where: nullable)
            case let .group(body, _): nullable(body)
            case let .repetition(body, min, _, _): min == 0 || nullable(body)
            }
        }

        /// A lookahead body without unbounded repetition (its cost is fixed).
        static func bounded(_ node: Node) -> Bool {
            switch node {
            case .empty, .literal, .cls, .start, .end, .boundary: true
            case let .concat(items), let .alternation(items): items.allSatisfy(bounded)
            case let .group(body, _), let .lookahead(body, _): bounded(body)
            case let .repetition(body, _, max, _): max != nil && bounded(body)
            }
        }
    }
}
