import Foundation

/// The one rule for everything tradesim writes, applied by every command that writes (README,
/// "Outputs"; DESIGN §5):
///
/// - A **report folder** (`run`, `backtest`, `merge`, `sweep`, `compare`) replaces only an empty folder or a report
///   folder tradesim wrote — one whose `run.json` says `"tool": "tradesim"` and which holds
///   nothing but the files that run.json lists. It is never `/`, the home folder, the current
///   folder or a folder above it, a folder holding a file the command reads, a file, or a
///   symbolic link.
/// - A **single output file** (`paths`, `run --shard`, `draft`) never replaces a file the
///   command reads, nor a folder, and replaces an existing file only with `--force`.
/// - An explicit `--out` needs its folder to exist (a mistyped folder is not created); the
///   default output's folder (`reports/…`) is created.
///
/// A refusal is `CLIError.cannotCreate` (exit 73) saying what is there and how to choose
/// another path; nothing is touched. Outputs are built in a `StagingFolder` beside the target
/// and put in place in one rename, with the rule checked again under a lock on the folder.
enum OutputRule {
    /// A file the command reads, and what it is to the user ("the study file").
    struct Input {
        var role: String
        var path: String
    }

    /// Where an output goes, once the rule allowed it.
    struct Place {
        /// The path as the user gave it (for messages).
        var display: String
        /// The real folder it goes in (links resolved), and its name there.
        var parent: String
        var name: String
        var displayParent: String
        var inputs: [Input]

        var path: String { parent + (parent == "/" ? "" : "/") + name }
    }

    /// Checks a report folder target; returns its place.
    static func reportFolder(_ display: String, isDefault: Bool, reads inputs: [Input]) throws -> Place {
        let place = try resolve(display, isDefault: isDefault, what: "the report", inputs: inputs)
        try checkFolderTarget(place)
        return place
    }

    /// Checks a single-file target; returns its place.
    static func file(_ display: String, isDefault: Bool, force: Bool, reads inputs: [Input]) throws -> Place {
        let place = try resolve(display, isDefault: isDefault, what: nil, inputs: inputs)
        try checkFileTarget(place, force: force)
        return place
    }

    // MARK: - The checks (also run again, under the folder's lock, just before the rename)

    static func checkFolderTarget(_ place: Place) throws {
        func refuse(_ what: String, _ advice: String = folderAdvice) -> CLIError {
            .cannotCreate("cannot write the report to '\(place.display)': \(what). Nothing was changed; \(advice)")
        }
        let target = place.path
        let cwd = FileSystem.realPath(".") ?? ""
        let home = ProcessInfo.processInfo.environment["HOME"].flatMap(FileSystem.realPath)
        if target == "/" { throw refuse("it is the root folder") }
        if target == cwd { throw refuse("it is the current folder") }
        if cwd.hasPrefix(target + "/") { throw refuse("it is a folder above the current folder") }
        if let home, target == home { throw refuse("it is your home folder") }
        if let home, home.hasPrefix(target + "/") { throw refuse("it holds your home folder") }
        for input in place.inputs {
            guard let real = FileSystem.realPath(input.path) else { continue }
            if real == target { throw refuse("it is \(input.role) '\(input.path)', which this command reads") }
            if real.hasPrefix(target + "/") { throw refuse("it holds \(input.role) '\(input.path)', which this command reads") }
        }
        switch FileSystem.kind(target) {
        case .missing: return
        case let .symbolicLink(to):
            throw refuse("it is a symbolic link (to '\(to)')", "give the real path of a new or report folder with --out")
        case let .file(bytes):
            throw refuse("it is a file (\(bytesText(bytes))), not a report folder")
        case .other:
            throw refuse("it is not a folder")
        case .folder:
            switch ReportFolder.ownership(of: target) {
            case .empty, .report(extras: []): return
            case let .report(extras):
                throw refuse("it is a report folder of tradesim that also holds files tradesim did not write (\(list(extras)))",
                             "move those files out, or choose another path with --out")
            case let .foreign(entries):
                throw refuse("it is a folder that tradesim did not write (no run.json of tradesim; it holds \(list(entries)))")
            }
        }
    }

