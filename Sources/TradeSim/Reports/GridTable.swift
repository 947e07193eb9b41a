/// `grid.csv`: one row per block of a `WhatIfGrid` (each entered decision variant, then
/// `portfolio`) × day × spot shock × IV shock, in that order (every list ascending).
///
/// Columns: `scenario, decision, variant, entry_day, day, date, spot_shock_pct,
/// iv_shock_vol_pts, value, pnl, delta_dollars, vega_per_vol_pt` — the entry day and the date of
/// day entry + `day` (both empty for the portfolio when its variants enter on different days),
/// the shocks as given, and the cell's `WhatIfGrid.Cell` in money (round-trip decimals).
public enum GridTable {
    public static let columns = ["scenario", "decision", "variant", "entry_day", "day", "date", "spot_shock_pct", "iv_shock_vol_pts",
                                 "value", "pnl", "delta_dollars", "vega_per_vol_pt"]

    public static func csv(_ grid: WhatIfGrid) -> String {
        var out = columns.joined(separator: ",") + "\n"
        let shocks = grid.shocks
        let scenario = CSVField.escape(grid.scenario.name)
        for b in grid.blocks {
            let head = scenario + "," + CSVField.escape(b.decision) + "," + CSVField.escape(b.variant) + ","
                + (b.entryDay.map(String.init) ?? "") + ","
            for (j, t) in shocks.days.enumerated() {
                let dayText = String(t) + "," + (grid.date(entryDay: b.entryDay, day: t)?.description ?? "") + ","
                for (s, x) in shocks.spotPercent.enumerated() {
                    for (v, iv) in shocks.ivVolPoints.enumerated() {
                        let c = b.cells[grid.index(day: j, spot: s, iv: v)]
                        out += head + dayText + JSONText.wholeOrDecimal(x) + "," + JSONText.wholeOrDecimal(iv) + ","
                            + [c.value, c.pnl, c.deltaDollars, c.vegaPerVolPoint].map { NumberText.csv($0) }.joined(separator: ",") + "\n"
                    }
                }
            }
        }
        return out
    }
}
