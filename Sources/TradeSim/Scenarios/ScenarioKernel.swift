import Foundation

/// Everything about a scenario that does not change from path to path, precomputed once, and
/// the day-by-day step of a block of paths.
///
/// Random draws per path and day, in this order (each lane has its own stream, DESIGN §4):
/// 1. Monte Carlo diffusion: one normal per asset, in universe order (ε, before correlation);
/// 2. each jump process in study order: per covered asset (once if `common`) one uniform for
///    the Poisson count and one normal for the jump size — both always drawn;
/// 3. each event on that day in scenario order: one uniform for the outcome, then one normal
///    per asset with non-zero noise, in universe order;
/// bootstrap scenarios instead draw two uniforms per day (new block?, where it starts).
/// Normals are Φ⁻¹(u) by Wichura's AS 241; u = (⌊x/2¹¹⌋ + ½)·2⁻⁵³ from xoshiro256**.
struct ScenarioKernel: Sendable {
    let scenario: Scenario
    let scenarioIndex: Int
    let universe: Universe
    let assetCount: Int
    let horizonDays: Int

    /// Per distinct step table: (μ − q − σ²/2 − λκ)·Δt per asset, and σ√Δt·L row-major.
    struct StepTable: Sendable, Hashable {
        var drift: [Double]
        var scaledCholesky: [Double]
    }

    let stepTables: [StepTable]
    /// Step table used by the step into day d (index d; entry 0 unused).
    let stepTableOfDay: [Int]
    /// Row d: the events (indices into scenario.events) happening on day d.
    let eventsOnDay: FlatRows<Int>
    /// The Monte Carlo model's jump processes (empty for the other models), kept apart from
    /// `scenario` so a day's step reads them without copying the model.
    let jumps: [JumpProcess]
    /// Start prices and their logs per asset.
    let startPrice: [Double]
    let startLogPrice: [Double]
    /// The scenario's dividends: yields that accrue, cash dividends by ex-day.
    let dividends: DividendSchedule

    init(scenario: Scenario, scenarioIndex: Int, universe: Universe) {
        self.scenario = scenario
        self.scenarioIndex = scenarioIndex
        self.universe = universe
        let n = universe.count
        assetCount = n
        horizonDays = scenario.horizonDays

        var onDay = [[Int]](repeating: [], count: scenario.horizonDays + 1)
        for (k, e) in scenario.events.enumerated() where e.day >= 1 && e.day <= scenario.horizonDays {
            onDay[e.day].append(k)
        }
        eventsOnDay = FlatRows(onDay)
        if case let .monteCarlo(m) = scenario.model { jumps = m.jumps } else { jumps = [] }

        var tables: [StepTable] = []
        var tableOfDay = [Int](repeating: 0, count: scenario.horizonDays + 1)
        if case let .monteCarlo(m) = scenario.model {
            let dt = 1 / TradingCalendar.tradingDaysPerYear
            let l = m.correlation.choleskyFactor
            var jumpCompensation = [Double](repeating: 0, count: n)
            for j in m.jumps {
                for i in j.assets { jumpCompensation[i] += j.intensityPerYear * j.meanRelativeJump }
            }
            // Days share a table when their drifts and volatilities are the same: the n² scaled
            // factor is built once per distinct (μ, σ), found by hashing the 2n numbers.
            var tableOf: [[Double]: Int] = [:]
            for d in 1...max(1, scenario.horizonDays) {
                var drift = [Double](repeating: 0, count: n)
                var sigmas = [Double](repeating: 0, count: n)
                for i in 0..<n {
                    var mu = m.drifts[i] - universe.assets[i].dividendYield  // the price's drift (μ total return)
                    var sigma = m.volatilities[i]
                    for r in m.regimes where d >= r.firstDay && d <= r.lastDay {
                        mu += r.driftShift[i]
                        sigma *= r.volMultiplier[i]
                    }
                    drift[i] = (mu - 0.5 * sigma * sigma - jumpCompensation[i]) * dt
                    sigmas[i] = sigma
                }
                let key = drift + sigmas
                if let existing = tableOf[key] {
                    tableOfDay[d] = existing
                    continue
                }
                var scaled = [Double](repeating: 0, count: n * n)
                for i in 0..<n {
                    for k in 0...i { scaled[i * n + k] = sigmas[i] * dt.squareRoot() * l[i * n + k] }
                }
                tables.append(StepTable(drift: drift, scaledCholesky: scaled))
                tableOf[key] = tables.count - 1
                tableOfDay[d] = tables.count - 1
            }
        }
        stepTables = tables
        stepTableOfDay = tableOfDay

        switch scenario.model {
        case let .historical(h) where h.mode == .replay:
            startPrice = h.closes[0]
        default:
            startPrice = universe.assets.map(\.spot)
        }
        startLogPrice = startPrice.map { log($0) }
        dividends = DividendSchedule(universe: universe, scenario: scenario)
    }

