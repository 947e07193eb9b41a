/// What one shard of a run (`tradesim run --shard i/n`) writes, for `tradesim merge` to join
/// with the other shards into the report set of the single run.
///
/// It holds everything the reports are computed from, for the shard's slice of every
/// scenario's paths (see `Shard`): per path the final results, per chunk of 64 paths the
/// return sums, the equity rows and traced paths that fall in the slice. Values are stored
/// bit for bit, so the merged reports are byte-identical to the single run's.
///
/// File layout (format 2):
/// 1. the line `tradesim-partial 2`;
/// 2. the line `sha256 ` + 64 lowercase hex digits: the SHA-256 of every byte after this line
///    (`tail -c +92 FILE | sha256sum` prints it), so a change anywhere in the file (the
///    signature, this line or the rest) is detected before anything is read from it;
/// 3. the header's length, 8 bytes little-endian, and the header (JSON: format, version,
///    inputs with SHA-256, seed, paths, shard, and per scenario the slice and the array sizes;
///    traced trades with their numbers as IEEE-754 bit patterns);
/// 4. the body: the arrays in the header's order as little-endian machine values.
///
/// Reading (`header`, `decode`, in PartialResult+Reading.swift) checks, in this order, the
/// signature, the SHA-256, the header's sizes against the study, the settings and the file's
/// length (before any array is allocated), then every value against what the engine writes
/// (PartialResult+Checks.swift). Format 1 (the same without the checksum line) is refused
/// with a request to re-run the shards.
package struct PartialResult: Sendable {
    package static let format = 2
    static let magic = Array("tradesim-partial \(format)\n".utf8)
    /// `sha256 <64 hex digits>\n`, right after the signature.
    static let digestLinePrefix = Array("sha256 ".utf8)
    static let digestLineLength = digestLinePrefix.count + 64 + 1
    /// Where the checksummed bytes (header length, header, body) begin.
    static let checkedOffset = magic.count + digestLineLength
    package static let allowed = "a partial result written by `tradesim run --shard i/n` of tradesim \(TradeSimVersion.string)"

    /// What the shards of one run share (and `merge` checks), and which shard this is.
    package struct Settings: Sendable {
        package var version: String
        package var studyName: String
        package var inputs: [RunInput]
        package var seed: UInt64
        package var paths: Int
        package var equitySamplePaths: Int
        package var tracedPaths: Int
        package var shard: Shard
    }

    package var settings: Settings
    /// The shard's slices, one per scenario run, in the run's scenario order.
    package var outcomes: [ScenarioOutcomes]

    package init(studyName: String, inputs: [RunInput], configuration c: RunConfiguration, shard: Shard,
                outcomes: [ScenarioOutcomes]) {
        settings = Settings(version: TradeSimVersion.string, studyName: studyName, inputs: inputs, seed: c.seed, paths: c.paths,
                            equitySamplePaths: c.equitySamplePaths, tracedPaths: c.tracedPaths, shard: shard)
        self.outcomes = outcomes
    }

    init(settings: Settings, outcomes: [ScenarioOutcomes]) {
        self.settings = settings
        self.outcomes = outcomes
    }

    /// The settings a merge runs the reports with (the shards' own, without the shard).
    package func configuration(threads: Int) -> RunConfiguration {
        RunConfiguration(paths: settings.paths, seed: settings.seed, threads: threads, equitySamplePaths: settings.equitySamplePaths,
                         tracedPaths: settings.tracedPaths)
    }

    // MARK: - Writing

    package func encoded() -> [UInt8] {
        var body: [UInt8] = []
        var scenarios: [String] = []
        for o in outcomes {
            var variants: [String] = []
            for v in o.variants {
                variants.append(JSONText.object(["returns": JSONText.bool(!v.returns.isEmpty),
                                                 "relative": JSONText.bool(!v.relativeReturnBps.isEmpty)]))
                Self.append(v.pnl, to: &body)
                Self.append(v.returns, to: &body)
                Self.append(v.returnChunkSums, to: &body)
                Self.append(v.returnChunkCounts.map(Int64.init), to: &body)
                Self.append(v.maxDrawdown, to: &body)
                Self.append(v.holdingDays, to: &body)
                Self.append(v.exitReason, to: &body)
                Self.append(v.relativeReturnBps, to: &body)
            }
            Self.append(o.portfolioPnL, to: &body)
            Self.append(o.portfolioMaxDrawdown, to: &body)
            for row in o.equitySample { Self.append(row, to: &body) }
            for variant in o.dailyPnL { for path in variant { Self.append(path, to: &body) } }
            let trades = o.trades.map(Self.tradeJSON).joined(separator: ",\n      ")
            scenarios.append("""
                {"index": \(o.scenarioIndex), "name": \(JSONText.string(o.scenario.name)), "firstPath": \(o.firstPath), \
                "paths": \(o.paths), "chunks": \(o.variants.first?.returnChunkSums.count ?? 0), \
                "samplePaths": \(o.equitySample.first?.count ?? 0), "tracedPaths": \(o.dailyPnL.first?.count ?? 0), \
                "days": \(o.equitySample.count), "startEquity": "\(Self.hex(o.startEquity))",
                    "variants": \(JSONText.array(variants)),
                    "trades": [\(trades.isEmpty ? "" : "\n      " + trades)]}
                """)
        }
        let run = settings
        let inputs = run.inputs.map(\.json)
        let header = """
            {"format": \(Self.format), "version": \(JSONText.string(run.version)), "study": \(JSONText.string(run.studyName)),
             "inputs": \(JSONText.array(inputs)),
             "seed": "\(run.seed)", "paths": \(run.paths), "equitySamplePaths": \(run.equitySamplePaths), "tracedPaths": \(run.tracedPaths),
             "shard": \(JSONText.object(["index": String(run.shard.index), "count": String(run.shard.count)])),
             "scenarios": [\(scenarios.joined(separator: ",\n  "))]}

            """
        let headerBytes = Array(header.utf8)
        var out = Self.magic + Self.digestLinePrefix + [UInt8](repeating: UInt8(ascii: "0"), count: 64) + [UInt8(ascii: "\n")]
        out.reserveCapacity(Self.checkedOffset + 8 + headerBytes.count + body.count)
        withUnsafeBytes(of: UInt64(headerBytes.count).littleEndian) { out += $0 }
        out += headerBytes
        out += body
        let digest = out.withUnsafeBytes { SHA256.digest(UnsafeRawBufferPointer(rebasing: $0[Self.checkedOffset...])) }
        let hex = Array(SHA256.hex(digest: digest).utf8)
        out.replaceSubrange((Self.magic.count + Self.digestLinePrefix.count)..<(Self.checkedOffset - 1), with: hex)
        return out
    }

    static func append<T: BitwiseCopyable>(_ values: [T], to body: inout [UInt8]) {
        values.withUnsafeBytes { body += $0 }
    }

    static func hex(_ x: Double) -> String {
        let s = String(x.bitPattern, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }

    static func tradeJSON(_ t: TradeRecord) -> String {
        JSONText.array([String(t.path), JSONText.string(t.decisionID), JSONText.string(t.variantName), String(t.leg),
                        JSONText.string(t.instrument.text), JSONText.string(t.ticker), String(t.entryDay),
                        JSONText.string(t.entryDate.description), String(t.exitDay), JSONText.string(t.exitDate.description),
                        String(t.exitReason.rawValue)]
                       + [t.quantity, t.entryPrice, t.exitPrice, t.costs, t.pnl].map { JSONText.string(hex($0)) }
                       + [String(t.earlyExerciseDay)])
    }
}
