import TradeSim

/// `tradesim metrics`: risk/return metrics of a return or equity series (empyrical's definitions).
enum MetricsCommand {
    static let spec = CommandSpec(
        name: "metrics",
        abstract: "Risk/return metrics of a return or equity series, as empyrical defines them.",
        discussion: """
        FILE is a CSV with a date column and a value column: returns (column named return, \
        returns or ret; decimals) or levels (equity, price: turned into simple returns). \
        252 periods a year, risk-free 0. --json uses empyrical's function names as keys; VaR and \
        CVaR are returns (negative for losses), as empyrical gives them; undefined values are null.
        """,
        arguments: [ArgumentSpec(name: "file", help: "CSV file: date,return or date,equity.", optional: false)],
        options: [
            OptionSpec(name: "column", valueName: "NAME", help: "The value column (default: Adj Close, else Close, else the first besides date).", kind: .text),
            OptionSpec(name: "json", valueName: "", help: "Print one JSON object.", kind: .flag),
        ],
        run: run)

    static func run(_ a: ParsedArguments) throws {
        let file = a.positional[0]
        let bytes = try StudyLoader.readBytes(file, what: "a CSV file of dates and returns or levels", limit: .prices)
        let series: ReturnSeries
        switch ReturnSeries.parse(utf8: bytes, file: file, column: a.string("column"), columnSetting: "--column") {
        case let .success(s): series = s
        case let .failure(p): throw CLIError.dataProblems(p.problems.map(\.description))
        }
        let m = ReturnMetrics(returns: series.returns)
        let values: [(String, Double?)] = [
            ("annual_return", m.annualReturn), ("annual_volatility", m.annualVolatility), ("sharpe_ratio", m.sharpeRatio),
            ("sortino_ratio", m.sortinoRatio), ("downside_risk", m.downsideRisk), ("max_drawdown", m.maxDrawdown),
            ("calmar_ratio", m.calmarRatio), ("omega_ratio", m.omegaRatio), ("tail_ratio", m.tailRatio),
            ("stability_of_timeseries", m.stability), ("value_at_risk", m.valueAtRisk),
            ("conditional_value_at_risk", m.conditionalValueAtRisk), ("skew", m.skew), ("kurtosis", m.kurtosis),
            ("max_drawdown_duration", m.maxDrawdownDuration.map(Double.init)),
            ("var95_gaussian", m.gaussianVaR95), ("cvar95_gaussian", m.gaussianCVaR95),
        ]
        // The duration is a whole number of periods.
        func text(_ name: String, _ v: Double?, json: Bool) -> String {
            if name == "max_drawdown_duration", let v { return String(Int(v)) }
            return json ? JSONText.number(v) : (v.map { $0.description } ?? "n/a")
        }
        if a.has("json") {
            let fields = values.map { ($0.0, text($0.0, $0.1, json: true)) } + [("periods", String(series.returns.count))]
            try Console.out(JSONText.object(fields) + "\n")
            return
        }
        var out = "\(file): \(Plural.count(series.returns.count, "return")) (\(series.fromLevels ? "from levels in" : "column") \(series.column)), "
            + "\(series.dates.first!) to \(series.dates.last!); 252 periods/year, risk-free 0\n"
        for (name, v) in values {
            out += name.padding(toLength: 28, withPad: " ", startingAt: 0)
            out += text(name, v, json: false) + "\n"
        }
        try Console.out(out)
    }
}
