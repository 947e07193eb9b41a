/// Reading a partial result: nothing in the file is believed before it is checked.
///
/// 1. The signature (format 2; format 1 is refused with a request to re-run the shards).
/// 2. The SHA-256 on the second line against every byte after it: any change anywhere in the
///    file stops here, before the header is parsed.
/// 3. The header: every setting in range (shard count ≤ `Shard.maximumCount`, paths ≥ 1, …).
/// 4. Against the study (`decode`): per scenario, the slice and every array size must be the
///    ones the engine gives for this shard, study and settings; their bytes must add up to the
///    body's length exactly (products checked for overflow). Only then is an array allocated.
/// 5. Every value against what the engine writes (PartialResult+Checks.swift).
extension PartialResult {
    /// The header of a partial result (enough to check that partials belong together before
    /// the study is loaded).
    package struct Header: Sendable {
        package var settings: Settings
        package var scenarioIndices: [Int]
        /// Each scenario's header object, in file order.
        var scenarios: [[String: JSONNode]]
        var bodyOffset: Int
    }

    /// Why a file is refused: where (a JSON path of the header, or `scenario/decision/array[path]`
    /// in the body), what was found there, and what is allowed.
    struct Failure: Error {
        var path = ""
        var found: String
        var allowed = PartialResult.allowed
    }

    /// What a file that fails the checksum may be.
    static let allowedIntact = "the file exactly as `tradesim run --shard` wrote it (copy it again, or re-run the shard)"

    static func problems(_ f: Failure, file: String) -> InputProblems {
        InputProblems([InputProblem(file: file, path: f.path, found: f.found, allowed: f.allowed)])
    }

    /// The checked header (steps 1–3).
    package static func header(_ bytes: [UInt8], file: String) -> Result<Header, InputProblems> {
        do throws(Failure) {
            return .success(try readHeader(bytes))
        } catch {
            return .failure(problems(error, file: file))
        }
    }

    /// The whole partial result; `study` supplies the scenarios and decisions it refers to
    /// (the caller has checked that it has a playbook, and that the inputs' SHA-256 match the
    /// header's).
    package static func decode(_ bytes: [UInt8], file: String, study: Study) -> Result<PartialResult, InputProblems> {
        header(bytes, file: file).flatMap { decode(bytes, header: $0, file: file, study: study) }
    }

    /// The body of a file whose `header` was read (steps 4–5).
    package static func decode(_ bytes: [UInt8], header: Header, file: String, study: Study) -> Result<PartialResult, InputProblems> {
        do throws(Failure) {
            let playbook = study.runPlaybook
            let layouts = try header.scenarios.enumerated().map { (k, s) throws(Failure) in
                try SliceLayout(s, at: "scenarios[\(k)]", settings: header.settings, study: study, playbook: playbook)
            }
            var expected = 0
            for layout in layouts {
                let (sum, overflow) = expected.addingReportingOverflow(try layout.bodyBytes())
                guard !overflow else { throw Failure(found: "array sizes whose bytes overflow a 64-bit count") }
                expected = sum
            }
            let actual = bytes.count - header.bodyOffset
            guard actual == expected else {
                throw Failure(found: "a body of \(actual) bytes", allowed: "\(expected) bytes, what the header's array sizes take")
            }
            var reader = BodyReader(bytes: bytes, offset: header.bodyOffset)
            var outcomes: [ScenarioOutcomes] = []
            for (k, (layout, s)) in zip(layouts, header.scenarios).enumerated() {
                let o = try read(layout, from: &reader, trades: s["trades"], startEquity: s["startEquity"], at: "scenarios[\(k)]",
                                 playbook: playbook, universe: study.universe)
                try checkValues(o, layout: layout)
                outcomes.append(o)
            }
            return .success(PartialResult(settings: header.settings, outcomes: outcomes))
        } catch {
            return .failure(problems(error, file: file))
        }
    }

    // MARK: - Steps 1–3: signature, checksum, header

