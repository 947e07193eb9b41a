import Testing
@testable import TradeSim

@Suite("Payoffs at expiry")
struct PayoffTests {
    /// Each composite against its closed-form payoff, hand-computed at spots either side of
    /// and at the strikes.
    @Test func composites() {
        let spots = [0.0, 50, 79.99, 80, 85, 95, 100, 105, 120, 200]
        for s in spots {
            #expect(OptionStrategy.putSpread(longStrike: 95, shortStrike: 80).valueAtExpiry(spot: s)
                    == min(max(95 - s, 0), 15))
            #expect(OptionStrategy.callSpread(longStrike: 100, shortStrike: 120).valueAtExpiry(spot: s)
                    == min(max(s - 100, 0), 20))
            #expect(OptionStrategy.straddle(strike: 100).valueAtExpiry(spot: s) == abs(s - 100))
            #expect(OptionStrategy.strangle(putStrike: 95, callStrike: 105).valueAtExpiry(spot: s)
                    == max(95 - s, 0) + max(s - 105, 0))
            #expect(OptionStrategy.collar(putStrike: 90, callStrike: 110).valueAtExpiry(spot: s)
                    == min(max(s, 90), 110))
            #expect(OptionStrategy.single(.call, strike: 100).valueAtExpiry(spot: s) == max(s - 100, 0))
        }
    }

    @Test func legsAreSigned() {
        let legs = OptionStrategy.putSpread(longStrike: 95, shortStrike: 80).legs
        #expect(legs == [PayoffLeg(.option(.put, strike: 95), quantity: 1), PayoffLeg(.option(.put, strike: 80), quantity: -1)])
        #expect(OptionStrategy.collar(putStrike: 90, callStrike: 110).legs.first == PayoffLeg(.stock, quantity: 1))
    }
}
