/// `trades.csv`: every leg of every trade — `decision, variant, leg, instrument, ticker, side,
/// quantity, entry_date, entry_price, exit_date, exit_price, costs, pnl, exit_reason`, then
/// `scenario, path`. Stock prices are the closes (slippage is in `costs`), option prices the
/// model mid (intrinsic at expiry). A Monte Carlo run lists its first traced paths.
public enum TradesTable {
    public static let columns = ["decision", "variant", "leg", "instrument", "ticker", "side", "quantity", "entry_date",
                                 "entry_price", "exit_date", "exit_price", "costs", "pnl", "exit_reason", "scenario", "path"]

    public static func csv(_ all: [ScenarioOutcomes]) -> String {
        var out = columns.joined(separator: ",") + "\n"
        for o in all {
            for t in o.trades {
                out += [t.decisionID, t.variantName, String(t.leg), text(t.instrument), t.ticker, t.quantity >= 0 ? "long" : "short",
                        NumberText.csv(t.quantity), t.entryDate.description, NumberText.csv(t.entryPrice),
                        t.exitDate.description, NumberText.csv(t.exitPrice), NumberText.csv(t.costs), NumberText.csv(t.pnl),
                        t.exitReason.label, o.scenario.name, String(t.path)].joined(separator: ",") + "\n"
            }
        }
        return out
    }

    /// An instrument as `trades.csv` shows it: `stock`, or an option's type, strike and expiry —
    /// `put 95.0 2026-09-15`, or `call 102.5 day 300` for an expiry after the scenario's last
    /// date (the strike as `NumberText.csv` writes it: the round-trip decimal).
    public static func text(_ instrument: TradeRecord.Instrument) -> String {
        switch instrument {
        case .stock:
            return "stock"
        case let .option(type, strike, .date(date)):
            return "\(type.rawValue) \(NumberText.csv(strike)) \(date)"
        case let .option(type, strike, .day(day)):
            return "\(type.rawValue) \(NumberText.csv(strike)) day \(day)"
        }
    }

    /// The instrument `text(_:)` wrote (nil for any other text): the inverse that partial
    /// results, which keep a trade's instrument as this text, are read back with.
    static func instrument(text: String) -> TradeRecord.Instrument? {
        if text == "stock" { return .stock }
        let words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        guard words.count == 3 || words.count == 4, let type = OptionType(rawValue: words[0]),
              let strike = Double(words[1]), strike.isFinite, NumberText.csv(strike) == words[1] else { return nil }
        if words.count == 3, let date = CalendarDate(iso: words[2]), date.description == words[2] {
            return .option(type, strike: strike, expiry: .date(date))
        }
        if words.count == 4, words[2] == "day", let day = Int(words[3]), String(day) == words[3] {
            return .option(type, strike: strike, expiry: .day(day))
        }
        return nil
    }

    /// What `instrument(text:)` reads, for messages.
    static let instrumentAllowed = "\"stock\", or \"call\" or \"put\", a strike and an expiry date (\"put 95.0 2026-09-15\") or day (\"put 95.0 day 300\")"
}