    static func readHeader(_ bytes: [UInt8]) throws(Failure) -> Header {
        try checkSignature(bytes)
        try checkDigest(bytes)
        let start = checkedOffset + 8
        var length: UInt64 = 0
        withUnsafeMutableBytes(of: &length) { $0.copyBytes(from: bytes[checkedOffset..<start]) }
        length = UInt64(littleEndian: length)
        guard length <= UInt64(bytes.count - start) else {
            throw Failure(found: "a header length of \(length) bytes in a file with \(bytes.count - start) after it")
        }
        let end = start + Int(length)
        let root: JSONNode
        do {
            root = try JSONParser.parse(Array(bytes[start..<end]))
        } catch {
            throw Failure(path: "header:\(error.line):\(error.column)", found: error.found, allowed: "JSON: \(error.expected)")
        }
        let fields = try object(root, "header")
        let format = try int(fields["format"], "format")
        guard format == Self.format else { throw Failure(path: "format", found: "\(format)", allowed: "\(Self.format), as the signature says") }
        let shardNode = try object(fields["shard"], "shard")
        let index = try int(shardNode["index"], "shard.index"), count = try int(shardNode["count"], "shard.count")
        guard (1...Shard.maximumCount).contains(count) else {
            throw Failure(path: "shard.count", found: "\(count)", allowed: "a shard count from 1 to \(Shard.maximumCount)")
        }
        guard let shard = Shard(index: index, count: count) else {
            throw Failure(path: "shard.index", found: "\(index)", allowed: "a shard from 0 to \(count - 1) (of \(count))")
        }
        let inputs = try array(fields["inputs"], "inputs").enumerated().map { (k, node) throws(Failure) -> RunInput in
            let o = try object(node, "inputs[\(k)]")
            let sha = try string(o["sha256"], "inputs[\(k)].sha256")
            guard sha.utf8.count == 64, sha.utf8.allSatisfy(isLowercaseHexDigit) else {
                throw Failure(path: "inputs[\(k)].sha256", found: JSONText.string(sha), allowed: "64 lowercase hex digits")
            }
            return RunInput(role: try string(o["role"], "inputs[\(k)].role"), path: try string(o["path"], "inputs[\(k)].path"),
                                     sha256: sha)
        }
        guard inputs.contains(where: { $0.role == "study" }) else {
            throw Failure(path: "inputs", found: "no input with the role \"study\"", allowed: "the study first, then any price files")
        }
        let seedText = try string(fields["seed"], "seed")
        guard let seed = UInt64(seedText) else { throw Failure(path: "seed", found: JSONText.string(seedText), allowed: "a whole number ≥ 0 as a string") }
        let paths = try int(fields["paths"], "paths")
        let sample = try int(fields["equitySamplePaths"], "equitySamplePaths"), traced = try int(fields["tracedPaths"], "tracedPaths")
        for (name, value, lowest) in [("paths", paths, 1), ("equitySamplePaths", sample, 0), ("tracedPaths", traced, 0)] where value < lowest {
            throw Failure(path: name, found: "\(value)", allowed: "a whole number ≥ \(lowest)")
        }
        let scenarioNodes = try array(fields["scenarios"], "scenarios")
        guard !scenarioNodes.isEmpty else { throw Failure(path: "scenarios", found: "no scenarios", allowed: "the scenarios the shard ran") }
        var scenarios: [[String: JSONNode]] = []
        var indices: [Int] = []
        for (k, node) in scenarioNodes.enumerated() {
            let o = try object(node, "scenarios[\(k)]")
            let index = try int(o["index"], "scenarios[\(k)].index")
            guard index >= 0, index > (indices.last ?? -1) else {
                throw Failure(path: "scenarios[\(k)].index", found: "\(index)",
                              allowed: "a scenario index ≥ 0 and above the previous one's (the run's scenarios in study order)")
            }
            scenarios.append(o)
            indices.append(index)
        }
        let settings = Settings(version: try string(fields["version"], "version"), studyName: try string(fields["study"], "study"),
                                inputs: inputs, seed: seed, paths: paths, equitySamplePaths: sample, tracedPaths: traced, shard: shard)
        return Header(settings: settings, scenarioIndices: indices, scenarios: scenarios, bodyOffset: end)
    }

    /// `tradesim-partial 2`; format 1 (no checksum) and unknown formats are named as such.
    static func checkSignature(_ bytes: [UInt8]) throws(Failure) {
        if bytes.starts(with: magic) { return }
        let word = Array("tradesim-partial ".utf8)
        guard bytes.starts(with: word), let newline = bytes.prefix(word.count + 12).firstIndex(of: UInt8(ascii: "\n")),
              let format = Int(String(decoding: bytes[word.count..<newline], as: UTF8.self)) else {
            throw Failure(found: "no partial-result signature")
        }
        let rerun = "a partial result of format \(Self.format): re-run the shards with this tradesim (\(TradeSimVersion.string))"
        if format == 1 {
            throw Failure(found: "a partial result of format 1, written by an older tradesim", allowed: rerun)
        }
        throw Failure(found: "a partial result of format \(format), which this tradesim does not read", allowed: rerun)
    }

