/// A date written on a card (issue 20: "the meeting on Oct 30", "PDUFA date 2027-03-15", "on
/// 15 March"): the year when the card gives one, the month and the day, and the words.
///
/// Forms read (`CardPatterns.dateISO`, `dateMonthDay`, `dateDayMonth`, case-insensitive):
/// `2027-03-15`; a month's name or its abbreviation (Jan … Dec, Sept, with or without a
/// period) then the day ("Oct 30", "October 30th", "Oct. 30, 2026"); the day then the month
/// ("15 March", "15th of March 2027"). A day followed by `%` is a number, not a date ("upside
/// may 20%"). Numeric forms such as 3/15 are not read: 3/4 is the 4th of March in New York and
/// the 3rd of April in London.
///
/// A date is the date of the event whose words it is in ("ahead of the Oct 30 meeting") or
/// follows, with nothing but joining words between ("the meeting on Oct 30", "the PDUFA date
/// (2027-03-15)", "the FOMC, set for 17 June"): see `DecisionReader.readEvent`.
package struct CardDate: Sendable, Equatable {
    /// The year, when the card writes one.
    package var year: Int?
    package var month: Int
    package var day: Int
    /// The words as written ("Oct 30").
    package var words: String
    /// Where the words are in the bullet (units of its `CardText`).
    var units: Range<Int>

    /// Month numbers by the first three letters of a month's name.
    static let months: [String: Int] = ["jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
                                        "sep": 9, "oct": 10, "nov": 11, "dec": 12]

    /// Words that may stand between an event's words and its date ("the meeting, set for Oct 30").
    static let joiningWords: Set<String> = ["on", "is", "set", "scheduled", "slated", "expected", "due", "for", "at", "the",
                                            "of", "date", "dated", "was", "will", "be", "now"]

    /// Whether the text between an event's words and a date only joins them: at most 40
    /// Characters of spaces, `,`, `(`, `:`, dashes and `joiningWords`.
    static func joins(_ gap: Substring) -> Bool {
        guard gap.count <= 40 else { return false }
        let words = gap.lowercased().split(whereSeparator: { " ,(:–—-".contains($0) })
        return words.allSatisfy { joiningWords.contains(String($0)) }
    }

    /// The calendar date this is in a study whose day 0 is `start`: the written date, or
    /// without a year the first such date after `start` (in the next 8 years: 29 February
    /// needs a leap year); nil when the month has no such day.
    func date(after start: CalendarDate) -> CalendarDate? {
        if let year { return CalendarDate(year: year, month: month, day: day) }
        let first = start.components.year
        for y in first...(first + 8) {
            if let d = CalendarDate(year: y, month: month, day: day), d > start { return d }
        }
        return nil
    }
}

extension DecisionReader {
    /// Every date written in a bullet, in bullet order (`CardDate`).
    func dates(in t: CardText) -> [CardDate] {
        var out: [CardDate] = []
        // Units already in a date: a later form's match that overlaps one is not another date.
        var taken = [Bool](repeating: false, count: t.count)
        for m in p["dateISO"]!.matches(in: t) {
            guard let y = m[1].flatMap({ Int($0) }), let mo = m[2].flatMap({ Int($0) }), let d = m[3].flatMap({ Int($0) }) else { continue }
            out.append(CardDate(year: y, month: mo, day: d, words: String(t.substring(m.units)), units: m.units))
            for k in m.units { taken[k] = true }
        }
        for (name, monthGroup, dayGroup) in [("dateMonthDay", 1, 2), ("dateDayMonth", 2, 1)] {
            for m in p[name]!.matches(in: t) {
                guard let month = m[monthGroup].flatMap({ CardDate.months[String($0.prefix(3)).lowercased()] }),
                      let day = m[dayGroup].flatMap({ Int($0) }), let dayUnits = m.units(dayGroup) else { continue }
                // "may 20%": a number, not a date.
                var k = dayUnits.upperBound
                while k < t.count, t.string[t.indices[k]] == " " { k += 1 }
                if k < t.count, t.string[t.indices[k]] == "%" { continue }
                guard !m.units.contains(where: { taken[$0] }) else { continue }
                for k in m.units { taken[k] = true }
                out.append(CardDate(year: m[3].flatMap { Int($0) }, month: month, day: day,
                                    words: String(t.substring(m.units)), units: m.units))
            }
        }
        return out.sorted { $0.units.lowerBound < $1.units.lowerBound }
    }
}
