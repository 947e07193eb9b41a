import TradeSim

/// The option-description flags shared by `price` and `implied-vol`.
enum OptionInputs {
    static let type = OptionSpec(name: "type", valueName: "call|put", help: "Option type.",
                                 kind: .choice(["call", "put"]), required: true)
    static let spot = OptionSpec(name: "spot", valueName: "S", help: "Underlying price, > 0.",
                                 kind: .number(.positive), required: true)
    static let strike = OptionSpec(name: "strike", valueName: "K", help: "Strike price, > 0.",
                                   kind: .number(.positive), required: true)
    static let vol = OptionSpec(name: "vol", valueName: "V",
                                help: "Annual volatility as a decimal (0.25 = 25%), 0 to 10.",
                                kind: .number(NumberRule(min: 0, max: 10)), required: true)
    static let rate = OptionSpec(name: "rate", valueName: "R",
                                 help: "Continuously compounded annual risk-free rate (0.04 = 4%), -1 to 1.",
                                 kind: .number(NumberRule(min: -1, max: 1)), required: true)
    static let dividend = OptionSpec(name: "dividend", valueName: "Q",
                                     help: "Continuous annual dividend yield, -1 to 1.",
                                     kind: .number(NumberRule(min: -1, max: 1)), defaultDescription: "0")
    static let years = OptionSpec(name: "years", valueName: "T",
                                  help: "Time to expiry in years (63 trading days = 0.25), 0 to 100.",
                                  kind: .number(NumberRule(min: 0, max: 100)), required: true)
    static let exercise = OptionSpec(name: "exercise", valueName: "european|american",
                                     help: "Exercise style: european (at expiry only) or american (any day to expiry).",
                                     kind: .choice(["european", "american"]), defaultDescription: "european")
    static let json = OptionSpec(name: "json", valueName: "", help: "Print one JSON object instead of a table.",
                                 kind: .flag)

    /// The valuation inputs from parsed flags (validated by the parser), with `volatility`
    /// from `--vol` when present.
    static func inputs(_ a: ParsedArguments) -> BlackScholesInputs {
        BlackScholesInputs(
            type: a.string("type") == "put" ? .put : .call,
            spot: a.number("spot")!, strike: a.number("strike")!,
            volatility: a.number("vol") ?? 0, rate: a.number("rate")!,
            dividendYield: a.number("dividend") ?? 0, years: a.number("years")!)
    }

    /// The exercise style from `--exercise` (European when absent).
    static func exerciseStyle(_ a: ParsedArguments) -> ExerciseStyle {
        a.string("exercise") == "american" ? .american : .european
    }

    /// A one-line description of the option for the readable output.
    static func describe(_ o: BlackScholesInputs, _ style: ExerciseStyle = .european) -> String {
        "\(style == .american ? "American" : "European") \(o.type.rawValue): S=\(o.spot.description) K=\(o.strike.description) "
            + "r=\(o.rate.description) q=\(o.dividendYield.description) T=\(o.years.description)y"
    }
}
