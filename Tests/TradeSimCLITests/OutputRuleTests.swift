import Foundation
import Testing

/// A folder tree for one test: `work/` is the working folder (a study replaying `p/MP.csv` and
/// `p/LMT.csv`, a card, a folder of someone else's files, a link to it, a file of the user's),
/// `home/` a home folder. Its snapshot records every entry's kind, bytes and link target, so a
/// test can show that a refused command left every byte where it was.
struct Sandbox {
    let root: URL
    var work: URL { root.appendingPathComponent("work") }
    var home: URL { root.appendingPathComponent("home") }

    init(partial: Bool = false) throws {
        let fm = FileManager.default
        // Real path: the binary reports paths as the system resolves them.
        root = URL(fileURLWithPath: fm.temporaryDirectory.appendingPathComponent("tradesim-out-\(UUID().uuidString)").path)
        let files: [String: String] = [
            "work/s.json": ValidationAuditTests.backtestStudy,
            "work/p/MP.csv": ValidationAuditTests.mp3,
            "work/p/LMT.csv": ValidationAuditTests.lmt3,
            "work/card.txt": "Key Decisions for Investors\n- Go long MP on weakness for 3-6 months; target 20-30% upside.\n",
            "work/foreign/notes.txt": "my notes\n",
            "work/f.txt": "mine",
            "home/diary.txt": "dear diary\n",
        ]
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try fm.createSymbolicLink(atPath: work.appendingPathComponent("link").path, withDestinationPath: "foreign")
        if partial {
            let r = try TradeSimBinary.run(["run", "s.json", "--shard", "0/1", "--out", "part.tspart", "--quiet"], in: work)
            precondition(r.exitCode == 0, r.stderr)
        }
    }

    func remove() {
        _ = try? FileManager.default.removeItem(at: root)
    }

    /// Every entry under `root`: its kind and content (files), target (links) or nothing (folders).
    func snapshot() -> [String: String] {
        var out: [String: String] = [:]
        func walk(_ relative: String) {
            let path = root.path + (relative.isEmpty ? "" : "/" + relative)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            for name in names {
                let r = relative.isEmpty ? name : relative + "/" + name
                let full = root.path + "/" + r
                let type = (try? FileManager.default.attributesOfItem(atPath: full))?[.type] as? FileAttributeType
                switch type {
                case .typeSymbolicLink?: out[r] = "link → " + ((try? FileManager.default.destinationOfSymbolicLink(atPath: full)) ?? "?")
                case .typeDirectory?: out[r] = "folder"; walk(r)
                default: out[r] = "file " + ((FileManager.default.contents(atPath: full)).map { String(decoding: $0, as: UTF8.self) } ?? "?")
                }
            }
        }
        walk("")
        return out
    }
}

@Suite("Output rule: refused targets")
struct OutputRuleRefusalTests {
    /// A writing command and how it names its output.
    enum Writer: String, CaseIterable, CustomTestStringConvertible {
        case run, backtest, merge, paths, shard, draft, sweep, compare, grid

        var testDescription: String { rawValue }
        var writesFolder: Bool { [.run, .backtest, .merge, .sweep, .compare, .grid].contains(self) }

        func arguments(out: String, force: Bool) -> [String] {
            let head: [String] = switch self {
            case .run: ["run", "s.json", "--paths", "20"]
            case .backtest: ["backtest", "s.json"]
            case .merge: ["merge", "part.tspart"]
            case .paths: ["paths", "s.json", "--paths", "2"]
            case .shard: ["run", "s.json", "--paths", "20", "--shard", "0/1"]
            case .draft: ["draft", "card.txt", "--start", "2026-08-03", "--prices", "p", "--quiet"]
            case .sweep: ["sweep", "s.json", "--vary", "playbook.capital=1000,2000"]
            case .compare: ["compare", "s.json", "s.json", "--paths", "20"]
            case .grid: ["grid", "s.json", "--days", "0,2"]
            }
            return head + ["--out", out] + (force && !writesFolder ? ["--force"] : [])
        }

