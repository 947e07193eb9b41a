import TradeSim

/// `tradesim price`: Black–Scholes–Merton price and Greeks of one European option.
enum PriceCommand {
    static let spec = CommandSpec(
        name: "price",
        abstract: "Price a European option and its Greeks (Black–Scholes–Merton).",
        discussion: """
        Greeks are raw derivatives: vega per 1.00 of volatility, theta per year (−∂V/∂T), rho per \
        1.00 of rate. The table also shows vega per vol point (÷100) and theta per day (÷365).
        """,
        options: [OptionInputs.type, OptionInputs.spot, OptionInputs.strike, OptionInputs.vol,
                  OptionInputs.rate, OptionInputs.dividend, OptionInputs.years, OptionInputs.json],
        run: run)

    static func run(_ a: ParsedArguments) throws {
        let inputs = OptionInputs.inputs(a)
        let v = BlackScholes.valuation(inputs)
        if a.has("json") {
            let keys: [(String, Double)] = [("price", v.price), ("delta", v.delta), ("gamma", v.gamma),
                                            ("vega", v.vega), ("theta", v.theta), ("rho", v.rho),
                                            ("dividend_rho", v.dividendRho)]
            try Console.out(JSONText.object(keys.map { ($0.0, JSONText.number($0.1)) }) + "\n")
            return
        }
        let rows: [(String, Double, String)] = [
            ("price", v.price, ""),
            ("delta", v.delta, "∂V/∂S"),
            ("gamma", v.gamma, "∂²V/∂S²"),
            ("vega", v.vega, "per 1.00 of vol"),
            ("vega_per_pt", v.vega / 100, "per vol point"),
            ("theta", v.theta, "per year"),
            ("theta_per_day", v.theta / 365, "per calendar day (÷365)"),
            ("rho", v.rho, "per 1.00 of rate"),
            ("dividend_rho", v.dividendRho, "per 1.00 of dividend yield"),
        ]
        var out = OptionInputs.describe(inputs) + " vol=\(inputs.volatility.description)\n"
        for (name, value, unit) in rows {
            out += name.padding(toLength: 15, withPad: " ", startingAt: 0)
            let number = NumberText.fixed(value, digits: 8)
            out += String(repeating: " ", count: max(0, 18 - number.count)) + number
            out += unit.isEmpty ? "\n" : "  " + unit + "\n"
        }
        try Console.out(out)
    }
}
