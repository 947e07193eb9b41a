import Foundation
import Testing

@Suite("tradesim price / implied-vol")
struct PricingCommandTests {
    /// Hull's S = 42, K = 40, r = 10%, σ = 20%, T = 0.5: call 4.76 through the binary.
    @Test func priceJSONHasTheDocumentedKeys() throws {
        let r = try TradeSimBinary.run(["price", "--type", "call", "--spot", "42", "--strike", "40", "--vol", "0.2",
                                        "--rate", "0.1", "--dividend", "0", "--years", "0.5", "--json"])
        #expect(r.exitCode == 0)
        #expect(r.stderr.isEmpty)
        let json = TradeSimBinary.jsonNumbers(r.stdout)
        #expect(Set(json.keys) == ["price", "delta", "gamma", "vega", "theta", "rho", "dividend_rho"])
        #expect(abs((json["price"] ?? nil)! - 4.76) < 0.005)
    }

    /// A sample of the QuantLib grid (every 10th row) through `tradesim price --json` and back
    /// through `tradesim implied-vol --json`: price to 1e-9 relative (1e-12·spot floor), Greeks
    /// to 1e-7, σ to 1e-9 where QuantLib's price resolves it.
    @Test func quantLibGridThroughTheBinary() throws {
        let url = TradeSimBinary.packageRoot.appendingPathComponent("Tests/TradeSimTests/Fixtures/quantlib_bsm_grid.csv")
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",").map(String.init)
        var checked = 0
        for (i, line) in lines.dropFirst().enumerated() where i % 10 == 0 {
            let cells = line.split(separator: ",").map(String.init)
            var row: [String: String] = [:]
            for (k, h) in header.enumerated() { row[h] = cells[k] }
            let common = ["--type", row["type"]!, "--spot", row["spot"]!, "--strike", row["strike"]!,
                          "--rate", row["rate"]!, "--dividend", row["dividend"]!, "--years", row["years"]!, "--json"]
            let r = try TradeSimBinary.run(["price", "--vol", row["vol"]!] + common)
            #expect(r.exitCode == 0)
            let json = TradeSimBinary.jsonNumbers(r.stdout)
            let spot = Double(row["spot"]!)!
            for (key, floor) in [("price", 1e-3 * spot), ("delta", 1e-3), ("gamma", 1e-3), ("vega", 1e-3),
                                 ("theta", 1e-3), ("rho", 1e-3), ("dividend_rho", 1e-3)] {
                let expected = Double(row[key]!)!
                let got = (json[key] ?? nil) ?? .nan
                let tolerance = key == "price" ? 1e-9 : 1e-7
                #expect(abs(got - expected) / max(abs(expected), floor) <= tolerance, "\(key) \(line): \(got)")
            }
            let vega = Double(row["vega"]!)!
            if 1e-15 * spot / vega < 1e-10 {
                let iv = try TradeSimBinary.run(["implied-vol", "--price", row["price"]!] + common)
                let vol = (TradeSimBinary.jsonNumbers(iv.stdout)["vol"] ?? nil) ?? .nan
                #expect(abs(vol - Double(row["vol"]!)!) <= 1e-9, "implied vol \(line): \(vol)")
            }
            checked += 1
        }
        #expect(checked >= 90)
    }

    @Test func impliedVolOutsideBoundsIsNullOrNA() throws {
        let args = ["--type", "call", "--spot", "100", "--strike", "100", "--rate", "0.05", "--years", "1"]
        let json = try TradeSimBinary.run(["implied-vol", "--price", "150"] + args + ["--json"])
        #expect(json.exitCode == 0)
        #expect(json.stdout == "{\"vol\": null, \"reason\": \"the price 150.0 is at or above the upper bound 100.0 (S·e^(−qT) for a call), which only an infinite volatility approaches\"}\n")
        let text = try TradeSimBinary.run(["implied-vol", "--price", "150"] + args)
        #expect(text.stdout.hasSuffix("vol  n/a: the price 150.0 is at or above the upper bound 100.0 (S·e^(−qT) for a call), which only an infinite volatility approaches\n"))
        // Below the discounted intrinsic value: S − K·e^(−rT) = 100 − 95·e^(−0.05) = 9.6330…
        let low = try TradeSimBinary.run(["implied-vol", "--price", "5", "--type", "call", "--spot", "100", "--strike", "95", "--rate", "0.05", "--years", "1"])
        #expect(low.stdout.hasSuffix("vol  n/a: the price 5.0 is below the lower bound 9.633046 (the discounted intrinsic value e^(−rT)·max(F − K, 0), F = S·e^((r−q)T)), the price at zero volatility\n".replacingOccurrences(of: "9.633046", with: (100 - 95 * exp(-0.05)).description)))
        let expired = try TradeSimBinary.run(["implied-vol", "--price", "5", "--type", "put", "--spot", "100", "--strike", "95", "--rate", "0.05", "--years", "0", "--json"])
        #expect(expired.stdout == "{\"vol\": null, \"reason\": \"the option has expired (--years 0): its price is its intrinsic value whatever the volatility\"}\n")
        let solved = try TradeSimBinary.run(["implied-vol", "--price", "10.450583572185565"] + args + ["--json"])
        #expect(solved.stdout.hasSuffix(", \"reason\": null}\n"))
    }

    // MARK: - American exercise

    static let americanPut = ["--type", "put", "--spot", "95", "--strike", "100", "--vol", "0.25", "--rate", "0.04",
                              "--dividend", "-0.03", "--years", "1"]

    /// `--exercise american`: the European keys plus early_exercise_premium and critical_spot;
    /// the price of QuantLib's reference (quantlib_american_regimes.csv, the put S = 95, K = 100,
    /// σ = 0.25, r = 4%, q = −3%, one year) within 1e-6 relative.
    @Test func americanPriceJSON() throws {
        let r = try TradeSimBinary.run(["price"] + Self.americanPut + ["--exercise", "american", "--json"])
        #expect(r.exitCode == 0)
        #expect(r.stderr.isEmpty)
        let json = TradeSimBinary.jsonNumbers(r.stdout)
        #expect(Set(json.keys) == ["price", "delta", "gamma", "vega", "theta", "rho", "dividend_rho",
                                   "early_exercise_premium", "critical_spot"])
        let price = (json["price"] ?? nil) ?? .nan
        #expect(abs(price - 9.735319763378358) <= 1e-6 * 9.735319763378358, "\(price)")
        let european = try TradeSimBinary.run(["price"] + Self.americanPut + ["--json"])
        let europeanPrice = (TradeSimBinary.jsonNumbers(european.stdout)["price"] ?? nil) ?? .nan
        #expect(abs(((json["early_exercise_premium"] ?? nil) ?? .nan) - (price - europeanPrice)) <= 1e-12 * price)
        let critical = (json["critical_spot"] ?? nil) ?? .nan
        #expect(critical > 0 && critical < 95)
        // The European default is unchanged by the new flag.
        let explicit = try TradeSimBinary.run(["price"] + Self.americanPut + ["--exercise", "european", "--json"])
        #expect(explicit.stdout == european.stdout)
    }

    /// A call with no dividend yield and r ≥ 0 is never exercised early: the American price is the
    /// European one, the premium 0 and critical_spot null.
    @Test func americanCallWithoutDividendIsEuropean() throws {
        let args = ["--type", "call", "--spot", "42", "--strike", "40", "--vol", "0.2", "--rate", "0.1", "--years", "0.5", "--json"]
        let american = try TradeSimBinary.run(["price"] + args + ["--exercise", "american"])
        let european = try TradeSimBinary.run(["price"] + args)
        #expect(american.stdout.hasPrefix(String(european.stdout.dropLast(2))))
        #expect(american.stdout.hasSuffix(", \"early_exercise_premium\": 0, \"critical_spot\": null}\n"))
    }

    /// `implied-vol --exercise american` inverts `price --exercise american`, and names the bound
    /// a price outside the range breaks.
    @Test func americanImpliedVolRoundTripAndBounds() throws {
        let common = ["--type", "put", "--spot", "90", "--strike", "100", "--rate", "0.05", "--dividend", "0.02", "--years", "0.5"]
        for vol in ["0.15", "0.35", "0.7"] {
            let priced = try TradeSimBinary.run(["price", "--vol", vol, "--exercise", "american", "--json"] + common)
            let price = (TradeSimBinary.jsonNumbers(priced.stdout)["price"] ?? nil) ?? .nan
            let solved = try TradeSimBinary.run(["implied-vol", "--price", price.description, "--exercise", "american", "--json"] + common)
            let got = (TradeSimBinary.jsonNumbers(solved.stdout)["vol"] ?? nil) ?? .nan
            #expect(abs(got - Double(vol)!) <= 1e-9, "vol \(vol): \(got)")
        }
        // Below the value at zero volatility (here the intrinsic value 10: exercise now).
        let low = try TradeSimBinary.run(["implied-vol", "--price", "9.5", "--exercise", "american"] + common)
        #expect(low.exitCode == 0)
        #expect(low.stdout == "American put: S=90.0 K=100.0 r=0.05 q=0.02 T=0.5y price=9.5\n"
            + "vol  n/a: the price 9.5 is below the lower bound 10.0 (the American value at zero volatility, exercised on the best date; the intrinsic value is 10.0)\n")
        // At the σ → ∞ bound K·max(1, e^(−rT)) = 100.
        let high = try TradeSimBinary.run(["implied-vol", "--price", "100", "--exercise", "american", "--json"] + common)
        #expect(high.stdout == "{\"vol\": null, \"reason\": \"the price 100.0 is at or above the upper bound 100.0 (K·max(1, e^(−rT)) for an American put), which only an infinite volatility approaches\"}\n")
    }

    @Test func readableTableShowsPerPointAndPerDay() throws {
        let r = try TradeSimBinary.run(["price", "--type", "put", "--spot", "100", "--strike", "95", "--vol", "0.2",
                                        "--rate", "0.04", "--years", "0.5"])
        #expect(r.exitCode == 0)
        #expect(r.stdout.contains("vega_per_pt"))
        #expect(r.stdout.contains("theta_per_day"))
        #expect(!r.stdout.lowercased().contains("nan"))
    }
}
