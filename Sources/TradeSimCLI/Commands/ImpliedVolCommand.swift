import TradeSim

/// `tradesim implied-vol`: the volatility at which Black–Scholes–Merton gives a price, for a
/// European or an American option, and with a smile the at-the-money level that IV implies.
enum ImpliedVolCommand {
    static let spec = CommandSpec(
        name: "implied-vol",
        abstract: "Solve for the Black–Scholes–Merton volatility that gives an option price.",
        discussion: """
        Prints n/a (JSON null) and the reason when no volatility gives the price: it is below \
        the lower bound or at or above the upper bound, or the option has expired. European: \
        the discounted forward intrinsic value to S·e^(−qT) for a call, K·e^(−rT) for a put. \
        American (--exercise american): the value at zero volatility (at least the intrinsic \
        value) to S·max(1, e^(−qT)) for a call, K·max(1, e^(−rT)) for a put. --json adds \
        "reason" (null when a volatility is found).

        With any of --slope, --curvature, --x-limit, --floor-fraction (the smile of `tradesim \
        price`, σ(K) = max(atm + a·x + b·x², f·atm)) it also reports moneyness_x and \
        implied_atm_vol, the ATM level at which the smile gives the quote's IV σ: σ − c above \
        the floor, c = a·x + b·x²; σ/f on it (on_floor true: c < 0 and σ < −f·c/(1 − f), an IV \
        no ATM level puts above the floor). n/a (JSON null) with atm_reason when no volatility \
        was found, or when σ < c (c > 0 is the least the smile gives at that strike).
        """,
        options: [OptionInputs.type,
                  OptionSpec(name: "price", valueName: "P", help: "Option price, ≥ 0.",
                             kind: .number(.nonNegative), required: true),
                  OptionInputs.spot, OptionInputs.strike, OptionInputs.rate, OptionInputs.dividend,
                  OptionInputs.years, OptionInputs.exercise] + OptionInputs.smileOptions + [OptionInputs.json],
        run: run)

    static func run(_ a: ParsedArguments) throws {
        let inputs = OptionInputs.inputs(a)
        let style = OptionInputs.exerciseStyle(a)
        let smile = try OptionInputs.smile(a)
        let price = a.number("price")!
        let vol = style == .american ? AmericanImpliedVolatility.solve(price: price, inputs)
                                     : ImpliedVolatility.solve(price: price, inputs)
        let reason = vol == nil ? (style == .american ? whyNoAmericanVolatility(price: price, inputs)
                                                      : whyNoVolatility(price: price, inputs)) : nil
        let atm = smile.map { SmileATM($0, inputs, vol: vol) }
        if a.has("json") {
            var members = [("vol", JSONText.number(vol)), ("reason", reason.map(JSONText.string) ?? "null")]
            if let atm {
                members += [("moneyness_x", JSONText.number(atm.x)), ("implied_atm_vol", JSONText.number(atm.level?.atm)),
                            ("on_floor", atm.onFloor.map { $0 ? "true" : "false" } ?? "null"),
                            ("atm_reason", atm.reason.map(JSONText.string) ?? "null")]
            }
            try Console.out(JSONText.object(members) + "\n")
        } else {
            var out = OptionInputs.describe(inputs, style) + " price=\(price.description)" + (smile.map(OptionInputs.describe) ?? "") + "\n"
                + "vol  " + (vol.map { $0.description } ?? "n/a: " + (reason ?? "")) + "\n"
            if let atm {
                out += "moneyness_x  \(atm.x.description)\n"
                out += "implied_atm_vol  " + (atm.level?.atm.map { $0.description } ?? "n/a: " + (atm.reason ?? ""))
                out += atm.onFloor == true ? " (on the floor: σ = f·atm, atm = σ/f)\n" : "\n"
            }
            try Console.out(out)
        }
    }

    /// The ATM level a quote's IV implies under a smile (`VolatilitySmile.atmLevel`), at the
    /// option's scaled moneyness x.
    struct SmileATM {
        let x: Double
        let level: VolatilitySmile.ATMLevel?
        let reason: String?

        init(_ smile: VolatilitySmile, _ o: BlackScholesInputs, vol: Double?) {
            let x = smile.scaledMoneyness(spot: o.spot, strike: o.strike, rate: o.rate, dividendYield: o.dividendYield, years: o.years)
            self.x = x
            level = vol.map { smile.atmLevel(volatility: $0, scaledMoneyness: x) }
            switch level {
            case nil:
                reason = "no volatility gives the price (see reason)"
            case let .unreachable(minimum)?:
                reason = "the IV \(vol!.description) is below a·x + b·x² = \(minimum.description) at x = \(x.description), "
                    + "the least the smile gives at this strike whatever the ATM level"
            default:
                reason = nil
            }
        }

        /// True when the IV sits on the smile's floor, false above it; nil without a level.
        var onFloor: Bool? {
            switch level {
            case .floor?: true
            case .quadratic?: false
            default: nil
            }
        }
    }

    static let expired = "the option has expired (--years 0): its price is its intrinsic value whatever the volatility"

    /// Why no volatility gives `price`: expired, or outside the no-arbitrage bounds (with them).
    static func whyNoVolatility(price: Double, _ o: BlackScholesInputs) -> String {
        if o.years == 0 { return expired }
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

    /// Why no volatility gives an American `price`: expired, or outside the bounds (with them).
    static func whyNoAmericanVolatility(price: Double, _ o: BlackScholesInputs) -> String {
        if o.years == 0 { return expired }
        let (lower, upper) = AmericanImpliedVolatility.priceBounds(o)
        let bound = o.type == .call ? "S·max(1, e^(−qT))" : "K·max(1, e^(−rT))"
        if price >= upper {
            return "the price \(price.description) is at or above the upper bound \(NumberText.csv(upper)) (\(bound) for an American \(o.type.rawValue)), "
                + "which only an infinite volatility approaches"
        }
        if price < lower {
            let intrinsic = o.type.intrinsic(spot: o.spot, strike: o.strike)
            return "the price \(price.description) is below the lower bound \(NumberText.csv(lower)) (the American value at zero volatility, "
                + "exercised on the best date; the intrinsic value is \(NumberText.csv(intrinsic)))"
        }
        return "no volatility up to \(NumberText.csv(AmericanImpliedVolatility.maximumVolatility)) reproduces the price"
    }
}
