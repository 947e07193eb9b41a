import Foundation

/// Writes a report set safely: the target is checked by `OutputRule`, every file goes into a
/// `StagingFolder` beside it, and the finished folder takes the target's place in one rename
/// (exchanged with the previous report, which is then removed), so an interrupted or failed
/// run never leaves a half-written report and never damages the previous one. Two runs into
/// the same folder at once each put a whole report in place, one after the other.
struct ReportFolder {
    let place: OutputRule.Place
    let staging: StagingFolder

    /// The folder the files are written into until `commit`.
    var building: String { staging.path + "/report" }

    /// Checks the target, removes leftovers of killed runs beside it, and creates the staging
    /// folder (so a bad `--out` fails before the long work).
    init(_ display: String, isDefault: Bool, reads inputs: [OutputRule.Input]) throws {
        place = try OutputRule.reportFolder(display, isDefault: isDefault, reads: inputs)
        StagingFolder.removeLeftovers(in: place.parent, for: place.name)
        staging = try StagingFolder(in: place.parent, for: place.name, displayParent: place.displayParent)
        guard mkdir(building, 0o755) == 0 else {
            let failure = errno
            staging.remove()
            throw CLIError.cannotCreate("cannot write the report to '\(place.display)': \(FileSystem.reason(failure))")
        }
    }

    /// Writes one file of the set with open/write/close (Foundation's `Data.write` took about
    /// 0.4 ms a file here, a tenth of the whole report phase). A failure (a full disk) is
    /// `CLIError.io`; the caller abandons the folder.
    func write(_ name: String, _ text: String) throws {
        let path = building + "/" + name
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        var text = text
        let failure: Int32? = fd < 0 ? errno : text.withUTF8 { FileSystem.writeOutput(fd, UnsafeRawBufferPointer($0)) }
        if fd >= 0 && close(fd) != 0 && failure == nil { throw writeError(errno, name) }
        if let failure { throw writeError(failure, name) }
    }

    private func writeError(_ code: Int32, _ name: String) -> CLIError {
        .io("cannot write the report to '\(place.display)': \(FileSystem.reason(code)) (writing \(name)). Nothing was changed")
    }

    /// Puts the finished folder in place: under the parent folder's lock the target is checked
    /// again, then the new folder is renamed into place (or exchanged with the previous report
    /// in one step), and the previous report, now in the staging folder, is removed.
    func commit() throws {
        defer { staging.remove() }
        try FileSystem.withFolderLock(place.parent) {
            try OutputRule.checkFolderTarget(place)
            let target = place.path
            if FileSystem.kind(target) == .missing {
                if let failure = FileSystem.renameNoReplace(building, target) { throw moveError(failure) }
                return
            }
            guard let failure = FileSystem.exchange(building, target) else { return }
            guard failure == ENOSYS || failure == EINVAL || failure == ENOTSUP else { throw moveError(failure) }
            // No exchange on this system: two renames, the previous report kept in the staging
            // folder between them (and put back if the second fails).
            let previous = staging.path + "/previous"
            if rename(target, previous) != 0 { throw moveError(errno) }
            if rename(building, target) != 0 {
                let second = errno
                _ = rename(previous, target)
                throw moveError(second)
            }
        }
    }

    private func moveError(_ code: Int32) -> CLIError {
        .io("cannot put the report in place at '\(place.display)': \(FileSystem.reason(code)). Nothing was changed")
    }

    func abandon() { staging.remove() }

    /// Writes every file and puts the folder in place (`commit`); on a failure the folder is
    /// abandoned and the error rethrown. The interrupt handler is cleared once it is in place.
    func put(_ files: [(name: String, text: String)]) throws {
        do {
            for (name, text) in files { try write(name, text) }
            try commit()
        } catch {
            abandon()
            throw error
        }
        Interrupts.clear()
    }

    // MARK: - Whose folder is it

    enum Ownership: Equatable {
        case empty
        /// A report folder of tradesim, with the entries it holds besides what its run.json lists.
        case report(extras: [String])
        /// Anything else, with its entries.
        case foreign(entries: [String])
    }

    /// Files the operating system adds to folders a user looks at; they are not the user's.
    static let systemFiles: Set<String> = [".DS_Store"]

    /// Whether a folder is empty, a report folder tradesim wrote (its run.json names the tool
    /// `tradesim` and lists the outputs), or something else.
    static func ownership(of folder: String) -> Ownership {
        let entries = FileSystem.entries(of: folder) { !systemFiles.contains($0) }
        if entries.isEmpty { return .empty }
        let manifest = folder + "/run.json"
        guard case let .file(bytes) = FileSystem.kind(manifest), bytes < 1 << 20,
              let data = FileManager.default.contents(atPath: manifest),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              object["tool"] as? String == "tradesim", let outputs = object["outputs"] as? [String] else {
            return .foreign(entries: entries)
        }
        let listed = Set(outputs + ["run.json"])
        let extras = entries.filter { name in
            !listed.contains(name) || !{ if case .file = FileSystem.kind(folder + "/" + name) { true } else { false } }()
        }
        return .report(extras: extras)
    }
}
