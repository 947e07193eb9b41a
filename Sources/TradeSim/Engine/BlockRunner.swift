import Foundation

/// Runs one block of paths through a scenario, day by day: prices from the kernel, then for
/// every decision variant its entries, marks, carry and exits, then the portfolio's equity.
///
/// The daily work that touches every lane — option marks, carry, P&L, exit tests, drawdowns,
/// equity — runs on eight lanes at a time (`SIMD8`, `VectorMath`); what happens to one lane
/// at a time (an entry, an exit, an expiry) is done lane by lane on the days it happens.
struct BlockRunner: Sendable {
    let kernel: ScenarioKernel
    let programs: [DecisionProgram]
    let playbook: Playbook
    let rate: Double
    let horizon: Int
    let startEquity: Double
    /// Row d: the assets whose prices some step can read on day d (`pricedAssets(...)`); the
    /// others' exponentials are not taken that day.
    let priced: FlatRows<Int>
    /// Per asset: its held shares earn or pay dividends (`DividendSchedule.carries`), once per run
    /// instead of once per block, day and leg.
    let assetCarries: [Bool]
    /// The playbook's holdings whose dividends are cash (`assetCarries`).
    let carryingHoldings: [Holding]
    /// The premium tables of the American option legs (`AmericanMarks`).
    let american: AmericanMarks
    /// A backtest's option chain: option legs then enter, are marked and exit at its quotes
    /// (`ChainFills`), not at model prices.
    let chain: ChainMarks?

    typealias V = SIMD8<Double>

    init(kernel: ScenarioKernel, programs: [DecisionProgram], playbook: Playbook, rate: Double, horizon: Int, startEquity: Double,
         american: AmericanMarks = .none, chain: ChainMarks? = nil) {
        self.kernel = kernel
        self.american = american
        self.chain = chain
        self.programs = programs
        self.playbook = playbook
        self.rate = rate
        self.horizon = horizon
        self.startEquity = startEquity
        priced = FlatRows(Self.pricedAssets(programs: programs, playbook: playbook, assets: kernel.assetCount, horizon: horizon))
        let carries = (0..<kernel.assetCount).map { kernel.dividends.carries(asset: $0) }
        assetCarries = carries
        carryingHoldings = playbook.holdings.filter { carries[$0.asset] }
    }

    /// The assets to price on each day 0...horizon: those of the holdings every day, and a
    /// decision's legs and watch list from its first possible entry day (day 0 when it waits for
    /// weakness) to its last possible day — the horizon, or the last expiry of a decision made
    /// only of options whose expiry days are known in advance (event-relative, or a tenor from a
    /// fixed entry day), on which it settles and closes.
    static func pricedAssets(programs: [DecisionProgram], playbook: Playbook, assets n: Int, horizon: Int) -> [[Int]] {
        var needed = Array(repeating: Array(repeating: false, count: n), count: horizon + 1)
        for h in playbook.holdings { for d in 0...horizon { needed[d][h.asset] = true } }
        for p in programs where !p.neverEnters {
            let first = p.entersAnyDay ? 0 : min(p.entryDay ?? 0, horizon)
            var last = horizon
            let expiries = p.plannedExpiry
            if expiries.allSatisfy({ $0 != nil }), let latest = expiries.compactMap({ $0 }).max() {
                last = max(first, min(horizon, latest))
            }
            let assets = p.legAsset + p.watchScaled.map(\.asset)
            for d in first...last { for i in assets { needed[d][i] = true } }
        }
        return needed.map { day in (0..<n).filter { day[$0] } }
    }

    /// Per block and program: facts about the open positions that let whole days skip work.
    struct ProgramDay {
        /// Per leg: the expiry day all its lanes share, or nil when they differ (or none yet).
        var sharedExpiry: [Int?]
        var anyExpiry: [Bool]
        /// Days on which some lane's option leg expires.
        var expiryDays: Set<Int> = []
        /// Lanes holding a position now: on a day none does, the decision has nothing to mark
        /// or test (a closed lane's P&L is its cash, its drawdown settled).
        var openLanes = 0
        /// The earliest last-option-expiry of any lane that entered (+∞: none, or no options):
        /// before it, a decision without stop, target or holding horizon has nothing to exit.
        var firstLastExpiry = Double.infinity
        /// `PathBlock.ivScale` of the block (the lanes' ATM IV factors from event outcomes).
        var ivScale: UnsafeMutablePointer<Double>?
        /// With a chain: the quoted expiration of each held option leg (by slot, leg × width + lane).
        var chainExpiry: [Int: CalendarDate] = [:]
        /// With a chain: the first quote it lacked.
        var chainGap: ChainGap?
    }

    /// What a block returns: the trades of its traced and analysis paths, and with a chain the
    /// first quote it lacked (the earliest date; the first decision variant on a tie).
    struct BlockResult {
        var trades: [TradeRecord]
        var chainGap: ChainGap?
    }

    /// Runs the block and returns the trades of its traced and analysis paths (path < out.tracedEnd
    /// or out.analysisEnd), and with a chain the first quote it lacked.
    func run(firstPath: Int, lanes: Int, seed: UInt64, into out: OutcomeBuffers) -> BlockResult {
        var block = kernel.makeBlock(firstPath: firstPath, lanes: lanes, seed: seed)
        let width = block.width
        let n = kernel.assetCount
        let memory = LaneMemory(programs: programs, width: width)
        let states = memory.views
        var days = programs.map { ProgramDay(sharedExpiry: Array(repeating: nil, count: $0.variant.legs.count),
                                             anyExpiry: Array(repeating: false, count: $0.variant.legs.count),
                                             ivScale: block.ivScale.baseAddress!) }
        let prices = UnsafeMutablePointer<Double>.allocate(capacity: n * width)
        defer { prices.deallocate() }
        // NaN until priced: a read of a price `pricedAssets` left out would show in the reports.
        prices.initialize(repeating: .nan, count: n * width)
        // Portfolio per lane
        let portfolio = UnsafeMutablePointer<Double>.allocate(capacity: 6 * width)
        defer { portfolio.deallocate() }
        let financing = portfolio, lastCash = portfolio + width, peakEquity = portfolio + 2 * width
        let drawdown = portfolio + 3 * width, equity = portfolio + 4 * width, holdingIncome = portfolio + 5 * width
        financing.initialize(repeating: 0, count: width)
        holdingIncome.initialize(repeating: 0, count: width)
        lastCash.initialize(repeating: playbook.capital, count: width)
        peakEquity.initialize(repeating: startEquity, count: width)
        drawdown.initialize(repeating: 0, count: width)
        equity.initialize(repeating: startEquity, count: width)
        let primary = programs.indices.filter { programs[$0].variant.inPortfolio }
        // The programs as unowned references: two threads counting references to the same
        // objects every day cost more than the step of a small decision (`FlatRows`).
        let unmanaged = programs.map { Unmanaged.passUnretained($0) }
        let tracedLanes = max(0, min(lanes, out.tracedEnd - firstPath))
        let analysisLanes = max(0, min(lanes, out.analysisEnd - firstPath))  // lanes whose prices are kept
        let sampledLanes = max(0, min(lanes, out.sampleEnd - firstPath))  // lanes whose daily equity is kept
        let local = firstPath - out.firstPath  // this block's first slot in the buffers

        for d in 0...horizon {
            if d > 0 { kernel.advance(&block) }
            // Prices of every asset on every lane.
            if let exact = block.exactPrice {
                for i in 0..<n { (prices + i * width).initialize(repeating: exact[i], count: width) }
            } else if priced.range(d).count == n {
                VectorMath.exp(block.logPrice.baseAddress!, into: prices, count: n * width)
            } else {
                for m in priced.range(d) {
                    let i = priced.elements[m]
                    VectorMath.exp(block.logPrice.baseAddress! + i * width, into: prices + i * width, count: width)
                }
            }
            for lane in 0..<analysisLanes {
                for i in 0..<n {
                    let slot = ((local + lane) * n + i) * (horizon + 1) + d
                    out.pathPrices[slot] = prices[i * width + lane]
                    out.pathIVScale[slot] = block.ivScale[i * width + lane]
                }
            }
            for k in programs.indices {
                // The shared program without a reference count per day (`unmanaged`: `programs`
                // holds it for the whole run).
                unmanaged[k]._withUnsafeGuaranteedRef {
                    step(program: $0, state: states[k], day: d, daily: &days[k], prices: prices,
                         logPrices: block.logPrice.baseAddress!, width: width)
                }
                for lane in 0..<tracedLanes {
                    out.dailyPnL[(k * out.tracedPaths + local + lane) * (out.days + 1) + d] = states[k].pnl[lane]
                }
                for lane in 0..<analysisLanes {
                    out.pathPnL[(k * out.analysisPaths + local + lane) * (out.days + 1) + d] = states[k].pnl[lane]
                }
            }
            portfolioDay(d: d, states: states, primary: primary, prices: prices, width: width, financing: financing,
                         lastCash: lastCash, peakEquity: peakEquity, drawdown: drawdown,
                         equity: equity, holdingIncome: holdingIncome)
            if sampledLanes > 0 {
                (out.equitySample[d].baseAddress! + local).update(from: equity, count: sampledLanes)
            }
        }
        var trades: [TradeRecord] = []
        for lane in 0..<max(tracedLanes, analysisLanes) {
            for k in programs.indices {
                trades += tradeRecords(programs[k], states[k], lane: lane, path: firstPath + lane, chainExpiry: days[k].chainExpiry)
            }
        }
        for (k, s) in states.enumerated() {
            for lane in 0..<lanes {
                let path = local + lane
                out.pnl[k][path] = s.pnl[lane]
                out.returns[k]?[path] = s.finalReturn[lane]
                out.maxDrawdown[k][path] = Float(s.maxDrawdown[lane])
                out.exitReason[k][path] = s.exitReason[lane]
                out.holdingDays[k][path] = s.entryDay[lane] >= 0 ? s.exitDay[lane] - s.entryDay[lane] : 0
                out.relative[k]?[path] = s.relative[lane]
            }
            // Sums of the finite returns per chunk of paths, each in path order.
            for chunkStart in stride(from: 0, to: lanes, by: VariantOutcomes.chunkPaths) {
                var sum = 0.0, count = 0
                for lane in chunkStart..<min(chunkStart + VariantOutcomes.chunkPaths, lanes) where s.finalReturn[lane].isFinite {
                    sum += s.finalReturn[lane]
                    count += 1
                }
                let chunk = (local + chunkStart) / VariantOutcomes.chunkPaths
                out.returnSums[k][chunk] = sum
                out.returnCounts[k][chunk] = count
            }
        }
        for lane in 0..<lanes {
            out.portfolioPnL[local + lane] = equity[lane] - startEquity
            out.portfolioDrawdown[local + lane] = Float(drawdown[lane])
        }
        let gaps = days.compactMap(\.chainGap)
        return BlockResult(trades: trades, chainGap: gaps.min { $0.date < $1.date })
    }

