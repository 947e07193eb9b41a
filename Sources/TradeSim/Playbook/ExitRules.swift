/// When an open decision exits. Checked at each close after the entry day, in this order
/// (the first that fires wins): stop-loss, take-profit, the event exit, assignment (of the
/// last leg held), option expiry, the holding horizon; and at the scenario's last day whatever
/// is still open is closed at the mark with reason `horizon`.
public struct ExitRules: Sendable, Hashable {
    /// Exit when the decision's return reaches ≥ this (0.25 = +25%).
    public var takeProfit: Double?
    /// Exit when the decision's return reaches ≤ −this (0.12 = −12%).
    public var stopLoss: Double?
    /// Exit this many trading days after entry.
    public var horizonDays: Int?
    /// Exit this many trading days after the named event.
    public var afterEvent: (event: String, days: Int)?
    /// What happens to a sold American option when exercising it becomes optimal for its holder.
    public var assignment: Assignment

    /// What happens to a sold American option leg at a close where its holder's early exercise
    /// is optimal (`DecisionProgram.earlyExerciseIsOptimal`: its American value, floored at
    /// intrinsic, is its positive intrinsic value — the spot at or beyond the exercise boundary).
    public enum Assignment: String, Sendable, Hashable, CaseIterable {
        /// The leg stays held until the decision exits or the option expires; the close is
        /// flagged (`early_exercise.csv`, on the analysis paths).
        case hold
        /// The leg is assigned at that close: it closes at its intrinsic value (the shares
        /// delivered at the strike are valued at the close; no trading cost), exit reason
        /// `assigned`; the decision's other legs stay held, and a decision left holding nothing
        /// exits with reason `assigned`.
        case assign
    }

    /// Exit rules; nil rules never fire.
    public init(takeProfit: Double? = nil, stopLoss: Double? = nil, horizonDays: Int? = nil,
                afterEvent: (event: String, days: Int)? = nil, assignment: Assignment = .hold) {
        self.takeProfit = takeProfit
        self.stopLoss = stopLoss
        self.horizonDays = horizonDays
        self.afterEvent = afterEvent
        self.assignment = assignment
    }

    /// The trading day of `scenario` on which the event exit fires: the event's day + the
    /// offset; nil without an event exit or where the event is not scheduled (the decision
    /// then never enters: `DecisionVariant.canEnter(in:)`).
    public func eventExitDay(in scenario: Scenario) -> Int? {
        afterEvent.flatMap { rule in scenario.event(named: rule.event).map { $0.day + rule.days } }
    }

    public static func == (a: ExitRules, b: ExitRules) -> Bool {
        a.takeProfit == b.takeProfit && a.stopLoss == b.stopLoss && a.horizonDays == b.horizonDays
            && a.afterEvent?.event == b.afterEvent?.event && a.afterEvent?.days == b.afterEvent?.days && a.assignment == b.assignment
    }

    public func hash(into h: inout Hasher) {
        h.combine(takeProfit); h.combine(stopLoss); h.combine(horizonDays)
        h.combine(afterEvent?.event); h.combine(afterEvent?.days); h.combine(assignment)
    }
}
