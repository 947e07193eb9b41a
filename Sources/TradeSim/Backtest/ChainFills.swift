import Foundation

/// Option fills from a real chain in a backtest (`tradesim backtest --chain`): which quoted
/// contract an option leg trades, and its quote on each day it is held. The one rule for both,
/// used by the engine (`ChainMarks`) at every entry, mark and exit.
///
/// Choice, on the entry date only (no look-ahead), among the quotes of the leg's underlying
/// and option type on that date whose expiration falls on a later trading day:
/// 1. expiry: the quoted expiration nearest the rule's target expiry date in calendar days (the
///    date the leg's expiry rule gives, `ExpiryRule`, with listed expiries when the playbook lists
///    them); on a tie the later one;
/// 2. strike, among that expiration's quotes: for a moneyness or absolute rule the quoted strike
///    nearest K = m·S (or K), S the replayed close of the entry date; for a delta rule the strike
///    whose Black–Scholes–Merton delta is nearest the rule's, each computed at S with the quote's
///    `implied_volatility` when given (> 0), else the vol implied by its mid
///    (`ImpliedVolatility.solve`; a quote whose mid implies none is skipped), the scenario's rate,
///    the asset's yield and the trading days to expiry / 252. On a tie the lower strike.
///
/// Fills: a buy at the ask, a sell at the bid (the quoted spread is the cost: the modelled
/// half-spread is not charged on top); daily marks at the mid (bid + ask)/2. Settlement at
/// expiry is the intrinsic value on the close, as without a chain.
package struct ChainFills: Sendable {
    /// The chain file's name, for messages.
    package let file: String
    /// The quotes of each (underlying, quote date, type), sorted by expiration, then strike.
    let byDay: [DayKey: [OptionQuote]]
    /// Each quote by its contract and date.
    let byContract: [ContractKey: OptionQuote]
    /// The underlyings the chain quotes, in order of first appearance.
    package let underlyings: [String]

    struct DayKey: Hashable {
        let underlying: String
        let date: CalendarDate
        let type: OptionType
    }

    struct ContractKey: Hashable {
        let contract: ChainContract
        let date: CalendarDate
    }

    /// The chain's quotes indexed for the choice and the marks (rows in any order).
    package init(_ chain: OptionChain) {
        file = chain.file
        underlyings = chain.underlyings
        var days: [DayKey: [OptionQuote]] = [:]
        var contracts: [ContractKey: OptionQuote] = [:]
        for q in chain.quotes {
            days[DayKey(underlying: q.underlying, date: q.quoteDate, type: q.type), default: []].append(q)
            contracts[ContractKey(contract: ChainContract(q), date: q.quoteDate)] = q
        }
        byDay = days.mapValues { $0.sorted { ($0.expiration, $0.strike) < ($1.expiration, $1.strike) } }
        byContract = contracts
    }

    /// The quote of `contract` on `date`, or nil.
    package func quote(_ contract: ChainContract, on date: CalendarDate) -> OptionQuote? {
        byContract[ContractKey(contract: contract, date: date)]
    }

    /// What the choice needs of the entry: the leg and its market on the entry date.
    package struct Entry {
        package var underlying: String
        package var type: OptionType
        package var date: CalendarDate
        /// The rule's target expiry date.
        package var targetExpiry: CalendarDate
        package var strikeRule: StrikeRule
        /// The replayed close of the entry date.
        package var spot: Double
        package var rate: Double
        package var dividendYield: Double
        /// Trading days from the entry date to an expiration date; nil or ≤ 0 excludes it.
        package var tradingDays: (CalendarDate) -> Int?

        package init(underlying: String, type: OptionType, date: CalendarDate, targetExpiry: CalendarDate, strikeRule: StrikeRule,
                     spot: Double, rate: Double, dividendYield: Double, tradingDays: @escaping (CalendarDate) -> Int?) {
            self.underlying = underlying
            self.type = type
            self.date = date
            self.targetExpiry = targetExpiry
            self.strikeRule = strikeRule
            self.spot = spot
            self.rate = rate
            self.dividendYield = dividendYield
            self.tradingDays = tradingDays
        }
    }

    /// The quote the leg enters (see the type's rule), or nil when the entry date has no usable
    /// quote of the leg's underlying and type.
    package func choose(_ e: Entry) -> OptionQuote? {
        guard let quotes = byDay[DayKey(underlying: e.underlying, date: e.date, type: e.type)] else { return nil }
        // 1. The expiration nearest the target (a tie: the later), among those after the entry.
        var expiry: CalendarDate?
        var tenor = 0
        for q in quotes where q.expiration != expiry {
            guard let days = e.tradingDays(q.expiration), days > 0 else { continue }
            let gap = abs(q.expiration.daysSinceEpoch - e.targetExpiry.daysSinceEpoch)
            if let best = expiry, gap > abs(best.daysSinceEpoch - e.targetExpiry.daysSinceEpoch) { continue }
            expiry = q.expiration
            tenor = days
        }
        guard let expiry else { return nil }
        let years = Double(tenor) / TradingCalendar.tradingDaysPerYear
        // 2. The strike nearest the rule's (a tie: the lower; the quotes ascend by strike).
        var best: OptionQuote?, bestGap = Double.infinity
        for q in quotes where q.expiration == expiry {
            let gap: Double
            switch e.strikeRule {
            case let .delta(wanted):
                guard let delta = Self.delta(q, spot: e.spot, rate: e.rate, dividendYield: e.dividendYield, years: years) else { continue }
                gap = abs(delta - wanted)
            case .moneyness, .absolute:
                gap = abs(q.strike - e.strikeRule.strike(spot: e.spot)!)
            }
            if gap < bestGap { best = q; bestGap = gap }
        }
        return best
    }

    /// The Black–Scholes–Merton delta of quote `q` at `spot` (`inputs`' volatility).
    static func delta(_ q: OptionQuote, spot: Double, rate: Double, dividendYield: Double, years: Double) -> Double? {
        inputs(q, spot: spot, rate: rate, dividendYield: dividendYield, years: years).map { BlackScholes.valuation($0).delta }
    }

    /// Quote `q`'s Black–Scholes–Merton inputs at `spot` with the quote's volatility: its
    /// implied vol when the file gives one (> 0), else the vol its mid implies at these inputs;
    /// nil when the mid implies none. The rule by which contracts are chosen by delta and the
    /// position analysis takes a quoted leg's Greeks.
    static func inputs(_ q: OptionQuote, spot: Double, rate: Double, dividendYield: Double, years: Double) -> BlackScholesInputs? {
        var o = BlackScholesInputs(type: q.type, spot: spot, strike: q.strike, volatility: 0, rate: rate, dividendYield: dividendYield,
                                   years: years)
        if let iv = q.impliedVolatility, iv > 0 {
            o.volatility = iv
        } else {
            guard let iv = ImpliedVolatility.solve(price: q.mid, o), iv > 0 else { return nil }
            o.volatility = iv
        }
        return o
    }

    /// The fill of a trade at quote `q`: the ask when buying, the bid when selling.
    package static func fill(_ q: OptionQuote, buying: Bool) -> Double { buying ? q.ask : q.bid }
}