    /// A block of `lanes` paths starting at global path index `firstPath`, at day 0.
    func makeBlock(firstPath: Int, lanes: Int, seed: UInt64) -> PathBlock {
        var block = PathBlock(firstPath: firstPath, lanes: lanes, assetCount: assetCount,
                              eventCount: scenario.events.count)
        for lane in 0..<block.width {
            let path = firstPath + lane
            let keyPath = scenario.antithetic ? path & ~1 : path
            let g = PathStream.generator(seed: seed, scenario: scenarioIndex, path: keyPath)
            block.s0[lane] = g.s0
            block.s1[lane] = g.s1
            block.s2[lane] = g.s2
            block.s3[lane] = g.s3
            block.mirror[lane] = scenario.antithetic && path & 1 == 1 ? .max : 0
            for i in 0..<assetCount { block.logPrice[i * block.width + lane] = startLogPrice[i] }
        }
        block.exactPrice = startPrice
        return block
    }

    /// Advances every lane of `block` by one trading day.
    func advance(_ block: inout PathBlock) {
        precondition(block.day < horizonDays, "advance past the horizon")
        block.day += 1
        let d = block.day
        let lanes = block.width
        let n = assetCount
        block.exactPrice = nil

        // (The day's table, jumps and events are read in place: with several threads, reference
        // counts on these shared arrays cost more than the reads, `FlatRows`.)
        switch scenario.model {
        case .monteCarlo:
            diffuse(&block, table: stepTableOfDay[d])
            for k in jumps.indices { applyJumps(&block, jumps[k]) }
        case .scripted(let s):
            var exact = [Double](repeating: 0, count: n)
            for i in 0..<n {
                let level = s.logLevel(asset: i, day: d)
                exact[i] = startPrice[i] * exp(level)
                let x = startLogPrice[i] + level
                for lane in 0..<lanes { block.logPrice[i * lanes + lane] = x }
            }
            block.exactPrice = exact
        case .historical(let h):
            switch h.mode {
            case .replay:
                for i in 0..<n {
                    let x = log(h.closes[d][i])
                    for lane in 0..<lanes { block.logPrice[i * lanes + lane] = x }
                }
                block.exactPrice = h.closes[d]
            case .bootstrap(let meanBlock):
                bootstrapStep(&block, h, meanBlock: meanBlock)
            }
        }
        for m in eventsOnDay.range(d) { applyEvent(&block, eventIndex: eventsOnDay.elements[m]) }
        if dividends.dropsPrice { applyDividends(&block) }
    }

    /// The day's cash dividends: every lane's log close of an asset going ex drops to
    /// `DividendSchedule.exDividendLogPrice` (after the diffusion, jumps and events).
    private func applyDividends(_ block: inout PathBlock) {
        let lanes = block.width
        for (i, amount) in dividends.onDay[block.day] {
            for lane in 0..<lanes {
                let k = i * lanes + lane
                block.logPrice[k] = DividendSchedule.exDividendLogPrice(block.logPrice[k], amount: amount)
            }
        }
    }

    // MARK: - Steps

