import Foundation

extension PositionAnalysis {
    /// One leg of one trade on one sample path, with its running state.
    struct LegState {
        var slot: Int          // index in `legs` (−1: a holding)
        var asset: Int
        var program: Int       // −1: a holding
        var legIndex: Int
        var quantity: Double
        var entryDay: Int
        var exitDay: Int
        var option: (type: OptionType, strike: Double, expiry: Int, scaled: Bool)?
        /// An American option leg (`DecisionProgram.legAmerican`; false for a quoted leg).
        var american = false
        /// With a backtest's option chain: the quoted contract the leg holds, marked at its quotes.
        var quoted: ChainContract?
        var inPortfolio: Bool
        var beta: Double
        var borrowFee: Double
        var tradeCosts: Double
        var tradePnL: Double
        /// What entering the leg cost (`WholeContracts.entryCost`; 0 for a holding).
        var entryCost = 0.0
        /// A sold American option: the first close at which its early exercise was optimal, as
        /// the engine marked it (`TradeRecord.earlyExerciseDay`; −1: none).
        var earlyExerciseDay = -1
        // The previous close's mark and Greeks.
        var spot = 0.0, value = 0.0, delta = 0.0, gamma = 0.0, vega = 0.0, theta = 0.0, sigma = 0.0
        var inputs: BlackScholesInputs?
        /// The attribution parts so far, by `Part.rawValue` (eight parts, eight lanes: no heap
        /// array per leg, no uniqueness check per addition).
        var parts = SIMD8<Double>()
    }

    /// A shared buffer the day's path chunks write disjoint parts of.
    struct Shared<T>: @unchecked Sendable {
        let buffer: UnsafeMutableBufferPointer<T>
    }

    /// The run's programs as unowned references (the run holds them): the replay's threads read
    /// them every leg and day without counting references to the same objects.
    typealias Programs = [Unmanaged<DecisionProgram>]

    /// The premium table of an American leg (program, leg, day, expiry: `BlockRunner.premiumTable`).
    typealias PremiumTables = @Sendable (Int, Int, Int, Int) -> AmericanPremiumTable?

