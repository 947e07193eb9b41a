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
                                help: "Annual volatility as a decimal (0.25 = 25%), 0 to 10; with a smile flag, the at-the-money level.",
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

    // MARK: - The smile (VolatilitySmile)

    static let slope = OptionSpec(name: "slope", valueName: "A",
                                  help: "Smile slope a: vol per unit of x = ln(K/F)/√T (−0.2: puts dearer), -5 to 5.",
                                  kind: .number(NumberRule(min: -5, max: 5)), defaultDescription: "0")
    static let curvature = OptionSpec(name: "curvature", valueName: "B",
                                      help: "Smile curvature b: vol per unit of x² (both wings dearer when > 0), -5 to 5.",
                                      kind: .number(NumberRule(min: -5, max: 5)), defaultDescription: "0")
    static let xLimit = OptionSpec(name: "x-limit", valueName: "L", help: "The |x| beyond which the smile is flat, > 0 and ≤ 10.",
                                   kind: .number(NumberRule(min: 0, minInclusive: false, max: 10)),
                                   defaultDescription: VolatilitySmile.flat.xLimit.description)
    static let floorFraction = OptionSpec(name: "floor-fraction", valueName: "F",
                                          help: "The lowest IV as a fraction of the at-the-money level, > 0 and ≤ 1.",
                                          kind: .number(NumberRule(min: 0, minInclusive: false, max: 1)),
                                          defaultDescription: VolatilitySmile.flat.floorFraction.description)
    /// The smile flags, in the order the usage line shows them.
    static let smileOptions = [slope, curvature, xLimit, floorFraction]

    /// The smile from `--slope`, `--curvature`, `--x-limit` and `--floor-fraction` (each
    /// defaulting to `VolatilitySmile.flat`'s); nil when none is given. The ranges were checked
    /// while parsing (those of the study format's `skew`); a negative curvature must keep the
    /// smile within one vol of the money over |x| ≤ L, b·L² − |a|·L ≥ −1, as the study format
    /// requires.
    static func smile(_ a: ParsedArguments) throws -> VolatilitySmile? {
        guard smileOptions.contains(where: { a.has($0.name) }) else { return nil }
        let flat = VolatilitySmile.flat
        let smile = VolatilitySmile(slope: a.number("slope") ?? 0, curvature: a.number("curvature") ?? 0,
                                    xLimit: a.number("x-limit") ?? flat.xLimit, floorFraction: a.number("floor-fraction") ?? flat.floorFraction)
        if smile.fallsTooFarBelowTheMoney {
            throw CLIError.usage("--curvature must be ≥ 0 or keep the smile within 1 vol of the money for |x| ≤ --x-limit "
                + "(b·L² − |a|·L ≥ −1), got \(MessageText.echo(a.string("curvature")!)): with --slope \(smile.slope.description) "
                + "and --x-limit \(smile.xLimit.description) the smile falls \(NumberText.csv(-smile.lowestOffset)) vol below the money "
                + "at |x| = \(smile.xLimit.description)", command: a.command.name)
        }
        return smile
    }

    /// The smile's parameters for the readable output's first line.
    static func describe(_ smile: VolatilitySmile) -> String {
        " smile: a=\(smile.slope.description) b=\(smile.curvature.description) "
            + "x_limit=\(smile.xLimit.description) floor_fraction=\(smile.floorFraction.description)"
    }

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
