/// One ticker's daily closes as read from a price file.
public struct PriceSeries: Sendable, Hashable {
    /// The ticker the series belongs to.
    public var ticker: String
    /// The trading dates, increasing.
    public var dates: [CalendarDate]
    /// The close on each date, in price units (> 0).
    public var closes: [Double]
    /// Implied vol per date from an `IV` column (annual; nil where the cell is empty), if any.
    public var impliedVol: [Double?]?
    /// The raw (dividend-unadjusted) close per date when the file has both `Close` and
    /// `Adj Close` (`closes` then holds the adjusted ones), else nil.
    public var rawCloses: [Double]?
    /// The file it came from and the 1-based line of each row (for messages).
    public var file: String
    /// The 1-based line of each row in `file`.
    public var lines: [Int]

    /// A series; `dates`, `closes`, `lines` (and `impliedVol` when given) have one entry per row.
    public init(ticker: String, dates: [CalendarDate], closes: [Double], impliedVol: [Double?]? = nil,
                rawCloses: [Double]? = nil, file: String, lines: [Int]) {
        self.ticker = ticker
        self.rawCloses = rawCloses
        self.impliedVol = impliedVol
        self.dates = dates
        self.closes = closes
        self.file = file
        self.lines = lines
    }
}

extension PriceSeries {
    /// What a message about a ticker that none of `series` has says besides: the tickers they
    /// do have (cut after 20), and what a file named after the ticker (`MP.csv`, `mp.csv`)
    /// gave instead: its ticker in other letters, or the columns a wide reading took for
    /// tickers (a file whose close column is not named `Close` or `Adj Close`).
    static func missing(_ ticker: String, in series: [PriceSeries]) -> (note: String, found: String) {
        let found = MessageText.list(series.map(\.ticker).sorted(), noun: "tickers")
        let named = series.filter { fileStem($0.file).lowercased() == ticker.lowercased() }
        guard let file = named.first?.file else { return ("", found) }
        let given = named.map(\.ticker)
        if given == [fileStem(file)] {
            return (" (\(file) gives the ticker \(MessageText.echo(given[0], quote: nil)); tickers match exactly)", found)
        }
        return (" (\(file) has no 'Close' or 'Adj Close' column, so its columns were read as tickers: "
                + MessageText.list(given, noun: "columns") + ")", found)
    }

    /// The file's name without its folder and its `.csv` extension.
    static func fileStem(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return name.lowercased().hasSuffix(".csv") ? String(name.dropLast(4)) : name
    }
}