    /// Replays the sample's trades (see the type's comment). With a backtest's `chain`, option
    /// legs are valued at their quotes' mids and take the Greeks of Black–Scholes–Merton at the
    /// quote's volatility (`ChainFills.inputs`), so vega's part follows the quoted IV; no
    /// early exercise is flagged (the engine values no early exercise at quotes).
    init(sample: PathSample, programs: [DecisionProgram], playbook: Playbook, kernel: ScenarioKernel,
         premiumTable: @escaping PremiumTables, chain: ChainMarks? = nil, threads: Int) {
        let scenario = kernel.scenario
        let universe = kernel.universe
        let rate = scenario.rate
        let dividends = kernel.dividends
        let eventDays = Set(scenario.events.map(\.day))
        let paths = sample.paths
        // Legs: one row per variant leg.
        var legs: [LegAttribution] = []
        var slotOf: [[Int]] = []
        for p in programs {
            var slots: [Int] = []
            for (k, leg) in p.variant.legs.enumerated() {
                slots.append(legs.count)
                let instrument: String
                if case let .option(type, _, _) = leg.instrument { instrument = type.rawValue } else { instrument = "stock" }
                let shortAmerican = chain == nil && p.legShortAmerican[k]
                legs.append(LegAttribution(decisionID: p.variant.decisionID, variantName: p.variant.name, inPortfolio: p.variant.inPortfolio,
                                           leg: k, ticker: universe.assets[leg.asset].ticker, instrument: instrument,
                                           parts: Array(repeating: Array(repeating: 0, count: paths), count: Part.allCases.count),
                                           pnl: Array(repeating: 0, count: paths), held: Array(repeating: false, count: paths),
                                           shortAmerican: shortAmerican,
                                           earlyExerciseDay: shortAmerican ? Array(repeating: -1, count: paths) : []))
            }
            slotOf.append(slots)
        }
        var programOf: [String: Int] = [:]
        for (k, p) in programs.enumerated() { programOf[p.variant.decisionID + "\u{1}" + p.variant.name] = k }
        // Scopes: the assets of the book's positions, then the book.
        var inBook = Array(repeating: false, count: universe.count)
        for h in playbook.holdings { inBook[h.asset] = true }
        for p in programs where p.variant.inPortfolio { for a in p.legAsset { inBook[a] = true } }
        let bookAssets = universe.assets.indices.filter { inBook[$0] }
        var scopeOf = Array(repeating: -1, count: universe.count)
        for (s, a) in bookAssets.enumerated() { scopeOf[a] = s }
        let scopeCount = bookAssets.count + 1, book = bookAssets.count
        let measures = Measure.allCases.count
        // Every path's legs.
        var states: [LegState] = []
        var firstState: [Int] = []
        for path in 0..<paths {
            firstState.append(states.count)
            for t in sample.trades[path] {
                guard let k = programOf[t.decisionID + "\u{1}" + t.variantName] else { continue }
                let p = programs[k], asset = p.legAsset[t.leg]
                var option: (OptionType, Double, Int, Bool)?
                var quoted: ChainContract?
                if case let .option(type, strike, _) = t.instrument {
                    option = (type, strike, p.expiry(leg: t.leg, enteredOn: t.entryDay), p.atmScaled[t.leg])
                    if let chain, let expiration = t.chainExpiration {
                        option = (type, strike, chain.day(of: expiration), false)
                        quoted = ChainContract(underlying: t.ticker, type: type, strike: strike, expiration: expiration)
                    }
                }
                states.append(LegState(slot: slotOf[k][t.leg], asset: asset, program: k, legIndex: t.leg, quantity: t.quantity,
                                       entryDay: t.entryDay, exitDay: t.exitDay, option: option,
                                       american: quoted == nil && p.legAmerican[t.leg], quoted: quoted,
                                       inPortfolio: p.variant.inPortfolio, beta: universe.assets[asset].beta, borrowFee: p.borrowFee[asset],
                                       tradeCosts: t.costs, tradePnL: t.pnl,
                                       entryCost: WholeContracts.entryCost(shares: t.quantity, mid: t.entryPrice, isOption: option != nil,
                                                                           costs: p.legCosts[t.leg]),
                                       earlyExerciseDay: t.earlyExerciseDay))
            }
            for h in playbook.holdings {
                states.append(LegState(slot: -1, asset: h.asset, program: -1, legIndex: 0, quantity: h.quantity, entryDay: 0,
                                       exitDay: sample.days, option: nil, inPortfolio: true, beta: universe.assets[h.asset].beta,
                                       borrowFee: 0, tradeCosts: 0, tradePnL: 0))
            }
        }
        firstState.append(states.count)
        let stateBuffer = UnsafeMutableBufferPointer<LegState>.allocate(capacity: max(states.count, 1))
        _ = stateBuffer.initialize(from: states)
        defer { stateBuffer.baseAddress!.deinitialize(count: states.count); stateBuffer.deallocate() }
        // The days run in blocks: each chunk of paths replays the block's days path by path (a
        // path's legs and closes stay in cache from one day to the next), writing each path's
        // measures of the day as one row of `dayValues`; then each day's statistics, in
        // parallel. A block holds at most ~8 MB of measures, so memory stays flat in the number
        // of days.
        let rowCount = scopeCount * measures, valuesPerDay = rowCount * paths
        let blockDays = max(1, min(sample.days, (8 << 20) / max(1, valuesPerDay * MemoryLayout<Double>.stride)))
        let dayValues = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(blockDays * valuesPerDay, 1))
        defer { dayValues.deallocate() }
        let sharedStates = Shared(buffer: stateBuffer), sharedValues = Shared(buffer: dayValues)
        let chunk = 64, chunks = (paths + chunk - 1) / chunk
        let starts = firstState, scopeIndex = scopeOf
        let capital = playbook.capital, inPortfolio = programs.indices.filter { programs[$0].variant.inPortfolio }
        let isEventDay = (0..<sample.days).map { eventDays.contains($0) }
        let unmanaged = programs.map { Unmanaged.passUnretained($0) }
        var exposure: [[[Stats?]]] = []
        exposure.reserveCapacity(sample.days)
        for firstDay in stride(from: 0, to: sample.days, by: blockDays) {
            let endDay = min(sample.days, firstDay + blockDays)
            _ = Parallel.map(count: chunks, threads: threads) { c -> Int in
                let values = sharedValues.buffer
                for path in (c * chunk)..<min(paths, (c + 1) * chunk) {
                    for day in firstDay..<endDay {
                        // The path's measures of the day: a row of `rowCount` in the day's block.
                        let row = values.baseAddress! + ((day - firstDay) * paths + path) * rowCount
                        row.initialize(repeating: 0, count: rowCount)
                        for i in starts[path]..<starts[path + 1] {
                            Self.advance(&sharedStates.buffer[i], day: day, path: path, sample: sample, programs: unmanaged,
                                         premiumTable: premiumTable, chain: chain, rate: rate,
                                         dividends: dividends, eventDay: isEventDay[day], exposure: row,
                                         scope: scopeIndex[sharedStates.buffer[i].asset], book: book)
                        }
                        // Cash: capital + Σ P&L of the book's decisions (less their held value, added
                        // as −q·V by `addExposure`).
                        var cash = capital
                        for k in inPortfolio { cash += sample.pnl[(k * paths + path) * sample.days + day] }
                        row[book * measures + Measure.cash.rawValue] += cash
                    }
                }
                return 0
            }
            let dayStats = Parallel.map(count: (endDay - firstDay) * scopeCount, threads: threads) { index -> [Stats?] in
                let s = index % scopeCount, base = (index / scopeCount) * valuesPerDay
                return (0..<measures).map { m -> Stats? in
                    if s == book && m == Measure.netShares.rawValue { return nil }
                    if s != book && m == Measure.cash.rawValue { return nil }
                    let column = base + s * measures + m
                    return Stats((0..<paths).map { sharedValues.buffer[column + $0 * rowCount] })
                }
            }
            for day in 0..<(endDay - firstDay) { exposure.append(Array(dayStats[(day * scopeCount)..<((day + 1) * scopeCount)])) }
        }
        // Parts per leg and path; entry exposure per variant.
        var entryDollars = programs.map { _ in Array(repeating: 0.0, count: universe.count) }
        var entered = Array(repeating: 0, count: programs.count)
        var entryDay = programs.map { _ in Array(repeating: -1, count: paths) }
        var spent = programs.map { _ in Array(repeating: 0.0, count: paths) }
        for path in 0..<paths {
            var enteredHere = Set<Int>()
            for i in starts[path]..<starts[path + 1] {
                let s = stateBuffer[i]
                guard s.program >= 0 else { continue }
                enteredHere.insert(s.program)
                entryDay[s.program][path] = s.entryDay
                spent[s.program][path] += s.entryCost
                var parts = s.parts
                assert(Part.allCases.count == SIMD8<Double>.scalarCount, "a leg state holds one lane per part")
                // trades.csv's costs hold the trading costs less the carry: costs = −(costs + carry).
                parts[Part.costs.rawValue] = -(s.tradeCosts + parts[Part.carry.rawValue])
                for part in Part.allCases { legs[s.slot].parts[part.rawValue][path] = parts[part.rawValue] }
                legs[s.slot].pnl[path] = s.tradePnL
                legs[s.slot].held[path] = true
                if legs[s.slot].shortAmerican { legs[s.slot].earlyExerciseDay[path] = s.earlyExerciseDay }
            }
            for k in enteredHere { entered[k] += 1 }
            // Entry delta dollars: each leg's first mark.
            for i in starts[path]..<starts[path + 1] where stateBuffer[i].program >= 0 {
                let s = stateBuffer[i]
                entryDollars[s.program][s.asset] += s.quantity * Self.entryDelta(s, sample: sample, path: path, programs: unmanaged,
                                                                                  premiumTable: premiumTable, chain: chain, rate: rate,
                                                                                  dividends: dividends)
            }
        }
        for k in programs.indices where entered[k] > 0 {
            for a in universe.assets.indices { entryDollars[k][a] /= Double(entered[k]) }
        }
        let days = sample.days
        let pnlByDay = Parallel.map(count: programs.count, threads: threads) { k in
            (0..<days).map { d in Stats((0..<paths).map { sample.pnl[(k * paths + $0) * days + d] }) }
        }
        self.init(paths: paths, legs: legs, scopes: bookAssets.map { universe.assets[$0].ticker } + ["book"], exposure: exposure,
                  entryDeltaDollars: entryDollars, entered: entered, pnlByDay: pnlByDay, entryDay: entryDay,
                  spent: spent, budget: programs.map { p in
                      if case let .premiumBudget(b) = p.sizing { b } else { nil }
                  })
    }

    /// The mark of leg `s` on `day` at spot `spot`: value, Greeks, σ and the pricing inputs
    /// (nil for stock and at expiry). An American leg is valued by the engine's rule
    /// (`DecisionProgram.americanMid`, with the day's premium table) and takes the Greeks of the
    /// European option at the same inputs: its early-exercise premium's changes fall in
    /// `residual`. A quoted leg (`LegState.quoted`) is valued at its quote's mid, with the
    /// inputs at the quote's volatility (`ChainFills.inputs`; none when its mid implies none).
    static func mark(_ s: LegState, day: Int, spot: Double, scale: Double, programs: Programs,
                     premiumTable: PremiumTables, chain: ChainMarks?, rate: Double,
                     dividends: DividendSchedule) -> (value: Double, greeks: OptionValuation?, inputs: BlackScholesInputs?) {
        guard let o = s.option else { return (spot, nil, nil) }
        guard day < o.expiry else { return (o.type.intrinsic(spot: spot, strike: o.strike), nil, nil) }
        if let contract = s.quoted, let chain {
            // The engine reported no run that lacked a quote of a held contract: the previous
            // value stands in only for a run whose report is refused.
            guard let quote = chain.fills.quote(contract, on: chain.date(day)) else { return (s.value, nil, nil) }
            let yield = programs[s.program]._withUnsafeGuaranteedRef { $0.dividendYield[s.asset] }
            let inputs = ChainFills.inputs(quote, spot: spot, rate: rate, dividendYield: yield,
                                           years: Double(o.expiry - day) / TradingCalendar.tradingDaysPerYear)
            return (quote.mid, inputs.map(BlackScholes.valuation), inputs)
        }
        let inputs = programs[s.program]._withUnsafeGuaranteedRef {
            $0.optionInputs(leg: s.legIndex, type: o.type, spot: spot, strike: o.strike, day: day, expiry: o.expiry, rate: rate,
                            dividends: dividends, atmScale: scale)
        }
        let v = BlackScholes.valuation(inputs)
        return (value(s, inputs, european: v.price, day: day, spot: spot, premiumTable: premiumTable), v, inputs)
    }

    /// The value of leg `s` at BSM inputs `inputs` on `day` (spot `spot`): the European price, or
    /// for an American leg `DecisionProgram.americanMid`.
    static func value(_ s: LegState, _ inputs: BlackScholesInputs, european: Double, day: Int, spot: Double,
                      premiumTable: PremiumTables) -> Double {
        guard s.american, let o = s.option else { return european }
        return DecisionProgram.americanMid(inputs, european: european, spot: spot,
                                           table: premiumTable(s.program, s.legIndex, day, o.expiry))
    }

    /// Δ·S of leg `s` at its entry close (S for stock).
    static func entryDelta(_ s: LegState, sample: PathSample, path: Int, programs: Programs,
                           premiumTable: PremiumTables, chain: ChainMarks?, rate: Double, dividends: DividendSchedule) -> Double {
        let spot = sample.price(path: path, asset: s.asset, day: s.entryDay)
        let scale = s.option?.scaled == true ? sample.ivScale(path: path, asset: s.asset, day: s.entryDay) : 1
        let m = mark(s, day: s.entryDay, spot: spot, scale: scale, programs: programs, premiumTable: premiumTable, chain: chain, rate: rate,
                     dividends: dividends)
        return (m.greeks?.delta ?? (s.option == nil ? 1 : 0)) * spot
    }

    /// Day `day` of leg state `s`: its attribution terms for the close (after its entry), its
    /// exposure after the close (while held), and the new mark as the previous close's.
    static func advance(_ s: inout LegState, day: Int, path: Int, sample: PathSample, programs: Programs,
                        premiumTable: PremiumTables, chain: ChainMarks?, rate: Double,
                        dividends: DividendSchedule, eventDay: Bool, exposure row: UnsafeMutablePointer<Double>, scope: Int, book: Int) {
        guard day >= s.entryDay && day <= s.exitDay else { return }
        let spot = sample.price(path: path, asset: s.asset, day: day)
        let held = day < s.exitDay
        if s.program < 0 {
            // A holding: exposure only.
            addExposure(row, s, spot: spot, value: spot, greeks: nil, scope: scope, book: book)
            return
        }
        let scale = s.option?.scaled == true ? sample.ivScale(path: path, asset: s.asset, day: day) : 1
        let m = mark(s, day: day, spot: spot, scale: scale, programs: programs, premiumTable: premiumTable, chain: chain, rate: rate,
                     dividends: dividends)
        let q = s.quantity
        let sigma = m.inputs?.volatility ?? s.sigma
        if day > s.entryDay {
            let dS = spot - s.spot
            var terms = 0.0
            func add(_ part: Part, _ x: Double) { s.parts[part.rawValue] += x; terms += x }
            if eventDay {
                var moved = q * dS
                if let before = s.inputs {
                    // The previous close's option at today's spot: escrow of the previous day.
                    var shifted = before
                    shifted.spot = before.spot + dS
                    // A quoted leg's previous value is a mid, not a price at these inputs: the
                    // move is the model's at the quote's volatility.
                    let start = s.quoted == nil ? s.value : BlackScholes.price(before)
                    moved = q * (value(s, shifted, european: BlackScholes.price(shifted), day: day - 1, spot: spot,
                                       premiumTable: premiumTable) - start)
                }
                add(.eventJump, moved)
            } else {
                add(.delta, q * s.delta * dS)
                add(.gamma, q * 0.5 * s.gamma * dS * dS)
            }
            if s.option != nil {
                add(.vega, q * s.vega * (sigma - s.sigma))
                add(.theta, q * s.theta / TradingCalendar.tradingDaysPerYear)
            }
            s.parts[Part.residual.rawValue] += q * (m.value - s.value) - terms
            if s.option == nil {
                // Carry of held shares for this close (`DividendCarry`, the borrow fee).
                let a = s.asset
                if dividends.carries(asset: a) {
                    s.parts[Part.carry.rawValue] += DividendCarry.income(shares: q, close: spot, yield: dividends.accruingYield[a],
                                                                          cashPerShare: dividends.cashPerShare(asset: a, day: day))
                }
                if s.borrowFee > 0 && q < 0 {
                    s.parts[Part.carry.rawValue] -= s.borrowFee / TradingCalendar.tradingDaysPerYear * (-q) * spot
                }
            }
        }
        s.spot = spot
        s.value = m.value
        s.inputs = m.inputs
        s.sigma = sigma
        if let g = m.greeks {
            s.delta = g.delta; s.gamma = g.gamma; s.vega = g.vega; s.theta = g.theta
        } else {
            s.delta = s.option == nil ? 1 : 0; s.gamma = 0; s.vega = 0; s.theta = 0
        }
        if held && s.inPortfolio { addExposure(row, s, spot: spot, value: m.value, greeks: m.greeks, scope: scope, book: book) }
    }

    /// Adds held leg `s`'s measures at `spot` to its scope and the book. (Inlined: a call took
    /// a copy of the whole leg state every leg and day.)
    @inline(__always)
    static func addExposure(_ row: UnsafeMutablePointer<Double>, _ s: LegState, spot: Double, value: Double, greeks: OptionValuation?,
                            scope: Int, book: Int) {
        let q = s.quantity
        let delta = greeks?.delta ?? (s.option == nil ? 1 : 0)
        let m = Measure.allCases.count
        func add(_ measure: Measure, _ x: Double) {
            if scope >= 0 { row[scope * m + measure.rawValue] += x }
            row[book * m + measure.rawValue] += x
        }
        add(.netShares, q * delta)
        add(.deltaDollars, q * delta * spot)
        add(.betaDeltaDollars, s.beta * q * delta * spot)
        add(.gammaDollarsPerPercent, q * (greeks?.gamma ?? 0) * spot * spot / 100)
        add(.vegaPerVolPoint, q * (greeks?.vega ?? 0) / 100)
        add(.thetaPerDay, q * (greeks?.theta ?? 0) / TradingCalendar.tradingDaysPerYear)
        add(.marketValue, q * value)
        add(.margin, margin(quantity: q, value: value, spot: spot, option: s.option.map { ($0.type, $0.strike) }))
        if s.program >= 0 { row[book * m + Measure.cash.rawValue] -= q * value }
    }

    /// Reg-T style margin of a position (`Measure.margin`), money.
    static func margin(quantity q: Double, value: Double, spot: Double, option: (type: OptionType, strike: Double)?) -> Double {
        guard let o = option else { return 0.5 * abs(q) * spot }
        if q >= 0 { return q * value }
        let outOfMoney = o.type == .call ? max(o.strike - spot, 0) : max(spot - o.strike, 0)
        let floor = o.type == .call ? 0.10 * spot : 0.10 * o.strike
        return -q * (value + max(0.20 * spot - outOfMoney, floor))
    }
}