        /// The file this command reads first, as its messages name it.
        var mainInput: (path: String, role: String) {
            switch self {
            case .draft: ("card.txt", "the card")
            default: ("s.json", "the study file")
            }
        }
    }

    static let folderAdvice = "a report folder may replace only an empty folder or a report folder tradesim wrote; choose another path with --out"

    /// What each command says for each refused target (file commands with --force wherever
    /// --force could matter, to show the refusal does not depend on it).
    static func expected(_ w: Writer, _ target: String, home: String) -> String {
        if w.writesFolder {
            let what = switch target {
            case "s.json": "it is the study file 's.json', which this command reads"
            case "p/MP.csv": "it is the price file 'p/MP.csv', which this command reads"
            case "p": "it holds the price file 'p/LMT.csv', which this command reads"
            case ".": "it is the current folder"
            case "..": "it is a folder above the current folder"
            case "/": "it is the root folder"
            case "foreign": "it is a folder that tradesim did not write (no run.json of tradesim; it holds 1 entry: 'notes.txt')"
            case "link": "it is a symbolic link (to 'foreign')"
            case "f.txt": "it is a file (4 bytes), not a report folder"
            case home: "it is your home folder"
            default: "?"
            }
            let advice = target == "link" ? "give the real path of a new or report folder with --out" : folderAdvice
            return "cannot write the report to '\(target)': \(what). Nothing was changed; \(advice)"
        }
        let (what, advice): (String, String) = switch target {
        case w.mainInput.path: ("it is \(w.mainInput.role) '\(target)', which this command reads", "choose another path with --out")
        case "p/MP.csv": ("it is the price file 'p/MP.csv', which this command reads", "choose another path with --out")
        case ".", "..", "/", "foreign", "p", home: ("it is a folder", "name a file with --out")
        case "link": ("it exists (a symbolic link to 'foreign')", "pass --force to replace the link (not what it points to), or choose another path with --out")
        case "f.txt": ("it exists (4 bytes)", "pass --force to replace it, or choose another path with --out")
        default: ("?", "?")
        }
        return "cannot write '\(target)': \(what). Nothing was changed; \(advice)"
    }

    static let targets = ["INPUT", "p/MP.csv", "p", ".", "..", "/", "foreign", "link", "f.txt", "HOME"]

    /// Every writing command, every target a user could mistype: exit 73, the exact message,
    /// and every byte of the tree (and the root folder's listing) as it was.
    @Test(arguments: Writer.allCases, targets)
    func refusedTargetTouchesNothing(_ writer: Writer, _ targetName: String) throws {
        let box = try Sandbox(partial: writer == .merge)
        defer { box.remove() }
        let target = targetName == "INPUT" ? writer.mainInput.path : targetName == "HOME" ? box.home.path : targetName
        // Without --force for the two targets where it is what decides.
        let force = !["link", "f.txt"].contains(target)
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = box.home.path
        let before = box.snapshot(), rootBefore = try FileManager.default.contentsOfDirectory(atPath: "/")
        let r = try TradeSimBinary.run(writer.arguments(out: target, force: force), in: box.work, environment: environment)
        #expect(r.exitCode == 73, "\(r.stderr)")
        #expect(r.stderr == "Error: " + Self.expected(writer, target, home: box.home.path) + "\n")
        #expect(r.stdout.isEmpty)
        #expect(box.snapshot() == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: "/") == rootBefore)
    }

