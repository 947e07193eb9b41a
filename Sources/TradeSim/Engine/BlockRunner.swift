import Foundation

/// Destination buffers for per-path results, shared by the threads of a run; every block
/// writes only its own paths' slots.
struct OutcomeBuffers: @unchecked Sendable {
    let paths: Int
    let variants: Int
    let pnl: UnsafeMutableBufferPointer<Double>          // [variant * paths + path]
    let returns: UnsafeMutableBufferPointer<Double>
    let maxDrawdown: UnsafeMutableBufferPointer<Double>
    let holdingDays: UnsafeMutableBufferPointer<Int32>
    let exitReason: UnsafeMutableBufferPointer<UInt8>
    let relative: UnsafeMutableBufferPointer<Double>
    let portfolioPnL: UnsafeMutableBufferPointer<Double>
    let portfolioDrawdown: UnsafeMutableBufferPointer<Double>
    let portfolioDrawdownFraction: UnsafeMutableBufferPointer<Double>
    let equitySample: UnsafeMutableBufferPointer<Double> // [day * samplePaths + path]
    let samplePaths: Int
    let dailyPnL: UnsafeMutableBufferPointer<Double>     // [(variant * tracedPaths + path) * (days + 1) + day]
    let tracedPaths: Int
    let days: Int

    init(paths: Int, variants: Int, days: Int, samplePaths: Int, tracedPaths: Int) {
        self.paths = paths
        self.variants = variants
        self.samplePaths = samplePaths
        self.tracedPaths = tracedPaths
        self.days = days
        func make<T>(_ n: Int, _ v: T) -> UnsafeMutableBufferPointer<T> {
            let b = UnsafeMutableBufferPointer<T>.allocate(capacity: max(n, 1))
            b.initialize(repeating: v)
            return b
        }
        pnl = make(paths * variants, 0)
        returns = make(paths * variants, 0)
        maxDrawdown = make(paths * variants, 0)
        holdingDays = make(paths * variants, 0)
        exitReason = make(paths * variants, 0)
        relative = make(paths * variants, 0)
        portfolioPnL = make(paths, 0)
        portfolioDrawdown = make(paths, 0)
        portfolioDrawdownFraction = make(paths, 0)
        equitySample = make((days + 1) * samplePaths, 0)
        dailyPnL = make(variants * tracedPaths * (days + 1), 0)
    }

    func deallocate() {
        pnl.deallocate(); returns.deallocate(); maxDrawdown.deallocate(); holdingDays.deallocate()
        exitReason.deallocate(); relative.deallocate(); portfolioPnL.deallocate(); portfolioDrawdown.deallocate()
        portfolioDrawdownFraction.deallocate(); equitySample.deallocate(); dailyPnL.deallocate()
    }
}

/// Per-lane state of one decision variant inside a block.
struct DecisionLanes {
    static let pending: UInt8 = 0, open: UInt8 = 1, closed: UInt8 = 2

    var status: [UInt8]
    var entryDay: [Int32]
    var exitDay: [Int32]
    var exitReason: [UInt8]
    // Per leg and lane: [leg * lanes + lane]
    var quantity: [Double]
    var strike: [Double]
    var expiryDay: [Int32]
    var entryMark: [Double]
    var openedQuantity: [Double]
    var legCosts: [Double]
    var legExitDay: [Int32]
    var legExitPrice: [Double]
    // Per lane
    var cash: [Double]
    var basis: [Double]
    var value: [Double]
    var pnl: [Double]
    var peak: [Double]
    var maxDrawdown: [Double]
    var weaknessHigh: [Double]
    var relative: [Double]
    var finalReturn: [Double]

    init(legs: Int, lanes: Int) {
        status = [UInt8](repeating: Self.pending, count: lanes)
        entryDay = [Int32](repeating: -1, count: lanes)
        exitDay = [Int32](repeating: -1, count: lanes)
        exitReason = [UInt8](repeating: ExitReason.neverEntered.rawValue, count: lanes)
        quantity = [Double](repeating: 0, count: legs * lanes)
        strike = [Double](repeating: 1, count: legs * lanes)
        expiryDay = [Int32](repeating: 0, count: legs * lanes)
        entryMark = [Double](repeating: 0, count: legs * lanes)
        openedQuantity = [Double](repeating: 0, count: legs * lanes)
        legCosts = [Double](repeating: 0, count: legs * lanes)
        legExitDay = [Int32](repeating: -1, count: legs * lanes)
        legExitPrice = [Double](repeating: 0, count: legs * lanes)
        cash = [Double](repeating: 0, count: lanes)
        basis = [Double](repeating: 0, count: lanes)
        value = [Double](repeating: 0, count: lanes)
        pnl = [Double](repeating: 0, count: lanes)
        peak = [Double](repeating: 0, count: lanes)
        maxDrawdown = [Double](repeating: 0, count: lanes)
        weaknessHigh = [Double](repeating: 1, count: lanes)
        relative = [Double](repeating: .nan, count: lanes)
        finalReturn = [Double](repeating: .nan, count: lanes)
    }
}

