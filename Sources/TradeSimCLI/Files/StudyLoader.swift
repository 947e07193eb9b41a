import Foundation
import TradeSim

/// Reads study files and the price histories they name (the command line's file I/O).
enum StudyLoader {
    /// The first card's study, used when a command is given no STUDY.
    static let defaultStudy = "scenarios/rare-earths-us-china.json"

    struct Loaded {
        var study: Study
        var path: String
        var bytes: [UInt8]
        /// The study file and every price file it read, with their SHA-256 (for run.json).
        var inputs: [RunInput]
        /// The same files as read (for the output rule: never replaced, never inside a report folder).
        var reads: [OutputRule.Input]
        /// The `--set` edits applied to the file before it was validated.
        var edits: [StudyEdit] = []
    }

    /// Loads and validates a study, changed by `edits` (`--set`) before it is checked; every
    /// problem becomes an `Error:` line and exit 65.
    static func load(_ path: String?, edits: [StudyEdit] = []) throws -> Loaded {
        let file = path ?? defaultStudy
        let bytes = try readBytes(file, what: path == nil ? "the first card's study (run from the repository root, or name a STUDY)" : "a readable study file",
                                  limit: .study)
        let directory = URL(fileURLWithPath: file).deletingLastPathComponent()
        var inputs = [RunInput(role: "study", path: file, contents: bytes)]
        var reads = [OutputRule.Input(role: "the study file", path: file)]
        let result = StudyDecoder.decode(bytes, file: file, edits: edits, loadHistory: { reference in
            loadPrices(reference, relativeTo: directory, read: {
                inputs.append(RunInput(role: "prices", path: displayPath($0), contents: $1))
                reads.append(OutputRule.Input(role: "the price file", path: displayPath($0)))
            })
        })
        switch result {
        case let .success(study): return Loaded(study: study, path: file, bytes: bytes, inputs: inputs, reads: reads, edits: edits)
        case let .failure(problems): throw CLIError.dataProblems(problems.problems.map(\.description))
        }
    }

    /// The study `loaded` read, changed by `edits` instead of its own (a sweep's cell): the
    /// same bytes decoded again, its price files read again; problems as for `load`.
    static func study(_ loaded: Loaded, edits: [StudyEdit]) throws -> Study {
        let directory = URL(fileURLWithPath: loaded.path).deletingLastPathComponent()
        let result = StudyDecoder.decode(loaded.bytes, file: loaded.path, edits: edits, loadHistory: { reference in
            loadPrices(reference, relativeTo: directory)
        })
        switch result {
        case let .success(study): return study
        case let .failure(problems): throw CLIError.dataProblems(problems.problems.map(\.description))
        }
    }

    /// The most bytes tradesim reads from each kind of input: far above any real one (a study
    /// of 1,000 assets with a full correlation matrix is about 20 MB; ten years of daily closes
    /// of 1,000 tickers in one wide file about 30 MB), and checked before reading, so a huge or
    /// endless file (a 1 GB sparse file, /dev/zero) is refused at once.
    enum Limit: Int {
        case study = 67_108_864        // 64 MiB
        case prices = 268_435_456      // 256 MiB
        case card = 4_194_304          // 4 MiB

        var text: String { "\(rawValue >> 20) MiB" }
    }

    /// Reads a whole input file; the problem (naming the file) when it is missing, a folder,
    /// not a regular file, or larger than `limit`.
    static func readInput(_ file: String, allowed: String, limit: Int, limitText: String) -> Result<[UInt8], InputProblem> {
        func problem(_ found: String, _ allowed: String = allowed) -> Result<[UInt8], InputProblem> {
            .failure(InputProblem(file: file, path: "", found: found, allowed: allowed))
        }
        switch FileSystem.kind(followingLinks: file) {
        case .missing: return problem("no such file")
        case .folder: return problem("a folder")
        case .other, .symbolicLink: return problem("a device, pipe or socket, not a regular file")
        case let .file(bytes) where bytes > limit: return problem("a file of \(OutputRule.bytesText(bytes))", "\(allowed) of at most \(limitText)")
        case .file: break
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            return problem("a file that cannot be read (\(FileSystem.reason(errno)))")
        }
        guard data.count <= limit else { return problem("a file of more than \(limitText)", "\(allowed) of at most \(limitText)") }
        return .success([UInt8](data))
    }

    /// `readInput`, with a problem as exit 65.
    static func readBytes(_ file: String, what: String, limit: Int, limitText: String) throws -> [UInt8] {
        switch readInput(file, allowed: what, limit: limit, limitText: limitText) {
        case let .success(bytes): return bytes
        case let .failure(problem): throw CLIError.data(problem.description)
        }
    }

    static func readBytes(_ file: String, what: String, limit: Limit) throws -> [UInt8] {
        try readBytes(file, what: what, limit: limit.rawValue, limitText: limit.text)
    }

    /// The files a price reference names: the file, or every `*.csv` in the folder (sorted).
    static func priceFiles(_ reference: String, relativeTo directory: URL) -> Result<[URL], InputProblems> {
        let url = reference.hasPrefix("/") ? URL(fileURLWithPath: reference) : directory.appendingPathComponent(reference)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            return .failure(InputProblems([InputProblem(file: url.path, path: "", found: "no such file or folder",
                                                        allowed: "a price CSV file or a folder of TICKER.csv files")]))
        }
        guard isDirectory.boolValue else { return .success([url]) }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        let files = names.filter { $0.lowercased().hasSuffix(".csv") }.sorted().map { url.appendingPathComponent($0) }
        if files.isEmpty {
            return .failure(InputProblems([InputProblem(file: url.path, path: "", found: "a folder with no .csv files",
                                                        allowed: "a folder of TICKER.csv files")]))
        }
        return .success(files)
    }

    /// A path as run.json records it: relative to the working folder when it lies inside it
    /// (so a report does not carry the machine's folder names), else as it is.
    static func displayPath(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath + "/"
        return path.hasPrefix(cwd) ? String(path.dropFirst(cwd.count)) : path
    }

    /// A price file, or every `*.csv` in a folder (ticker from each file name), relative to
    /// the study's folder unless absolute.
    static func loadPrices(_ reference: String, relativeTo directory: URL,
                           read: (String, [UInt8]) -> Void = { _, _ in }) -> Result<[PriceSeries], InputProblems> {
        let files: [URL]
        switch priceFiles(reference, relativeTo: directory) {
        case let .success(f): files = f
        case let .failure(p): return .failure(p)
        }
        var series: [PriceSeries] = []
        var problems: [InputProblem] = []
        for f in files {
            let data: [UInt8]
            switch readInput(f.path, allowed: "a readable price CSV file", limit: Limit.prices.rawValue, limitText: Limit.prices.text) {
            case let .success(bytes): data = bytes
            case let .failure(problem):
                problems.append(problem)
                continue
            }
            let ticker = f.deletingPathExtension().lastPathComponent
            // Parsed from the bytes (a NUL or a byte that is not UTF-8 is refused at its place);
            // only an accepted file is recorded and hashed.
            switch PriceTable.parse(utf8: data, file: f.path, ticker: ticker) {
            case let .success(t):
                read(f.path, data)
                series += t.series
            case let .failure(p): problems += p.problems
            }
        }
        return problems.isEmpty ? .success(series) : .failure(InputProblems(problems))
    }
}
