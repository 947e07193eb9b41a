import Foundation
import Testing
@testable import TradeSim

/// Chain CSVs with optopsy's columns: what is read, and every refusal with its exact message.
@Suite("Option chain CSV")
struct OptionChainTests {
    static let header = "underlying_symbol,underlying_price,quote_date,expiration,option_type,strike,bid,ask"
    static let row = "SYN,100,2025-05-05,2025-06-20,put,95,2.10,2.30"

    static func problems(_ text: String) -> [String] {
        switch OptionChain.parse(text, file: "c.csv") {
        case .success: return []
        case let .failure(p): return p.problems.map(\.description)
        }
    }

    static func quotes(_ text: String) -> [OptionQuote] {
        (try? OptionChain.parse(text, file: "c.csv").get())?.quotes ?? []
    }

    @Test func readsOptopsyColumnsInAnyOrderAndCase() throws {
        let text = "Strike,Option_Type,delta,expiration,quote_date,underlying_symbol,BID,ask,underlying_price,implied_volatility,volume,open_interest\n"
            + "95,P,-0.3,2025-06-20,2025-05-05,SYN,2.1,2.3,100.5,0.31,12,340\n"
            + "105,call,0.3,2025-06-20,2025-05-05,SYN,1.5,1.7,100.5,,,\n"
        let q = Self.quotes(text)
        #expect(q.count == 2)
        #expect(q[0] == OptionQuote(line: 2, underlying: "SYN", underlyingPrice: 100.5, quoteDate: CalendarDate(iso: "2025-05-05")!,
                                          expiration: CalendarDate(iso: "2025-06-20")!, type: .put, strike: 95, bid: 2.1, ask: 2.3,
                                          impliedVolatility: 0.31, volume: 12, openInterest: 340))
        #expect(q[1].type == .call && q[1].impliedVolatility == nil && q[1].volume == nil && q[1].openInterest == nil)
        #expect(abs(q[0].mid - 2.2) < 1e-15)
    }

    @Test func theGeneratedFixtureReadsWhole() throws {
        let chain = try OptionChain.parse(Fixtures.text("chains/synthetic_chain.csv"), file: "synthetic_chain.csv").get()
        #expect(chain.quotes.count == 228)
        #expect(chain.quoteDates == [CalendarDate(iso: "2025-05-05")!])
        #expect(chain.underlyings == ["SYN"])
        #expect(Set(chain.quotes.map(\.expiration)).count == 6)
    }

    @Test func missingRequiredColumnsAreNamed() {
        #expect(Self.problems("underlying_symbol,quote_date,expiration,option_type,strike,bid,mid\nSYN,2025-05-05,2025-06-20,put,95,2,2.2\n") == [
            "c.csv:1: header: found columns underlying_symbol,quote_date,expiration,option_type,strike,bid,mid (no underlying_price, ask); "
                + "allowed: optopsy's chain columns: underlying_symbol, underlying_price, quote_date, expiration, option_type, strike, bid, ask; "
                + "optional implied_volatility, volume, open_interest",
        ])
    }

    @Test func aColumnTwiceIsRefused() {
        #expect(Self.problems(Self.header + ",Bid\n" + Self.row + ",2\n") == [
            "c.csv:1:9: header: found column 'Bid' a second time (first in column 7); allowed: each column once",
        ])
    }

    @Test func badCellsEachWithLineAndColumn() {
        let rows = [
            "SYN,100,2025-5-05,2025-06-20,put,95,2.10,2.30",     // line 2: quote date
            "SYN,100,2025-05-05,2025-06-31,put,95,2.10,2.30",    // line 3: no such day
            "SYN,100,2025-05-05,2025-05-02,put,95,2.10,2.30",    // line 4: expiration before the quote date
            "SYN,100,2025-05-05,2025-06-20,straddle,95,2.10,2.30", // line 5: type
            "SYN,100,2025-05-05,2025-06-20,put,95,2.30,2.10",    // line 6: ask < bid
            "SYN,100,2025-05-05,2025-06-20,put,95,-0.05,2.10",   // line 7: negative bid
            "SYN,100,2025-05-05,2025-06-20,put,0,2.10,2.30",     // line 8: strike 0
            "SYN,-1,2025-05-05,2025-06-20,put,95,2.10,2.30",     // line 9: underlying price
            "S Y N,100,2025-05-05,2025-06-20,put,95,2.10,2.30",  // line 10: ticker
            "SYN,100,2025-05-05,2025-06-20,put,95,2.10",         // line 11: field count
            "SYN,100,2025-05-05,2025-06-20,call,95,nan,inf",     // line 12: not numbers
        ]
        #expect(Self.problems(Self.header + "\n" + rows.joined(separator: "\n") + "\n") == [
            "c.csv:2:3: column quote_date: found '2025-5-05'; allowed: a date YYYY-MM-DD",
            "c.csv:3:4: column expiration: found '2025-06-31'; allowed: a date YYYY-MM-DD",
            "c.csv:4:4: column expiration: found 2025-05-02, before the quote date 2025-05-05; allowed: an expiration on or after the quote date",
            "c.csv:5:5: column option_type: found 'straddle'; allowed: call, put, c or p (any case)",
            "c.csv:6:8: column ask: found ask '2.10' below the bid '2.30'; allowed: an ask ≥ the bid",
            "c.csv:7:7: column bid: found '-0.05'; allowed: a price ≥ 0 (finite decimal number)",
            "c.csv:8:6: column strike: found '0'; allowed: a strike > 0 (finite decimal number)",
            "c.csv:9:2: column underlying_price: found '-1'; allowed: a price > 0 (finite decimal number)",
            "c.csv:10:1: column underlying_symbol: found 'S Y N'; allowed: a ticker (letters, digits, '.', '-', '^', '=', '_'; at most 20)",
            "c.csv:11: found 7 fields; allowed: 8 fields, as in the header",
            "c.csv:12:7: column bid: found 'nan'; allowed: a price ≥ 0 (finite decimal number)",
            "c.csv:12:8: column ask: found 'inf'; allowed: a price ≥ 0 (finite decimal number)",
        ])
    }

    @Test func optionalColumnsAreChecked() {
        let header = Self.header + ",implied_volatility,volume,open_interest"
        #expect(Self.problems(header + "\n" + Self.row + ",12,-1,x\n") == [
            "c.csv:2:9: column implied_volatility: found '12'; allowed: an implied vol ≥ 0 and ≤ 10 (annual, 0.45 = 45%), or an empty cell",
            "c.csv:2:10: column volume: found '-1'; allowed: a volume ≥ 0, or an empty cell",
            "c.csv:2:11: column open_interest: found 'x'; allowed: an open interest ≥ 0, or an empty cell",
        ])
    }

    @Test func aSecondQuoteForTheSameContractIsRefused() {
        #expect(Self.problems(Self.header + "\n" + Self.row + "\nSYN,100,2025-05-05,2025-06-20,p,95.0,2.0,2.4\n") == [
            "c.csv:3: found a second quote for SYN 2025-06-20 put 95 on 2025-05-05 (first on line 2); allowed: one quote per contract and quote date",
        ])
        // The same contract on another quote date, or the call at that strike, is another quote.
        #expect(Self.quotes(Self.header + "\n" + Self.row + "\nSYN,100,2025-05-06,2025-06-20,put,95,2.0,2.4\nSYN,100,2025-05-05,2025-06-20,call,95,7,7.2\n").count == 3)
    }

    @Test func emptyAndHeaderOnlyFiles() {
        #expect(Self.problems("") == ["c.csv:1: found an empty file; allowed: a header line and one row per quoted contract"])
        #expect(Self.problems(Self.header + "\n") == ["c.csv:1: found a header and no rows; allowed: at least one quoted contract"])
    }

    @Test func binaryContentIsRefusedFirst() {
        #expect(Self.problems(Self.header + "\nSYN,1\u{0}0\n") ==
                [#"c.csv:2:6: found a NUL byte (\0): binary data, not text; allowed: a CSV text file in UTF-8 (no NUL bytes)"#])
    }
}
