import Foundation

/// Writing to the standard streams (the only place the tool prints).
enum Console {
    /// Writes to standard output; a failed write (a full device, a closed pipe) is
    /// `CLIError.io`, exit 74 — never a trap.
    static func out(_ text: String) throws {
        if let failure = FileSystem.writeAll(1, text) {
            throw CLIError.io("cannot write to standard output: \(FileSystem.reason(failure))")
        }
    }

    /// Writes to standard error; a failure there cannot be reported anywhere and is ignored.
    static func err(_ text: String) {
        _ = FileSystem.writeAll(2, text)
    }

    /// True when stderr is a terminal (progress bars are drawn only then).
    static var stderrIsTerminal: Bool { isatty(2) == 1 }
}