    // MARK: - Portfolio

    /// equity = capital + holdings + their dividends to date + Σ primary P&L − financing, with
    /// interest on the previous close's negative cash (the holdings' dividends are cash, from
    /// day 1: `DividendCarry`); running peak and drawdowns.
    func portfolioDay(d: Int, states: [DecisionLanes], primary: [Int], prices: UnsafeMutablePointer<Double>, width: Int,
                      financing: UnsafeMutablePointer<Double>, lastCash: UnsafeMutablePointer<Double>,
                      peakEquity: UnsafeMutablePointer<Double>, drawdown: UnsafeMutablePointer<Double>,
                      equity: UnsafeMutablePointer<Double>, holdingIncome: UnsafeMutablePointer<Double>) {
        let dailyRate = playbook.financingRate / TradingCalendar.tradingDaysPerYear
        // (Shared arrays are read by index: an iteration would take a reference, as in `mark`.)
        let carrying = d > 0 && !carryingHoldings.isEmpty
        for c in 0..<(width / 8) {
            let j = 8 * c
            var holdings = V(repeating: 0)
            for m in playbook.holdings.indices {
                let h = playbook.holdings[m]
                holdings = holdings.addingProduct(V(repeating: h.quantity), loadV(prices, h.asset * width + j))
            }
            var income = V(repeating: 0)
            if carrying {
                income = loadV(holdingIncome, j)
                for m in carryingHoldings.indices {
                    let h = carryingHoldings[m]
                    income += DividendCarry.income(shares: V(repeating: h.quantity), close: loadV(prices, h.asset * width + j),
                                                   yield: kernel.dividends.accruingYield[h.asset],
                                                   cashPerShare: kernel.dividends.cashPerShare(asset: h.asset, day: d))
                }
                storeV(holdingIncome, j, income)
                holdings += income
            }
            var sumPnL = V(repeating: 0)
            var cash = V(repeating: playbook.capital) + income
            for k in primary {
                sumPnL += loadV(states[k].pnl, j)
                cash += loadV(states[k].cash, j)
            }
            var f = loadV(financing, j)
            if d > 0 && dailyRate > 0 {
                let balance = loadV(lastCash, j) - f
                f = f.replacing(with: f - balance * dailyRate, where: balance .< 0)
                storeV(financing, j, f)
            }
            storeV(lastCash, j, cash)
            let e = V(repeating: playbook.capital) + holdings + sumPnL - f
            storeV(equity, j, e)
            var peak = loadV(peakEquity, j)
            peak = peak.replacing(with: e, where: e .> peak)
            storeV(peakEquity, j, peak)
            let dd = peak - e
            let worst = loadV(drawdown, j)
            storeV(drawdown, j, worst.replacing(with: dd, where: dd .> worst))
        }
    }

    // MARK: - One decision, one day

    func step(program p: DecisionProgram, state s: DecisionLanes, day d: Int, daily: inout ProgramDay,
              prices: UnsafeMutablePointer<Double>, logPrices: UnsafeMutablePointer<Double>, width: Int) {
        // 1. Entries (lane by lane, on the days they can happen).
        if p.neverEnters {
            if d == 0 { for lane in 0..<width { s.status[lane] = DecisionLanes.closed } }
        } else if entryPossible(p, day: d) {
            if p.entryDay == d && !p.entersAnyDay && (0..<width).allSatisfy({ s.status[$0] == DecisionLanes.pending }) {
                enterEveryLane(p, s, day: d, prices: prices, logPrices: logPrices, width: width, daily: &daily)
            } else {
                // A lane entering at the same prices as an earlier lane today copies that
                // lane's entry instead of pricing it again.
                var template: Int?
                for lane in 0..<width where s.status[lane] == DecisionLanes.pending {
                    if shouldEnter(p, s, lane: lane, day: d, prices: prices, width: width) {
                        if let t = template, p.legAsset.allSatisfy({ prices[$0 * width + t] == prices[$0 * width + lane] }) {
                            copyEntry(p, s, from: t, to: lane..<(lane + 1), width: width, daily: &daily)
                        } else {
                            enter(p, s, lane: lane, day: d, prices: prices, width: width, daily: &daily)
                            template = lane
                        }
                    }
                }
            }
        }
        guard daily.openLanes > 0 else {
            closePendingAtEnd(s, day: d, width: width)
            return
        }
        // 2. Options expiring today settle at intrinsic (lane by lane).
        if daily.expiryDays.contains(d) { settleExpiries(p, s, day: d, prices: prices, width: width, daily: &daily) }
        // 3. Marks, carry and P&L, eight lanes at a time; on a day no lane can exit, the
        //    drawdown too (step 5 folded into the mark's last pass).
        let idle = exitsIdle(p, day: d, daily: daily)
        mark(p, s, day: d, prices: prices, logPrices: logPrices, width: width, daily: &daily, drawdown: idle)
        closePendingAtEnd(s, day: d, width: width)
        if idle { return }
        // 4. Exits: vector tests, then the flagged lanes one by one.
        exits(p, s, day: d, prices: prices, width: width, daily: &daily)
        // 5. Drawdown of the decision's P&L.
        for c in 0..<(width / 8) { updateDrawdown(s, 8 * c, pnl: loadV(s.pnl, 8 * c)) }
    }

    /// Running peak and worst drawdown of the P&L of lanes j..<j+8.
    @inline(__always)
    func updateDrawdown(_ s: DecisionLanes, _ j: Int, pnl: V) {
        var peak = loadV(s.peak, j)
        peak = peak.replacing(with: pnl, where: pnl .> peak)
        storeV(s.peak, j, peak)
        let dd = peak - pnl
        let worst = loadV(s.maxDrawdown, j)
        storeV(s.maxDrawdown, j, worst.replacing(with: dd, where: dd .> worst))
    }

    /// True when no exit rule can close a lane today: none of stop, target or holding horizon,
    /// no time exit (scenario end, event exit), and no lane's options have all expired yet.
    func exitsIdle(_ p: DecisionProgram, day d: Int, daily: ProgramDay) -> Bool {
        !isTimeExit(p, day: d) && !p.hasPathExitRule && !p.assigns && Double(d) < daily.firstLastExpiry
    }

