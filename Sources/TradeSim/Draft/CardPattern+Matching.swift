/// A match of a `CardPattern` in a `CardText`: where it is and what its groups captured.
struct PatternMatch {
    let text: CardText
    /// The match, in units (Characters) of the text.
    let units: Range<Int>
    /// Two slots per group (start and end unit), -1 when the group took no part.
    let slots: [Int32]

    var range: Range<String.Index> { text.stringRange(units) }

    /// The units captured by group `k` (from 1), or nil.
    func units(_ k: Int) -> Range<Int>? {
        let a = slots[2 * (k - 1)], b = slots[2 * (k - 1) + 1]
        guard a >= 0, b >= a else { return nil }
        return Int(a)..<Int(b)
    }

    /// The text captured by group `k` (from 1), or nil.
    subscript(_ k: Int) -> Substring? { units(k).map(text.substring) }

    func range(_ k: Int) -> Range<String.Index>? { units(k).map(text.stringRange) }
}

extension CardPattern {
    /// The first match in units `range` of the text (all of it by default), which counts as the
    /// whole text for `^`, `$` and `\b`; the search starts at `from`.
    func firstMatch(in text: CardText, _ range: Range<Int>? = nil, from: Int? = nil) -> PatternMatch? {
        var search = Search(pattern: self, text: text, range: range ?? 0..<text.count)
        return search.next(from: from ?? search.lo)
    }

    /// Whether the pattern matches anywhere in the text.
    func isFound(in text: CardText) -> Bool { firstMatch(in: text) != nil }

    /// The successive matches, each search starting where the previous match ended (as Swift's
    /// `matches(of:)`). One memo serves them all, so the whole list costs linear time too.
    func matches(in text: CardText, _ range: Range<Int>? = nil) -> [PatternMatch] {
        var search = Search(pattern: self, text: text, range: range ?? 0..<text.count)
        var out: [PatternMatch] = []
        var from = search.lo
        while from <= search.hi, let m = search.next(from: from) {
            out.append(m)
            from = m.units.isEmpty ? m.units.upperBound + 1 : m.units.upperBound
        }
        return out
    }

    /// One search session: the memo of branch points left without success, and the stacks.
    struct Search {
        struct Frame {
            /// A branch to try (`pc` ≥ 0), or a capture slot to restore (`pc` = −1 − slot, `pos` = its old value).
            var pc: Int32
            var pos: Int32
            /// The trail's length to go back to with this branch.
            var trail: Int32
        }

        let pattern: CardPattern
        let units: [CardText.Unit]
        let text: CardText
        let lo: Int, hi: Int
        let width: Int
        /// Bit (slot × width + position − lo): that branch point at that position was entered
        /// (and, unless it is on the trail, failed).
        var memo: [UInt64]
        /// The memo bits of the branch points on the current path: cleared after a success,
        /// since what led to a match may lead to the next one.
        var trail: [Int] = []
        var stack: [Frame] = []
        var slots: [Int32]

        init(pattern: CardPattern, text: CardText, range: Range<Int>) {
            self.pattern = pattern
            self.text = text
            units = text.units
            lo = range.lowerBound
            hi = range.upperBound
            width = hi - lo + 1
            memo = [UInt64](repeating: 0, count: (pattern.memoSlots * width + 63) / 64)
            slots = [Int32](repeating: -1, count: 2 * pattern.captureCount + 1)
        }

        mutating func next(from: Int) -> PatternMatch? {
            var start = from
            while start <= hi {
                if pattern.anchored && start != lo { return nil }
                let entry = pattern.entries[0]
                if !entry.isOpen {
                    start = units.withUnsafeBufferPointer { units in
                        var k = start
                        while k < hi && !entry.admits(units, k, hi) { k += 1 }
                        return k
                    }
                    if start == hi { return nil }
                }
                for k in slots.indices { slots[k] = -1 }
                stack.removeAll(keepingCapacity: true)
                trail.removeAll(keepingCapacity: true)
                if let end = run(pc: 0, at: start) {
                    for bit in trail { memo[bit >> 6] &= ~(1 << UInt64(bit & 63)) }
                    let setEnd = slots[2 * pattern.captureCount]
                    return PatternMatch(text: text, units: start..<(setEnd >= 0 ? Int(setEnd) : end),
                                        slots: Array(slots[0..<(2 * pattern.captureCount)]))
                }
                start += 1
            }
            return nil
        }

