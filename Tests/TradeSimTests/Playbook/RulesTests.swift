import Foundation
import Testing
@testable import TradeSim

/// The entry, expiry, strike and exit-event rules, each in a scenario where the answer is
/// known by counting: a 20-day world with the event "m" on day 4 (dates from Monday
/// 2026-01-05, weekends skipped), and one without events.
@Suite("Playbook rules")
struct RulesTests {
    static let studyText = """
        {"name": "t", "start": "2026-01-05",
         "universe": [{"ticker": "MP", "spot": 20, "volatility": 0.5}],
         "scenarios": [{"name": "with", "horizon": 20, "events": [{"name": "m", "day": 4, "outcomes": [{"name": "x", "probability": 1}]}]},
                       {"name": "without", "horizon": 20}]}
        """

    static func scenarios() throws -> (with: Scenario, without: Scenario) {
        let s = try StudyText.study(studyText).scenarios
        return (s[0], s[1])
    }

    @Test func entrySchedule() throws {
        let (with, without) = try Self.scenarios()
        #expect(EntryRule.atStart.schedule(in: with) == .day(0))
        #expect(EntryRule.onDay(20).schedule(in: with) == .day(20))
        #expect(EntryRule.onDay(21).schedule(in: with) == .never)     // after the horizon
        #expect(EntryRule.onDay(-1).schedule(in: with) == .never)
        // 2026-01-12 is the Monday a week after the start: trading day 5; a Saturday is no day.
        #expect(EntryRule.onDate(CalendarDate(iso: "2026-01-12")!).schedule(in: with) == .day(5))
        #expect(EntryRule.onDate(CalendarDate(iso: "2026-01-10")!).schedule(in: with) == .never)
        #expect(EntryRule.beforeEvent("m", days: 3).schedule(in: with) == .day(1))
        #expect(EntryRule.beforeEvent("m", days: 4).schedule(in: with) == .day(0))
        #expect(EntryRule.beforeEvent("m", days: 5).schedule(in: with) == .never)   // before day 0
        #expect(EntryRule.beforeEvent("m", days: 1).schedule(in: without) == .never)
        let weakness = EntryRule.onWeakness(drop: 0.1, reference: .start, windowDays: 5, enterAtEnd: false, watch: [(0, 1)])
        #expect(weakness.schedule(in: with) == .watched)
        #expect(weakness.day(in: with) == nil && EntryRule.beforeEvent("m", days: 3).day(in: with) == 1)
    }

    @Test func expiryDay() throws {
        let (with, without) = try Self.scenarios()
        #expect(ExpiryRule.tenorDays(10).resolved(in: with) == .tenor(days: 10))
        #expect(ExpiryRule.tenorDays(10).expiryDay(enteredOn: 3, in: without) == 13)
        #expect(ExpiryRule.daysAfterEvent("m", 2).resolved(in: with) == .day(6))
        #expect(ExpiryRule.daysAfterEvent("m", -3).expiryDay(enteredOn: 0, in: with) == 1)   // whatever the entry day
        #expect(ExpiryRule.daysAfterEvent("m", 2).expiryDay(enteredOn: 5, in: with) == 6)
        #expect(ExpiryRule.daysAfterEvent("m", 2).resolved(in: without) == nil)
    }

    @Test func eventExitAndWhereAVariantCanEnter() throws {
        let (with, without) = try Self.scenarios()
        let exits = ExitRules(afterEvent: (event: "m", days: 2))
        #expect(exits.eventExitDay(in: with) == 6)
        #expect(exits.eventExitDay(in: without) == nil && ExitRules().eventExitDay(in: with) == nil)
        func variant(entry: EntryRule = .atStart, exits: ExitRules = ExitRules(), expiry: ExpiryRule = .tenorDays(5)) -> DecisionVariant {
            DecisionVariant(decisionID: "d", name: "", kind: .legs,
                            legs: [Leg(asset: 0, instrument: .option(.call, strike: .moneyness(1), expiry: expiry), weight: 1)],
                            sizing: .units(1), groupCount: 1, entry: entry, exits: exits, costs: CostModel(), theses: [], inPortfolio: true)
        }
        #expect(variant().canEnter(in: without))
        #expect(!variant(exits: exits).canEnter(in: without))                          // its exit's event is absent
        #expect(!variant(expiry: .daysAfterEvent("m", 1)).canEnter(in: without))    // its expiry's event is absent
        #expect(!variant(entry: .onDay(30)).canEnter(in: with))
        #expect(variant(entry: .beforeEvent("m", days: 2), exits: exits, expiry: .daysAfterEvent("m", 1)).canEnter(in: with))
        #expect(variant(entry: .beforeEvent("m", days: 2), exits: exits, expiry: .daysAfterEvent("m", 1)).events == ["m"])
    }

    @Test func strikes() {
        #expect(StrikeRule.moneyness(0.9).strike(spot: 50) == 45)
        #expect(StrikeRule.absolute(42).strike(spot: 50) == 42)
        #expect(StrikeRule.delta(-0.25).strike(spot: 50) == nil)
        #expect(StrikeRule.moneyness(0.9).strike(type: .put, spot: 50, volatility: 0.3, rate: 0.02, dividendYield: 0, years: 0.5) == 45)
    }

    /// The delta rule inverts Black–Scholes–Merton's delta: at the strike it returns, the
    /// option's delta (from `BlackScholes.valuation`, checked against QuantLib) is the target,
    /// for calls and puts, with and without a dividend yield.
    @Test(arguments: [(OptionType.call, 0.3, 0.0), (.call, 0.5, 0.02), (.put, -0.25, 0.0), (.put, -0.4, 0.03)])
    func deltaStrikeHasThatDelta(_ type: OptionType, _ delta: Double, _ q: Double) {
        let years = 42.0 / TradingCalendar.tradingDaysPerYear
        let k = StrikeRule.delta(delta).strike(type: type, spot: 80, volatility: 0.45, rate: 0.03, dividendYield: q, years: years)
        let v = BlackScholes.valuation(BlackScholesInputs(type: type, spot: 80, strike: k, volatility: 0.45, rate: 0.03,
                                                          dividendYield: q, years: years))
        #expect(abs(v.delta - delta) < 1e-9, "delta \(v.delta) at K = \(k)")
        #expect(type == .call ? k > 80 * 0.9 : k < 80 * 1.1)
    }

    /// With no time or no volatility left the delta rule's strike is the spot.
    @Test func deltaStrikeWithoutVolatilityIsTheSpot() {
        #expect(StrikeRule.strike(forDelta: 0.3, type: .call, spot: 80, volatility: 0, rate: 0.03, dividendYield: 0, years: 0.5) == 80)
        #expect(StrikeRule.strike(forDelta: 0.3, type: .call, spot: 80, volatility: 0.4, rate: 0.03, dividendYield: 0, years: 0) == 80)
    }
}