    /// The second line's SHA-256 against the SHA-256 of every byte after it.
    static func checkDigest(_ bytes: [UInt8]) throws(Failure) {
        guard bytes.count >= checkedOffset + 8 else {
            throw Failure(found: "a file of \(bytes.count) bytes, cut short before its header", allowed: allowedIntact)
        }
        let line = bytes[magic.count..<checkedOffset]
        let recorded = line.dropFirst(digestLinePrefix.count).dropLast()
        guard line.starts(with: digestLinePrefix), line.last == UInt8(ascii: "\n"), recorded.allSatisfy(isLowercaseHexDigit) else {
            throw Failure(found: "a damaged checksum line", allowed: allowedIntact)
        }
        let actual = bytes.withUnsafeBytes { SHA256.digest(UnsafeRawBufferPointer(rebasing: $0[checkedOffset...])) }
        guard Array(SHA256.hex(digest: actual).utf8) == Array(recorded) else {
            throw Failure(found: "contents whose SHA-256 is not the one the file records (changed or cut short after it was written)",
                          allowed: allowedIntact)
        }
    }

    static func isLowercaseHexDigit(_ c: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(c)
    }

    // MARK: - Step 4: the arrays, read only after their sizes are checked

    /// Reads one scenario's arrays (sizes checked by `SliceLayout`), its traced trades and its
    /// start equity.
    static func read(_ layout: SliceLayout, from reader: inout BodyReader, trades: JSONNode?, startEquity: JSONNode?, at path: String,
                     playbook: Playbook, universe: Universe) throws(Failure) -> ScenarioOutcomes {
        let paths = layout.paths, chunks = layout.chunks
        var variants: [VariantOutcomes] = []
        for (k, v) in playbook.variants.enumerated() {
            let pnl: [Double] = try reader.read(paths)
            let returns: [Double] = try reader.read(layout.keepReturns[k] ? paths : 0)
            let sums: [Double] = try reader.read(chunks)
            let counts: [Int64] = try reader.read(chunks)
            let drawdown: [Float] = try reader.read(paths)
            let holding: [Int32] = try reader.read(paths)
            let reasons: [UInt8] = try reader.read(paths)
            let relative: [Double] = try reader.read(layout.keepRelative[k] ? paths : 0)
            variants.append(VariantOutcomes(decisionID: v.decisionID, variantName: v.name, kind: v.kind, inPortfolio: v.inPortfolio,
                                            pnl: pnl, returns: returns, returnChunkSums: sums,
                                            returnChunkCounts: counts.map { Int($0) }, maxDrawdown: drawdown,
                                            holdingDays: holding, exitReason: reasons, mayBeAssigned: v.mayBeAssigned,
                                            relativeReturnBps: relative))
        }
        let portfolioPnL: [Double] = try reader.read(paths)
        let portfolioDrawdown: [Float] = try reader.read(paths)
        var equity: [[Double]] = []
        for _ in 0..<layout.days { equity.append(try reader.read(layout.samplePaths)) }
        var daily: [[[Double]]] = []
        for _ in playbook.variants {
            var rows: [[Double]] = []
            for _ in 0..<layout.tracedPaths { rows.append(try reader.read(layout.days)) }
            daily.append(rows)
        }
        let records = try array(trades, "\(path).trades").enumerated().map { (t, node) throws(Failure) in
            try trade(node, at: "\(path).trades[\(t)]")
        }
        let startText = try string(startEquity, "\(path).startEquity")
        guard startText.utf8.count == 16, let bits = UInt64(startText, radix: 16) else {
            throw Failure(path: "\(path).startEquity", found: JSONText.string(startText), allowed: "16 hex digits (an IEEE-754 bit pattern)")
        }
        var o = ScenarioOutcomes(scenario: layout.scenario, scenarioIndex: layout.index, paths: paths, variants: variants,
                                 portfolioPnL: portfolioPnL, portfolioMaxDrawdown: portfolioDrawdown,
                                 startEquity: Double(bitPattern: bits), equitySample: equity, trades: records, dailyPnL: daily)
        o.firstPath = layout.firstPath
        try checkTrades(o, at: path, playbook: playbook, universe: universe)
        return o
    }

    struct BodyReader {
        let bytes: [UInt8]
        var offset: Int