    static func checkFileTarget(_ place: Place, force: Bool) throws {
        func refuse(_ what: String, _ advice: String = "choose another path with --out") -> CLIError {
            .cannotCreate("cannot write '\(place.display)': \(what). Nothing was changed; \(advice)")
        }
        let target = place.path
        if let id = FileSystem.identity(target) {
            for input in place.inputs where FileSystem.identity(input.path).map({ $0 == id }) ?? false {
                throw refuse("it is \(input.role) '\(input.path)', which this command reads")
            }
        }
        switch FileSystem.kind(target) {
        case .missing: return
        case .folder: throw refuse("it is a folder", "name a file with --out")
        case .other: throw refuse("it is not a regular file")
        case let .file(bytes):
            if !force { throw refuse("it exists (\(bytesText(bytes)))", "pass --force to replace it, or choose another path with --out") }
        case let .symbolicLink(to):
            if !force { throw refuse("it exists (a symbolic link to '\(to)')", "pass --force to replace the link (not what it points to), or choose another path with --out") }
        }
    }

    /// The rule as each writing command's help states it.
    static let folderHelp = """
        The report folder (--out) may be a new folder, an empty one, or a report folder tradesim \
        wrote (replaced whole, in one step, once the new report is complete); anything else — a \
        file, a folder holding other files, the current folder or one above it, your home \
        folder, a folder holding the files this command reads, a symbolic link — is refused with \
        exit 73 and left untouched. The folder above an explicit --out must exist.
        """
    static let fileHelp = """
        The output file (--out) never replaces a file this command reads or a folder, and \
        replaces an existing file only with --force (otherwise exit 73, nothing touched); it is \
        written beside its place and renamed into it when complete. Its folder must exist.
        """

    static let folderAdvice = "a report folder may replace only an empty folder or a report folder tradesim wrote; choose another path with --out"

    // MARK: - Resolving the path

    /// The real folder a target goes in, and its name there. The folder of an explicit path
    /// must exist; a default output's folder is created.
    static func resolve(_ display: String, isDefault: Bool, what: String?, inputs: [Input]) throws -> Place {
        let trimmed = FileSystem.trimmingTrailingSlashes(display)
        let displayParent = FileSystem.parent(of: trimmed)
        var name = FileSystem.name(of: trimmed)
        var parent: String
        if name == "." || name == ".." || trimmed == "/" {
            // The folder itself is named: resolve it whole (it exists).
            guard let real = FileSystem.realPath(trimmed) else {
                throw CLIError.cannotCreate("cannot write '\(display)': \(FileSystem.reason(errno))")
            }
            parent = real == "/" ? "/" : FileSystem.parent(of: real)
            name = real == "/" ? "" : FileSystem.name(of: real)
        } else {
            if FileSystem.kind(displayParent) == .missing && isDefault, let failure = FileSystem.makeFolders(displayParent) {
                throw CLIError.cannotCreate("cannot create the folder '\(displayParent)': \(FileSystem.reason(failure)). "
                    + "Nothing was changed; choose another path with --out")
            }
            guard let real = FileSystem.realPath(displayParent) else {
                let target = what.map { "cannot write \($0) to '\(display)'" } ?? "cannot write '\(display)'"
                let reason = errno == ENOENT ? "the folder '\(displayParent)' does not exist"
                    : "its folder '\(displayParent)' cannot be used (\(FileSystem.reason(errno)))"
                throw CLIError.cannotCreate("\(target): \(reason). Nothing was changed; create the folder first "
                    + "(mkdir -p '\(displayParent)') or choose another path with --out")
            }
            guard FileSystem.kind(real) == .folder else {
                throw CLIError.cannotCreate("cannot write '\(display)': '\(displayParent)' is not a folder. Nothing was changed; choose another path with --out")
            }
            parent = real
        }
        return Place(display: display, parent: parent, name: name, displayParent: displayParent, inputs: inputs)
    }

    static func bytesText(_ n: Int) -> String {
        if n == 1 { return "1 byte" }
        var digits = String(n), grouped = ""
        while digits.count > 3 { grouped = "," + digits.suffix(3) + grouped; digits.removeLast(3) }
        return digits + grouped + " bytes"
    }

    /// Up to five names, sorted, then how many more.
    static func list(_ names: [String]) -> String {
        let sorted = names.sorted()
        let shown = sorted.prefix(5).map { "'\($0)'" }.joined(separator: ", ")
        let count = Plural.count(sorted.count, "entry", "entries")
        return sorted.count > 5 ? "\(count): \(shown), …" : "\(count): \(shown)"
    }
}
