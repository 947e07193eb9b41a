/// What one shard of a run (`tradesim run --shard i/n`) writes, for `tradesim merge` to join
/// with the other shards into the report set of the single run.
///
/// It holds everything the reports are computed from, for the shard's slice of every
/// scenario's paths (see `Shard`): per path the final results, per chunk of 64 paths the
/// return sums, the equity rows and traced paths that fall in the slice. Values are stored
/// bit for bit, so the merged reports are byte-identical to the single run's.
///
/// File layout: the line `tradesim-partial 1`, an 8-byte little-endian header length, the
/// header (JSON: version, inputs with SHA-256, seed, paths, shard, and per scenario the slice
/// and the array sizes; traced trades with their numbers as IEEE-754 bit patterns), then the
/// arrays in the header's order as little-endian machine values.
public struct PartialResult: Sendable {
    public static let magic = Array("tradesim-partial 1\n".utf8)
    public static let allowed = "a partial result written by `tradesim run --shard i/n` of tradesim \(TradeSimVersion.string)"

    /// What the shards of one run share (and `merge` checks), and which shard this is.
    public struct Settings: Sendable {
        public var version: String
        public var studyName: String
        public var inputs: [RunManifest.Input]
        public var seed: UInt64
        public var paths: Int
        public var equitySamplePaths: Int
        public var tracedPaths: Int
        public var shard: Shard
    }

    public var settings: Settings
    /// The shard's slices, one per scenario run, in the run's scenario order.
    public var outcomes: [ScenarioOutcomes]

