/// What makes a capitalised word on a card a ticker (issue 20: "PDUFA" became an asset).
///
/// A word of 1–5 capitals (with an optional ".B" class) is read as:
/// - a **ticker** when the card marks it — `$XYZ`, or inside parentheses that hold only
///   symbols ("(SCCO, $HBM)") — or when `--prices` or `--tickers` name it. A `$` beats the
///   list of capitalised words that are not tickers (`$A`, `$HBM`), and so does a list of two
///   or more symbols in parentheses of which one is not on that list ("(SCCO, HBM)"); one
///   word in parentheses does not ("(FDA)" stays a regulator).
/// - **not an asset** when it is in `CardPatterns.notTickers` (regulators, events, units,
///   side words written in capitals: PDUFA, FDA, CRL, NATO, US, ETF, LONG, …), or when
///   `--tickers` was given and does not list it (then it is listed to decide).
/// - **ambiguous** otherwise: drafted as a ticker, and listed to decide ("FCX is read as a
///   ticker from its capitals alone").
package struct TickerEvidence: Sendable, Equatable {
    /// Symbols the card marks or a list names.
    package var certain: Set<String> = []
    /// `--tickers` was given: a symbol it does not list (and the card does not mark) is not an asset.
    package var listIsComplete = false

    package init(certain: Set<String> = [], listIsComplete: Bool = false) {
        self.certain = certain
        self.listIsComplete = listIsComplete
    }

    package enum Reading: Sendable, Equatable { case ticker, ambiguous, notAnAsset, unlisted }

    package func reading(_ word: String) -> Reading {
        if certain.contains(word) { return .ticker }
        if CardPatterns.notTickers.contains(word) { return .notAnAsset }
        return listIsComplete ? .unlisted : .ambiguous
    }

    /// The symbols a card marks: `$XYZ` anywhere, and parenthesised lists of symbols only
    /// ("(KRE)", "(SCCO, $HBM)", "(AMAT, LRCX, KLAC)"), a stop-listed word only when `$`-marked or in a list of symbols.
    /// One pass over the text (a parenthesis is looked into for at most 80 Characters).
    package static func marked(in text: String) -> Set<String> {
        var out = Set<String>()
        let chars = Array(text.unicodeScalars)
        func isCap(_ c: Unicode.Scalar) -> Bool { c.value >= 65 && c.value <= 90 }
        func isWordScalar(_ c: Unicode.Scalar) -> Bool { c.properties.isAlphabetic || c.properties.numericType != nil || c == "_" }
        /// The symbol at i (after an optional "$"), its end, and whether it was $-marked.
        func symbol(at i: Int) -> (String, Int, Bool)? {
            var k = i, dollar = false
            if k < chars.count, chars[k] == "$" { dollar = true; k += 1 }
            let s = k
            while k < chars.count, isCap(chars[k]), k - s < 6 { k += 1 }
            guard k - s >= 1, k - s <= 5 else { return nil }
            if k + 1 < chars.count, chars[k] == ".", isCap(chars[k + 1]), !(k + 2 < chars.count && isWordScalar(chars[k + 2])) { k += 2 }
            if k < chars.count, isWordScalar(chars[k]) || chars[k] == "-" { return nil }
            var word = String.UnicodeScalarView()
            word.append(contentsOf: chars[s..<k])
            return (String(word), k, dollar)
        }
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "$", i == 0 || !isWordScalar(chars[i - 1]), let (w, _, _) = symbol(at: i) {
                out.insert(w)
            } else if c == "(" {
                var k = i + 1
                var found: [(String, Bool)] = []
                var ok = true
                while k < chars.count, k - i <= 80, chars[k] != ")" {
                    let ch = chars[k]
                    if ch == " " || ch == "," || ch == ";" || ch == "/" { k += 1; continue }
                    guard let (w, end, dollar) = symbol(at: k) else { ok = false; break }
                    found.append((w, dollar))
                    k = end
                }
                if ok, k < chars.count, chars[k] == ")", !found.isEmpty {
                    // A list with a symbol that is surely one ("(SCCO, HBM)") is a list of symbols; "(FDA)" alone is not.
                    let list = found.count >= 2 && found.contains { $0.1 || !CardPatterns.notTickers.contains($0.0) }
                    for (w, dollar) in found where dollar || list || !CardPatterns.notTickers.contains(w) { out.insert(w) }
                }
            }
            i += 1
        }
        return out
    }
}

extension TickerEvidence {
    /// The symbols of a `--tickers` file: separated by spaces, commas or line ends, an optional
    /// leading `$`, `#` starting a comment to the line's end. Every problem is reported with
    /// its line and column.
    package static func parseList(_ text: String, file: String) -> Result<Set<String>, InputProblems> {
        var out = Set<String>()
        var problems: [InputProblem] = []
        for (n, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.prefix { $0 != "#" }
            var column = 1
            for piece in line.split(omittingEmptySubsequences: false, whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" || $0 == "\r" }) {
                defer { column += piece.count + 1 }
                if piece.isEmpty { continue }
                let symbol = piece.hasPrefix("$") ? piece.dropFirst() : piece
                let scalars = Array(symbol.unicodeScalars)
                let letters = scalars.prefix { $0.value >= 65 && $0.value <= 90 }.count
                let shapeOK = (1...5).contains(letters) && (scalars.count == letters
                    || (scalars.count == letters + 2 && scalars[letters] == "." && scalars[letters + 1].value >= 65 && scalars[letters + 1].value <= 90))
                if shapeOK {
                    out.insert(String(symbol))
                } else if problems.count < 100 {
                    problems.append(InputProblem(file: file, line: n + 1, column: column, path: "", found: MessageText.echo(String(piece)),
                                                 allowed: "a ticker of 1-5 capital letters with an optional class (BRK.B) and an optional '$', separated by spaces, commas or lines; '#' starts a comment"))
                }
            }
        }
        return problems.isEmpty ? .success(out) : .failure(InputProblems(problems))
    }
}
