import Synchronization

/// Early-exercise premium tables (`AmericanPremiumTable`) kept from one run for the next, so
/// runs of variants of one study — a sweep's cells — build each table once. A table depends on
/// its option type, the rate, the dividend yield, the tenor and the IV range only (`Key`), so a cell that changes a size, a stop or a strike rule finds all of
/// its tables built by the base cell; one that changes a volatility builds its own. Reusing a
/// table gives the same values as building it again (its construction is deterministic), so
/// the results do not depend on the cache.
///
/// At most `capacity` tables are kept (the first ones built; a one-IV table takes about 0.5 KB,
/// one across an IV range about 4 KB), so a long sweep over volatilities does not grow without
/// bound. Safe to share between threads.
public final class PremiumTableCache: Sendable {
    /// What a table depends on; the legs of a run that agree on it share one table.
    struct Key: Hashable {
        let type: OptionType
        let rate: Double
        let dividendYield: Double
        let tenorDays: Int
        let sigmaLow: Double
        let sigmaHigh: Double
    }

    /// The largest number of tables kept.
    public let capacity: Int
    private let tables = Mutex<[Key: AmericanPremiumTable?]>([:])

    /// An empty cache that keeps at most `capacity` tables.
    public init(capacity: Int = 20_000) {
        self.capacity = capacity
    }

    /// The tables held now.
    public var count: Int { tables.withLock { $0.count } }

    /// The tables of `keys`: those held, and `build(key)` for the others (kept while there is
    /// room). `build` runs outside the lock, for all the missing keys at once.
    func tables(for keys: [Key], build: ([Key]) -> [AmericanPremiumTable?]) -> [AmericanPremiumTable?] {
        var found = [AmericanPremiumTable??](repeating: nil, count: keys.count)
        tables.withLock { held in
            for (i, key) in keys.enumerated() { found[i] = held[key] }
        }
        let missing = keys.indices.filter { found[$0] == nil }
        guard !missing.isEmpty else { return found.map { $0! } }
        let built = build(missing.map { keys[$0] })
        tables.withLock { held in
            for (j, i) in missing.enumerated() {
                found[i] = .some(built[j])
                if held.count < capacity { held[keys[i]] = built[j] }
            }
        }
        return found.map { $0! }
    }
}
