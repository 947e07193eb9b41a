/// The assets of a study, addressed by ticker or by tag.
public struct Universe: Sendable, Hashable {
    /// The assets, in study order (indices address them everywhere).
    public let assets: [Asset]
    private let indexByTicker: [String: Int]

    /// A universe of `assets` (a ticker named twice resolves to its first asset).
    public init(_ assets: [Asset]) {
        self.assets = assets
        var map: [String: Int] = [:]
        for (i, a) in assets.enumerated() where map[a.ticker] == nil { map[a.ticker] = i }
        indexByTicker = map
    }

    /// The number of assets.
    public var count: Int { assets.count }
    /// The tickers, in universe order.
    public var tickers: [String] { assets.map(\.ticker) }

    /// The index of the asset with `ticker`, or nil.
    public func index(of ticker: String) -> Int? { indexByTicker[ticker] }

    /// Every tag used by some asset, sorted.
    public var tags: [String] { Array(Set(assets.flatMap(\.tags))).sorted() }

    /// The asset indices a selector names: the ticker itself, or every asset with that tag
    /// (in universe order); empty when it names nothing. `*` selects every asset.
    public func resolve(_ selector: String) -> [Int] {
        if selector == "*" { return Array(assets.indices) }
        if let i = indexByTicker[selector] { return [i] }
        return assets.indices.filter { assets[$0].tags.contains(selector) }
    }

    /// What a selector may be, for messages.
    var selectorPhrase: String {
        "a ticker (\(MessageText.list(tickers, noun: "tickers"))), a tag (\(MessageText.list(tags, noun: "tags"))) or \"*\""
    }
}
