import Testing
@testable import TradeSim

/// A trade record's instrument (data) as text, and the text read back (partial results keep it
/// so; `trades.csv` shows it).
@Suite("Trade records")
struct TradeRecordTests {
    static let date = CalendarDate(iso: "2026-09-15")!

    @Test(arguments: [
        (TradeRecord.Instrument.stock, "stock"),
        (.option(.put, strike: 95, expiry: .date(date)), "put 95.0 2026-09-15"),
        (.option(.call, strike: 4.759422392871532, expiry: .day(300)), "call 4.759422392871532 day 300"),
        (.option(.put, strike: 1e-05, expiry: .date(date)), "put 1e-05 2026-09-15"),
    ])
    func instrumentTextAndBack(_ instrument: TradeRecord.Instrument, _ text: String) {
        #expect(instrument.text == text)
        #expect(TradeRecord.Instrument(text: text) == instrument)
    }

    /// Only what `text` writes reads back: no other spelling of a number, date or day.
    @Test(arguments: ["", "Stock", "put", "put 95.0", "put 95 2026-09-15", "put 95.0 2026-9-15", "put 95.0 2026-09-15 x",
                      "put  2026-09-15", "put nan 2026-09-15", "swap 95.0 2026-09-15", "call 95.0 day", "call 95.0 day +3",
                      "call 95.0 days 3", "put 95.0  2026-09-15"])
    func otherTextIsRefused(_ text: String) {
        #expect(TradeRecord.Instrument(text: text) == nil)
    }
}
