import TradeSim

/// `tradesim implied-vol`: the volatility at which Black–Scholes–Merton gives a price.
enum ImpliedVolCommand {
    static let spec = CommandSpec(
        name: "implied-vol",
        abstract: "Solve for the Black–Scholes–Merton volatility that gives an option price.",
        discussion: """
        Prints n/a (JSON null) and the reason when no volatility gives the price: it is below \
        the discounted forward intrinsic value or at or above the upper bound (S·e^(−qT) for a \
        call, K·e^(−rT) for a put), or the option has expired. --json adds "reason" (null when \
        a volatility is found).
        """,
        options: [OptionInputs.type,
                  OptionSpec(name: "price", valueName: "P", help: "Option price, ≥ 0.",
                             kind: .number(.nonNegative), required: true),
                  OptionInputs.spot, OptionInputs.strike, OptionInputs.rate, OptionInputs.dividend,
                  OptionInputs.years, OptionInputs.json],
        run: run)

    static func run(_ a: ParsedArguments) throws {
        let inputs = OptionInputs.inputs(a)
        let price = a.number("price")!
        let vol = ImpliedVolatility.solve(price: price, inputs)
        let reason = vol == nil ? whyNoVolatility(price: price, inputs) : nil
        if a.has("json") {
            try Console.out(JSONText.object(["vol": JSONText.number(vol), "reason": reason.map(JSONText.string) ?? "null"]) + "\n")
        } else {
            try Console.out(OptionInputs.describe(inputs) + " price=\(price.description)\n"
                + "vol  " + (vol.map { $0.description } ?? "n/a: " + (reason ?? "")) + "\n")
        }
    }

    /// Why no volatility gives `price`: expired, or outside the no-arbitrage bounds (with them).
    static func whyNoVolatility(price: Double, _ o: BlackScholesInputs) -> String {
        if o.years == 0 { return "the option has expired (--years 0): its price is its intrinsic value whatever the volatility" }
        let (lower, upper) = ImpliedVolatility.priceBounds(o)
        let bound = o.type == .call ? "S·e^(−qT)" : "K·e^(−rT)"
        if price >= upper {
            return "the price \(price.description) is at or above the upper bound \(NumberText.csv(upper)) (\(bound) for a \(o.type.rawValue)), "
                + "which only an infinite volatility approaches"
        }
        if price < lower {
            return "the price \(price.description) is below the lower bound \(NumberText.csv(lower)) (the discounted intrinsic value "
                + "e^(−rT)·max(\(o.type == .call ? "F − K" : "K − F"), 0), F = S·e^((r−q)T)), the price at zero volatility"
        }
        return "no volatility reproduces the price to double precision"
    }
}
