/// `trades.csv`: every leg of every trade — `decision, variant, leg, instrument, ticker, side,
/// quantity, entry_date, entry_price, exit_date, exit_price, costs, pnl, exit_reason`, then
/// `scenario, path`. Stock prices are the closes (slippage is in `costs`), option prices the
/// model mid (intrinsic at expiry), the instrument as `TradeRecord.Instrument.text` writes it. A
/// Monte Carlo run lists its first traced paths. Then `contracts`: an option leg's quantity in
/// contracts, quantity / multiplier (signed; whole numbers with listed options; empty for
/// stock), and `multiplier`, the shares per contract (`Asset.contractMultiplier`, else the
/// decision's `CostModel.contractMultiplier`).
enum TradesTable {
    static let columns = ["decision", "variant", "leg", "instrument", "ticker", "side", "quantity", "entry_date",
                          "entry_price", "exit_date", "exit_price", "costs", "pnl", "exit_reason", "scenario", "path",
                          "contracts", "multiplier"]

    /// The shares per contract of each trade's option: the asset's, else its decision variant's costs'.
    static func multipliers(_ study: Study) -> @Sendable (TradeRecord) -> Double {
        var byVariant: [String: Double] = [:]
        for d in study.runPlaybook.decisions {
            for v in d.variants { byVariant[d.id + "\u{0}" + v.name] = v.costs.contractMultiplier }
        }
        let universe = study.universe, fallback = study.runPlaybook.costs.contractMultiplier
        return { [byVariant] t in
            universe.index(of: t.ticker).flatMap { universe.assets[$0].contractMultiplier }
                ?? byVariant[t.decisionID + "\u{0}" + t.variantName] ?? fallback
        }
    }

    static func csv(_ all: [ScenarioOutcomes], multiplier: (TradeRecord) -> Double = { _ in 100 }) -> String {
        var out = columns.joined(separator: ",") + "\n"
        for o in all {
            for t in o.trades {
                out += [t.decisionID, t.variantName, String(t.leg), t.instrument.text, t.ticker, t.quantity >= 0 ? "long" : "short",
                        NumberText.csv(t.quantity), t.entryDate.description, NumberText.csv(t.entryPrice),
                        t.exitDate.description, NumberText.csv(t.exitPrice), NumberText.csv(t.costs), NumberText.csv(t.pnl),
                        t.exitReason.label, o.scenario.name, String(t.path)].joined(separator: ",")
                if case .option = t.instrument {
                    let m = multiplier(t)
                    out += "," + NumberText.csv(t.quantity / m) + "," + NumberText.csv(m) + "\n"
                } else {
                    out += ",,\n"
                }
            }
        }
        return out
    }
}
