import TradeSim

/// `tradesim implied-vol`: the volatility at which Black–Scholes–Merton gives a price.
enum ImpliedVolCommand {
    static let spec = CommandSpec(
        name: "implied-vol",
        abstract: "Solve for the Black–Scholes–Merton volatility that gives an option price.",
        discussion: """
        Prints n/a (JSON null) when no volatility gives the price: it is below the discounted \
        forward intrinsic value or at or above the upper bound (S·e^(−qT) for a call, K·e^(−rT) \
        for a put), or the option has expired.
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
        if a.has("json") {
            try Console.out("{\"vol\": \(NumberText.json(vol))}\n")
        } else {
            try Console.out(OptionInputs.describe(inputs) + " price=\(price.description)\n"
                + "vol  " + (vol.map { $0.description } ?? "n/a") + "\n")
        }
    }
}
