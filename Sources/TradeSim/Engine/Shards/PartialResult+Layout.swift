extension PartialResult {
    /// The sizes of one scenario's slice in a partial result, as the engine makes them for
    /// this shard, study and settings (Engine.runScenario and OutcomeBuffers.init): a header
    /// must state exactly these, and the body holds exactly `bodyBytes()` for them, before any
    /// array is allocated.
    ///
    /// For T = the scenario's paths (1 if deterministic, else the run's `paths`) and the
    /// shard's range [a, b) of them (`Shard.pathRange`): paths = b − a, chunks = ⌈(b − a)/64⌉,
    /// sample = max(0, min(b, min(T, equitySamplePaths)) − a), traced likewise with
    /// `tracedPaths` (0 without decisions), days = horizon + 1.
    struct SliceLayout {
        let index: Int
        let scenario: Scenario
        let firstPath: Int
        let paths: Int
        let chunks: Int
        let samplePaths: Int
        let tracedPaths: Int
        let days: Int
        /// Per decision variant: whether the per-path returns and pair spreads are stored.
        let keepReturns: [Bool]
        let keepRelative: [Bool]

        /// Checks the header object `s` (at JSON path `path`) against the study and settings.
        init(_ s: [String: JSONNode], at path: String, settings: Settings, study: Study, playbook: Playbook) throws(Failure) {
            index = try int(s["index"], "\(path).index")
            guard study.scenarios.indices.contains(index) else {
                throw Failure(path: "\(path).index", found: "\(index)",
                              allowed: "a scenario of the study, 0 to \(study.scenarios.count - 1)")
            }
            scenario = study.scenarios[index]
            let name = try string(s["name"], "\(path).name")
            guard name == scenario.name else {
                throw Failure(path: "\(path).name", found: JSONText.string(name), allowed: "\(JSONText.string(scenario.name)), the study's scenario \(index)")
            }
            let total = scenario.pathCount(requested: settings.paths)
            let range = settings.shard.pathRange(paths: total)
            firstPath = range.lowerBound
            paths = range.count
            chunks = VariantOutcomes.chunks(paths: paths)
            let sampleEnd = min(total, settings.equitySamplePaths), tracedEnd = min(total, settings.tracedPaths)
            samplePaths = max(0, min(range.upperBound, sampleEnd) - range.lowerBound)
            tracedPaths = playbook.variants.isEmpty ? 0 : max(0, min(range.upperBound, tracedEnd) - range.lowerBound)
            days = scenario.horizonDays + 1
            let slice = "shard \(settings.shard)'s slice of the scenario's \(total) paths"
            let expected: [(key: String, value: Int, why: String)] = [
                ("firstPath", firstPath, "where \(slice) begins"),
                ("paths", paths, "the paths in \(slice)"),
                ("chunks", chunks, "the 64-path chunks of \(paths) paths"),
                ("samplePaths", samplePaths, "the slice's paths among the first \(sampleEnd) (the equity sample)"),
                ("tracedPaths", tracedPaths, "the slice's paths among the first \(tracedEnd) (the traced paths)"),
                ("days", days, "days 0 to \(scenario.horizonDays), the scenario's horizon"),
            ]
            for e in expected {
                let stated = try int(s[e.key], "\(path).\(e.key)")
                guard stated == e.value else { throw Failure(path: "\(path).\(e.key)", found: "\(stated)", allowed: "\(e.value), \(e.why)") }
            }
            let flags = try array(s["variants"], "\(path).variants")
            guard flags.count == playbook.variants.count else {
                throw Failure(path: "\(path).variants", found: "\(flags.count) decision variants",
                              allowed: "\(playbook.variants.count), the playbook's")
            }
            var keepReturns: [Bool] = [], keepRelative: [Bool] = []
            for (k, v) in playbook.variants.enumerated() {
                let o = try object(flags[k], "\(path).variants[\(k)]")
                let kept = Self.keptArrays(v)
                for (key, want) in [("returns", kept.returns), ("relative", kept.relative)] {
                    // The writer states whether it stored the arrays: never for a slice of no paths.
                    let stated = try bool(o[key], "\(path).variants[\(k)].\(key)")
                    guard stated == want || (paths == 0 && !stated) else {
                        throw Failure(path: "\(path).variants[\(k)].\(key)", found: "\(stated)",
                                      allowed: "\(want): decision \(v.decisionID) \(want ? "has" : "has no") thesis that needs them per path")
                    }
                }
                keepReturns.append(kept.returns && paths > 0)
                keepRelative.append(kept.relative && paths > 0)
            }
            self.keepReturns = keepReturns
            self.keepRelative = keepRelative
        }

        /// Which per-path arrays the engine keeps for a variant in a run without
        /// `keepPathReturns` (the rule of Engine.runScenario): returns where a thesis tests the
        /// return, pair spreads for pairs whose theses test them.
        static func keptArrays(_ v: DecisionVariant) -> (returns: Bool, relative: Bool) {
            (v.theses.contains { $0.metric == .return }, v.kind == .pair && v.theses.contains { $0.metric == .relativeReturnBps })
        }

        /// The body's bytes for this slice, in the order `encoded` writes them; a product that
        /// overflows is refused.
        func bodyBytes() throws(Failure) -> Int {
            var perPath = MemoryLayout<Double>.stride + MemoryLayout<Float>.stride   // portfolio P&L and drawdown
            for k in keepReturns.indices {
                perPath += MemoryLayout<Double>.stride + MemoryLayout<Float>.stride + MemoryLayout<Int32>.stride + MemoryLayout<UInt8>.stride
                    + (keepReturns[k] ? MemoryLayout<Double>.stride : 0) + (keepRelative[k] ? MemoryLayout<Double>.stride : 0)
            }
            let chunkBytes = MemoryLayout<Double>.stride + MemoryLayout<Int64>.stride
            let parts = [[paths, perPath], [keepReturns.count, chunks, chunkBytes], [days, samplePaths, MemoryLayout<Double>.stride],
                         [keepReturns.count, tracedPaths, days, MemoryLayout<Double>.stride]]
            var total = 0
            for factors in parts {
                var product = 1
                for f in factors {
                    let (p, overflow) = product.multipliedReportingOverflow(by: f)
                    guard !overflow else { throw Failure(path: "scenarios", found: "array sizes whose bytes overflow a 64-bit count") }
                    product = p
                }
                let (sum, overflow) = total.addingReportingOverflow(product)
                guard !overflow else { throw Failure(path: "scenarios", found: "array sizes whose bytes overflow a 64-bit count") }
                total = sum
            }
            return total
        }
    }
}