    /// Every open lane closes today: the scenario ends, or the decision's event exit is due.
    func isTimeExit(_ p: DecisionProgram, day d: Int) -> Bool {
        d == horizon || (p.exitEventDay.map { d >= $0 } ?? false)
    }

    func closePendingAtEnd(_ s: DecisionLanes, day d: Int, width: Int) {
        guard d == horizon else { return }
        for lane in 0..<width where s.status[lane] == DecisionLanes.pending { s.status[lane] = DecisionLanes.closed }
    }

    func entryPossible(_ p: DecisionProgram, day d: Int) -> Bool {
        p.entersAnyDay || p.entryDay == d  // on weakness: tracks the running high from day 0
    }

    /// Value, carry and P&L of every lane: value = Σ legs q·price (stock at the close, options
    /// by Black–Scholes–Merton with the day's IV), short stock pays its borrow fee for each close
    /// after entry, P&L = cash + value. The legs are marked in passes over the lanes, in leg
    /// order (`DecisionProgram.MarkPass`): the first pass starts the value at 0, the last one
    /// writes the P&L (and the drawdown when `drawdown`), so neither needs a pass of its own.
    func mark(_ p: DecisionProgram, _ s: DecisionLanes, day d: Int, prices: UnsafeMutablePointer<Double>,
              logPrices: UnsafeMutablePointer<Double>, width: Int, daily: inout ProgramDay, drawdown: Bool) {
        // An option group is marked while some lane holds it and it has not expired. (The
        // program's and the day's arrays are read in place: a local copy of one would take a
        // reference, see `FlatRows`.)
        func live(_ i: Int) -> Bool {
            guard case let .options(lead) = p.markPasses[i] else { return true }
            return daily.anyExpiry[lead] && (daily.sharedExpiry[lead].map { $0 > d } ?? true)
        }
        var last = p.markPasses.count - 1
        while last >= 0 && !live(last) { last -= 1 }
        guard last >= 0 else {
            for c in 0..<(width / 8) { finishVector(s, 8 * c, value: V(repeating: 0), drawdown: drawdown) }
            return
        }
        var first = true
        for i in 0...last where live(i) {
            let ends = i == last
            switch p.markPasses[i] {
            case let .stocks(legs):
                markStocks(p, s, legs: legs, day: d, prices: prices, width: width, startsValue: first, ends: ends, drawdown: drawdown)
            case let .options(lead) where chain != nil:
                markChainGroup(p, s, lead: lead, day: d, width: width, daily: &daily, startsValue: first, ends: ends,
                               drawdown: drawdown)
            case let .options(lead):
                markOptionGroup(p, s, lead: lead, day: d, prices: prices,
                                logPrices: logPrices, width: width, sharedExpiry: daily.sharedExpiry[lead],
                                startsValue: first, ends: ends, drawdown: drawdown, ivScale: daily.ivScale)
            }
            first = false
        }
    }

    /// The end of a lane vector's mark: P&L = cash + value, and with `drawdown` the running
    /// peak and worst drawdown of the P&L.
    @inline(__always)
    func finishVector(_ s: DecisionLanes, _ j: Int, value: V, drawdown: Bool) {
        let pnl = loadV(s.cash, j) + value
        storeV(s.pnl, j, pnl)
        if drawdown { updateDrawdown(s, j, pnl: pnl) }
    }

    /// A run of consecutive stock legs in one pass: value += q·S per leg, the borrow fee of
    /// short stock, and the dividends of held shares (`DividendCarry`: cash, and a negative
    /// cost of the leg), both for each close after entry.
    func markStocks(_ p: DecisionProgram, _ s: DecisionLanes, legs: Range<Int>, day d: Int, prices: UnsafeMutablePointer<Double>,
                    width: Int, startsValue: Bool, ends: Bool, drawdown: Bool) {
        // (The program's arrays are read in place: see `FlatRows`.)
        let anyFee = legs.contains { p.borrowFee[p.legAsset[$0]] > 0 }
        let anyDividend = d > 0 && legs.contains { assetCarries[p.legAsset[$0]] }
        let legYield = anyDividend ? legs.map { kernel.dividends.accruingYield[p.legAsset[$0]] } : []
        let legCash = anyDividend ? legs.map { kernel.dividends.cashPerShare(asset: p.legAsset[$0], day: d) } : []
        let dayV = V(repeating: Double(d))
        for c in 0..<(width / 8) {
            let j = 8 * c
            var value = startsValue ? V(repeating: 0) : loadV(s.value, j)
            for k in legs {
                let qv = loadV(s.quantity + k * width, j), sv = loadV(prices + p.legAsset[k] * width, j)
                value = value.addingProduct(qv, sv)
                if anyDividend {
                    let yield = legYield[k - legs.lowerBound], cash = legCash[k - legs.lowerBound]
                    if yield != 0 || cash != 0 {
                        let accrues = loadV(s.entryDayD, j) .< dayV
                        let income = DividendCarry.income(shares: qv, close: sv, yield: yield, cashPerShare: cash)
                            .replacing(with: 0, where: .!accrues)
                        storeV(s.cash, j, loadV(s.cash, j) + income)
                        storeV(s.legCosts + k * width, j, loadV(s.legCosts + k * width, j) - income)
                    }
                }
                if anyFee {
                    let fee = p.borrowFee[p.legAsset[k]] / TradingCalendar.tradingDaysPerYear
                    guard fee > 0 else { continue }
                    let short = (-qv).replacing(with: 0, where: qv .>= 0)
                    let accrues = loadV(s.entryDayD, j) .< dayV
                    let charge = (fee * short * sv).replacing(with: 0, where: .!accrues)
                    storeV(s.cash, j, loadV(s.cash, j) - charge)
                    storeV(s.legCosts + k * width, j, loadV(s.legCosts + k * width, j) + charge)
                }
            }
            if ends { finishVector(s, j, value: value, drawdown: drawdown) } else { storeV(s.value, j, value) }
        }
    }

