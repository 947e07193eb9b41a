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
public struct ScenarioKernel: Sendable {
    public let scenario: Scenario
    public let scenarioIndex: Int
    public let universe: Universe
    public let assetCount: Int
    public let horizonDays: Int
    /// One path when the scenario is deterministic.
    public let isDeterministic: Bool

    /// Per distinct step table: (μ − σ²/2 − λκ)·Δt per asset, and σ√Δt·L row-major.
    struct StepTable: Sendable, Hashable {
        var drift: [Double]
        var scaledCholesky: [Double]
    }

    let stepTables: [StepTable]
    /// Step table used by the step into day d (index d; entry 0 unused).
    let stepTableOfDay: [Int]
    /// Events (indices into scenario.events) happening on day d.
    let eventsOnDay: [[Int]]
    /// Start prices and their logs per asset.
    let startPrice: [Double]
    let startLogPrice: [Double]

    public init(scenario: Scenario, scenarioIndex: Int, universe: Universe) {
        self.scenario = scenario
        self.scenarioIndex = scenarioIndex
        self.universe = universe
        let n = universe.count
        assetCount = n
        horizonDays = scenario.horizonDays
        isDeterministic = scenario.isDeterministic

        var onDay = [[Int]](repeating: [], count: scenario.horizonDays + 1)
        for (k, e) in scenario.events.enumerated() where e.day >= 1 && e.day <= scenario.horizonDays {
            onDay[e.day].append(k)
        }
        eventsOnDay = onDay

        var tables: [StepTable] = []
        var tableOfDay = [Int](repeating: 0, count: scenario.horizonDays + 1)
        if case let .monteCarlo(m) = scenario.model {
            let dt = 1 / TradingCalendar.tradingDaysPerYear
            let l = m.correlation.choleskyFactor
            var jumpCompensation = [Double](repeating: 0, count: n)
            for j in m.jumps {
                for i in j.assets { jumpCompensation[i] += j.intensityPerYear * j.meanRelativeJump }
            }
            for d in 1...max(1, scenario.horizonDays) {
                var drift = [Double](repeating: 0, count: n)
                var scaled = [Double](repeating: 0, count: n * n)
                for i in 0..<n {
                    var mu = m.drifts[i]
                    var sigma = m.volatilities[i]
                    for r in m.regimes where d >= r.firstDay && d <= r.lastDay {
                        mu += r.driftShift[i]
                        sigma *= r.volMultiplier[i]
                    }
                    drift[i] = (mu - 0.5 * sigma * sigma - jumpCompensation[i]) * dt
                    for k in 0...i { scaled[i * n + k] = sigma * dt.squareRoot() * l[i * n + k] }
                }
                let table = StepTable(drift: drift, scaledCholesky: scaled)
                if let existing = tables.firstIndex(of: table) {
                    tableOfDay[d] = existing
                } else {
                    tables.append(table)
                    tableOfDay[d] = tables.count - 1
                }
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
    }

    /// A block of `lanes` paths starting at global path index `firstPath`, at day 0.
    public func makeBlock(firstPath: Int, lanes: Int, seed: UInt64) -> PathBlock {
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
    public func advance(_ block: inout PathBlock) {
        precondition(block.day < horizonDays, "advance past the horizon")
        block.day += 1
        let d = block.day
        let lanes = block.width
        let n = assetCount
        block.exactPrice = nil

        switch scenario.model {
        case .monteCarlo(let m):
            let table = stepTables[stepTableOfDay[d]]
            diffuse(&block, table: table)
            for j in m.jumps { applyJumps(&block, j) }
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
        for k in eventsOnDay[d] { applyEvent(&block, eventIndex: k) }
    }

    // MARK: - Steps

    /// Normals for every asset, in pairs (assets 2m and 2m + 1 from one Box–Muller draw; an odd
    /// count leaves the last pair's second normal unused),
    /// then X_i += drift_i + Σ_k (σ_i√Δt·L)_ik·ε_k, eight lanes at a time.
    private func diffuse(_ block: inout PathBlock, table: StepTable) {
        let width = block.width, n = assetCount, pairs = (n + 1) / 2
        // Eight lanes at a time: their streams stay in registers for the day's draws, their
        // normals in a small scratch (2·pairs rows of 8) for the correlation.
        let normals = block.normals.baseAddress!, x = block.logPrice.baseAddress!
        table.scaledCholesky.withUnsafeBufferPointer { l in
            for c in 0..<(width / 8) {
                let j = 8 * c
                var streams = block.streams(at: j)
                for pair in 0..<pairs {
                    let (z1, z2) = streams.nextNormalPair()
                    storeV(normals, 16 * pair, z1)
                    storeV(normals, 16 * pair + 8, z2)
                }
                block.save(streams, at: j)
                for i in 0..<n {
                    var z = SIMD8<Double>(repeating: table.drift[i])
                    for k in 0...i { z = z.addingProduct(SIMD8(repeating: l[i * n + k]), loadV(normals, 8 * k)) }
                    storeV(x, i * width + j, loadV(x, i * width + j) + z)
                }
            }
        }
    }

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
            let moves = e.outcomes[o].logMoves
            for i in 0..<assetCount where moves[i] != 0 { block.logPrice[i * lanes + lane] += moves[i] }
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