    /// Normals for every asset, in pairs (assets 2m and 2m + 1 from one Box–Muller draw; an odd
    /// count leaves the last pair's second normal unused),
    /// then X_i += drift_i + Σ_k (σ_i√Δt·L)_ik·ε_k (k ascending, one fused multiply-add each).
    ///
    /// 32 lanes (four groups of eight) at a time: each entry of L, loaded once, serves 32 lanes,
    /// and the four sums are independent chains (one chain waits on each multiply-add's
    /// latency). The k of the sum run in tiles of `diffusionTile` assets, whose normals (16 KB)
    /// stay in the L1 cache while every row takes its terms from them; the partial sums wait in
    /// `block.sums` between tiles. Each lane's sum has the same terms in the same order as one
    /// lane alone, so the bits do not depend on the grouping or the tiles. Groups of eight that
    /// remain (a block narrower than 32 lanes, or its last 8–24) run one at a time.
    private func diffuse(_ block: inout PathBlock, table t: Int) {
        let width = block.width, n = assetCount, pairs = (n + 1) / 2
        let chunks = width / 8
        // Normals scratch: asset k of group g (eight lanes) at normals[stride·k + 8g].
        let normals = block.normals.baseAddress!, x = block.logPrice.baseAddress!
        func drawNormals(_ block: inout PathBlock, chunk c: Int, group g: Int, stride: Int) {
            var streams = block.streams(at: 8 * c)
            for pair in 0..<pairs {
                let (z1, z2) = streams.nextNormalPair()
                storeV(normals, stride * (2 * pair) + 8 * g, z1)
                storeV(normals, stride * (2 * pair + 1) + 8 * g, z2)
            }
            block.save(streams, at: 8 * c)
        }
        stepTables[t].scaledCholesky.withUnsafeBufferPointer { lBuffer in
            let l = lBuffer.baseAddress!
            var c = 0
            if chunks >= 4 {
                let sums = block.sums.baseAddress!
                while c + 4 <= chunks {
                    for g in 0..<4 { drawNormals(&block, chunk: c + g, group: g, stride: 32) }
                    for i in 0..<n {
                        let drift = SIMD8<Double>(repeating: stepTables[t].drift[i])
                        for g in 0..<4 { storeV(sums, 32 * i + 8 * g, drift) }
                    }
                    var first = 0
                    while first < n {
                        let end = min(first + Self.diffusionTile, n)
                        // Rows two at a time: each normal loaded serves both.
                        var i = first
                        while i + 1 < n {
                            let row = l + i * n, next = row + n, s = sums + 32 * i, t = s + 32
                            var z0 = loadV(s, 0), z1 = loadV(s, 8), z2 = loadV(s, 16), z3 = loadV(s, 24)
                            var y0 = loadV(t, 0), y1 = loadV(t, 8), y2 = loadV(t, 16), y3 = loadV(t, 24)
                            for k in first...min(i, end - 1) {
                                let lik = SIMD8<Double>(repeating: row[k]), ljk = SIMD8<Double>(repeating: next[k])
                                let e = normals + 32 * k
                                let e0 = loadV(e, 0), e1 = loadV(e, 8), e2 = loadV(e, 16), e3 = loadV(e, 24)
                                z0 = z0.addingProduct(lik, e0)
                                z1 = z1.addingProduct(lik, e1)
                                z2 = z2.addingProduct(lik, e2)
                                z3 = z3.addingProduct(lik, e3)
                                y0 = y0.addingProduct(ljk, e0)
                                y1 = y1.addingProduct(ljk, e1)
                                y2 = y2.addingProduct(ljk, e2)
                                y3 = y3.addingProduct(ljk, e3)
                            }
                            if i + 1 < end {  // row i + 1's last term, k = i + 1, is in this tile
                                let ljk = SIMD8<Double>(repeating: next[i + 1])
                                let e = normals + 32 * (i + 1)
                                y0 = y0.addingProduct(ljk, loadV(e, 0))
                                y1 = y1.addingProduct(ljk, loadV(e, 8))
                                y2 = y2.addingProduct(ljk, loadV(e, 16))
                                y3 = y3.addingProduct(ljk, loadV(e, 24))
                            }
                            storeV(s, 0, z0); storeV(s, 8, z1); storeV(s, 16, z2); storeV(s, 24, z3)
                            storeV(t, 0, y0); storeV(t, 8, y1); storeV(t, 16, y2); storeV(t, 24, y3)
                            i += 2
                        }
                        if i < n {
                            let row = l + i * n, s = sums + 32 * i
                            var z0 = loadV(s, 0), z1 = loadV(s, 8), z2 = loadV(s, 16), z3 = loadV(s, 24)
                            for k in first...min(i, end - 1) {
                                let lik = SIMD8<Double>(repeating: row[k])
                                let e = normals + 32 * k
                                z0 = z0.addingProduct(lik, loadV(e, 0))
                                z1 = z1.addingProduct(lik, loadV(e, 8))
                                z2 = z2.addingProduct(lik, loadV(e, 16))
                                z3 = z3.addingProduct(lik, loadV(e, 24))
                            }
                            storeV(s, 0, z0); storeV(s, 8, z1); storeV(s, 16, z2); storeV(s, 24, z3)
                        }
                        first = end
                    }
                    for i in 0..<n {
                        let xi = x + i * width + 8 * c, s = sums + 32 * i
                        for g in 0..<4 { storeV(xi, 8 * g, loadV(xi, 8 * g) + loadV(s, 8 * g)) }
                    }
                    c += 4
                }
            }
            while c < chunks {
                drawNormals(&block, chunk: c, group: 0, stride: 8)
                for i in 0..<n {
                    let row = l + i * n
                    var z = SIMD8<Double>(repeating: stepTables[t].drift[i])
                    for k in 0...i { z = z.addingProduct(SIMD8(repeating: row[k]), loadV(normals, 8 * k)) }
                    storeV(x, i * width + 8 * c, loadV(x, i * width + 8 * c) + z)
                }
                c += 1
            }
        }
    }

