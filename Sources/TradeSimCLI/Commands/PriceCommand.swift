import TradeSim

/// `tradesim price`: price and Greeks of one European (Black–Scholes–Merton) or American
/// (Andersen–Lake–Offengenden) option, at one volatility or at its strike's IV on a smile.
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

        With any of --slope, --curvature, --x-limit, --floor-fraction, --vol is the at-the-money \
        level and the option is priced at its strike's IV on the smile σ(K) = max(atm + a·x + \
        b·x², f·atm), x = clamp(ln(K/F)/√T, ±L), F = S·e^((r−q)T), f the floor fraction (the \
        study format's skew); \
        the output adds atm_vol, moneyness_x (the clamped x) and volatility_at_strike. The \
        Greeks hold that IV fixed (sticky strike).
        """,
        options: [OptionInputs.type, OptionInputs.spot, OptionInputs.strike, OptionInputs.vol,
                  OptionInputs.rate, OptionInputs.dividend, OptionInputs.years, OptionInputs.exercise]
            + OptionInputs.smileOptions + [OptionInputs.json],
        run: run)

    /// The highest IV a strike may get from the smile: the --vol range's.
    static let maximumVolatility = 10.0

    static func run(_ a: ParsedArguments) throws {
        var inputs = OptionInputs.inputs(a)
        let style = OptionInputs.exerciseStyle(a)
        let smile = try OptionInputs.smile(a)
        var smileKeys: [(String, Double?, String)] = []
        if let smile {
            let atm = inputs.volatility
            let x = smile.scaledMoneyness(spot: inputs.spot, strike: inputs.strike, rate: inputs.rate,
                                          dividendYield: inputs.dividendYield, years: inputs.years)
            let sigma = smile.volatility(atm: atm, spot: inputs.spot, strike: inputs.strike, rate: inputs.rate,
                                         dividendYield: inputs.dividendYield, years: inputs.years)
            guard sigma <= maximumVolatility else {
                throw CLIError.usage("the strike's IV on the smile must be \(NumberRule(max: maximumVolatility).phrase) (the --vol range), "
                    + "got \(sigma.description) = max(atm + a·x + b·x², f·atm) at x = \(x.description) with --vol \(atm.description)",
                    command: a.command.name)
            }
            inputs.volatility = sigma
            smileKeys = [("atm_vol", atm, "--vol, the at-the-money level"),
                         ("moneyness_x", x, "ln(K/F)/√T, clamped to ±x-limit"),
                         ("volatility_at_strike", sigma, "σ(K) = max(atm + a·x + b·x², f·atm), the IV priced")]
        }
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
        keys += smileKeys
        if a.has("json") {
            try Console.out(JSONText.object(keys.map { ($0.0, JSONText.number($0.1)) }) + "\n")
            return
        }
        var rows = keys
        rows.insert(("vega_per_pt", v.vega / 100, "per vol point"), at: 4)
        rows.insert(("theta_per_day", v.theta / 365, "per calendar day (÷365)"), at: 6)
        var out = OptionInputs.describe(inputs, style)
        if let smile {
            out += " atm_vol=\(a.number("vol")!.description)" + OptionInputs.describe(smile) + "\n"
        } else {
            out += " vol=\(inputs.volatility.description)\n"
        }
        let nameWidth = style == .american || smile != nil ? 23 : 15
        for (name, value, unit) in rows {
            out += name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
            let number = value.map { NumberText.fixed($0, digits: 8) } ?? "n/a"
            out += String(repeating: " ", count: max(0, 18 - number.count)) + number
            out += unit.isEmpty ? "\n" : "  " + unit + "\n"
        }
        try Console.out(out)
    }
}
