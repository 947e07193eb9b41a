/// `trade_totals.csv`: every decision variant's trade on each analysis path, in one row —
/// `scenario, path, decision, variant, entry_day, entry_date, exit_day, exit_date, exit_reason,
/// holding_days, pnl, return, entry_cost, budget_left`: the documented sample of all trades'
/// totals (trades.csv lists every leg, for the first 20 paths only). A variant that never
/// entered has `never_entered`, empty days and dates and P&L 0; `return` (P&L / basis) is empty
/// where the run kept no per-path returns (a decision without a return thesis) or it never
/// entered. `entry_cost` is what entering cost, fills and commissions, sold legs received
/// (`PositionAnalysis.spent`; empty where it never entered); `budget_left` the premium budget
/// less it, the cash whole contracts leave (the whole budget where it never entered; empty for
/// the other sizings).
enum TradeTotalsTable {
    static let columns = ["scenario", "path", "decision", "variant", "entry_day", "entry_date", "exit_day", "exit_date", "exit_reason",
                          "holding_days", "pnl", "return", "entry_cost", "budget_left"]

    static func csv(_ all: [ScenarioOutcomes]) -> String {
        var out = columns.joined(separator: ",") + "\n"
        for o in all {
            guard let a = o.analysis, a.paths > 0 else { continue }
            let dates = o.scenario.dates
            func date(_ day: Int) -> String { o.datesAreShared && day >= 0 && day < dates.count ? dates[day].description : "" }
            for p in 0..<a.paths {
                let path = o.firstPath + p
                for (k, v) in o.variants.enumerated() {
                    let entry = a.entryDay[k][p]
                    let reason = ExitReason(rawValue: v.exitReason[p]) ?? .neverEntered
                    let entered = entry >= 0 && reason != .neverEntered
                    let exit = entered ? entry + Int(v.holdingDays[p]) : -1
                    out += [CSVField.escape(o.scenario.name), String(path), CSVField.escape(v.decisionID), CSVField.escape(v.variantName),
                            entered ? String(entry) : "", date(entry), entered ? String(exit) : "", date(exit), reason.label,
                            entered ? String(v.holdingDays[p]) : "", NumberText.csv(v.pnl[p]),
                            NumberText.csv(p < v.returns.count ? v.returns[p] : nil),
                            NumberText.csv(entered ? a.spent[k][p] : nil),
                            NumberText.csv(a.budget[k].map { $0 - (entered ? a.spent[k][p] : 0) })].joined(separator: ",") + "\n"
                }
            }
        }
        return out
    }
}
