/// Process exit codes (DESIGN §5; the values of BSD sysexits.h for 64 and 65).
enum ExitCode: Int32 {
    case success = 0
    /// A runtime failure: a file that cannot be written, an interrupted run.
    case failure = 1
    /// The command line is wrong: unknown flag, missing or malformed value.
    case usage = 64
    /// An input file does not parse or validate.
    case dataError = 65
}

/// An error that ends the command with a message on stderr and an exit code.
enum CLIError: Error {
    /// A usage error in `command` (nil: the top level).
    case usage(String, command: String?)
    /// Invalid input data; the message names the file and location.
    case data(String)
    /// Several input problems, all reported.
    case dataProblems([String])
    /// A runtime failure.
    case failure(String)

    var exitCode: ExitCode {
        switch self {
        case .usage: .usage
        case .data, .dataProblems: .dataError
        case .failure: .failure
        }
    }
}