    /// Marks legs that share underlying, strike and expiry on every lane: one put price per lane
    /// (two normal CDFs), the call by put–call parity C = P + S·e^{−qτ} − K·e^{−rτ}. One pass
    /// over the lanes, eight at a time: Black–Scholes inputs, put, parity and the legs' values
    /// stay in registers; vectors without a position are skipped.
    func markOptionGroup(_ p: DecisionProgram, _ s: DecisionLanes, lead: Int, day d: Int,
                         prices: UnsafeMutablePointer<Double>, logPrices: UnsafeMutablePointer<Double>, width: Int,
                         sharedExpiry: Int?, startsValue: Bool, ends: Bool, drawdown: Bool, ivScale: UnsafeMutablePointer<Double>?) {
        // The group's members are p.optionGroups.elements[group] (`DecisionProgram.optionGroups`).
        let group = p.optionGroups.range(lead)
        let asset = p.legAsset[lead]
        let q = p.dividendYield[asset]
        let spot = prices + asset * width, x = logPrices + asset * width
        let strike = s.strike + lead * width, logStrike = s.logStrike + lead * width
        // Day constants when every lane's position expires on the same day.
        // (The planned expiry's terms come precomputed; `mark` leaves out expired groups, so
        // the tenor is positive.)
        var shared: OptionDayTerms?
        let laneVolatility = p.laneVolatility[lead]
        var sharedLane: (atm: Double, years: Double, dq: Double, dr: Double)?
        if let e = sharedExpiry, laneVolatility != nil {
            let years = Double(e - d) / TradingCalendar.tradingDaysPerYear
            sharedLane = (p.impliedVol(leg: lead, day: d, tenor: e - d), years, Foundation.exp(-q * years), Foundation.exp(-rate * years))
        } else if let e = sharedExpiry {
            shared = e == p.plannedExpiry[lead] ? p.plannedTerms.withUnsafeBufferPointer { $0[lead * (horizon + 1) + d] }
                : OptionDayTerms(sigma: p.impliedVol(leg: lead, day: d, tenor: e - d), tenorDays: e - d, rate: rate, dividendYield: q)
        }
        let single = group.count == 1
        // American legs: the day's premium tables (nil: lane by lane, `americanLanes`).
        let americanGroup = group.contains { p.legAmerican[p.optionGroups.elements[$0]] }
        var tables: [AmericanPremiumTable?] = []
        for m in group where americanGroup {
            tables.append(sharedExpiry == nil ? nil : premiumTable(p, leg: p.optionGroups.elements[m], day: d, expiry: sharedExpiry!))
        }
        let table0 = tables.first ?? nil
        // Cash dividends in an option's life: priced on the escrowed spot (`DividendSchedule`).
        let paysCash = kernel.dividends.paysCash[asset]
        if let terms = shared, !americanGroup, !paysCash {
            markEuropeanGroup(p, s, group: group, terms: terms, spot: spot, logSpot: x, strike: strike, logStrike: logStrike,
                              width: width, startsValue: startsValue, ends: ends, drawdown: drawdown)
            return
        }
        for c in 0..<(width / 8) {
            let j = 8 * c
            var value = startsValue ? V(repeating: 0) : loadV(s.value, j)
            // Skip vectors where no lane holds a leg of the group (settled, exited or never entered).
            guard holdsGroup(p, s, group: group, width: width, at: j) else {
                if ends { finishVector(s, j, value: value, drawdown: drawdown) } else if startsValue { storeV(s.value, j, value) }
                continue
            }
            var d1: V, sd: V, dq: V, dr: V
            var sigmaLanes: V?  // each lane's IV where it has its own
            var spotV = loadV(spot, j), logSpotV = loadV(x, j)
            if paysCash, let escrowed = kernel.dividends.escrowedSpots(
                spotV, asset: asset, day: d, expiries: sharedExpiry.map { V(repeating: Double($0)) } ?? loadV(s.expiry + lead * width, j), rate: rate) {
                spotV = escrowed; logSpotV = VectorMath.log(escrowed)
            }
            if let lv = laneVolatility {
                // Each lane at its own strike's IV (`LaneVolatility`): the ATM IV and tenor as
                // below, then σ lane by lane.
                var atmV: V, tV: V
                if let c = sharedLane {
                    atmV = V(repeating: c.atm); tV = V(repeating: c.years); dq = V(repeating: c.dq); dr = V(repeating: c.dr)
                } else {
                    (atmV, tV) = laneTenors(p, s, lead: lead, day: d, width: width, at: j)
                    dq = VectorMath.exp(-q * tV)
                    dr = VectorMath.exp(-rate * tV)
                }
                if p.atmScaled[lead], let scale = ivScale { atmV = atmV * loadV(scale + asset * width, j) }
                let rootT = VectorMath.sqrt(tV)
                let logS = logSpotV, logK = loadV(logStrike, j)
                let sigmaV = lv.sigma(atm: atmV, logSpot: logS, logStrike: logK, years: tV, inverseSqrtYears: 1 / rootT)
                sigmaLanes = sigmaV
                sd = sigmaV * rootT
                let c1 = (rate - q + 0.5 * sigmaV * sigmaV) * tV
                d1 = (logS - logK + c1) / sd
            } else if let c = shared {
                sd = V(repeating: c.sd); dq = V(repeating: c.dq); dr = V(repeating: c.dr)
                d1 = c.d1(logPrice: logSpotV, logStrike: loadV(logStrike, j))
            } else {
                // Per-lane tenors (entries on different days): τ and σ lane by lane.
                let (sigmaV, tV) = laneTenors(p, s, lead: lead, day: d, width: width, at: j)
                sd = sigmaV * VectorMath.sqrt(tV)
                let c1 = (rate - q + 0.5 * sigmaV * sigmaV) * tV
                dq = VectorMath.exp(-q * tV)
                dr = VectorMath.exp(-rate * tV)
                d1 = (logSpotV - loadV(logStrike, j) + c1) / sd
            }
            let kdr = loadV(strike, j) * dr, sdq = spotV * dq
            let (putFloor, callFloor) = BlackScholesLanes.putAndCall(d1: d1, sd: sd, discountedStrike: kdr, discountedSpot: sdq)
            if americanGroup {
                let escrowed = (spot: spotV, logSpot: logSpotV)
                for m in group {
                    let leg = p.optionGroups.elements[m], isPut = p.groupIsPut[m]
                    var price = isPut ? putFloor : callFloor
                    if p.legAmerican[leg] {
                        price = americanLanes(p, s, leg: leg, asset: asset, type: isPut ? .put : .call,
                                              table: single ? table0 : tables[m - group.lowerBound],
                                              european: price,
                                              escrowed: escrowed, sigma: sigmaLanes, day: d, prices: prices, width: width, at: j,
                                              ivScale: ivScale)
                    }
                    let held = p.legShortAmerican[leg]
                        ? watchExercise(p, s, leg: leg, asset: asset, type: isPut ? .put : .call, value: price, day: d, prices: prices,
                                        width: width, at: j)
                        : loadV(s.quantity + leg * width, j)
                    value = value.addingProduct(held, price)
                }
            } else {
                value = addEuropean(value, p, s, group: group, put: putFloor, call: callFloor, width: width, at: j)
            }
            if ends { finishVector(s, j, value: value, drawdown: drawdown) } else { storeV(s.value, j, value) }
        }
    }

    /// Some lane of lanes j..<j+8 holds a leg of the option group `group` (members
    /// `p.optionGroups.elements[group]`).
    /// (A one-leg group — a put spread's legs, a plain put — takes a path without the loop: measured
    /// 5–9% less simulation time on the benchmark than the general form; also in `addEuropean`.)
    @inline(__always)
    func holdsGroup(_ p: DecisionProgram, _ s: DecisionLanes, group: Range<Int>, width: Int, at j: Int) -> Bool {
        if group.count == 1 { return VectorMath.anyLane(loadV(s.quantity + p.optionGroups.elements[group.lowerBound] * width, j) .!= 0) }
        return group.contains { VectorMath.anyLane(loadV(s.quantity + p.optionGroups.elements[$0] * width, j) .!= 0) }
    }

    /// `value` + Σ q·price over the group's legs on lanes j..<j+8, each leg at the put or the call
    /// (European) value of the group's strike and expiry.
    @inline(__always)
    func addEuropean(_ value: V, _ p: DecisionProgram, _ s: DecisionLanes, group: Range<Int>, put: V, call: V, width: Int,
                     at j: Int) -> V {
        if group.count == 1 {
            let m = group.lowerBound
            return value.addingProduct(loadV(s.quantity + p.optionGroups.elements[m] * width, j), p.groupIsPut[m] ? put : call)
        }
        var value = value
        for m in group { value = value.addingProduct(loadV(s.quantity + p.optionGroups.elements[m] * width, j), p.groupIsPut[m] ? put : call) }
        return value
    }

    /// `markOptionGroup`'s loop in its most common case, with nothing in it but the mark: every
    /// lane's position expires on the same day (the day's terms shared), the legs are European
    /// and the IV flat in strike, no cash dividend. The same operations in the same order as the
    /// general loop (so the same bits); alone in a small loop they keep the vector registers
    /// (the general one spilled to the stack).
    func markEuropeanGroup(_ p: DecisionProgram, _ s: DecisionLanes, group: Range<Int>, terms c: OptionDayTerms,
                           spot: UnsafeMutablePointer<Double>, logSpot x: UnsafeMutablePointer<Double>,
                           strike: UnsafeMutablePointer<Double>, logStrike: UnsafeMutablePointer<Double>,
                           width: Int, startsValue: Bool, ends: Bool, drawdown: Bool) {
        let sd = V(repeating: c.sd), dq = V(repeating: c.dq), dr = V(repeating: c.dr)
        for j in stride(from: 0, to: width, by: 8) {
            var value = startsValue ? V(repeating: 0) : loadV(s.value, j)
            if holdsGroup(p, s, group: group, width: width, at: j) {
                let d1 = c.d1(logPrice: loadV(x, j), logStrike: loadV(logStrike, j))
                let kdr = loadV(strike, j) * dr, sdq = loadV(spot, j) * dq
                let (putFloor, callFloor) = BlackScholesLanes.putAndCall(d1: d1, sd: sd, discountedStrike: kdr, discountedSpot: sdq)
                value = addEuropean(value, p, s, group: group, put: putFloor, call: callFloor, width: width, at: j)
            } else if !ends && !startsValue {
                continue
            }
            if ends { finishVector(s, j, value: value, drawdown: drawdown) } else { storeV(s.value, j, value) }
        }
    }

