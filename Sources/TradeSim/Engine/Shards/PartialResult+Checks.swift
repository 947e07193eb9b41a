extension PartialResult {
    /// Every value of a slice read from a partial result, against what the engine writes
    /// (BlockRunner.run, exit, tradeRecords), so that no damaged or made-up number reaches a
    /// report (issue 21: a NaN was silently dropped from the merged statistics).
    ///
    /// Per decision variant and path: exit reason a case of `ExitReason`; holding days in
    /// 0…horizon, 0 where never entered; P&L finite; max drawdown finite and ≥ 0; the return
    /// and pair spread (where kept) finite or NaN (undefined: never entered, or no basis), NaN
    /// where never entered. Per 64-path chunk: the count of finite returns ≤ the paths that
    /// entered, and where the returns are kept, count and sum exactly those of the chunk's
    /// finite returns added in path order; a finite sum, 0 for a count of 0. Portfolio P&L,
    /// equity rows, traced daily P&L and the start equity finite; portfolio drawdown finite
    /// and ≥ 0.
    ///
    /// Non-finite numbers the engine does write only when prices overflow a Double (drifts and
    /// horizons at the validator's limits); such a run's single report shows empty cells, and
    /// its partials are refused here like damaged ones.
    static func checkValues(_ o: ScenarioOutcomes, layout: SliceLayout) throws(Failure) {
        let horizon = o.scenario.horizonDays
        func place(_ owner: String, _ array: String, _ i: Int) -> String { "\(o.scenario.name)/\(owner)/\(array)[path \(o.firstPath + i)]" }
        for v in o.variants {
            let owner = v.label
            for i in 0..<o.paths {
                let reason = v.exitReason[i]
                guard Int(reason) < ExitReason.allCases.count else {
                    throw Failure(path: place(owner, "exitReason", i), found: "exit reason \(reason)", allowed: exitReasonsAllowed(enteredOnly: false))
                }
                let entered = reason != ExitReason.neverEntered.rawValue
                let days = v.holdingDays[i]
                guard days >= 0, Int(days) <= horizon else {
                    throw Failure(path: place(owner, "holdingDays", i), found: "\(days)", allowed: "0 to \(horizon), the scenario's horizon")
                }
                guard entered || days == 0 else {
                    throw Failure(path: place(owner, "holdingDays", i), found: "\(days) on a path where the decision never entered", allowed: "0")
                }
                guard v.pnl[i].isFinite else { throw Failure(path: place(owner, "pnl", i), found: number(v.pnl[i]), allowed: finite) }
                guard v.maxDrawdown[i].isFinite, v.maxDrawdown[i] >= 0 else {
                    throw Failure(path: place(owner, "maxDrawdown", i), found: number(v.maxDrawdown[i]), allowed: finiteNonNegative)
                }
                for (name, values) in [("return", v.returns), ("relativeReturnBps", v.relativeReturnBps)] where !values.isEmpty {
                    let x = values[i]
                    guard x.isFinite || x.isNaN else { throw Failure(path: place(owner, name, i), found: number(x), allowed: finiteOrNaN) }
                    guard entered || x.isNaN else {
                        throw Failure(path: place(owner, name, i), found: "\(number(x)) on a path where the decision never entered",
                                      allowed: "NaN (undefined without an entry)")
                    }
                }
            }
            try checkChunks(v, paths: o.paths, firstChunk: o.firstPath / VariantOutcomes.chunkPaths, scenario: o.scenario.name)
        }
        for i in 0..<o.paths {
            guard o.portfolioPnL[i].isFinite else { throw Failure(path: place("portfolio", "pnl", i), found: number(o.portfolioPnL[i]), allowed: finite) }
            let drawdown = o.portfolioMaxDrawdown[i]
            guard drawdown.isFinite, drawdown >= 0 else {
                throw Failure(path: place("portfolio", "maxDrawdown", i), found: number(drawdown), allowed: finiteNonNegative)
            }
        }
        for (day, row) in o.equitySample.enumerated() {
            if let i = row.firstIndex(where: { !$0.isFinite }) {
                throw Failure(path: "\(o.scenario.name)/portfolio/equity[day \(day)][path \(o.firstPath + i)]", found: number(row[i]), allowed: finite)
            }
        }
        for (k, rows) in o.dailyPnL.enumerated() {
            for (path, row) in rows.enumerated() {
                if let day = row.firstIndex(where: { !$0.isFinite }) {
                    throw Failure(path: "\(o.scenario.name)/\(o.variants[k].label)/dailyPnL[path \(o.firstPath + path)][day \(day)]",
                                  found: number(row[day]), allowed: finite)
                }
            }
        }
        guard o.startEquity.isFinite else { throw Failure(path: "\(o.scenario.name)/startEquity", found: number(o.startEquity), allowed: finite) }
    }

    /// The per-chunk counts and sums of the finite returns (see `checkValues`).
    static func checkChunks(_ v: VariantOutcomes, paths: Int, firstChunk: Int, scenario: String) throws(Failure) {
        let size = VariantOutcomes.chunkPaths
        for c in v.returnChunkCounts.indices {
            let lanes = (c * size)..<min((c + 1) * size, paths)
            let place = "\(scenario)/\(v.label)/returnChunk[\(firstChunk + c)]"
            let count = v.returnChunkCounts[c], sum = v.returnChunkSums[c]
            if v.returns.isEmpty {
                let entered = lanes.count { v.exitReason[$0] != ExitReason.neverEntered.rawValue }
                guard count >= 0, count <= entered else {
                    throw Failure(path: place, found: "a count of \(count) finite returns",
                                  allowed: "0 to \(entered), the chunk's paths where the decision entered")
                }
                guard sum.isFinite, count > 0 || sum == 0 else {
                    throw Failure(path: place, found: "a sum of \(number(sum)) over \(count) returns", allowed: "a finite sum, 0 over no returns")
                }
            } else {
                var expectedSum = 0.0, expectedCount = 0
                for p in lanes where v.returns[p].isFinite {
                    expectedSum += v.returns[p]
                    expectedCount += 1
                }
                guard count == expectedCount, sum.bitPattern == expectedSum.bitPattern else {
                    throw Failure(path: place, found: "a count of \(count) and a sum of \(number(sum))",
                                  allowed: "\(expectedCount) and \(expectedSum), those of the chunk's finite returns")
                }
            }
        }
    }

    /// Every traced trade of a slice: on a traced path of the slice, in path order, of a
    /// decision variant and leg of the playbook (its ticker), where that variant entered;
    /// entry and exit days 0 ≤ entry ≤ exit ≤ horizon with the scenario's dates; exit reason
    /// not "never entered"; quantity, prices, costs and P&L finite.
    static func checkTrades(_ o: ScenarioOutcomes, at path: String, playbook: Playbook, universe: Universe) throws(Failure) {
        let tracedEnd = o.firstPath + (o.dailyPnL.first?.count ?? 0)
        let horizon = o.scenario.horizonDays
        var previous = o.firstPath
        for (t, trade) in o.trades.enumerated() {
            let at = "\(path).trades[\(t)]"
            guard trade.path >= previous, trade.path < tracedEnd else {
                throw Failure(path: "\(at)[0]", found: "path \(trade.path)",
                              allowed: previous < tracedEnd ? "a traced path of the slice from \(previous) to \(tracedEnd - 1), in path order"
                                                            : "no trade (the slice has no traced paths)")
            }
            previous = trade.path
            guard let k = playbook.variants.firstIndex(where: { $0.decisionID == trade.decisionID && $0.name == trade.variantName }) else {
                throw Failure(path: "\(at)[1]", found: "decision \(JSONText.string(trade.decisionID)) variant \(JSONText.string(trade.variantName))",
                              allowed: "a decision variant of the study's playbook")
            }
            let variant = playbook.variants[k]
            guard variant.legs.indices.contains(trade.leg) else {
                throw Failure(path: "\(at)[3]", found: "leg \(trade.leg)", allowed: "0 to \(variant.legs.count - 1), the legs of \(o.variants[k].label)")
            }
            let ticker = universe.assets[variant.legs[trade.leg].asset].ticker
            guard trade.ticker == ticker else {
                throw Failure(path: "\(at)[5]", found: JSONText.string(trade.ticker), allowed: "\(JSONText.string(ticker)), the leg's asset")
            }
            guard o.variants[k].exitReason[trade.path - o.firstPath] != ExitReason.neverEntered.rawValue else {
                throw Failure(path: at, found: "a trade on path \(trade.path), where \(o.variants[k].label) never entered",
                              allowed: "trades of the paths where the decision entered")
            }
            guard trade.entryDay >= 0, trade.entryDay <= trade.exitDay, trade.exitDay <= horizon else {
                throw Failure(path: "\(at)[6]", found: "entry on day \(trade.entryDay), exit on day \(trade.exitDay)",
                              allowed: "0 ≤ entry ≤ exit ≤ \(horizon), the scenario's horizon")
            }
            let dates = o.scenario.dates
            for (i, day, date) in [(7, trade.entryDay, trade.entryDate), (9, trade.exitDay, trade.exitDate)] where day >= dates.count || date != dates[day] {
                throw Failure(path: "\(at)[\(i)]", found: "\(date) for day \(day)", allowed: day < dates.count ? "\(dates[day]), the scenario's date of day \(day)" : "a day of the scenario")
            }
            for (i, x) in [(11, trade.quantity), (12, trade.entryPrice), (13, trade.exitPrice), (14, trade.costs), (15, trade.pnl)]
                where !x.isFinite {
                throw Failure(path: "\(at)[\(i)]", found: number(x), allowed: finite)
            }
        }
    }

    /// A value for "found …": NaN and infinities by name (whatever a NaN's payload).
    static func number(_ x: Double) -> String {
        x.isNaN ? "NaN" : x.isInfinite ? (x < 0 ? "-infinity" : "infinity") : "\(x)"
    }

    static func number(_ x: Float) -> String { number(Double(x)) }

    static let finite = "a finite number (NaN and infinity come only from damage, or from a run whose prices overflow a Double)"
    static let finiteNonNegative = "a finite number ≥ 0"
    static let finiteOrNaN = "a finite number, or NaN where undefined"

    /// "0 to 5 (0 never_entered, 1 target, …)", or from 1 when only entered trades may carry it.
    static func exitReasonsAllowed(enteredOnly: Bool) -> String {
        let cases = ExitReason.allCases.filter { !enteredOnly || $0 != .neverEntered }
        return "\(cases[0].rawValue) to \(cases[cases.count - 1].rawValue) ("
            + cases.map { "\($0.rawValue) \($0.label)" }.joined(separator: ", ") + ")"
    }
}
