/// The memory of one block's decision state: one allocation per kind, owned here and freed
/// when the block ends (`~Copyable`); `DecisionLanes` are views into it.
struct LaneMemory: ~Copyable {
    let doubles: UnsafeMutablePointer<Double>
    let ints: UnsafeMutablePointer<Int32>
    let bytes: UnsafeMutablePointer<UInt8>
    private(set) var views: [DecisionLanes] = []

    init(programs: [DecisionProgram], width: Int) {
        let legCounts = programs.map { $0.variant.legs.count }
        let doubleCount = legCounts.reduce(0) { $0 + (DecisionLanes.laneDoubles + DecisionLanes.legDoubles * $1) * width }
        let intCount = legCounts.reduce(0) { $0 + (DecisionLanes.laneInts + DecisionLanes.legInts * $1) * width }
        let byteCount = programs.count * DecisionLanes.laneBytes * width
        doubles = .allocate(capacity: max(doubleCount, 1))
        ints = .allocate(capacity: max(intCount, 1))
        bytes = .allocate(capacity: max(byteCount, 1))
        var d = doubles, n = ints, b = bytes
        for legs in legCounts {
            let view = DecisionLanes(doubles: &d, ints: &n, bytes: &b, legs: legs, width: width)
            views.append(view)
        }
    }

    deinit {
        doubles.deallocate()
        ints.deallocate()
        bytes.deallocate()
    }
}

/// One decision variant's state on the lanes of a block (structure of arrays; per-leg arrays
/// are `[leg * width + lane]`). Views into `LaneMemory`.
struct DecisionLanes {
    static let pending: UInt8 = 0, open: UInt8 = 1, closed: UInt8 = 2
    static let laneDoubles = 12, legDoubles = 8, laneInts = 2, legInts = 2, laneBytes = 2

    let width: Int
    // Per lane
    let status: UnsafeMutablePointer<UInt8>
    let exitReason: UnsafeMutablePointer<UInt8>
    let entryDay: UnsafeMutablePointer<Int32>
    let exitDay: UnsafeMutablePointer<Int32>
    /// Entry day as a Double (−1 before entry) for vector compares.
    let entryDayD: UnsafeMutablePointer<Double>
    /// 1 while open, else 0.
    let isOpen: UnsafeMutablePointer<Double>
    let cash: UnsafeMutablePointer<Double>
    let basis: UnsafeMutablePointer<Double>
    let value: UnsafeMutablePointer<Double>
    let pnl: UnsafeMutablePointer<Double>
    let peak: UnsafeMutablePointer<Double>
    let maxDrawdown: UnsafeMutablePointer<Double>
    let weaknessHigh: UnsafeMutablePointer<Double>
    let relative: UnsafeMutablePointer<Double>
    let finalReturn: UnsafeMutablePointer<Double>
    /// The last option expiry day of the lane's position (+∞ without options).
    let lastExpiry: UnsafeMutablePointer<Double>
    // Per leg and lane
    let quantity: UnsafeMutablePointer<Double>
    let strike: UnsafeMutablePointer<Double>
    let logStrike: UnsafeMutablePointer<Double>
    let expiry: UnsafeMutablePointer<Double>
    let entryMark: UnsafeMutablePointer<Double>
    let openedQuantity: UnsafeMutablePointer<Double>
    let legCosts: UnsafeMutablePointer<Double>
    let legExitPrice: UnsafeMutablePointer<Double>
    let legExitDay: UnsafeMutablePointer<Int32>
    /// A sold American leg: the first close at which its holder's early exercise was optimal
    /// (`BlockRunner.watchExercise`), −1 before; the close it was assigned at under
    /// `ExitRules.Assignment.assign`.
    let legExerciseDay: UnsafeMutablePointer<Int32>

    init(doubles d: inout UnsafeMutablePointer<Double>, ints n: inout UnsafeMutablePointer<Int32>,
         bytes b: inout UnsafeMutablePointer<UInt8>, legs: Int, width: Int) {
        self.width = width
        func lane(_ value: Double) -> UnsafeMutablePointer<Double> {
            defer { d += width }
            d.initialize(repeating: value, count: width)
            return d
        }
        func leg(_ value: Double) -> UnsafeMutablePointer<Double> {
            defer { d += width * legs }
            d.initialize(repeating: value, count: max(width * legs, 0))
            return d
        }
        entryDayD = lane(-1); isOpen = lane(0); cash = lane(0); basis = lane(0); value = lane(0); pnl = lane(0)
        peak = lane(0); maxDrawdown = lane(0); weaknessHigh = lane(1); relative = lane(.nan); finalReturn = lane(.nan)
        lastExpiry = lane(.infinity)
        quantity = leg(0); strike = leg(1); logStrike = leg(0); expiry = leg(0); entryMark = leg(0)
        openedQuantity = leg(0); legCosts = leg(0); legExitPrice = leg(0)
        entryDay = n; n.initialize(repeating: -1, count: width); n += width
        exitDay = n; n.initialize(repeating: -1, count: width); n += width
        legExitDay = n; n.initialize(repeating: -1, count: max(width * legs, 0)); n += width * legs
        legExerciseDay = n; n.initialize(repeating: -1, count: max(width * legs, 0)); n += width * legs
        status = b; b.initialize(repeating: Self.pending, count: width); b += width
        exitReason = b; b.initialize(repeating: ExitReason.neverEntered.rawValue, count: width); b += width
    }
}
