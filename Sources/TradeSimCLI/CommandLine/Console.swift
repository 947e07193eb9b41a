import Foundation

/// Writing to the standard streams (the only place the tool prints).
enum Console {
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func err(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// True when stderr is a terminal (progress bars are drawn only then).
    static var stderrIsTerminal: Bool { isatty(2) == 1 }
}
