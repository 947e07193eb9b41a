/// `trades.csv`: every leg of every trade — `decision, variant, leg, instrument, ticker, side,
/// quantity, entry_date, entry_price, exit_date, exit_price, costs, pnl, exit_reason`, then
/// `scenario, path`. Stock prices are the closes (slippage is in `costs`), option prices the
/// model mid (intrinsic at expiry), the instrument as `TradeRecord.Instrument.text` writes it. A
/// Monte Carlo run lists its first traced paths.
enum TradesTable {
    static let columns = ["decision", "variant", "leg", "instrument", "ticker", "side", "quantity", "entry_date",
                                 "entry_price", "exit_date", "exit_price", "costs", "pnl", "exit_reason", "scenario", "path"]

    static func csv(_ all: [ScenarioOutcomes]) -> String {
        var out = columns.joined(separator: ",") + "\n"
        for o in all {
            for t in o.trades {
                out += [t.decisionID, t.variantName, String(t.leg), t.instrument.text, t.ticker, t.quantity >= 0 ? "long" : "short",
                        NumberText.csv(t.quantity), t.entryDate.description, NumberText.csv(t.entryPrice),
                        t.exitDate.description, NumberText.csv(t.exitPrice), NumberText.csv(t.costs), NumberText.csv(t.pnl),
                        t.exitReason.label, o.scenario.name, String(t.path)].joined(separator: ",") + "\n"
            }
        }
        return out
    }
}