    /// Marks an option group at the chain's mids (`ChainFills`): value += q·mid of each held
    /// leg's quote of the day, lane by lane; a missing quote is recorded (`ProgramDay.chainGap`)
    /// and marks the leg at 0 (the run then fails).
    func markChainGroup(_ p: DecisionProgram, _ s: DecisionLanes, lead: Int, day d: Int, width: Int, daily: inout ProgramDay,
                        startsValue: Bool, ends: Bool, drawdown: Bool) {
        for c in 0..<(width / 8) {
            let j = 8 * c
            var value = startsValue ? V(repeating: 0) : loadV(s.value, j)
            for m in p.optionGroups.range(lead) {
                let k = p.optionGroups.elements[m]
                let quantity = loadV(s.quantity + k * width, j)
                for l in 0..<8 where quantity[l] != 0 {
                    let mid = chainQuote(p, s, leg: k, slot: k * width + j + l, day: d, purpose: .mark, daily: &daily)?.mid ?? 0
                    value[l] += quantity[l] * mid
                }
            }
            if ends { finishVector(s, j, value: value, drawdown: drawdown) } else { storeV(s.value, j, value) }
        }
    }

    /// The chain's quote on day `d` of the contract leg k holds in `slot`; when the chain lacks
    /// it, nil, and the gap is recorded (the day's first).
    func chainQuote(_ p: DecisionProgram, _ s: DecisionLanes, leg k: Int, slot: Int, day d: Int, purpose: ChainGap.Purpose,
                    daily: inout ProgramDay) -> OptionQuote? {
        guard let chain, let type = p.legFacts[k].option?.type, let expiration = daily.chainExpiry[slot] else { return nil }
        let contract = ChainContract(underlying: chain.tickers[p.legAsset[k]], type: type, strike: s.strike[slot], expiration: expiration)
        let date = chain.date(d)
        if let quote = chain.fills.quote(contract, on: date) { return quote }
        if daily.chainGap == nil { daily.chainGap = ChainGap(contract: contract, underlying: contract.underlying, type: type, date: date, purpose: purpose) }
        return nil
    }

    /// The American values of leg k on lanes j..<j+8 (`DecisionProgram.americanMid`, the same
    /// rule): from the day's premium table (`AmericanPremiumTable.values`) at each lane's log
    /// moneyness ln(S/K) on the escrowed spot and its IV (`sigma`, or the table's one σ), floored
    /// at the intrinsic value at the close; lane by lane by `optionMid` where there is no table
    /// or a held lane's IV lies outside it. `european` is the lanes' European values.
    @inline(__always)
    func americanLanes(_ p: DecisionProgram, _ s: DecisionLanes, leg k: Int, asset: Int, type: OptionType, table: AmericanPremiumTable?,
                       european: V, escrowed: (spot: V, logSpot: V), sigma: V?, day d: Int, prices: UnsafeMutablePointer<Double>,
                       width: Int, at j: Int, ivScale: UnsafeMutablePointer<Double>?) -> V {
        let quantity = loadV(s.quantity + k * width, j)
        let held = quantity .!= 0
        let strike = loadV(s.strike + k * width, j), close = loadV(prices + asset * width, j)
        if let table, table.isEuropean { return european }
        if let table {
            let sigmaV = sigma ?? V(repeating: table.sigmaLow)
            let outside = held .& ((sigmaV .< V(repeating: table.sigmaLow * (1 - 1e-12))) .| (sigmaV .> V(repeating: table.sigmaHigh * (1 + 1e-12))))
            if !VectorMath.anyLane(outside) {
                let perStrike = 1 / strike
                let (unit, _) = table.values(logMoneyness: escrowed.logSpot - loadV(s.logStrike + k * width, j), moneyness: escrowed.spot * perStrike,
                                             volatility: sigma, european: european * perStrike)
                var value = unit * strike
                let intrinsic = type.intrinsic(spot: close, strike: strike)
                value = value.replacing(with: intrinsic, where: value .< intrinsic)
                return value
            }
        }
        var value = european
        for l in 0..<8 where held[l] {
            let slot = k * width + j + l
            value[l] = optionMid(p, leg: k, type: type, spot: close[l], strike: strike[l], day: d, expiry: Int(s.expiry[slot]),
                                 atmScale: atmScale(p, leg: k, lane: j + l, width: width, ivScale: ivScale))
        }
        return value
    }

    /// Sold American leg k on lanes j..<j+8 at today's close, marked at `value`: where its
    /// holder's early exercise is optimal (`DecisionProgram.earlyExerciseIsOptimal`: value ≤
    /// intrinsic, intrinsic > 0) for the first time, the close is recorded (`legExerciseDay`).
    /// Under `ExitRules.Assignment.assign` the leg is assigned there: cash += q × intrinsic, the
    /// leg closes at its intrinsic value today (exit reason `assigned`), and a lane left holding
    /// nothing is marked to exit today with reason `assigned` (its `exitReason`, read by `exits`
    /// while the lane is open). Returns the quantities still held, for the day's value (an
    /// assigned leg is in cash now).
    @inline(__always)
    func watchExercise(_ p: DecisionProgram, _ s: DecisionLanes, leg k: Int, asset: Int, type: OptionType, value: V, day d: Int,
                       prices: UnsafeMutablePointer<Double>, width: Int, at j: Int) -> V {
        let quantity = loadV(s.quantity + k * width, j)
        let close = loadV(prices + asset * width, j), strike = loadV(s.strike + k * width, j)
        let intrinsic = type.intrinsic(spot: close, strike: strike)
        var exercised = (quantity .< 0) .& DecisionProgram.earlyExerciseIsOptimal(value: value, intrinsic: intrinsic)
        guard VectorMath.anyLane(exercised) else { return quantity }
        for l in 0..<8 where exercised[l] {
            let lane = j + l, slot = k * width + lane
            guard s.legExerciseDay[slot] < 0 else { exercised[l] = false; continue }
            s.legExerciseDay[slot] = Int32(d)
            guard p.assigns else { continue }
            s.cash[lane] += quantity[l] * intrinsic[l]
            s.quantity[slot] = 0
            s.legExitDay[slot] = Int32(d)
            s.legExitPrice[slot] = intrinsic[l]
            if p.legAsset.indices.allSatisfy({ s.quantity[$0 * width + lane] == 0 }) { s.exitReason[lane] = ExitReason.assigned.rawValue }
        }
        return p.assigns ? quantity.replacing(with: 0, where: exercised) : quantity
    }

    /// The lanes j..<j+8 marked to exit because an assignment left them holding nothing
    /// (`watchExercise`).
    @inline(__always)
    func assignedOut(_ s: DecisionLanes, _ j: Int) -> SIMDMask<V.MaskStorage> {
        var marked = V(repeating: 0)
        for l in 0..<8 where s.exitReason[j + l] == ExitReason.assigned.rawValue { marked[l] = 1 }
        return marked .!= 0
    }

    /// Lanes `j..<j+8`: each lane's ATM IV and years to the lead leg's expiry on day `d` (entries
    /// on different days). A settled lane (tenor ≤ 0, quantity 0) gets 1 and 1: finite values
    /// that weigh nothing.
    @inline(__always)
    func laneTenors(_ p: DecisionProgram, _ s: DecisionLanes, lead: Int, day d: Int, width: Int, at j: Int) -> (sigma: V, years: V) {
        var sigmaV = V(repeating: 1), tV = V(repeating: 1)
        let expiry = loadV(s.expiry + lead * width, j)
        for l in 0..<8 {
            let tenor = Int(expiry[l]) - d
            if tenor > 0 {
                sigmaV[l] = p.impliedVol(leg: lead, day: d, tenor: tenor)
                tV[l] = Double(tenor) / TradingCalendar.tradingDaysPerYear
            }
        }
        return (sigmaV, tV)
    }

    /// Option legs expiring today: cash += q × intrinsic, the leg closes.
    func settleExpiries(_ p: DecisionProgram, _ s: DecisionLanes, day d: Int, prices: UnsafeMutablePointer<Double>,
                        width: Int, daily: inout ProgramDay) {
        for (k, leg) in p.legFacts.enumerated() {
            guard let type = leg.option?.type else { continue }
            for lane in 0..<width {
                let slot = k * width + lane
                guard s.quantity[slot] != 0, Int(s.expiry[slot]) == d else { continue }
                let intrinsic = type.intrinsic(spot: prices[leg.asset * width + lane], strike: s.strike[slot])
                s.cash[lane] += s.quantity[slot] * intrinsic
                s.quantity[slot] = 0
                s.legExitDay[slot] = Int32(d)
                s.legExitPrice[slot] = intrinsic
            }
        }
    }

