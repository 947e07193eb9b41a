/// A world the playbook is run in: how prices move, which events are scheduled, how options
/// are marked, over how many trading days, and its weight in the probability blend.
public struct Scenario: Sendable, Hashable {
    /// The scenario's name (unique in the study).
    public var name: String
    /// What the card says about this world.
    public var description: String
    /// Weight in the blended scenario (weights are normalised over the scenarios run).
    public var weight: Double
    /// The last trading day (days 0…horizonDays).
    public var horizonDays: Int
    /// Risk-free rate, continuous annual (discounting and option marks).
    public var rate: Double
    /// How prices move.
    public var model: PathModel
    /// Events scheduled within the horizon.
    public var events: [ScheduledEvent]
    /// How options are marked.
    public var impliedVol: ImpliedVolModel
    /// Paths 2k and 2k+1 share one random stream, the second with its diffusion normals
    /// negated and every other uniform u replaced by 1 − u (so its jump and noise normals are
    /// negated too and event draws are mirrored).
    public var antithetic: Bool
    /// Dates of days 0…horizon (the study calendar, or the real dates of a replay).
    public var dates: [CalendarDate]

    /// A scenario; `dates` holds horizonDays + 1 dates.
    public init(name: String, description: String = "", weight: Double, horizonDays: Int, rate: Double,
                model: PathModel, events: [ScheduledEvent], impliedVol: ImpliedVolModel,
                antithetic: Bool = false, dates: [CalendarDate]) {
        self.name = name
        self.description = description
        self.weight = weight
        self.horizonDays = horizonDays
        self.rate = rate
        self.model = model
        self.events = events
        self.impliedVol = impliedVol
        self.antithetic = antithetic
        self.dates = dates
    }

    /// True when the scenario has exactly one possible path (scripted, or a replay).
    public var isDeterministic: Bool {
        switch model {
        case .scripted: true
        case let .historical(h): h.mode == .replay
        case .monteCarlo: false
        }
    }

    /// The paths drawn in this scenario when `requested` are asked for: 1 for a deterministic
    /// scenario (its one path, however many are requested), else `requested`. The one place
    /// this is decided: runs, shards, partial results, `tradesim paths` and the memory
    /// estimate all count paths by it.
    public func pathCount(requested: Int) -> Int {
        isDeterministic ? 1 : requested
    }

    /// The path model's volatility of asset `i` on `day` (regime multipliers applied).
    public func pathVolatility(asset i: Int, day: Int, universe: Universe) -> Double {
        switch model {
        case let .monteCarlo(m):
            var v = m.volatilities[i]
            for r in m.regimes where day >= r.firstDay && day <= r.lastDay { v *= r.volMultiplier[i] }
            return v
        case let .historical(h) where h.mode == .replay && day < h.realizedVolatility.count:
            return h.realizedVolatility[day][i]
        case .scripted, .historical:
            return universe.assets[i].volatility
        }
    }

    /// The implied vol of asset `i` on `day` for an option with `tenorDays` to expiry.
    /// An IV column in a replay's price file wins over the model.
    public func impliedVol(asset i: Int, day: Int, tenorDays: Int, universe: Universe) -> Double {
        if case let .historical(h) = model, day < h.impliedVolatility.count, let iv = h.impliedVolatility[day][i] { return iv }
        return impliedVol.impliedVol(asset: i, day: day, tenorDays: tenorDays,
                              pathVolatility: pathVolatility(asset: i, day: day, universe: universe),
                              events: events)
    }

    /// The first event with this name, if any.
    public func event(named name: String) -> ScheduledEvent? { events.first { $0.name == name } }
}