    /// A report folder tradesim wrote is replaced; once the user adds a file of their own to
    /// it, it is not (and the file stays).
    @Test func aReportFolderWithTheUsersFilesIsKept() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let first = try TradeSimBinary.run(["run", "s.json", "--paths", "20", "--out", "r", "--quiet"], in: box.work)
        #expect(first.exitCode == 0, "\(first.stderr)")
        let again = try TradeSimBinary.run(["run", "s.json", "--paths", "20", "--out", "r", "--quiet"], in: box.work)
        #expect(again.exitCode == 0, "\(again.stderr)")
        try Data("mine".utf8).write(to: box.work.appendingPathComponent("r/notes.txt"))
        let before = box.snapshot()
        let r = try TradeSimBinary.run(["run", "s.json", "--paths", "20", "--out", "r", "--quiet"], in: box.work)
        #expect(r.exitCode == 73)
        #expect(r.stderr == "Error: cannot write the report to 'r': it is a report folder of tradesim that also holds files tradesim "
            + "did not write (1 entry: 'notes.txt'). Nothing was changed; move those files out, or choose another path with --out\n")
        #expect(box.snapshot() == before)
        // An empty folder is taken.
        try FileManager.default.createDirectory(at: box.work.appendingPathComponent("empty"), withIntermediateDirectories: false)
        #expect(try TradeSimBinary.run(["backtest", "s.json", "--out", "empty", "--quiet"], in: box.work).exitCode == 0)
        #expect(FileManager.default.fileExists(atPath: box.work.appendingPathComponent("empty/summary.csv").path))
    }

    /// With --force a file command replaces a file of the user's (not an input), and a link
    /// (not what it points to).
    @Test(arguments: [Writer.paths, .shard, .draft])
    func forceReplacesAFileOrALink(_ writer: Writer) throws {
        let box = try Sandbox()
        defer { box.remove() }
        for target in ["f.txt", "link"] {
            let r = try TradeSimBinary.run(writer.arguments(out: target, force: true), in: box.work)
            #expect(r.exitCode == 0, "\(r.stderr)")
            let written = try #require(FileManager.default.contents(atPath: box.work.appendingPathComponent(target).path))
            #expect(written.count > 4)
        }
        #expect(box.snapshot()["work/foreign/notes.txt"] == "file my notes\n")
        #expect(box.snapshot()["work/link"]?.hasPrefix("file ") == true)
    }

    /// An explicit --out whose folder is missing is refused and no folder is made; the default
    /// output's folder is created.
    @Test(arguments: Writer.allCases)
    func missingFolderIsNamed(_ writer: Writer) throws {
        let box = try Sandbox(partial: writer == .merge)
        defer { box.remove() }
        let before = box.snapshot()
        let r = try TradeSimBinary.run(writer.arguments(out: "typo/out", force: false), in: box.work)
        #expect(r.exitCode == 73)
        let what = writer.writesFolder ? "cannot write the report to 'typo/out'" : "cannot write 'typo/out'"
        #expect(r.stderr == "Error: \(what): the folder 'typo' does not exist. Nothing was changed; create the folder first (mkdir -p 'typo') or choose another path with --out\n")
        #expect(box.snapshot() == before)
    }

    /// `draft --out` onto a dangling symbolic link: a clear refusal without --force (no raw
    /// system text), and with --force the link is replaced by the file.
    @Test func danglingLinkIsNamed() throws {
        let box = try Sandbox()
        defer { box.remove() }
        try FileManager.default.createSymbolicLink(atPath: box.work.appendingPathComponent("gone").path, withDestinationPath: "nowhere/study.json")
        let r = try TradeSimBinary.run(Writer.draft.arguments(out: "gone", force: false), in: box.work)
        #expect(r.exitCode == 73)
        #expect(r.stderr == "Error: cannot write 'gone': it exists (a symbolic link to 'nowhere/study.json'). Nothing was changed; pass --force to replace the link (not what it points to), or choose another path with --out\n")
        let forced = try TradeSimBinary.run(Writer.draft.arguments(out: "gone", force: true), in: box.work)
        #expect(forced.exitCode == 0, "\(forced.stderr)")
        #expect(box.snapshot()["work/gone"]?.hasPrefix("file {") == true)
        #expect(!FileManager.default.fileExists(atPath: box.work.appendingPathComponent("nowhere").path))
    }
}