        /// Runs the program from `pc` at `pos`: the end of the first match, or nil. The
        /// arrays are moved into locals and read through buffers for the loop (a property's
        /// array would be checked for uniqueness at every write).
        mutating func run(pc startPC: Int, at startPos: Int) -> Int? {
            var memo: [UInt64] = [], stack: [Frame] = [], trail: [Int] = [], slots: [Int32] = []
            swap(&memo, &self.memo); swap(&stack, &self.stack); swap(&trail, &self.trail); swap(&slots, &self.slots)
            defer { swap(&memo, &self.memo); swap(&stack, &self.stack); swap(&trail, &self.trail); swap(&slots, &self.slots) }
            let lo = lo, hi = hi, width = width, endSlot = 2 * pattern.captureCount
            let search = self
            return memo.withUnsafeMutableBufferPointer { memo in
                search.units.withUnsafeBufferPointer { units in
                    search.pattern.program.withUnsafeBufferPointer { program in
                        search.pattern.classASCII.withUnsafeBufferPointer { classASCII in
                        search.pattern.entries.withUnsafeBufferPointer { entries in
                            var pc = startPC, pos = startPos
                            while true {
                                let ins = program[pc]
                                var ok = true
                                switch ins.op {
                                case .char:
                                    if pos < hi && units[pos].folded == UInt32(bitPattern: ins.a) && units[pos].scalar != CardText.multiScalar {
                                        pos += 1; pc += 1
                                    } else { ok = false }
                                case .charExact:
                                    if pos < hi && units[pos].scalar == UInt32(bitPattern: ins.a) { pos += 1; pc += 1 } else { ok = false }
                                case .cls:
                                    if pos < hi {
                                        let u = units[pos], table = classASCII[Int(ins.a)]
                                        let taken = u.scalar < 64 ? table.0 & (1 << UInt64(u.scalar)) != 0
                                            : u.scalar < 128 ? table.1 & (1 << UInt64(u.scalar - 64)) != 0
                                            : search.pattern.classes[Int(ins.a)].slowContains(u)
                                        if taken { pos += 1; pc += 1 } else { ok = false }
                                    } else { ok = false }
                                case .start:
                                    if pos == lo { pc += 1 } else { ok = false }
                                case .end:
                                    if pos == hi { pc += 1 } else { ok = false }
                                case .boundary:
                                    let before = pos > lo && units[pos - 1].flags & CardText.word != 0
                                    let after = pos < hi && units[pos].flags & CardText.word != 0
                                    if before != after { pc += 1 } else { ok = false }
                                case .split:
                                    if ins.c >= 0 {
                                        let bit = Int(ins.c) * width + (pos - lo)
                                        let mask: UInt64 = 1 << UInt64(bit & 63)
                                        if memo[bit >> 6] & mask != 0 {
                                            ok = false
                                            break
                                        }
                                        memo[bit >> 6] |= mask
                                        trail.append(bit)
                                    }
                                    // A branch that cannot take the unit at hand is not tried.
                                    let a = entries[Int(ins.a)].admits(units, pos, hi), b = entries[Int(ins.b)].admits(units, pos, hi)
                                    if a {
                                        if b { stack.append(Frame(pc: ins.b, pos: Int32(pos), trail: Int32(trail.count))) }
                                        pc = Int(ins.a)
                                    } else if b {
                                        pc = Int(ins.b)
                                    } else {
                                        ok = false
                                    }
                                case .jump:
                                    pc = Int(ins.a)
                                case .save:
                                    stack.append(Frame(pc: -1 - ins.a, pos: slots[Int(ins.a)], trail: 0))
                                    slots[Int(ins.a)] = Int32(pos)
                                    pc += 1
                                case .setEnd:
                                    stack.append(Frame(pc: Int32(-1 - endSlot), pos: slots[endSlot], trail: 0))
                                    slots[endSlot] = Int32(pos)
                                    pc += 1
                                case .look, .notLook:
                                    if search.lookahead(pc: pc + 1, at: pos) == (ins.op == .look) { pc = Int(ins.b) } else { ok = false }
                                case .match:
                                    return pos
                                }
                                if ok { continue }
                                // Back to the last branch not yet tried, restoring captures on the way.
                                while true {
                                    guard let f = stack.popLast() else { return nil }
                                    if f.pc < 0 {
                                        slots[Int(-1 - f.pc)] = f.pos
                                        continue
                                    }
                                    pc = Int(f.pc)
                                    pos = Int(f.pos)
                                    while trail.count > Int(f.trail) { trail.removeLast() }
                                    break
                                }
                            }
                        }
                        }
                    }
                }
            }
        }

        /// Whether a bounded lookahead's program (from `pc` to its `match`) matches at `pos`:
        /// plain backtracking, without memo or captures, since its length is fixed.
        func lookahead(pc startPC: Int, at startPos: Int) -> Bool {
            let program = pattern.program
            var branches: [(Int, Int)] = []
            var pc = startPC, pos = startPos
            while true {
                let ins = program[pc]
                var ok = true
                switch ins.op {
                case .char, .charExact, .cls:
                    if pos < hi && CardPattern.consumes(ins, units[pos], pattern.classes) { pos += 1; pc += 1 } else { ok = false }
                case .start: if pos == lo { pc += 1 } else { ok = false }
                case .end: if pos == hi { pc += 1 } else { ok = false }
                case .boundary:
                    let before = pos > lo && units[pos - 1].flags & CardText.word != 0
                    let after = pos < hi && units[pos].flags & CardText.word != 0
                    if before != after { pc += 1 } else { ok = false }
                case .split:
                    branches.append((Int(ins.b), pos))
                    pc = Int(ins.a)
                case .jump: pc = Int(ins.a)
                case .save, .setEnd: pc += 1
                case .look, .notLook:
                    if lookahead(pc: pc + 1, at: pos) == (ins.op == .look) { pc = Int(ins.b) } else { ok = false }
                case .match: return true
                }
                if ok { continue }
                guard let (p, q) = branches.popLast() else { return false }
                pc = p
                pos = q
            }
        }
    }
}