/// One listed contract: underlying, type, strike and expiration date.
package struct ChainContract: Sendable, Hashable, CustomStringConvertible {
    package var underlying: String
    package var type: OptionType
    package var strike: Double
    package var expiration: CalendarDate

    package init(underlying: String, type: OptionType, strike: Double, expiration: CalendarDate) {
        self.underlying = underlying
        self.type = type
        self.strike = strike
        self.expiration = expiration
    }

    package init(_ q: OptionQuote) {
        self.init(underlying: q.underlying, type: q.type, strike: q.strike, expiration: q.expiration)
    }

    /// "MP put 21 expiring 2025-04-17".
    package var description: String {
        "\(underlying) \(type.rawValue) \(JSONText.wholeOrDecimal(strike)) expiring \(expiration)"
    }
}

/// A quote the backtest needed and the chain lacks: the first one of a run stops it with an
/// input error (exit 65).
package struct ChainGap: Sendable, Hashable {
    /// What the quote was for.
    package enum Purpose: String, Sendable {
        case entry = "the position's entry"
        case mark = "the position's daily mark"
        case exit = "the position's exit"
    }

    /// The contract held (nil at an entry: none could be chosen).
    package var contract: ChainContract?
    /// At an entry: the leg's underlying and type.
    package var underlying: String
    package var type: OptionType
    package var date: CalendarDate
    package var purpose: Purpose

    /// The problem, naming the file, the contract (or the underlying and type) and the date.
    package func problem(file: String, underlyings: [String]) -> InputProblem {
        if let contract {
            return InputProblem(file: file, path: "", found: "no quote for \(contract) on \(date) (\(purpose.rawValue))",
                                allowed: "a chain with a quote for every contract held on every trading day it is held")
        }
        let quoted = underlyings.contains(underlying) ? ""
            : "; the chain quotes \(MessageText.list(underlyings, count: 8, noun: "underlyings")), not \(underlying)"
        return InputProblem(file: file, path: "",
                            found: "no \(underlying) \(type.rawValue) quote on \(date) expiring after it (\(purpose.rawValue))\(quoted)",
                            allowed: "a chain with quotes of each option leg's underlying and type on every date it can enter")
    }
}