    /// Exit rules in priority: stop, target, event, assignment, expiry, holding horizon, scenario end
    /// (`exitReasons`). Lanes are screened and given their reasons eight at a time; they leave
    /// eight at a time or one by one. (`step` skips this on days `exitsIdle`.)
    func exits(_ p: DecisionProgram, _ s: DecisionLanes, day d: Int, prices: UnsafeMutablePointer<Double>, width: Int,
               daily: inout ProgramDay) {
        let v = p.variant
        let timeExit = isTimeExit(p, day: d)
        let dayV = V(repeating: Double(d))
        for c in 0..<(width / 8) {
            let j = 8 * c
            let open = loadV(s.isOpen, j) .!= 0
            guard VectorMath.anyLane(open) else { continue }
            let held = loadV(s.entryDayD, j) .< dayV
            var flag = open .& held
            guard VectorMath.anyLane(flag) else { continue }
            if !timeExit {
                // A screen without division: return = pnl/basis ≤ −stop ⇔ pnl ≤ −stop·basis (basis > 0),
                // with the thresholds widened by 1e-12 so that the screen lets through every lane
                // the exact test below (with the division) would close, and a few more it rejects.
                let pnl = loadV(s.pnl, j), basis = loadV(s.basis, j)
                var due = loadV(s.lastExpiry, j) .<= dayV
                if let h = v.exits.horizonDays { due = due .| (dayV - loadV(s.entryDayD, j) .>= V(repeating: Double(h))) }
                if let sl = v.exits.stopLoss { due = due .| (pnl .<= V(repeating: -sl * (1 - 1e-12)) * basis) }
                if let tp = v.exits.takeProfit { due = due .| (pnl .>= V(repeating: tp * (1 - 1e-12)) * basis) }
                if p.assigns { due = due .| assignedOut(s, j) }
                flag = flag .& due
                guard VectorMath.anyLane(flag) else { continue }
            }
            // The flagged lanes with a reason (by `exitReasons`' priority) leave: all eight at
            // once when no option is held, else one by one.
            let reasons = exitReasons(p, s, j, day: d)
            let leaving = flag .& (reasons .!= V(repeating: Self.noReason))
            if VectorMath.allLanes(leaving) && optionsSettled(p, s, j) {
                exitVector(p, s, j, reasons: reasons, day: d, prices: prices, width: width)
                daily.openLanes -= 8
                continue
            }
            for l in 0..<8 where leaving[l] {
                exit(p, s, lane: j + l, day: d, prices: prices, width: width, reason: ExitReason(rawValue: UInt8(reasons[l]))!,
                     daily: &daily)
                daily.openLanes -= 1
            }
        }
    }

    /// The legs of a decision's trade on one lane (nothing when it never entered). A leg that
    /// held nothing is not a trade: with listed contracts a premium budget split over several
    /// underlyings can buy whole contracts of some and none of a dearer one (that leg has no
    /// exit day either).
    func tradeRecords(_ p: DecisionProgram, _ s: DecisionLanes, lane: Int, path: Int, chainExpiry: [Int: CalendarDate]) -> [TradeRecord] {
        let lanes = s.width
        guard s.entryDay[lane] >= 0 else { return [] }
        let dates = kernel.scenario.dates
        return p.variant.legs.enumerated().compactMap { k, leg in
            let slot = k * lanes + lane
            let q = s.openedQuantity[slot]
            guard q != 0, s.legExitDay[slot] >= 0 else { return nil }
            var instrument = TradeRecord.Instrument.stock
            var chainExpiration: CalendarDate?
            if case let .option(type, _, _) = leg.instrument {
                chainExpiration = chainExpiry[slot]
                let e = Int(s.expiry[slot])
                // A listed expiry past the horizon still has its listed date.
                let date = e >= 0 && e < dates.count ? dates[e] : p.listing?.date(ofDay: e, in: kernel.scenario)
                instrument = .option(type, strike: s.strike[slot], expiry: date.map { .date($0) } ?? .day(e))
            }
            let exitDay = Int(s.legExitDay[slot])
            let exercised = Int(s.legExerciseDay[slot])
            let reason: ExitReason = p.assigns && exercised >= 0 ? .assigned
                : exitDay < Int(s.exitDay[lane]) ? .expiry : ExitReason(rawValue: s.exitReason[lane]) ?? .horizon
            return TradeRecord(path: path, decisionID: p.variant.decisionID, variantName: p.variant.name, leg: k,
                               instrument: instrument, ticker: kernel.universe.assets[leg.asset].ticker, quantity: q,
                               entryDay: Int(s.entryDay[lane]), entryDate: dates[Int(s.entryDay[lane])], entryPrice: s.entryMark[slot],
                               exitDay: exitDay, exitDate: dates[exitDay], exitPrice: s.legExitPrice[slot], costs: s.legCosts[slot],
                               pnl: q * (s.legExitPrice[slot] - s.entryMark[slot]) - s.legCosts[slot], exitReason: reason,
                               earlyExerciseDay: exercised, chainExpiration: chainExpiration)
        }
    }

    /// The strike of option leg k entered on `day` at `spot` (`DecisionProgram.legStrike`).
    func legStrike(_ p: DecisionProgram, leg k: Int, rule: StrikeRule, type: OptionType, spot: Double, day: Int, expiry: Int,
                   atmScale: Double = 1) -> Double {
        p.legStrike(leg: k, rule: rule, type: type, spot: spot, day: day, expiry: expiry, rate: rate, atmScale: atmScale)
    }

    /// The factor on option leg k's ATM IV on `lane` from the event outcomes drawn so far
    /// (`PathBlock.ivScale`; 1 for a leg no outcome rescales).
    @inline(__always)
    func atmScale(_ p: DecisionProgram, leg k: Int, lane: Int, width: Int, ivScale: UnsafeMutablePointer<Double>?) -> Double {
        guard p.atmScaled[k], let scale = ivScale else { return 1 }
        return scale[p.legAsset[k] * width + lane]
    }

    /// The mid of an option leg on `day` (`DecisionProgram.optionMid`, with the scenario's
    /// dividends and, for an American leg, the day's premium table).
    @inline(__always)
    func optionMid(_ p: DecisionProgram, leg k: Int, type: OptionType, spot: Double, strike: Double, day: Int, expiry: Int,
                   atmScale: Double = 1) -> Double {
        p.optionMid(leg: k, type: type, spot: spot, strike: strike, day: day, expiry: expiry, rate: rate, dividends: kernel.dividends,
                    atmScale: atmScale, american: premiumTable(p, leg: k, day: day, expiry: expiry))
    }

    /// The premium table of American leg k on `day` for a position expiring on `expiry` (nil for
    /// a European leg, or an expiry other than the planned one the table was built for).
    @inline(__always)
    func premiumTable(_ p: DecisionProgram, leg k: Int, day: Int, expiry: Int) -> AmericanPremiumTable? {
        guard p.legAmerican[k], p.plannedExpiry[k] == expiry else { return nil }
        return american.table(program: p.index, leg: k, day: day)
    }

    func shouldEnter(_ p: DecisionProgram, _ s: DecisionLanes, lane: Int, day d: Int, prices: UnsafeMutablePointer<Double>, width lanes: Int) -> Bool {
        switch p.variant.entry {
        case .atStart, .onDay, .onDate, .beforeEvent:
            return p.entryDay == d
        case let .onWeakness(drop, reference, window, enterAtEnd, _):
            var index = 0.0
            for w in p.watchScaled { index += w.weight * prices[w.asset * lanes + lane] }
            if reference == .runningHigh && index > s.weaknessHigh[lane] { s.weaknessHigh[lane] = index }
            guard d >= 1 && d <= window else { return false }
            let ref = reference == .start ? 1.0 : s.weaknessHigh[lane]
            if index <= ref * (1 - drop) { return true }
            if d == window {
                if enterAtEnd { return true }
                s.status[lane] = DecisionLanes.closed
            }
            return false
        }
    }