    /// Assets per tile of the diffusion's sums: 64 assets' normals for 32 lanes are 16 KB.
    static let diffusionTile = 64

    private func applyJumps(_ block: inout PathBlock, _ j: JumpProcess) {
        let lanes = block.width
        let lambdaDt = j.intensityPerYear / TradingCalendar.tradingDaysPerYear
        for lane in 0..<lanes {
            if j.common {
                let jump = Self.logJump(uniform: block.nextUniform(lane), normal: block.nextNormal(lane),
                                        lambdaDt: lambdaDt, j)
                for i in j.assets { block.logPrice[i * lanes + lane] += jump }
            } else {
                for i in j.assets {
                    let jump = Self.logJump(uniform: block.nextUniform(lane), normal: block.nextNormal(lane),
                                            lambdaDt: lambdaDt, j)
                    block.logPrice[i * lanes + lane] += jump
                }
            }
        }
    }

    /// The day's total log-jump: N ~ Poisson(λΔt) by inversion of u, then N·m + √N·v·z.
    static func logJump(uniform u: Double, normal z: Double, lambdaDt: Double, _ j: JumpProcess) -> Double {
        var probability = exp(-lambdaDt)
        var cumulative = probability
        var count = 0
        while u > cumulative && count < 100 {
            count += 1
            probability *= lambdaDt / Double(count)
            cumulative += probability
        }
        guard count > 0 else { return 0 }
        let c = Double(count)
        return c * j.meanLogJump + c.squareRoot() * j.logJumpVolatility * z
    }

    private func applyEvent(_ block: inout PathBlock, eventIndex k: Int) {
        let e = scenario.events[k]
        guard !e.outcomes.isEmpty else { return }
        let lanes = block.width
        for lane in 0..<lanes {
            let o = e.outcomeIndex(uniform: block.nextUniform(lane))
            block.eventOutcome[k * lanes + lane] = Int32(o)
            let moves = e.outcomes[o].logMoves, ivAfter = e.outcomes[o].ivAfter
            for i in 0..<assetCount where moves[i] != 0 { block.logPrice[i * lanes + lane] += moves[i] }
            for i in 0..<assetCount where ivAfter[i] != 1 { block.ivScale[i * lanes + lane] *= ivAfter[i] }
            if e.hasNoise {
                for i in 0..<assetCount where e.noiseVolatility[i] > 0 {
                    block.logPrice[i * lanes + lane] += e.noiseVolatility[i] * block.nextNormal(lane)
                }
            }
        }
    }

    private func bootstrapStep(_ block: inout PathBlock, _ h: HistoricalModel, meanBlock: Double) {
        let lanes = block.width
        let pool = h.logReturns.count
        for lane in 0..<lanes {
            let startNew = block.nextUniform(lane)
            let where_ = block.nextUniform(lane)
            if block.day == 1 || startNew < 1 / meanBlock {
                block.bootstrapRow[lane] = min(Int(where_ * Double(pool)), pool - 1)
            } else {
                block.bootstrapRow[lane] = (block.bootstrapRow[lane] + 1) % pool
            }
            let row = h.logReturns[block.bootstrapRow[lane]]
            for i in 0..<assetCount { block.logPrice[i * lanes + lane] += row[i] }
        }
    }
}
