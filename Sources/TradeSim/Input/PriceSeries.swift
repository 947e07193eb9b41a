/// One ticker's daily closes as read from a price file.
public struct PriceSeries: Sendable, Hashable {
    public var ticker: String
    public var dates: [CalendarDate]
    public var closes: [Double]
    /// Implied vol per date from an `IV` column (annual; nil where the cell is empty), if any.
    public var impliedVol: [Double?]?
    /// The file it came from and the 1-based line of each row (for messages).
    public var file: String
    public var lines: [Int]

    public init(ticker: String, dates: [CalendarDate], closes: [Double], impliedVol: [Double?]? = nil, file: String, lines: [Int]) {
        self.ticker = ticker
        self.impliedVol = impliedVol
        self.dates = dates
        self.closes = closes
        self.file = file
        self.lines = lines
    }
}

extension PriceTable {
    /// The table's columns as series.
    public var series: [PriceSeries] {
        tickers.enumerated().map { PriceSeries(ticker: $1, dates: dates, closes: closes[$0], impliedVol: impliedVol, file: file, lines: lines) }
    }
}