    /// Enters `lane`: strikes, expiries and mids of the legs, quantities by the sizing rule,
    /// fills and costs. With `optionsPriced` the option legs' strikes, log strikes and mids are
    /// already set (by `enterEveryLane`).
    func enter(_ p: DecisionProgram, _ s: DecisionLanes, lane: Int, day d: Int, prices: UnsafeMutablePointer<Double>, width lanes: Int,
               daily: inout ProgramDay, optionsPriced: Bool = false) {
        let legs = p.legFacts
        // Strikes, expiries and mids first (premium budgets need the mids), the mids straight
        // into the lane's entry marks (no arrays per lane).
        let mids = s.entryMark + lane
        var lastExpiry = Double.infinity
        // With a chain: each option leg's quote (its strike, expiry, mid and fills).
        var quoted = [OptionQuote?](repeating: nil, count: chain == nil ? 0 : legs.count)
        for k in legs.indices {
            let leg = legs[k]
            let slot = k * lanes + lane
            let spot = prices[leg.asset * lanes + lane]
            guard let option = leg.option else {
                mids[k * lanes] = spot
                continue
            }
            let expiry: Int
            if let chain {
                guard let quote = chain.choose(p, leg: k, type: option.type, rule: option.strike, day: d, spot: spot) else {
                    if daily.chainGap == nil {
                        daily.chainGap = ChainGap(contract: nil, underlying: chain.tickers[leg.asset], type: option.type,
                                                  date: chain.date(d), purpose: .entry)
                    }
                    s.status[lane] = DecisionLanes.closed
                    for k in legs.indices { mids[k * lanes] = 0 }
                    return
                }
                quoted[k] = quote
                expiry = chain.day(of: quote.expiration)
                s.strike[slot] = quote.strike
                s.logStrike[slot] = Foundation.log(quote.strike)
                mids[k * lanes] = quote.mid
                daily.chainExpiry[slot] = quote.expiration
            } else {
                expiry = p.expiry(leg: k, enteredOn: d)
            }
            s.expiry[slot] = Double(expiry)
            lastExpiry = lastExpiry.isInfinite ? Double(expiry) : max(lastExpiry, Double(expiry))
            // (An expiry equal to the leg's shared one is in the set already.)
            if !daily.anyExpiry[k] {
                daily.sharedExpiry[k] = expiry
                daily.expiryDays.insert(expiry)
            } else if daily.sharedExpiry[k] != expiry {
                daily.sharedExpiry[k] = nil
                daily.expiryDays.insert(expiry)
            }
            daily.anyExpiry[k] = true
            guard !optionsPriced, chain == nil else { continue }
            let scale = atmScale(p, leg: k, lane: lane, width: lanes, ivScale: daily.ivScale)
            let strike = legStrike(p, leg: k, rule: option.strike, type: option.type, spot: spot, day: d, expiry: expiry, atmScale: scale)
            s.strike[slot] = strike
            s.logStrike[slot] = Foundation.log(strike)
            mids[k * lanes] = optionMid(p, leg: k, type: option.type, spot: spot, strike: strike, day: d, expiry: expiry, atmScale: scale)
        }
        // Quantities (with a chain a premium budget buys at the asks and sells at the bids).
        let sizingPrice = { (k: Int) -> Double in
            guard let quote = quoted.isEmpty ? nil : quoted[k] else { return mids[k * lanes] }
            return ChainFills.fill(quote, buying: legs[k].weight > 0)
        }
        guard let groupUnits = p.premiumBudgetUnits(mid: sizingPrice) else {
            s.status[lane] = DecisionLanes.closed  // a net credit cannot be sized by a premium budget
            for k in legs.indices { mids[k * lanes] = 0 }
            return
        }
        var cash = 0.0
        var longNotional = 0.0, grossStock = 0.0, netPremium = 0.0, grossPremium = 0.0
        for k in legs.indices {
            let leg = legs[k], isOption = leg.option != nil, costs = p.legCosts[k]
            let slot = k * lanes + lane
            let spot = prices[leg.asset * lanes + lane]
            let q = p.quantity(leg: k, spot: spot, groupUnits: groupUnits, playbook: playbook)
            let mid = mids[k * lanes]
            s.quantity[slot] = q
            s.openedQuantity[slot] = q
            let quote = quoted.isEmpty ? nil : quoted[k]
            let fill = quote.map { ChainFills.fill($0, buying: q > 0) }
                ?? (isOption ? costs.optionFill(mid: mid, buying: q > 0) : costs.stockFill(price: spot, buying: q > 0))
            let commission = costs.commission(quantity: q, isOption: isOption)
            cash -= q * fill + commission
            s.legCosts[slot] = commission + q * (fill - mid)
            if isOption {
                netPremium += q * mid
                grossPremium += abs(q * mid)
            } else {
                grossStock += abs(q * spot)
                if q > 0 { longNotional += q * spot }
            }
        }
        s.cash[lane] = cash
        s.basis[lane] = p.hasStock ? (longNotional > 0 ? longNotional : grossStock) : (netPremium > 0 ? netPremium : grossPremium)
        s.status[lane] = DecisionLanes.open
        s.isOpen[lane] = 1
        s.entryDay[lane] = Int32(d)
        s.entryDayD[lane] = Double(d)
        s.lastExpiry[lane] = lastExpiry
        daily.firstLastExpiry = min(daily.firstLastExpiry, lastExpiry)
        daily.openLanes += 1
    }

    /// `enter`'s effect on lane `t` (same day, same prices) repeated on `lanes`.
    func copyEntry(_ p: DecisionProgram, _ s: DecisionLanes, from t: Int, to lanes: Range<Int>, width: Int, daily: inout ProgramDay) {
        let n = lanes.count
        func fill<T>(_ field: UnsafeMutablePointer<T>, _ offset: Int) { (field + offset + lanes.lowerBound).update(repeating: field[offset + t], count: n) }
        for k in p.legAsset.indices {
            let leg = k * width
            fill(s.expiry, leg); fill(s.strike, leg); fill(s.logStrike, leg); fill(s.quantity, leg)
            fill(s.openedQuantity, leg); fill(s.entryMark, leg); fill(s.legCosts, leg)
        }
        fill(s.cash, 0); fill(s.basis, 0); fill(s.isOpen, 0); fill(s.entryDayD, 0); fill(s.lastExpiry, 0)
        fill(s.status, 0); fill(s.entryDay, 0)
        if chain != nil {
            for k in p.legAsset.indices {
                guard let expiration = daily.chainExpiry[k * width + t] else { continue }
                for lane in lanes { daily.chainExpiry[k * width + lane] = expiration }
            }
        }
        daily.openLanes += n
    }

    /// Every lane enters today (a fixed entry day, no lane entered or closed before). With the
    /// same leg prices on every lane (day 0; a scripted or replayed path) lane 0 is entered and
    /// copied to the others. Otherwise, when every option leg has time left, the option legs'
    /// strikes and log strikes are set lane by lane and their mids priced eight lanes at a time
    /// by the put kernel of the daily mark (so a lane's entry mid is the number that day's mark
    /// gives it), and each lane is then entered with them; else (an option leg expiring today,
    /// marked at a per-lane IV: a smile or a spot–vol beta, or American) lane by lane.
    func enterEveryLane(_ p: DecisionProgram, _ s: DecisionLanes, day d: Int, prices: UnsafeMutablePointer<Double>,
                        logPrices: UnsafeMutablePointer<Double>, width: Int, daily: inout ProgramDay) {
        let assets = p.legAsset
        if (1..<width).allSatisfy({ lane in assets.allSatisfy { prices[$0 * width + lane] == prices[$0 * width] } }) {
            enter(p, s, lane: 0, day: d, prices: prices, width: width, daily: &daily)
            copyEntry(p, s, from: 0, to: 1..<width, width: width, daily: &daily)
            return
        }
        let options = p.legFacts.indices.compactMap { k -> (k: Int, type: OptionType, rule: StrikeRule, expiry: Int)? in
            guard let option = p.legFacts[k].option else { return nil }
            return (k, option.type, option.strike, p.expiry(leg: k, enteredOn: d))
        }
        guard chain == nil, options.allSatisfy({ $0.expiry > d && p.laneVolatility[$0.k] == nil && !p.legAmerican[$0.k] }) else {
            for lane in 0..<width { enter(p, s, lane: lane, day: d, prices: prices, width: width, daily: &daily) }
            return
        }
        for o in options {
            let asset = assets[o.k]
            let spot = prices + asset * width, x = logPrices + asset * width
            let strike = s.strike + o.k * width, logStrike = s.logStrike + o.k * width, mids = s.entryMark + o.k * width
            for lane in 0..<width {
                strike[lane] = legStrike(p, leg: o.k, rule: o.rule, type: o.type, spot: spot[lane], day: d, expiry: o.expiry)
                logStrike[lane] = Foundation.log(strike[lane])
            }
            let terms = OptionDayTerms(sigma: p.impliedVol(leg: o.k, day: d, tenor: o.expiry - d), tenorDays: o.expiry - d,
                                       rate: rate, dividendYield: p.dividendYield[asset])
            for c in 0..<(width / 8) {
                let j = 8 * c
                var spotV = loadV(spot, j), logSpotV = loadV(x, j)
                if let escrowed = kernel.dividends.escrowedSpots(spotV, asset: asset, day: d, expiries: V(repeating: Double(o.expiry)), rate: rate) {
                    spotV = escrowed; logSpotV = VectorMath.log(escrowed)
                }
                let kdr = loadV(strike, j) * V(repeating: terms.dr), sdq = spotV * V(repeating: terms.dq)
                let (put, call) = BlackScholesLanes.putAndCall(d1: terms.d1(logPrice: logSpotV, logStrike: loadV(logStrike, j)),
                                                               sd: V(repeating: terms.sd), discountedStrike: kdr, discountedSpot: sdq)
                storeV(mids, j, o.type == .put ? put : call)
            }
        }
        for lane in 0..<width { enter(p, s, lane: lane, day: d, prices: prices, width: width, daily: &daily, optionsPriced: true) }
    }

