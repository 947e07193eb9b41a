/// One leg of one trade on one path (a row of `trades.csv`, which `TradesTable` formats): data
/// the engine returns.
///
/// Prices are before costs: the close for stock, the model mid (or intrinsic at expiry) for
/// options. `costs` holds everything the trade paid besides price moves: slippage against the
/// close, option half-spreads, commissions and borrow fees. `pnl` = quantity × (exit − entry)
/// − costs. Money in the study currency, quantities in units of the instrument.
public struct TradeRecord: Sendable, Hashable {
    /// What a leg held.
    public enum Instrument: Sendable, Hashable {
        case stock
        /// A European option on the leg's ticker: its type, its strike in price units (as set on
        /// the entry day by the leg's `StrikeRule`) and its expiry.
        case option(OptionType, strike: Double, expiry: Expiry)
    }

    /// When an option expires.
    public enum Expiry: Sendable, Hashable {
        /// On this trading day of the scenario.
        case date(CalendarDate)
        /// On this trading day (counted from the run's first day, 0), after the scenario's
        /// last day: a day without a date.
        case day(Int)
    }

    /// Global path index.
    public var path: Int
    /// The decision's id.
    public var decisionID: String
    /// The variant's name ("" for a single variant).
    public var variantName: String
    /// The leg's index in the variant.
    public var leg: Int
    /// What the leg held.
    public var instrument: Instrument
    /// The underlying's ticker.
    public var ticker: String
    /// Signed units (+ long, − short).
    public var quantity: Double
    /// Trading day of entry.
    public var entryDay: Int
    /// Date of entry.
    public var entryDate: CalendarDate
    /// Price at entry, per unit, before costs.
    public var entryPrice: Double
    /// Trading day of exit.
    public var exitDay: Int
    /// Date of exit.
    public var exitDate: CalendarDate
    /// Price at exit, per unit, before costs.
    public var exitPrice: Double
    /// Slippage, half-spreads, commissions and borrow fees paid, in money.
    public var costs: Double
    /// quantity × (exit − entry) − costs, in money.
    public var pnl: Double
    /// Why the trade ended.
    public var exitReason: ExitReason
    /// A sold American option: the first close while it was held (up to and including its exit
    /// close), before its expiry, at which its holder's early exercise was optimal by the leg's
    /// own mark (`DecisionProgram.earlyExerciseIsOptimal`); −1 where there was none, and for
    /// the other legs. Under `"assignment": "assign"` the leg was assigned at that close.
    /// (Not in `trades.csv` or partial results: `early_exercise.csv` reads it.)
    public var earlyExerciseDay = -1
    /// With a backtest's option chain: the quoted contract's expiration date (the instrument's
    /// expiry is the trading day it settles on, which differs when the expiration has no close);
    /// nil otherwise. The position analysis looks the contract's quotes up by it.
    package var chainExpiration: CalendarDate?
}

extension TradeRecord.Instrument {
    /// The instrument as `trades.csv` and partial results write it: `stock`, or an option's
    /// type, strike and expiry — `put 95.0 2026-09-15`, or `call 102.5 day 300` for an expiry
    /// after the scenario's last date (the strike as `NumberText.csv` writes it: the
    /// round-trip decimal).
    public var text: String {
        switch self {
        case .stock:
            return "stock"
        case let .option(type, strike, .date(date)):
            return "\(type.rawValue) \(NumberText.csv(strike)) \(date)"
        case let .option(type, strike, .day(day)):
            return "\(type.rawValue) \(NumberText.csv(strike)) day \(day)"
        }
    }

    /// The instrument `text` wrote, read back (nil for any other text, even another spelling of
    /// the same number, date or day): partial results keep a trade's instrument as this text.
    init?(text: String) {
        if text == "stock" {
            self = .stock
            return
        }
        let words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        guard words.count == 3 || words.count == 4, let type = OptionType(rawValue: words[0]),
              let strike = Double(words[1]), strike.isFinite, NumberText.csv(strike) == words[1] else { return nil }
        if words.count == 3, let date = CalendarDate(iso: words[2]), date.description == words[2] {
            self = .option(type, strike: strike, expiry: .date(date))
        } else if words.count == 4, words[2] == "day", let day = Int(words[3]), String(day) == words[3] {
            self = .option(type, strike: strike, expiry: .day(day))
        } else {
            return nil
        }
    }

    /// What `init(text:)` reads, for messages.
    static let textAllowed = "\"stock\", or \"call\" or \"put\", a strike and an expiry date (\"put 95.0 2026-09-15\") or day (\"put 95.0 day 300\")"
}
