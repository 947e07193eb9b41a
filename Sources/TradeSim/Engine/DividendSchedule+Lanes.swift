extension DividendSchedule {
    /// `escrowedSpot` on eight lanes whose options expire on (possibly different) days
    /// `expiries`: S* = max(S − PV_lane, S/2) lane by lane, or nil when no lane's option life
    /// (day, expiry] holds a cash dividend of asset `i` (then the mark is the plain one on S,
    /// bit for bit). For the option marks: price with S* in place of S and ln S* in place of
    /// ln S in d₁ and in S·e^{−qτ}; strikes stay set on S, settlement on the close.
    func escrowedSpots(_ spot: SIMD8<Double>, asset i: Int, day: Int, expiries: SIMD8<Double>, rate: Double) -> SIMD8<Double>? {
        guard exDays[i].contains(where: { $0.day > day && Double($0.day) <= expiries.max() }) else { return nil }
        var out = spot
        for l in 0..<8 {
            let pv = presentValue(asset: i, day: day, expiry: Int(expiries[l]), rate: rate)
            if pv > 0 { out[l] = Swift.max(spot[l] - pv, 0.5 * spot[l]) }
        }
        return out
    }
}