/// Runs one block of paths through a scenario, day by day: prices from the kernel, then for
/// every decision variant its entries, marks, carry and exits, then the portfolio's equity.
struct BlockRunner: Sendable {
    let kernel: ScenarioKernel
    let programs: [DecisionProgram]
    let playbook: Playbook
    let rate: Double
    let horizon: Int
    let startEquity: Double

    /// Runs the block and returns the trades of its traced paths (path < out.tracedPaths).
    func run(firstPath: Int, lanes: Int, seed: UInt64, into out: OutcomeBuffers) -> [TradeRecord] {
        var block = kernel.makeBlock(firstPath: firstPath, lanes: lanes, seed: seed)
        let n = kernel.assetCount
        var states = programs.map { DecisionLanes(legs: $0.variant.legs.count, lanes: lanes) }
        var prices = [Double](repeating: 0, count: n * lanes)
        // Portfolio per lane
        var financing = [Double](repeating: 0, count: lanes)
        var lastCash = [Double](repeating: playbook.capital, count: lanes)
        var peakEquity = [Double](repeating: startEquity, count: lanes)
        var drawdown = [Double](repeating: 0, count: lanes)
        var drawdownFraction = [Double](repeating: 0, count: lanes)
        var equity = [Double](repeating: startEquity, count: lanes)
        let holdingsValue0 = playbook.holdings.reduce(0.0) { $0 + $1.quantity * kernel.universe.assets[$1.asset].spot }

        for d in 0...horizon {
            if d > 0 { kernel.advance(&block) }
            for i in 0..<n { for lane in 0..<lanes { prices[i * lanes + lane] = block.price(asset: i, lane: lane) } }
            for k in programs.indices {
                step(program: programs[k], state: &states[k], day: d, prices: prices, lanes: lanes)
                for lane in 0..<max(0, min(lanes, out.tracedPaths - firstPath)) {
                    out.dailyPnL[(k * out.tracedPaths + firstPath + lane) * (out.days + 1) + d] = states[k].pnl[lane]
                }
            }
            // Portfolio: equity = capital + holdings + Σ primary P&L − financing.
            for lane in 0..<lanes {
                var holdings = 0.0
                for h in playbook.holdings { holdings += h.quantity * prices[h.asset * lanes + lane] }
                var sumPnL = 0.0
                var cash = playbook.capital
                for k in programs.indices where programs[k].variant.inPortfolio {
                    sumPnL += states[k].pnl[lane]
                    cash += states[k].cash[lane]
                }
                // Interest for the day just ended on the cash balance at the previous close.
                if d > 0 && playbook.financingRate > 0 && lastCash[lane] - financing[lane] < 0 {
                    financing[lane] += -(lastCash[lane] - financing[lane]) * playbook.financingRate / TradingCalendar.tradingDaysPerYear
                }
                lastCash[lane] = cash
                let e = playbook.capital + holdings + sumPnL - financing[lane]
                equity[lane] = e
                if e > peakEquity[lane] { peakEquity[lane] = e }
                let dd = peakEquity[lane] - e
                if dd > drawdown[lane] { drawdown[lane] = dd }
                let fraction = peakEquity[lane] > 0 ? dd / peakEquity[lane] : 0
                if fraction > drawdownFraction[lane] { drawdownFraction[lane] = fraction }
                let path = firstPath + lane
                if path < out.samplePaths { out.equitySample[d * out.samplePaths + path] = e }
            }
        }
        _ = holdingsValue0
        var trades: [TradeRecord] = []
        for lane in 0..<lanes where firstPath + lane < out.tracedPaths {
            for (k, s) in states.enumerated() { trades += tradeRecords(programs[k], s, lane: lane, lanes: lanes, path: firstPath + lane) }
        }
        // Finals
        for (k, s) in states.enumerated() {
            for lane in 0..<lanes {
                let slot = k * out.paths + firstPath + lane
                out.pnl[slot] = s.pnl[lane]
                out.returns[slot] = s.finalReturn[lane]
                out.maxDrawdown[slot] = s.maxDrawdown[lane]
                out.exitReason[slot] = s.exitReason[lane]
                out.holdingDays[slot] = s.entryDay[lane] >= 0 ? s.exitDay[lane] - s.entryDay[lane] : 0
                out.relative[slot] = s.relative[lane]
            }
        }
        for lane in 0..<lanes {
            out.portfolioPnL[firstPath + lane] = equity[lane] - startEquity
            out.portfolioDrawdown[firstPath + lane] = drawdown[lane]
            out.portfolioDrawdownFraction[firstPath + lane] = drawdownFraction[lane]
        }
        return trades
    }

