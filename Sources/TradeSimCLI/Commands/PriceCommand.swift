import TradeSim

/// `tradesim price`: price and Greeks of one European (Black–Scholes–Merton) or American
/// (Andersen–Lake–Offengenden) option.
enum PriceCommand {
    static let spec = CommandSpec(
        name: "price",
        abstract: "Price a European or American option and its Greeks (Black–Scholes–Merton).",
        discussion: """
        Greeks are raw derivatives: vega per 1.00 of volatility, theta per year (−∂V/∂T), rho per \
        1.00 of rate. The table also shows vega per vol point (÷100) and theta per day (÷365). \
        --exercise american prices early exercise (Andersen–Lake–Offengenden; within 1e-6 of \
        QuantLib's converged prices on the README's test grid) and adds early_exercise_premium (American − \
        European) and critical_spot (the spot at or beyond which exercising now is optimal; \
        n/a, JSON null, when it never is).
        """,
        options: [OptionInputs.type, OptionInputs.spot, OptionInputs.strike, OptionInputs.vol,
                  OptionInputs.rate, OptionInputs.dividend, OptionInputs.years, OptionInputs.exercise,
                  OptionInputs.json],
        run: run)

    static func run(_ a: ParsedArguments) throws {
        let inputs = OptionInputs.inputs(a)
        let style = OptionInputs.exerciseStyle(a)
        let v = style == .american ? AmericanOption.valuation(inputs) : BlackScholes.valuation(inputs)
        var keys: [(String, Double?, String)] = [
            ("price", v.price, ""),
            ("delta", v.delta, "∂V/∂S"),
            ("gamma", v.gamma, "∂²V/∂S²"),
            ("vega", v.vega, "per 1.00 of vol"),
            ("theta", v.theta, "per year"),
            ("rho", v.rho, "per 1.00 of rate"),
            ("dividend_rho", v.dividendRho, "per 1.00 of dividend yield"),
        ]
        if style == .american {
            keys.append(("early_exercise_premium", v.price - BlackScholes.price(inputs), "American − European"))
            keys.append(("critical_spot", AmericanOption.criticalSpot(inputs),
                         inputs.type == .put ? "exercise now at or below" : "exercise now at or above"))
        }
        if a.has("json") {
            try Console.out(JSONText.object(keys.map { ($0.0, JSONText.number($0.1)) }) + "\n")
            return
        }
        var rows = keys
        rows.insert(("vega_per_pt", v.vega / 100, "per vol point"), at: 4)
        rows.insert(("theta_per_day", v.theta / 365, "per calendar day (÷365)"), at: 6)
        var out = OptionInputs.describe(inputs, style) + " vol=\(inputs.volatility.description)\n"
        let nameWidth = style == .american ? 23 : 15
        for (name, value, unit) in rows {
            out += name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
            let number = value.map { NumberText.fixed($0, digits: 8) } ?? "n/a"
            out += String(repeating: " ", count: max(0, 18 - number.count)) + number
            out += unit.isEmpty ? "\n" : "  " + unit + "\n"
        }
        try Console.out(out)
    }
}