    /// No option leg held on lanes j..<j+8 (settled at expiry, or none).
    func optionsSettled(_ p: DecisionProgram, _ s: DecisionLanes, _ j: Int) -> Bool {
        p.legFacts.indices.allSatisfy { k in
            p.legFacts[k].option == nil || !VectorMath.anyLane(loadV(s.quantity + k * s.width, j) .!= 0)
        }
    }

    static let noReason = 255.0

    /// The exit reason of lanes j..<j+8 by priority — stop (return ≤ −stop), target (return ≥
    /// target), event (on or after the event exit's day), assigned (an assignment left the lane
    /// holding nothing), expiry (the last option expired), holding horizon, scenario end — as raw
    /// values, `noReason` where none applies.
    func exitReasons(_ p: DecisionProgram, _ s: DecisionLanes, _ j: Int, day d: Int) -> V {
        let exits = p.variant.exits
        let dayV = V(repeating: Double(d))
        func code(_ r: ExitReason) -> V { V(repeating: Double(r.rawValue)) }
        // Lowest priority first: each later rule overrides.
        var reason = d == horizon ? code(.horizon) : V(repeating: Self.noReason)
        if let h = exits.horizonDays {
            reason = reason.replacing(with: code(.horizon), where: dayV - loadV(s.entryDayD, j) .>= V(repeating: Double(h)))
        }
        reason = reason.replacing(with: code(.expiry), where: loadV(s.lastExpiry, j) .<= dayV)
        if p.assigns { reason = reason.replacing(with: code(.assigned), where: assignedOut(s, j)) }
        if let e = p.exitEventDay, d >= e { reason = code(.event) }
        let basis = loadV(s.basis, j)
        let ret = (loadV(s.pnl, j) / basis).replacing(with: .nan, where: .!(basis .> 0))
        if let tp = exits.takeProfit { reason = reason.replacing(with: code(.target), where: ret .>= V(repeating: tp)) }
        if let sl = exits.stopLoss { reason = reason.replacing(with: code(.stop), where: ret .<= V(repeating: -sl)) }
        return reason
    }

    /// `exit` on lanes j..<j+8 at once, each with its reason, no option leg held: `exit`'s
    /// operations in the same order, lane-wise (so the numbers are the ones lane-by-lane exits
    /// give).
    func exitVector(_ p: DecisionProgram, _ s: DecisionLanes, _ j: Int, reasons reason: V, day d: Int,
                    prices: UnsafeMutablePointer<Double>, width: Int) {
        let basis = loadV(s.basis, j)
        let legs = p.legFacts, costs = p.costs
        // stockFill's factors (price × factor; × 1 is exact).
        let buyFactor = costs.stockFill(price: 1, buying: true), sellFactor = costs.stockFill(price: 1, buying: false)
        var cash = loadV(s.cash, j)
        var longNow = V(repeating: 0), longThen = V(repeating: 0), shortNow = V(repeating: 0), shortThen = V(repeating: 0)
        for k in legs.indices where legs[k].option == nil {
            let leg = legs[k], slot = k * width + j
            let q = loadV(s.quantity, slot), spot = loadV(prices, leg.asset * width + j)
            let size = q.replacing(with: -q, where: q .< 0)
            if leg.side > 0 { longNow = longNow + size * spot; longThen = longThen + size * loadV(s.entryMark, slot) }
            if leg.side < 0 { shortNow = shortNow + size * spot; shortThen = shortThen + size * loadV(s.entryMark, slot) }
            let held = q .!= 0
            guard VectorMath.anyLane(held) else { continue }
            let fill = spot * V(repeating: sellFactor).replacing(with: V(repeating: buyFactor), where: q .< 0)
            var commission = V()
            for l in 0..<8 { commission[l] = costs.commission(quantity: q[l], isOption: false) }
            cash = cash.replacing(with: cash + (q * fill - commission), where: held)
            let costsNow = loadV(s.legCosts, slot)
            storeV(s.legCosts, slot, costsNow.replacing(with: costsNow + (commission + q * (spot - fill)), where: held))
            storeV(s.legExitPrice, slot, loadV(s.legExitPrice, slot).replacing(with: spot, where: held))
            storeV(s.quantity, slot, V(repeating: 0))
            for l in 0..<8 where held[l] { s.legExitDay[slot + l] = Int32(d) }
        }
        storeV(s.cash, j, cash)
        storeV(s.value, j, V(repeating: 0))
        storeV(s.pnl, j, cash)
        storeV(s.isOpen, j, V(repeating: 0))
        storeV(s.finalReturn, j, (cash / basis).replacing(with: .nan, where: .!(basis .> 0)))
        if p.isPair {
            // The pair as held (`Thesis.Metric.relativeReturnBps`): r_L − h·r_S, h = short/long at entry.
            let relative = ((longNow - longThen) - (shortNow - shortThen)) / longThen * V(repeating: 10_000)
            let defined = (longThen .> 0) .& (shortThen .> 0)
            storeV(s.relative, j, loadV(s.relative, j).replacing(with: relative, where: defined))
        }
        for l in 0..<8 {
            s.status[j + l] = DecisionLanes.closed
            s.exitDay[j + l] = Int32(d)
            s.exitReason[j + l] = UInt8(reason[l])
        }
    }

    func exit(_ p: DecisionProgram, _ s: DecisionLanes, lane: Int, day d: Int, prices: UnsafeMutablePointer<Double>, width lanes: Int, reason: ExitReason,
              daily: inout ProgramDay) {
        let legs = p.legFacts, costs = p.costs
        var cash = s.cash[lane]
        var longNow = 0.0, longThen = 0.0, shortNow = 0.0, shortThen = 0.0
        for k in legs.indices {
            let leg = legs[k]
            let slot = k * lanes + lane
            let q = s.quantity[slot]
            let spot = prices[leg.asset * lanes + lane]
            if leg.side > 0 { longNow += abs(q) * spot; longThen += abs(q) * s.entryMark[slot] }
            if leg.side < 0 { shortNow += abs(q) * spot; shortThen += abs(q) * s.entryMark[slot] }
            guard q != 0 else { continue }
            let mid: Double
            let fill: Double
            if chain != nil, leg.option != nil {
                // At the chain's quote: sell a long at the bid, buy back a short at the ask.
                let quote = chainQuote(p, s, leg: k, slot: slot, day: d, purpose: .exit, daily: &daily)
                mid = quote?.mid ?? 0
                fill = quote.map { ChainFills.fill($0, buying: q < 0) } ?? 0
            } else if let option = leg.option {
                let scale = atmScale(p, leg: k, lane: lane, width: lanes, ivScale: daily.ivScale)
                mid = optionMid(p, leg: k, type: option.type, spot: spot, strike: s.strike[slot], day: d, expiry: Int(s.expiry[slot]),
                                atmScale: scale)
                fill = costs.optionFill(mid: mid, buying: q < 0)
            } else {
                mid = spot
                fill = costs.stockFill(price: spot, buying: q < 0)
            }
            let commission = p.legCosts[k].commission(quantity: q, isOption: leg.option != nil)
            cash += q * fill - commission
            s.legCosts[slot] += commission + q * (mid - fill)
            s.legExitDay[slot] = Int32(d)
            s.legExitPrice[slot] = mid
            s.quantity[slot] = 0
        }
        s.cash[lane] = cash
        s.value[lane] = 0
        s.pnl[lane] = cash
        s.status[lane] = DecisionLanes.closed
        s.isOpen[lane] = 0
        s.exitDay[lane] = Int32(d)
        s.exitReason[lane] = reason.rawValue
        s.finalReturn[lane] = s.basis[lane] > 0 ? cash / s.basis[lane] : .nan
        if p.isPair && longThen > 0 && shortThen > 0 {
            s.relative[lane] = ((longNow - longThen) - (shortNow - shortThen)) / longThen * 10_000
        }
    }
}
