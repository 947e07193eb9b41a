/// A study: the universe, its calendar, the scenarios, and the playbook of decisions to run in
/// them (a study of scenarios only has none: it can be validated and its paths drawn, not run).
public struct Study: Sendable {
    /// The study's name (the report folder's default name).
    public var name: String
    /// What the study is about.
    public var description: String
    /// The currency money is in (a label).
    public var currency: String
    /// The trading calendar from the start date: weekends, the listed `holidays` and the
    /// `calendar`'s closures by rule (`ExchangeCalendar`) are not trading days.
    public var calendar: TradingCalendar
    /// The assets.
    public var universe: Universe
    /// The worlds the playbook runs in.
    public var scenarios: [Scenario]
    /// The decisions to run (nil for a study of scenarios only). Everything that runs a study
    /// (`Engine.run`, the reports, partial results) needs one: `requirePlaybook(file:)` is the
    /// input check before a run, and `runPlaybook` the one place that takes it for granted.
    public var playbook: Playbook?
    /// Free-form notes carried into reports (e.g. a drafted card's sentiment score).
    public var metadata: [(key: String, value: String)]

    /// A study.
    public init(name: String, description: String = "", currency: String = "USD", calendar: TradingCalendar,
                universe: Universe, scenarios: [Scenario], playbook: Playbook? = nil,
                metadata: [(key: String, value: String)] = []) {
        self.playbook = playbook
        self.name = name
        self.description = description
        self.currency = currency
        self.calendar = calendar
        self.universe = universe
        self.scenarios = scenarios
        self.metadata = metadata
    }

    /// The scenario named `name`, or nil.
    public func scenario(named name: String) -> Scenario? { scenarios.first { $0.name == name } }

    /// The playbook of a study being run. A run of a study without one is a programmer's
    /// mistake (the input check is `requirePlaybook(file:)`), stopped here.
    var runPlaybook: Playbook {
        guard let playbook else { preconditionFailure("a study without a playbook cannot be run (check requirePlaybook(file:) first)") }
        return playbook
    }
}
