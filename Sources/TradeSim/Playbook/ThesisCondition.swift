/// A thesis's condition: the claim holds *given* that an event had an outcome ("~10–15%
/// downside if talks unlock Chinese supply": given `us-china-meeting` = "export relief").
///
/// A claim is checked in a scenario only where its condition is certain, and is n/a (never a
/// probability of 0) elsewhere, with the reason (`status(in:)`):
/// - a Monte Carlo scenario: certain when the event's outcome has probability 1 there (a
///   scenario `given` that outcome, or an event with that one outcome); never when it has
///   probability 0 or is not an outcome of it; on a share of the paths otherwise (n/a: the
///   claim is about the world where it happened — tie it to a scenario given it);
/// - a scripted or historical scenario: certain when the event's stated `outcome` (what
///   happened) is this one; it did not occur when another is stated; unknown when none is;
/// - a scenario without the event: the event did not happen there.
public struct ThesisCondition: Sendable, Hashable {
    /// The event's name (as the study's scenarios write it).
    public var event: String
    /// The outcome's name.
    public var outcome: String

    /// The condition that `event` had `outcome`.
    public init(event: String, outcome: String) {
        self.event = event
        self.outcome = outcome
    }

    /// nil when the condition is certain in `scenario`; otherwise why the claim is n/a there
    /// (the text of thesis.csv's `status`, after "n/a: ").
    public func unmetReason(in scenario: Scenario) -> String? {
        guard let e = scenario.events.first(where: { $0.name == event }) else {
            return "no \(event) in this scenario (the claim is given \(event) = \"\(outcome)\")"
        }
        if let stated = e.statedOutcome {
            return stated == outcome ? nil : "\(event) was \"\(stated)\", not \"\(outcome)\" (the claim's condition)"
        }
        if e.outcomes.isEmpty {
            return "this scenario does not state which outcome \(event) had (its event's outcome); the claim is given \"\(outcome)\""
        }
        let p = e.outcomes.first { $0.name == outcome }?.probability ?? 0
        if p >= 1 { return nil }
        if p <= 0 { return "\(event) is never \"\(outcome)\" in this scenario (the claim's condition)" }
        return "\(event) is \"\(outcome)\" on \(NumberText.fixed(p * 100, digits: 0))% of this scenario's paths; "
            + "the claim is checked in a scenario given it (scenario given)"
    }
}