    public init(studyName: String, inputs: [RunManifest.Input], configuration c: RunConfiguration, shard: Shard,
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
    public func configuration(threads: Int) -> RunConfiguration {
        RunConfiguration(paths: settings.paths, seed: settings.seed, threads: threads, equitySamplePaths: settings.equitySamplePaths,
                         tracedPaths: settings.tracedPaths)
    }

    // MARK: - Writing

    public func encoded() -> [UInt8] {
        var body: [UInt8] = []
        var scenarios: [String] = []
        for o in outcomes {
            var variants: [String] = []
            for v in o.variants {
                variants.append("{\"returns\": \(!v.returns.isEmpty), \"relative\": \(!v.relativeReturnBps.isEmpty)}")
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
                    "variants": [\(variants.joined(separator: ", "))],
                    "trades": [\(trades.isEmpty ? "" : "\n      " + trades)]}
                """)
        }
        let run = settings
        let inputs = run.inputs.map {
            "{\"role\": \(JSONText.string($0.role)), \"path\": \(JSONText.string($0.path)), \"sha256\": \(JSONText.string($0.sha256))}"
        }
        let header = """
            {"format": 1, "version": \(JSONText.string(run.version)), "study": \(JSONText.string(run.studyName)),
             "inputs": [\(inputs.joined(separator: ", "))],
             "seed": "\(run.seed)", "paths": \(run.paths), "equitySamplePaths": \(run.equitySamplePaths), "tracedPaths": \(run.tracedPaths),
             "shard": {"index": \(run.shard.index), "count": \(run.shard.count)},
             "scenarios": [\(scenarios.joined(separator: ",\n  "))]}

            """
        let headerBytes = Array(header.utf8)
        var out = Self.magic
        withUnsafeBytes(of: UInt64(headerBytes.count).littleEndian) { out += $0 }
        out += headerBytes
        out += body
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
        let numbers = [t.quantity, t.entryPrice, t.exitPrice, t.costs, t.pnl].map { "\"\(hex($0))\"" }.joined(separator: ", ")
        return "[\(t.path), \(JSONText.string(t.decisionID)), \(JSONText.string(t.variantName)), \(t.leg), "
            + "\(JSONText.string(t.instrument)), \(JSONText.string(t.ticker)), \(t.entryDay), \"\(t.entryDate)\", "
            + "\(t.exitDay), \"\(t.exitDate)\", \(t.exitReason.rawValue), \(numbers)]"
    }
}

// MARK: - Reading

extension PartialResult {
    /// The header of a partial result (enough to check that partials belong together before
    /// the study is loaded).
    public struct Header: Sendable {
        public var settings: Settings
        public var scenarioIndices: [Int]
        fileprivate var root: [String: JSONNode]
        fileprivate var bodyOffset: Int
    }

    struct Failure: Error { var found: String }

    public static func header(_ bytes: [UInt8], file: String) -> Result<Header, InputProblems> {
        func problem(_ found: String) -> Result<Header, InputProblems> {
            .failure(InputProblems([InputProblem(file: file, path: "", found: found, allowed: allowed)]))
        }
        guard bytes.count >= magic.count + 8, Array(bytes[0..<magic.count]) == magic else {
            return problem("no partial-result signature")
        }
        var length: UInt64 = 0
        withUnsafeMutableBytes(of: &length) { $0.copyBytes(from: bytes[magic.count..<(magic.count + 8)]) }
        let start = magic.count + 8
        guard length <= UInt64(bytes.count - start) else { return problem("a header longer than the file (truncated?)") }
        let end = start + Int(length)
        guard let root = try? JSONParser.parse(Array(bytes[start..<end])), case let .object(members) = root.value else {
            return problem("an unreadable header")
        }
        var fields: [String: JSONNode] = [:]
        for m in members { fields[m.key] = m.node }
        do {
            guard try int(fields["format"]) == 1 else { return problem("format \(fields["format"]?.summary ?? "?")") }
            let shardNode = try object(fields["shard"])
            guard let shard = Shard(index: try int(shardNode["index"]), count: try int(shardNode["count"])) else {
                throw Failure(found: "an impossible shard")
            }
            let inputs = try array(fields["inputs"]).map { node -> RunManifest.Input in
                let o = try object(node)
                return RunManifest.Input(role: try string(o["role"]), path: try string(o["path"]), sha256: try string(o["sha256"]))
            }
            guard let seed = UInt64(try string(fields["seed"])) else { throw Failure(found: "a seed that is not a number") }
            let scenarios = try array(fields["scenarios"]).map { try int(object($0)["index"]) }
            let settings = Settings(version: try string(fields["version"]), studyName: try string(fields["study"]), inputs: inputs,
                                    seed: seed, paths: try int(fields["paths"]), equitySamplePaths: try int(fields["equitySamplePaths"]),
                                    tracedPaths: try int(fields["tracedPaths"]), shard: shard)
            return .success(Header(settings: settings, scenarioIndices: scenarios, root: fields, bodyOffset: end))
        } catch let failure as Failure {
            return problem(failure.found)
        } catch {
            return problem("an unreadable header")
        }
    }

    /// The whole partial result; `study` supplies the scenarios and decisions it refers to
    /// (the caller has checked that the inputs' SHA-256 match the header's).
    public static func decode(_ bytes: [UInt8], file: String, study: Study) -> Result<PartialResult, InputProblems> {
        let header: Header
        switch Self.header(bytes, file: file) {
        case let .success(h): header = h
        case let .failure(p): return .failure(p)
        }
        guard let playbook = study.playbook else {
            return .failure(InputProblems([InputProblem(file: file, path: "", found: "a study without a playbook", allowed: allowed)]))
        }
        var reader = BodyReader(bytes: bytes, offset: header.bodyOffset)
        do {
            var outcomes: [ScenarioOutcomes] = []
            for node in try array(header.root["scenarios"]) {
                let s = try object(node)
                let index = try int(s["index"])
                guard study.scenarios.indices.contains(index), study.scenarios[index].name == (try string(s["name"])) else {
                    throw Failure(found: "scenario \(s["name"]?.summary ?? "?") at index \(index), which the study does not have there")
                }
                let (paths, chunks, sample, traced, days) = (try int(s["paths"]), try int(s["chunks"]), try int(s["samplePaths"]),
                                                             try int(s["tracedPaths"]), try int(s["days"]))
                let flags = try array(s["variants"]).map(object)
                guard flags.count == playbook.variants.count, days == study.scenarios[index].horizonDays + 1 else {
                    throw Failure(found: "scenario \(index) with other decisions or another horizon than the study's")
                }
                var variants: [VariantOutcomes] = []
                for (k, v) in playbook.variants.enumerated() {
                    let keepReturns = try bool(flags[k]["returns"]), keepRelative = try bool(flags[k]["relative"])
                    let pnl: [Double] = try reader.read(paths)
                    let returns: [Double] = try reader.read(keepReturns ? paths : 0)
                    let sums: [Double] = try reader.read(chunks)
                    let counts: [Int64] = try reader.read(chunks)
                    let drawdown: [Float] = try reader.read(paths)
                    let holding: [Int32] = try reader.read(paths)
                    let reasons: [UInt8] = try reader.read(paths)
                    let relative: [Double] = try reader.read(keepRelative ? paths : 0)
                    variants.append(VariantOutcomes(decisionID: v.decisionID, variantName: v.name, kind: v.kind, inPortfolio: v.inPortfolio,
                                                    pnl: pnl, returns: returns, returnChunkSums: sums,
                                                    returnChunkCounts: counts.map { Int($0) }, maxDrawdown: drawdown,
                                                    holdingDays: holding, exitReason: reasons, relativeReturnBps: relative))
                }
                let portfolioPnL: [Double] = try reader.read(paths)
                let portfolioDrawdown: [Float] = try reader.read(paths)
                let equity: [[Double]] = try (0..<days).map { _ in try reader.read(sample) }
                let daily: [[[Double]]] = try variants.indices.map { _ in try (0..<traced).map { _ in try reader.read(days) } }
                let trades = try array(s["trades"]).map(trade)
                guard let startEquity = UInt64(try string(s["startEquity"]), radix: 16).map(Double.init(bitPattern:)) else {
                    throw Failure(found: "an unreadable start equity")
                }
                var o = ScenarioOutcomes(scenario: study.scenarios[index], scenarioIndex: index, paths: paths, variants: variants,
                                         portfolioPnL: portfolioPnL, portfolioMaxDrawdown: portfolioDrawdown,
                                         startEquity: startEquity, equitySample: equity, trades: trades, dailyPnL: daily)
                o.firstPath = try int(s["firstPath"])
                outcomes.append(o)
            }
            guard reader.offset == bytes.count else { throw Failure(found: "\(bytes.count - reader.offset) bytes after the last array") }
            return .success(PartialResult(settings: header.settings, outcomes: outcomes))
        } catch let failure as Failure {
            return .failure(InputProblems([InputProblem(file: file, path: "", found: failure.found, allowed: allowed)]))
        } catch {
            return .failure(InputProblems([InputProblem(file: file, path: "", found: "an unreadable partial result", allowed: allowed)]))
        }
    }

    struct BodyReader {
        let bytes: [UInt8]
        var offset: Int

        mutating func read<T: BitwiseCopyable>(_ count: Int) throws -> [T] {
            let size = count * MemoryLayout<T>.stride
            guard count >= 0, size <= bytes.count - offset else { throw Failure(found: "arrays cut short (a truncated file?)") }
            let values = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
                bytes.withUnsafeBytes { raw in
                    UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + size)]))
                }
                initialized = count
            }
            offset += size
            return values
        }
    }

    static func trade(_ node: JSONNode) throws -> TradeRecord {
        let a = try array(node)
        guard a.count == 16 else { throw Failure(found: "a trade of \(a.count) fields") }
        func double(_ i: Int) throws -> Double {
            guard let bits = UInt64(try string(a[i]), radix: 16) else { throw Failure(found: "an unreadable trade number") }
            return Double(bitPattern: bits)
        }
        func date(_ i: Int) throws -> CalendarDate {
            guard let d = CalendarDate(iso: try string(a[i])) else { throw Failure(found: "an unreadable trade date") }
            return d
        }
        guard let reason = ExitReason(rawValue: UInt8(clamping: try int(a[10]))) else { throw Failure(found: "an unknown exit reason") }
        return TradeRecord(path: try int(a[0]), decisionID: try string(a[1]), variantName: try string(a[2]), leg: try int(a[3]),
                           instrument: try string(a[4]), ticker: try string(a[5]), quantity: try double(11),
                           entryDay: try int(a[6]), entryDate: try date(7), entryPrice: try double(12),
                           exitDay: try int(a[8]), exitDate: try date(9), exitPrice: try double(13),
                           costs: try double(14), pnl: try double(15), exitReason: reason)
    }

    static func int(_ node: JSONNode?) throws -> Int {
        guard case let .number(x, _)? = node?.value, x == x.rounded(), abs(x) < 9e15 else { throw Failure(found: "a header field that is not a whole number") }
        return Int(x)
    }

    static func string(_ node: JSONNode?) throws -> String {
        guard case let .string(s)? = node?.value else { throw Failure(found: "a header field that is not a string") }
        return s
    }

    static func bool(_ node: JSONNode?) throws -> Bool {
        guard case let .bool(b)? = node?.value else { throw Failure(found: "a header field that is not true or false") }
        return b
    }

    static func array(_ node: JSONNode?) throws -> [JSONNode] {
        guard case let .array(a)? = node?.value else { throw Failure(found: "a header field that is not an array") }
        return a
    }

    static func object(_ node: JSONNode?) throws -> [String: JSONNode] {
        guard case let .object(members)? = node?.value else { throw Failure(found: "a header field that is not an object") }
        var out: [String: JSONNode] = [:]
        for m in members { out[m.key] = m.node }
        return out
    }
}
