/// What every tradesim HTML page shares: the head with its inline style sheet (no scripts, no
/// fonts or files fetched; it prints cleanly), and the number formats of its tables.
enum HTMLPage {
    /// The style sheet of every page.
    static let style = """
        body{font-family:-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:#222;margin:24px auto;max-width:1100px;padding:0 16px;line-height:1.4}
        h1{font-size:1.6em;margin-bottom:0}h2{font-size:1.25em;border-bottom:1px solid #ccc;padding-bottom:4px;margin-top:32px}
        h3{font-size:1.05em;margin:18px 0 4px}
        table{border-collapse:collapse;font-size:.85em;margin:8px 0}th,td{border:1px solid #ccc;padding:3px 7px;text-align:right}
        th{background:#f3f3f3}td.l,th.l{text-align:left}.muted{color:#666;font-size:.9em}
        .charts{display:flex;flex-wrap:wrap;gap:12px}.chart{break-inside:avoid;page-break-inside:avoid}
        svg{max-width:100%;height:auto;background:#fff}
        svg text{font-family:inherit}svg .tick{font-size:11px;fill:#333}svg .title{font-size:12px;fill:#111}
        svg .grid{stroke:#e4e4e4;stroke-width:1}svg .axis{stroke:#444;stroke-width:1}
        .met{color:#1a7f37;font-weight:600}.unmet{color:#b42318;font-weight:600}
        @media print{body{margin:0;max-width:none}h2{break-after:avoid}}
        """

    /// From `<!DOCTYPE html>` to `<body>` and a newline: the title (escaped here), the style
    /// sheet and `extraStyle` (rules of one kind of page).
    static func head(title: String, extraStyle: String = "") -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <title>\(SVGChart.escape(title))</title>
        <style>
        \(style)\(extraStyle.isEmpty ? "" : "\n" + extraStyle)
        </style></head><body>

        """
    }

    /// Whole units with thousands separators (−12,345); beyond 10¹⁵, where a Double no longer
    /// holds every whole number (and past 2⁶³ no Int holds it), its round-trip decimal (1.2e+18).
    /// "—" when undefined.
    static func money(_ v: Double?) -> String {
        guard let v, v.isFinite else { return "—" }
        let rounded = (v).rounded()
        guard abs(rounded) < 1e15 else { return (rounded < 0 ? "−" : "") + abs(rounded).description }
        let digits = String(Int(abs(rounded)))
        var grouped = ""
        for (i, c) in digits.reversed().enumerated() {
            if i > 0 && i % 3 == 0 { grouped.append(",") }
            grouped.append(c)
        }
        return (rounded < 0 ? "−" : "") + String(grouped.reversed())
    }

    /// The fill for a difference: white at 0, blue (better: higher P&L) or red (worse) at
    /// ±`scale`, in proportion between.
    static func fill(_ d: Double, scale: Double) -> String {
        let t = scale > 0 ? max(-1, min(1, d / scale)) : 0
        let to: (Double, Double, Double) = t >= 0 ? (33, 102, 172) : (178, 24, 43)
        let a = abs(t)
        func c(_ end: Double) -> String {
            let v = Int((255 + (end - 255) * a).rounded())
            return String(v, radix: 16).leftPadded(2)
        }
        return "#" + c(to.0) + c(to.1) + c(to.2)
    }

    /// A fraction as a percentage with one decimal (0.123 → 12.3%); "—" when undefined.
    static func percent(_ v: Double?) -> String {
        guard let v, v.isFinite else { return "—" }
        return NumberText.fixed(v * 100, digits: 1) + "%"
    }
}
