import Foundation

/// A small SVG plotting kit for the HTML report: linear scales, "nice" ticks, axes with
/// labels, and text escaping. Charts are strings of inline SVG (no scripts, no fonts fetched).
struct SVGChart {
    var width: Double
    var height: Double
    var margin: (top: Double, right: Double, bottom: Double, left: Double) = (20, 20, 48, 78)
    var xDomain: ClosedRange<Double>
    var yDomain: ClosedRange<Double>
    private(set) var body: String = ""

    init(width: Double = 640, height: Double = 300, x: ClosedRange<Double>, y: ClosedRange<Double>) {
        self.width = width
        self.height = height
        xDomain = x.lowerBound < x.upperBound ? x : (x.lowerBound - 1)...(x.upperBound + 1)
        yDomain = y.lowerBound < y.upperBound ? y : (y.lowerBound - 1)...(y.upperBound + 1)
    }

    var plotLeft: Double { margin.left }
    var plotRight: Double { width - margin.right }
    var plotTop: Double { margin.top }
    var plotBottom: Double { height - margin.bottom }

    func x(_ v: Double) -> Double {
        plotLeft + (v - xDomain.lowerBound) / (xDomain.upperBound - xDomain.lowerBound) * (plotRight - plotLeft)
    }

    func y(_ v: Double) -> Double {
        plotBottom - (v - yDomain.lowerBound) / (yDomain.upperBound - yDomain.lowerBound) * (plotBottom - plotTop)
    }

    mutating func add(_ element: String) { body += element + "\n" }

    /// Axes with ticks, tick labels and axis titles.
    mutating func axes(xTitle: String, yTitle: String, xLabel: (Double) -> String, yLabel: (Double) -> String,
                              xTicks: [Double]? = nil) {
        let yt = Self.niceTicks(yDomain, count: 5)
        for t in yt {
            add("<line x1=\"\(f(plotLeft))\" x2=\"\(f(plotRight))\" y1=\"\(f(y(t)))\" y2=\"\(f(y(t)))\" class=\"grid\"/>")
            add("<text x=\"\(f(plotLeft - 6))\" y=\"\(f(y(t) + 4))\" text-anchor=\"end\" class=\"tick\">\(Self.escape(yLabel(t)))</text>")
        }
        for t in xTicks ?? Self.niceTicks(xDomain, count: 6) {
            add("<line x1=\"\(f(x(t)))\" x2=\"\(f(x(t)))\" y1=\"\(f(plotBottom))\" y2=\"\(f(plotBottom + 5))\" class=\"axis\"/>")
            add("<text x=\"\(f(x(t)))\" y=\"\(f(plotBottom + 18))\" text-anchor=\"middle\" class=\"tick\">\(Self.escape(xLabel(t)))</text>")
        }
        add("<line x1=\"\(f(plotLeft))\" x2=\"\(f(plotRight))\" y1=\"\(f(plotBottom))\" y2=\"\(f(plotBottom))\" class=\"axis\"/>")
        add("<line x1=\"\(f(plotLeft))\" x2=\"\(f(plotLeft))\" y1=\"\(f(plotTop))\" y2=\"\(f(plotBottom))\" class=\"axis\"/>")
        add("<text x=\"\(f((plotLeft + plotRight) / 2))\" y=\"\(f(height - 8))\" text-anchor=\"middle\" class=\"title\">\(Self.escape(xTitle))</text>")
        add("<text transform=\"translate(14 \(f((plotTop + plotBottom) / 2))) rotate(-90)\" text-anchor=\"middle\" class=\"title\">\(Self.escape(yTitle))</text>")
    }

    /// A legend row at the top right: (label, css colour). Labels that would not fit across the
    /// chart (11px text, about 6.2px a character) are shortened alike, down to 8 characters,
    /// ending in "…" with the whole label as a tooltip.
    mutating func legend(_ items: [(String, String)]) {
        func rowWidth(_ limit: Int) -> Double { items.reduce(0) { $0 + Double(min($1.0.count, limit)) * 6.2 + 22 } }
        var limit = items.map(\.0.count).max() ?? 0
        while limit > 8 && rowWidth(limit) > plotRight - 4 { limit -= 1 }
        var xPos = plotRight
        for (label, color) in items.reversed() {
            let clipped = label.count > limit
            let shown = Self.clipped(label, to: limit)
            xPos -= Double(shown.count) * 6.2 + 22
            add("<rect x=\"\(f(xPos))\" y=\"\(f(plotTop - 14))\" width=\"12\" height=\"8\" fill=\"\(color)\"/>")
            let tip = clipped ? "<title>\(Self.escape(label))</title>" : ""
            add("<text x=\"\(f(xPos + 16))\" y=\"\(f(plotTop - 7))\" class=\"tick\">\(Self.escape(shown))\(tip)</text>")
        }
    }

    /// `s` if it has at most `limit` characters, else its first `limit − 1` and "…".
    static func clipped(_ s: String, to limit: Int) -> String {
        s.count <= limit ? s : String(s.prefix(limit - 1)) + "…"
    }

    var svg: String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(f(width)) \(f(height))\" width=\"\(f(width))\" height=\"\(f(height))\" role=\"img\">\n"
            + body + "</svg>"
    }

    /// Points as an SVG path `M x y L …`.
    func path(_ points: [(Double, Double)]) -> String {
        points.enumerated().map { "\($0 == 0 ? "M" : "L")\(f(x($1.0))) \(f(y($1.1)))" }.joined(separator: " ")
    }

    /// 1-2-5 ticks covering the domain (at most a few more than `count`). A span too small to
    /// step through at its magnitude (below a millionth of it: e.g. equity that hardly moves)
    /// gets one tick.
    static func niceTicks(_ d: ClosedRange<Double>, count: Int) -> [Double] {
        let span = d.upperBound - d.lowerBound
        let size = max(abs(d.lowerBound), abs(d.upperBound))
        guard span > 0, span.isFinite, span > size * 1e-6 else { return [d.lowerBound] }
        let raw = span / Double(max(count, 1))
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        var ticks: [Double] = []
        let first = (d.lowerBound / step).rounded(.up)
        for k in 0...(max(count, 1) + 2) {
            let t = (first + Double(k)) * step
            guard t <= d.upperBound + step * 1e-9 else { break }
            ticks.append(abs(t) < step * 1e-9 ? 0 : t)
        }
        return ticks.isEmpty ? [d.lowerBound] : ticks
    }

    /// Money for axes: 1.2M, 350k, −40k.
    static func shortMoney(_ v: Double) -> String {
        let a = abs(v)
        let sign = v < 0 ? "−" : ""
        if a >= 1e9 { return sign + trim(a / 1e9) + "B" }
        if a >= 1e6 { return sign + trim(a / 1e6) + "M" }
        if a >= 1e3 { return sign + trim(a / 1e3) + "k" }
        return sign + trim(a)
    }

    static func trim(_ v: Double) -> String {
        let s = NumberText.fixed(v, digits: 2)
        var t = s
        while t.hasSuffix("0") { t.removeLast() }
        if t.hasSuffix(".") { t.removeLast() }
        return t
    }

    /// Text safe inside HTML and SVG.
    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    /// A coordinate with one decimal (NumberText's formatter: String(format:) is slow for the
    /// thousands of coordinates a page holds).
    func f(_ v: Double) -> String { NumberText.fixed(v, digits: 1) }
}