    /// The legs of a decision's trade on one lane (nothing when it never entered).
    func tradeRecords(_ p: DecisionProgram, _ s: DecisionLanes, lane: Int, lanes: Int, path: Int) -> [TradeRecord] {
        guard s.entryDay[lane] >= 0 else { return [] }
        let dates = kernel.scenario.dates
        return p.variant.legs.enumerated().map { k, leg in
            let slot = k * lanes + lane
            let q = s.openedQuantity[slot]
            var instrument = "stock"
            if case let .option(type, _, _) = leg.instrument {
                let e = Int(s.expiryDay[slot])
                instrument = "\(type.rawValue) \(NumberText.csv(s.strike[slot])) \(e < dates.count ? dates[e].description : "day \(e)")"
            }
            let exitDay = Int(s.legExitDay[slot])
            let reason: ExitReason = exitDay < Int(s.exitDay[lane]) ? .expiry : ExitReason(rawValue: s.exitReason[lane]) ?? .horizon
            return TradeRecord(path: path, decisionID: p.variant.decisionID, variantName: p.variant.name, leg: k,
                               instrument: instrument, ticker: kernel.universe.assets[leg.asset].ticker, quantity: q,
                               entryDay: Int(s.entryDay[lane]), entryDate: dates[Int(s.entryDay[lane])], entryPrice: s.entryMark[slot],
                               exitDay: exitDay, exitDate: dates[exitDay], exitPrice: s.legExitPrice[slot], costs: s.legCosts[slot],
                               pnl: q * (s.legExitPrice[slot] - s.entryMark[slot]) - s.legCosts[slot], exitReason: reason)
        }
    }

    // MARK: - One decision, one day

    func step(program p: DecisionProgram, state s: inout DecisionLanes, day d: Int, prices: [Double], lanes: Int) {
        let v = p.variant
        // 1. Entries
        if !p.neverEnters {
            for lane in 0..<lanes where s.status[lane] == DecisionLanes.pending {
                if shouldEnter(p, &s, lane: lane, day: d, prices: prices, lanes: lanes) {
                    enter(p, &s, lane: lane, day: d, prices: prices, lanes: lanes)
                }
            }
        } else if d == 0 {
            for lane in 0..<lanes { s.status[lane] = DecisionLanes.closed }
        }
        // 2. Marks, carry and exits of open lanes
        for lane in 0..<lanes where s.status[lane] == DecisionLanes.open {
            let entered = Int(s.entryDay[lane])
            var value = 0.0
            var allOptionsExpired = v.hasOptions
            for (k, leg) in v.legs.enumerated() {
                let slot = k * lanes + lane
                let q = s.quantity[slot]
                let spot = prices[leg.asset * lanes + lane]
                switch leg.instrument {
                case .stock:
                    value += q * spot
                    if q < 0 && d > entered {
                        let fee = p.borrowFee[leg.asset] / TradingCalendar.tradingDaysPerYear * (-q) * spot
                        s.cash[lane] -= fee
                        s.legCosts[slot] += fee
                    }
                case let .option(type, _, _):
                    let expiry = Int(s.expiryDay[slot])
                    if d < expiry { allOptionsExpired = false }
                    guard q != 0 else { continue }
                    if d >= expiry {
                        // Settled at intrinsic on the expiry day: the cash replaces the leg.
                        let intrinsic = type.intrinsic(spot: spot, strike: s.strike[slot])
                        s.cash[lane] += q * intrinsic
                        s.quantity[slot] = 0
                        s.legExitDay[slot] = Int32(d)
                        s.legExitPrice[slot] = intrinsic
                    } else {
                        value += q * optionMid(p, leg: k, type: type, spot: spot, strike: s.strike[slot], day: d, expiry: expiry)
                    }
                }
            }
            s.value[lane] = value
            s.pnl[lane] = s.cash[lane] + value
            guard d > entered else { continue }
            // Exit rules in priority: stop, target, event, expiry, holding horizon, scenario end.
            let ret = s.basis[lane] > 0 ? s.pnl[lane] / s.basis[lane] : .nan
            var reason: ExitReason?
            if let sl = v.exits.stopLoss, ret <= -sl {
                reason = .stop
            } else if let tp = v.exits.takeProfit, ret >= tp {
                reason = .target
            } else if let e = p.exitEventDay, d >= e {
                reason = .event
            } else if allOptionsExpired {
                reason = .expiry
            } else if let h = v.exits.horizonDays, d - entered >= h {
                reason = .horizon
            } else if d == horizon {
                reason = .horizon
            }
            if let reason { exit(p, &s, lane: lane, day: d, prices: prices, lanes: lanes, reason: reason) }
        }
        // 3. Pending lanes at the scenario's end never entered; drawdown tracking.
        for lane in 0..<lanes {
            if d == horizon && s.status[lane] == DecisionLanes.pending { s.status[lane] = DecisionLanes.closed }
            let pnl = s.pnl[lane]
            if pnl > s.peak[lane] { s.peak[lane] = pnl }
            let dd = s.peak[lane] - pnl
            if dd > s.maxDrawdown[lane] { s.maxDrawdown[lane] = dd }
        }
    }

