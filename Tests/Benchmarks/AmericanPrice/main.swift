// Cost of one American price, in one process, optimised as the release build is (-Ounchecked).
//
// Compiled with the library's pricing sources (they need nothing else), from the repository root:
//
//     swiftc -Ounchecked -module-name TradeSim Sources/TradeSim/Pricing/*.swift \
//         Tests/Benchmarks/AmericanPrice/main.swift -o /tmp/american-price && /tmp/american-price
//
// Prices every option of Fixtures/quantlib_american_grid.csv's parameter grid (2,304 puts and
// calls: S/K 0.8–1.3, σ 0.15–0.7, r 0–10%, q 0–4%, 30–365 days) with each scheme, after one
// untimed warm-up pass (the schemes' tables are built once per process), and prints the mean
// time per price, the rows where early exercise applies counted apart from those that are
// European by rule (calls with q = 0). It also times the three out-of-grid cases that fall back
// to FP-A. Wall-clock time, best of 5 passes.
import Foundation

var options: [BlackScholesInputs] = []
for type in [OptionType.put, .call] {
    for days in [30.0, 91, 182, 365] {
        for vol in [0.15, 0.3, 0.5, 0.7] {
            for rate in [0.0, 0.03, 0.06, 0.1] {
                for dividend in [0.0, 0.02, 0.04] {
                    for moneyness in [0.8, 0.9, 1.0, 1.1, 1.2, 1.3] {
                        options.append(BlackScholesInputs(type: type, spot: 100 * moneyness, strike: 100, volatility: vol,
                                                          rate: rate, dividendYield: dividend, years: days / 365))
                    }
                }
            }
        }
    }
}
let early = options.filter { AmericanExerciseRegime.of($0.type, rate: $0.rate, dividendYield: $0.dividendYield) != .neverEarly }
let fallback = [BlackScholesInputs(type: .put, spot: 100, strike: 100, volatility: 0.2, rate: 0.25, years: 1),
                BlackScholesInputs(type: .put, spot: 100, strike: 100, volatility: 0.02, rate: 0.05, years: 1),
                BlackScholesInputs(type: .call, spot: 100, strike: 100, volatility: 0.25, rate: 0.1, dividendYield: 1, years: 1)]

func seconds(_ set: [BlackScholesInputs], _ scheme: AmericanPricingScheme) -> (Double, Double) {
    var checksum = 0.0
    for o in set { checksum += AmericanOption.price(o, scheme: scheme) }   // warm-up
    var best = Double.infinity
    for _ in 0..<5 {
        let start = DispatchTime.now().uptimeNanoseconds
        for o in set { checksum += AmericanOption.price(o, scheme: scheme) }
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9)
    }
    return (best / Double(set.count), checksum)
}

for (name, scheme) in [("accurate", AmericanPricingScheme.accurate), ("fast", AmericanPricingScheme.fast)] {
    let (all, _) = seconds(options, scheme)
    let (withEarly, _) = seconds(early, scheme)
    print("\(name): \(String(format: "%.1f", all * 1e6)) µs per price over the \(options.count) grid options; "
          + "\(String(format: "%.1f", withEarly * 1e6)) µs over the \(early.count) with early exercise")
}
let (slow, _) = seconds(fallback, .accurate)
print("FP-A fallback cases (r = 25% σ = 20%; σ = 2%; q = 100%): \(String(format: "%.0f", slow * 1e6)) µs per price")

// How many grid options the accurate scheme re-solves with FP-A (each costs the fallback time).
let reSolved = early.filter { o in
    let (r, q) = o.type == .put ? (o.rate, o.dividendYield) : (o.dividendYield, o.rate)
    return AmericanPutBoundary(rate: r, dividendYield: q, volatility: o.volatility, years: o.years,
                               scheme: .accurate).lastChange > AmericanPricingScheme.accurate.settledChange
}
print("grid options re-solved with FP-A by the accurate scheme: \(reSolved.count) of \(early.count)")
