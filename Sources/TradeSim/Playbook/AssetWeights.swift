/// Assets with weights, named as a card names them: by ticker, by tag (every asset carrying
/// it), or `*` (every asset). Written as an array literal for equal weights (`["MP", "REMX"]`)
/// or a dictionary literal for given weights (`["MP": 0.6, "enabler": 0.4]`, kept in the order
/// written).
///
/// Resolved in a universe (`resolved(in:)`) to asset indices with weights summing to 1:
/// - equal: the assets the selectors name, each once, in universe order, 1/n each;
/// - weighted: a tag's weight split equally over its assets, an asset named twice gets the sum,
///   then every weight divided by the total (summed in the order the assets first appear),
///   in universe order.
public struct AssetWeights: Sendable, Hashable, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    /// A selector (ticker, tag or `*`) with its weight (> 0, any scale).
    public struct Entry: Sendable, Hashable {
        /// A ticker, a tag or `*`.
        public var selector: String
        /// Its weight (> 0, any scale).
        public var weight: Double

        /// `selector` with `weight`.
        public init(_ selector: String, weight: Double) {
            self.selector = selector
            self.weight = weight
        }
    }

    /// Equal weights over what the selectors name, or a weight per selector.
    public enum Form: Sendable, Hashable {
        /// 1/n for each of the n assets the selectors name.
        case equal([String])
        /// Each selector's weight (split over a tag's assets), normalised to sum to 1.
        case weighted([Entry])
    }

    /// The selectors and how they are weighted.
    public var form: Form

    /// Equal weights over the assets `selectors` name.
    public init(equal selectors: [String]) { form = .equal(selectors) }
    /// The given weights, in this order.
    public init(weighted entries: [Entry]) { form = .weighted(entries) }
    /// Equal weights: `["MP", "enabler"]`.
    public init(arrayLiteral selectors: String...) { form = .equal(selectors) }
    /// Given weights, in the order written: `["MP": 0.6, "enabler": 0.4]`.
    public init(dictionaryLiteral elements: (String, Double)...) { form = .weighted(elements.map { Entry($0.0, weight: $0.1) }) }

    /// The selectors, in the order given.
    public var selectors: [String] {
        switch form {
        case let .equal(s): s
        case let .weighted(e): e.map(\.selector)
        }
    }

    /// Asset indices with weights summing to 1, in universe order (see the type's rule).
    /// Throws for a selector that names no asset, an empty list and a weight that is not
    /// finite and > 0.
    func resolved(in universe: Universe) throws(PlaybookProblem) -> [(asset: Int, weight: Double)] {
        switch form {
        case let .equal(selectors):
            let assets = try Self.assets(selectedBy: selectors, in: universe)
            return assets.map { ($0, 1 / Double(assets.count)) }
        case let .weighted(entries):
            guard !entries.isEmpty else { throw .emptySelection }
            var out: [(asset: Int, weight: Double)] = []
            for e in entries {
                guard e.weight.isFinite, e.weight > 0 else { throw .weight(selector: e.selector, e.weight) }
                let hit = universe.resolve(e.selector)
                guard !hit.isEmpty else { throw .unknownSelector(e.selector) }
                for a in hit {
                    if let k = out.firstIndex(where: { $0.asset == a }) { out[k].weight += e.weight / Double(hit.count) } else {
                        out.append((a, e.weight / Double(hit.count)))
                    }
                }
            }
            let total = out.reduce(0) { $0 + $1.weight }
            return out.sorted { $0.asset < $1.asset }.map { ($0.asset, $0.weight / total) }
        }
    }

    /// The assets `selectors` name, each once, in universe order. Throws for a selector that
    /// names nothing and for an empty list.
    static func assets(selectedBy selectors: [String], in universe: Universe) throws(PlaybookProblem) -> [Int] {
        guard !selectors.isEmpty else { throw .emptySelection }
        var chosen = [Bool](repeating: false, count: universe.count)
        for name in selectors {
            let hit = universe.resolve(name)
            guard !hit.isEmpty else { throw .unknownSelector(name) }
            for i in hit { chosen[i] = true }
        }
        return universe.assets.indices.filter { chosen[$0] }
    }
}
