import Foundation
import Testing

/// `tradesim price` and `implied-vol` with the smile flags (--slope, --curvature, --x-limit,
/// --floor-fraction). Reference numbers from plain Python (math.log, math.erf for Φ), the smile
/// written out independently:
///
///     x = clamp(log(K/(S·exp((r−q)T)))/sqrt(T), −L, L);  σ = max(atm + a·x + b·x², f·atm)
///     put = K·e^(−rT)·Φ(−d2) − S·e^(−qT)·Φ(−d1),  call = S·e^(−qT)·Φ(d1) − K·e^(−rT)·Φ(d2)
@Suite("tradesim price / implied-vol with a smile")
struct PricingSmileCommandTests {
    /// S = 100, K = 90, r = 3%, q = 1%, T = 0.5.
    static let put = ["--type", "put", "--spot", "100", "--strike", "90", "--rate", "0.03", "--dividend", "0.01", "--years", "0.5"]
    static let skew = ["--slope", "-0.2", "--curvature", "0.05"]

    static func json(_ arguments: [String]) throws -> [String: Double?] {
        let r = try TradeSimBinary.run(arguments + ["--json"])
        #expect(r.exitCode == 0, "\(arguments): \(r.stderr)")
        return TradeSimBinary.jsonNumbers(r.stdout)
    }

    static func value(_ json: [String: Double?], _ key: String) -> Double { (json[key] ?? nil) ?? .nan }

    /// Every key of a one-object JSON output, null-valued ones included.
    static func keys(_ text: String) -> Set<String> {
        let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        return Set(object?.keys.map { $0 } ?? [])
    }

    /// A member's value as printed: the text after `"key": ` up to the next comma or brace.
    static func printed(_ text: String, _ key: String) -> String {
        guard let start = text.range(of: "\"\(key)\": ") else { return "" }
        return String(text[start.upperBound...].prefix { $0 != "," && $0 != "}" })
    }

    // MARK: - Without smile flags: the output before the smile (commit 00c73be)