        mutating func read<T: BitwiseCopyable>(_ count: Int) throws(Failure) -> [T] {
            let (size, overflow) = count.multipliedReportingOverflow(by: MemoryLayout<T>.stride)
            guard count >= 0, !overflow, size <= bytes.count - offset else { throw Failure(found: "arrays cut short") }
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

    static func trade(_ node: JSONNode, at path: String) throws(Failure) -> TradeRecord {
        let a = try array(node, path)
        // (Sixteen fields before `earlyExerciseDay` was kept: −1.)
        guard a.count == 16 || a.count == 17 else { throw Failure(path: path, found: "a trade of \(a.count) fields", allowed: "16 or 17 fields") }
        func double(_ i: Int) throws(Failure) -> Double {
            let text = try string(a[i], "\(path)[\(i)]")
            guard text.utf8.count == 16, let bits = UInt64(text, radix: 16) else {
                throw Failure(path: "\(path)[\(i)]", found: JSONText.string(text), allowed: "16 hex digits (an IEEE-754 bit pattern)")
            }
            return Double(bitPattern: bits)
        }
        func date(_ i: Int) throws(Failure) -> CalendarDate {
            let text = try string(a[i], "\(path)[\(i)]")
            guard let d = CalendarDate(iso: text) else { throw Failure(path: "\(path)[\(i)]", found: JSONText.string(text), allowed: "a date YYYY-MM-DD") }
            return d
        }
        let instrumentText = try string(a[4], "\(path)[4]")
        guard let instrument = TradeRecord.Instrument(text: instrumentText) else {
            throw Failure(path: "\(path)[4]", found: JSONText.string(instrumentText), allowed: TradeRecord.Instrument.textAllowed)
        }
        let reasonCode = try int(a[10], "\(path)[10]")
        guard let reason = ExitReason(rawValue: UInt8(clamping: reasonCode)), reasonCode <= Int(UInt8.max), reason != .neverEntered else {
            throw Failure(path: "\(path)[10]", found: "exit reason \(reasonCode)", allowed: exitReasonsAllowed(enteredOnly: true))
        }
        return TradeRecord(path: try int(a[0], "\(path)[0]"), decisionID: try string(a[1], "\(path)[1]"),
                           variantName: try string(a[2], "\(path)[2]"), leg: try int(a[3], "\(path)[3]"),
                           instrument: instrument, ticker: try string(a[5], "\(path)[5]"), quantity: try double(11),
                           entryDay: try int(a[6], "\(path)[6]"), entryDate: try date(7), entryPrice: try double(12),
                           exitDay: try int(a[8], "\(path)[8]"), exitDate: try date(9), exitPrice: try double(13),
                           costs: try double(14), pnl: try double(15), exitReason: reason,
                           earlyExerciseDay: a.count == 17 ? try exerciseDay(a[16], exitDay: try int(a[8], "\(path)[8]"), "\(path)[16]") : -1)
    }

    /// A trade's `earlyExerciseDay`: −1, or a day up to its exit day.
    static func exerciseDay(_ node: JSONNode?, exitDay: Int, _ path: String) throws(Failure) -> Int {
        let day = try int(node, path)
        guard day >= -1 && day <= exitDay else {
            throw Failure(path: path, found: "early-exercise day \(day)", allowed: "-1 (none) or a day from 0 to the trade's exit day \(exitDay)")
        }
        return day
    }

    // MARK: - Header fields

    static func int(_ node: JSONNode?, _ path: String) throws(Failure) -> Int {
        guard case let .number(x, _)? = node?.value, x == x.rounded(), abs(x) < 9e15 else {
            throw Failure(path: path, found: node?.description ?? "nothing", allowed: "a whole number between -9e15 and 9e15")
        }
        return Int(x)
    }

    static func string(_ node: JSONNode?, _ path: String) throws(Failure) -> String {
        guard case let .string(s)? = node?.value else { throw Failure(path: path, found: node?.description ?? "nothing", allowed: "a string") }
        return s
    }

    static func bool(_ node: JSONNode?, _ path: String) throws(Failure) -> Bool {
        guard case let .bool(b)? = node?.value else { throw Failure(path: path, found: node?.description ?? "nothing", allowed: "true or false") }
        return b
    }

    static func array(_ node: JSONNode?, _ path: String) throws(Failure) -> [JSONNode] {
        guard case let .array(a)? = node?.value else { throw Failure(path: path, found: node?.description ?? "nothing", allowed: "an array") }
        return a
    }

    static func object(_ node: JSONNode?, _ path: String) throws(Failure) -> [String: JSONNode] {
        guard case let .object(members)? = node?.value else {
            throw Failure(path: path, found: node?.description ?? "nothing", allowed: "an object")
        }
        var out: [String: JSONNode] = [:]
        for m in members { out[m.key] = m.node }
        return out
    }
}