    /// Black–Scholes–Merton mid of an option leg with the program's IV for its remaining tenor.
    @inline(__always)
    func optionMid(_ p: DecisionProgram, leg k: Int, type: OptionType, spot: Double, strike: Double, day: Int, expiry: Int) -> Double {
        let tenor = expiry - day
        let iv = p.impliedVol(leg: k, day: day, tenor: tenor)
        return BlackScholes.price(BlackScholesInputs(type: type, spot: spot, strike: strike, volatility: iv, rate: rate,
                                                     dividendYield: p.dividendYield[p.variant.legs[k].asset],
                                                     years: Double(tenor) / TradingCalendar.tradingDaysPerYear))
    }

    func shouldEnter(_ p: DecisionProgram, _ s: inout DecisionLanes, lane: Int, day d: Int, prices: [Double], lanes: Int) -> Bool {
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

    func enter(_ p: DecisionProgram, _ s: inout DecisionLanes, lane: Int, day d: Int, prices: [Double], lanes: Int) {
        let v = p.variant
        let legs = v.legs
        // Strikes, expiries and mids first (premium budgets need the mids).
        var mids = [Double](repeating: 0, count: legs.count)
        for (k, leg) in legs.enumerated() {
            let slot = k * lanes + lane
            let spot = prices[leg.asset * lanes + lane]
            switch leg.instrument {
            case .stock:
                mids[k] = spot
            case let .option(type, strikeRule, _):
                let expiry = p.fixedExpiry[k] ?? (d + (p.tenorDays[k] ?? 0))
                s.expiryDay[slot] = Int32(expiry)
                let tenor = expiry - d
                let iv = p.impliedVol(leg: k, day: d, tenor: tenor)
                let years = Double(tenor) / TradingCalendar.tradingDaysPerYear
                let q = p.dividendYield[leg.asset]
                let strike: Double
                switch strikeRule {
                case let .moneyness(m): strike = m * spot
                case let .absolute(k): strike = k
                case let .delta(delta): strike = Self.strike(forDelta: delta, type: type, spot: spot, volatility: iv, rate: rate, dividendYield: q, years: years)
                }
                s.strike[slot] = strike
                mids[k] = optionMid(p, leg: k, type: type, spot: spot, strike: strike, day: d, expiry: expiry)
            }
        }
        // Quantities.
        var groupUnits = [Double](repeating: 0, count: v.groupCount)
        if case let .premiumBudget(budget) = v.sizing {
            var perGroup = [Double](repeating: 0, count: v.groupCount)
            for (k, leg) in legs.enumerated() { perGroup[leg.group] += leg.weight * mids[k] }
            for g in 0..<v.groupCount { groupUnits[g] = perGroup[g] > 0 ? budget / Double(v.groupCount) / perGroup[g] : 0 }
            if groupUnits.allSatisfy({ $0 == 0 }) {
                s.status[lane] = DecisionLanes.closed  // a net credit cannot be sized by a premium budget
                return
            }
        }
        var cash = 0.0
        var longNotional = 0.0, grossStock = 0.0, netPremium = 0.0, grossPremium = 0.0
        for (k, leg) in legs.enumerated() {
            let slot = k * lanes + lane
            let spot = prices[leg.asset * lanes + lane]
            let q: Double
            switch v.sizing {
            case let .notional(n):
                q = leg.isOption ? leg.weight * n / Double(v.groupCount) / spot : leg.weight * n / spot
            case let .units(u): q = leg.weight * u
            case .premiumBudget: q = leg.weight * groupUnits[leg.group]
            case let .hedgeRatio(h): q = leg.weight * h * playbook.heldQuantity(asset: leg.asset)
            }
            s.quantity[slot] = q
            s.openedQuantity[slot] = q
            s.entryMark[slot] = mids[k]
            let fill = leg.isOption ? v.costs.optionFill(mid: mids[k], buying: q > 0) : v.costs.stockFill(price: spot, buying: q > 0)
            let commission = v.costs.commission(quantity: q, isOption: leg.isOption)
            cash -= q * fill + commission
            s.legCosts[slot] = commission + q * (fill - mids[k])
            if leg.isOption {
                netPremium += q * mids[k]
                grossPremium += abs(q * mids[k])
            } else {
                grossStock += abs(q * spot)
                if q > 0 { longNotional += q * spot }
            }
        }
        s.cash[lane] = cash
        s.basis[lane] = v.hasStock ? (longNotional > 0 ? longNotional : grossStock) : (netPremium > 0 ? netPremium : grossPremium)
        s.status[lane] = DecisionLanes.open
        s.entryDay[lane] = Int32(d)
    }

    func exit(_ p: DecisionProgram, _ s: inout DecisionLanes, lane: Int, day d: Int, prices: [Double], lanes: Int, reason: ExitReason) {
        let v = p.variant
        var cash = s.cash[lane]
        var longNow = 0.0, longThen = 0.0, shortNow = 0.0, shortThen = 0.0
        for (k, leg) in v.legs.enumerated() {
            let slot = k * lanes + lane
            let q = s.quantity[slot]
            let spot = prices[leg.asset * lanes + lane]
            if leg.side > 0 { longNow += abs(q) * spot; longThen += abs(q) * s.entryMark[slot] }
            if leg.side < 0 { shortNow += abs(q) * spot; shortThen += abs(q) * s.entryMark[slot] }
            guard q != 0 else { continue }
            let mid: Double
            let fill: Double
            switch leg.instrument {
            case .stock:
                mid = spot
                fill = v.costs.stockFill(price: spot, buying: q < 0)
            case let .option(type, _, _):
                mid = optionMid(p, leg: k, type: type, spot: spot, strike: s.strike[slot], day: d, expiry: Int(s.expiryDay[slot]))
                fill = v.costs.optionFill(mid: mid, buying: q < 0)
            }
            let commission = v.costs.commission(quantity: q, isOption: leg.isOption)
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
        s.exitDay[lane] = Int32(d)
        s.exitReason[lane] = reason.rawValue
        s.finalReturn[lane] = s.basis[lane] > 0 ? cash / s.basis[lane] : .nan
        if v.kind == .pair && longThen > 0 && shortThen > 0 {
            s.relative[lane] = ((longNow / longThen - 1) - (shortNow / shortThen - 1)) * 10_000
        }
    }

    /// The strike with Black–Scholes delta `delta` (calls in (0, e^{−qτ}), puts in (−e^{−qτ}, 0)).
    static func strike(forDelta delta: Double, type: OptionType, spot: Double, volatility: Double, rate: Double,
                       dividendYield q: Double, years: Double) -> Double {
        let sd = volatility * years.squareRoot()
        guard sd > 0 else { return spot }
        let target = min(max(abs(delta) * exp(q * years), 1e-12), 1 - 1e-12)
        let d1 = type == .call ? NormalDistribution.quantile(target) : -NormalDistribution.quantile(target)
        return spot * exp(-d1 * sd + (rate - q + 0.5 * volatility * volatility) * years)
    }
}