    /// The table and JSON of `price` (European and American) and `implied-vol`, as the binary
    /// printed them before the smile flags existed.
    @Test func withoutSmileFlagsTheOutputIsUnchanged() throws {
        let price = ["price"] + Self.put + ["--vol", "0.3"]
        #expect(try TradeSimBinary.run(price).stdout == """
            European put: S=100.0 K=90.0 r=0.03 q=0.01 T=0.5y vol=0.3
            price                  3.66751192
            delta                 -0.25659844  ∂V/∂S
            gamma                  0.01515030  ∂²V/∂S²
            vega                  22.72545356  per 1.00 of vol
            vega_per_pt            0.22725454  per vol point
            theta                 -6.19441384  per year
            theta_per_day         -0.01697100  per calendar day (÷365)
            rho                  -14.66367780  per 1.00 of rate
            dividend_rho          12.82992184  per 1.00 of dividend yield

            """)
        #expect(try TradeSimBinary.run(price + ["--json"]).stdout == #"{"price": 3.667511915450387, "delta": -0.25659843685247036, "gamma": 0.015150302370445887, "vega": 22.72545355566883, "theta": -6.194413835532196, "rho": -14.663677800348712, "dividend_rho": 12.829921842623518}"# + "\n")
        #expect(try TradeSimBinary.run(price + ["--exercise", "american"]).stdout == """
            American put: S=100.0 K=90.0 r=0.03 q=0.01 T=0.5y vol=0.3
            price                          3.69869553
            delta                         -0.25947654  ∂V/∂S
            gamma                          0.01540382  ∂²V/∂S²
            vega                          22.83670494  per 1.00 of vol
            vega_per_pt                    0.22836705  per vol point
            theta                         -6.30180677  per year
            theta_per_day                 -0.01726522  per calendar day (÷365)
            rho                          -12.98820839  per 1.00 of rate
            dividend_rho                  11.50438475  per 1.00 of dividend yield
            early_exercise_premium         0.03118361  American − European
            critical_spot                 61.77511285  exercise now at or below

            """)
        #expect(try TradeSimBinary.run(price + ["--exercise", "american", "--json"]).stdout == #"{"price": 3.698695529663811, "delta": -0.25947654059880676, "gamma": 0.015403823824043454, "vega": 22.836704944917408, "theta": -6.301806773732027, "rho": -12.988208392261667, "dividend_rho": 11.504384753435735, "early_exercise_premium": 0.031183614213424082, "critical_spot": 61.775112848954045}"# + "\n")
        let iv = ["implied-vol", "--price", "3"] + Self.put
        #expect(try TradeSimBinary.run(iv).stdout == "European put: S=100.0 K=90.0 r=0.03 q=0.01 T=0.5y price=3.0\nvol  0.27016100370896184\n")
        #expect(try TradeSimBinary.run(iv + ["--json"]).stdout == #"{"vol": 0.27016100370896184, "reason": null}"# + "\n")
    }

    // MARK: - price

    /// atm 0.3, a = −0.2, b = 0.05 (Python: x = −0.16314440580565148, σ(K) = 0.3339596860184142,
    /// put = 4.450459682967146). Every value is the flat price's at --vol σ(K).
    @Test func priceAtTheStrikesIV() throws {
        let smile = try Self.json(["price"] + Self.put + ["--vol", "0.3"] + Self.skew)
        #expect(Set(smile.keys) == ["price", "delta", "gamma", "vega", "theta", "rho", "dividend_rho",
                                    "atm_vol", "moneyness_x", "volatility_at_strike"])
        #expect(Self.value(smile, "atm_vol") == 0.3)
        #expect(abs(Self.value(smile, "moneyness_x") - -0.16314440580565148) < 1e-15)
        #expect(abs(Self.value(smile, "volatility_at_strike") - 0.3339596860184142) < 1e-15)
        #expect(abs(Self.value(smile, "price") - 4.450459682967146) < 1e-12)
        let flat = try Self.json(["price"] + Self.put + ["--vol", "0.3339596860184142"])
        for key in ["price", "delta", "gamma", "vega", "theta", "rho", "dividend_rho"] {
            #expect(abs(Self.value(smile, key) - Self.value(flat, key)) <= 1e-12 * max(1, abs(Self.value(flat, key))), "\(key)")
        }
        let table = try TradeSimBinary.run(["price"] + Self.put + ["--vol", "0.3"] + Self.skew)
        #expect(table.stdout.hasPrefix("European put: S=100.0 K=90.0 r=0.03 q=0.01 T=0.5y atm_vol=0.3 smile: a=-0.2 b=0.05 x_limit=2.5 floor_fraction=0.25\n"
            + "price                          4.45045968\n"))
        #expect(table.stdout.hasSuffix("""
            atm_vol                        0.30000000  --vol, the at-the-money level
            moneyness_x                   -0.16314441  ln(K/F)/√T, clamped to ±x-limit
            volatility_at_strike           0.33395969  σ(K) = max(atm + a·x + b·x², f·atm), the IV priced

            """))
    }

    /// `--exercise american` prices at the same σ(K): the American keys plus the smile's, each
    /// equal to the flat American price's at --vol 0.3339596860184142.
    @Test func americanPriceAtTheStrikesIV() throws {
        let smile = try Self.json(["price"] + Self.put + ["--vol", "0.3", "--exercise", "american"] + Self.skew)
        #expect(Set(smile.keys) == ["price", "delta", "gamma", "vega", "theta", "rho", "dividend_rho", "early_exercise_premium",
                                    "critical_spot", "atm_vol", "moneyness_x", "volatility_at_strike"])
        #expect(abs(Self.value(smile, "volatility_at_strike") - 0.3339596860184142) < 1e-15)
        let flat = try Self.json(["price"] + Self.put + ["--vol", "0.3339596860184142", "--exercise", "american"])
        for key in ["price", "delta", "gamma", "vega", "theta", "rho", "dividend_rho", "early_exercise_premium", "critical_spot"] {
            #expect(abs(Self.value(smile, key) - Self.value(flat, key)) <= 1e-9 * max(1, abs(Self.value(flat, key))), "\(key)")
        }
        // Early exercise is worth something here, and the skew makes the put dearer than at the ATM vol.
        #expect(Self.value(smile, "early_exercise_premium") > 0)
        #expect(Self.value(smile, "price") > Self.value(try Self.json(["price"] + Self.put + ["--vol", "0.3", "--exercise", "american"]), "price"))
    }

    /// K = 40, T = 0.1: ln(K/F)/√T = −2.90 is clamped to −2.5, σ = 0.3 + 0.5 + 0.3125 = 1.1125
    /// (Python put: 0.03105588923421959).
    @Test func farStrikeReadsTheClampedX() throws {
        let args = ["price", "--type", "put", "--spot", "100", "--strike", "40", "--vol", "0.3", "--rate", "0.03",
                    "--dividend", "0.01", "--years", "0.1"] + Self.skew
        let r = try Self.json(args)
        #expect(Self.value(r, "moneyness_x") == -2.5)
        #expect(abs(Self.value(r, "volatility_at_strike") - 1.1125) < 1e-15)
        #expect(abs(Self.value(r, "price") - 0.03105588923421959) < 1e-14)
    }

    /// a = −1, f = 0.5, the 3-month 110 call (r = q = 0): x = 0.19062035960864987, atm 0.3 − 0.1906
    /// is below the floor 0.15, so σ(K) = 0.15 (Python call: 0.3807562618379219).
    @Test func priceOnTheFloor() throws {
        let r = try Self.json(["price", "--type", "call", "--spot", "100", "--strike", "110", "--vol", "0.3", "--rate", "0",
                               "--years", "0.25", "--slope", "-1", "--floor-fraction", "0.5"])
        #expect(abs(Self.value(r, "moneyness_x") - 0.19062035960864987) < 1e-15)
        #expect(Self.value(r, "volatility_at_strike") == 0.15)
        #expect(abs(Self.value(r, "price") - 0.3807562618379219) < 1e-13)
    }

    /// A flag at its default still turns the smile on: the keys appear, σ(K) = atm.
    @Test func anySmileFlagAddsTheKeys() throws {
        let r = try Self.json(["price"] + Self.put + ["--vol", "0.3", "--x-limit", "2.5"])
        #expect(Self.value(r, "volatility_at_strike") == 0.3)
        #expect(abs(Self.value(r, "price") - 3.667511915450387) < 1e-15)
    }

    // MARK: - implied-vol

    /// The Python put price 4.450459682967146 back through implied-vol with the skew: the IV
    /// 0.3339596860184142 and the ATM level 0.3, above the floor.
    @Test func impliedATMRoundTrip() throws {
        let args = ["implied-vol", "--price", "4.450459682967146"] + Self.put + Self.skew
        let r = try TradeSimBinary.run(args + ["--json"])
        #expect(r.exitCode == 0)
        #expect(r.stdout.hasSuffix(#", "on_floor": false, "atm_reason": null}"# + "\n"))
        #expect(Self.keys(r.stdout) == ["vol", "reason", "moneyness_x", "implied_atm_vol", "on_floor", "atm_reason"])
        let json = TradeSimBinary.jsonNumbers(r.stdout)
        #expect(abs(Self.value(json, "vol") - 0.3339596860184142) < 1e-9)
        #expect(abs(Self.value(json, "moneyness_x") - -0.16314440580565148) < 1e-15)
        #expect(abs(Self.value(json, "implied_atm_vol") - 0.3) < 1e-9)
        let text = try TradeSimBinary.run(args)
        let lines = text.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines.first == "European put: S=100.0 K=90.0 r=0.03 q=0.01 T=0.5y price=4.450459682967146 smile: a=-0.2 b=0.05 x_limit=2.5 floor_fraction=0.25")
        #expect(lines.dropFirst().map { $0.prefix { $0 != " " } } == ["vol", "moneyness_x", "implied_atm_vol"])
        #expect(abs((Double(lines[3].dropFirst("implied_atm_vol  ".count)) ?? .nan) - 0.3) < 1e-9)
    }

    /// The floor case's Python price 0.3807562618379219: IV 0.15, below −f·c/(1 − f) = 0.1906, so
    /// the ATM level is 0.15/0.5 = 0.3, and the output says the IV is on the floor.
    @Test func impliedATMOnTheFloor() throws {
        let args = ["implied-vol", "--type", "call", "--price", "0.3807562618379219", "--spot", "100", "--strike", "110",
                    "--rate", "0", "--years", "0.25", "--slope", "-1", "--floor-fraction", "0.5"]
        let r = try TradeSimBinary.run(args + ["--json"])
        #expect(r.stdout.hasSuffix(#", "on_floor": true, "atm_reason": null}"# + "\n"))
        let json = TradeSimBinary.jsonNumbers(r.stdout)
        #expect(abs(Self.value(json, "vol") - 0.15) < 1e-9)
        #expect(abs(Self.value(json, "implied_atm_vol") - 0.3) < 2e-9)
        let text = try TradeSimBinary.run(args)
        #expect(text.stdout.hasSuffix(" (on the floor: σ = f·atm, atm = σ/f)\n"))
    }

    /// a = −1 on the 3-month 90 put (r = q = 0): x = −0.21072103131565256 and c = 0.21072103131565256,
    /// the least the smile gives there; the Python price at σ = 0.15, 0.2580201171642136, has an IV
    /// below it and so no ATM level.
    @Test func impliedATMUnreachable() throws {
        let args = ["implied-vol", "--type", "put", "--price", "0.2580201171642136", "--spot", "100", "--strike", "90",
                    "--rate", "0", "--years", "0.25", "--slope", "-1"]
        let r = try TradeSimBinary.run(args + ["--json"])
        #expect(r.exitCode == 0)
        let vol = Self.printed(r.stdout, "vol")
        #expect(abs((Double(vol) ?? .nan) - 0.15) < 1e-9)
        let reason = "the IV \(vol) is below a·x + b·x² = 0.21072103131565256 at x = -0.21072103131565256, "
            + "the least the smile gives at this strike whatever the ATM level"
        let tail = #", "moneyness_x": -0.21072103131565256, "implied_atm_vol": null, "on_floor": null, "atm_reason": "#
        #expect(r.stdout.hasSuffix(tail + "\"" + reason + "\"}\n"))
        let text = try TradeSimBinary.run(args)
        #expect(text.stdout.hasSuffix("\nimplied_atm_vol  n/a: " + reason + "\n"))
    }

    /// No IV, no ATM level: the quote above the upper bound K·e^(−rT).
    @Test func impliedATMWithoutAVolatility() throws {
        let r = try TradeSimBinary.run(["implied-vol", "--price", "95"] + Self.put + Self.skew + ["--json"])
        #expect(r.stdout.hasPrefix(#"{"vol": null, "reason": "the price 95.0 is at or above the upper bound"#))
        #expect(r.stdout.hasSuffix(#", "moneyness_x": -0.1631444058056517, "implied_atm_vol": null, "on_floor": null, "atm_reason": "no volatility gives the price (see reason)"}"# + "\n"))
    }

    /// `--exercise american`: the smile's American price back to its ATM level.
    @Test func americanImpliedATMRoundTrip() throws {
        let priced = try Self.json(["price"] + Self.put + ["--vol", "0.3", "--exercise", "american"] + Self.skew)
        let json = try Self.json(["implied-vol", "--price", Self.value(priced, "price").description, "--exercise", "american"] + Self.put + Self.skew)
        #expect(abs(Self.value(json, "vol") - 0.3339596860184142) < 1e-8)
        #expect(abs(Self.value(json, "implied_atm_vol") - 0.3) < 1e-8)
    }

    // MARK: - Bad smiles

    static let priceUsage = "Usage: tradesim price --type <call|put> --spot <S> --strike <K> --vol <V> --rate <R> [--dividend <Q>] --years <T> [--exercise <european|american>] [--slope <A>] [--curvature <B>] [--x-limit <L>] [--floor-fraction <F>] [--json]\n  See 'tradesim price --help'.\n"
    static let impliedVolUsage = "Usage: tradesim implied-vol --type <call|put> --price <P> --spot <S> --strike <K> --rate <R> [--dividend <Q>] --years <T> [--exercise <european|american>] [--slope <A>] [--curvature <B>] [--x-limit <L>] [--floor-fraction <F>] [--json]\n  See 'tradesim implied-vol --help'.\n"

    /// Out of the study format's ranges, NaN, a negative curvature that falls more than one vol
    /// below the money within the limit (−0.5·2.5² − 0.2·2.5 = −3.625), and a strike IV above the
    /// --vol range (K = 50, T = 0.25, b = 5, L = 10: Python x = −1.3862943611198906,
    /// σ = 9 + 5·x² = 18.609060278364026): exit 64 with the usage line.
    @Test(arguments: [
        (["--slope", "6"], "--slope must be a number ≥ -5 and ≤ 5, got '6'"),
        (["--slope", "nan"], "--slope must be a number ≥ -5 and ≤ 5, got 'nan'"),
        (["--curvature", "-5.5"], "--curvature must be a number ≥ -5 and ≤ 5, got '-5.5'"),
        (["--curvature", "inf"], "--curvature must be a number ≥ -5 and ≤ 5, got 'inf'"),
        (["--x-limit", "0"], "--x-limit must be a number > 0 and ≤ 10, got '0'"),
        (["--x-limit", "10.5"], "--x-limit must be a number > 0 and ≤ 10, got '10.5'"),
        (["--floor-fraction", "0"], "--floor-fraction must be a number > 0 and ≤ 1, got '0'"),
        (["--floor-fraction", "1.5"], "--floor-fraction must be a number > 0 and ≤ 1, got '1.5'"),
        (["--floor-fraction", "NaN"], "--floor-fraction must be a number > 0 and ≤ 1, got 'NaN'"),
        (["--slope", "-0.2", "--curvature", "-0.5"],
         "--curvature must be ≥ 0 or keep the smile within 1 vol of the money for |x| ≤ --x-limit (b·L² − |a|·L ≥ −1), got '-0.5': "
            + "with --slope -0.2 and --x-limit 2.5 the smile falls 3.625 vol below the money at |x| = 2.5"),
        (["--curvature", "-0.5", "--x-limit", "2"],
         "--curvature must be ≥ 0 or keep the smile within 1 vol of the money for |x| ≤ --x-limit (b·L² − |a|·L ≥ −1), got '-0.5': "
            + "with --slope 0.0 and --x-limit 2.0 the smile falls 2.0 vol below the money at |x| = 2.0"),
        (["--strike", "50", "--vol", "9", "--curvature", "5", "--x-limit", "10"],
         "the strike's IV on the smile must be a number ≤ 10 (the --vol range), got 18.609060278364026 = max(atm + a·x + b·x², f·atm) "
            + "at x = -1.3862943611198906 with --vol 9.0"),
    ])
    func priceRejects(_ flags: [String], _ message: String) throws {
        let base = ["--type", "put", "--spot", "100", "--rate", "0", "--years", "0.25"]
        let args = base + (flags.contains("--strike") ? [] : ["--strike", "90", "--vol", "0.3"]) + flags
        let r = try TradeSimBinary.run(["price"] + args)
        #expect(r.exitCode == 64)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr == "Error: \(message)\n" + Self.priceUsage)
    }

    /// The limit is b·L² − |a|·L ≥ −1 exactly: −1·1² − 0 = −1 is allowed, as is −0.5 within |x| ≤ 1.
    @Test func negativeCurvatureWithinOneVolIsAllowed() throws {
        for flags in [["--curvature", "-1", "--x-limit", "1"], ["--curvature", "-0.5", "--slope", "-0.2", "--x-limit", "1"]] {
            let r = try TradeSimBinary.run(["price"] + Self.put + ["--vol", "0.3"] + flags)
            #expect(r.exitCode == 0, "\(flags): \(r.stderr)")
        }
    }

    @Test func impliedVolRejectsTheSameSmiles() throws {
        let r = try TradeSimBinary.run(["implied-vol", "--price", "3"] + Self.put + ["--curvature", "-1"])
        #expect(r.exitCode == 64)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr == "Error: --curvature must be ≥ 0 or keep the smile within 1 vol of the money for |x| ≤ --x-limit "
            + "(b·L² − |a|·L ≥ −1), got '-1': with --slope 0.0 and --x-limit 2.5 the smile falls 6.25 vol below the money at |x| = 2.5\n"
            + Self.impliedVolUsage)
        let range = try TradeSimBinary.run(["implied-vol", "--price", "3"] + Self.put + ["--x-limit", "-1"])
        #expect(range.exitCode == 64)
        #expect(range.stderr == "Error: --x-limit must be a number > 0 and ≤ 10, got '-1'\n" + Self.impliedVolUsage)
    }
}
