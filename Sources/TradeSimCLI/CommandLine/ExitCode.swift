/// Process exit codes (DESIGN §5; 64, 65, 73 and 74 are the values of BSD sysexits.h).
enum ExitCode: Int32 {
    case success = 0
    /// A runtime failure: an interrupted run, a tradesim bug.
    case failure = 1
    /// The command line is wrong: unknown flag, missing or malformed value.
    case usage = 64
    /// An input file does not parse or validate.
    case dataError = 65
    /// EX_CANTCREAT: an output that cannot or may not be created — the target holds something
    /// tradesim did not write, is an input of the run, exists without `--force`, or its folder
    /// is missing or not writable.
    case cannotCreate = 73
    /// EX_IOERR: writing failed part-way (a full disk, a closed or full standard output).
    case ioError = 74
}

/// An error that ends the command with a message on stderr and an exit code.
enum CLIError: Error {
    /// A usage error in `command` (nil: the top level).
    case usage(String, command: String?)
    /// Invalid input data; the message names the file and location.
    case data(String)
    /// Several input problems, all reported.
    case dataProblems([String])
    /// An output that may not or cannot be created (exit 73); nothing was changed.
    case cannotCreate(String)
    /// Writing an output failed (exit 74); what was being written is removed.
    case io(String)
    /// A runtime failure.
    case failure(String)

    var exitCode: ExitCode {
        switch self {
        case .usage: .usage
        case .data, .dataProblems: .dataError
        case .cannotCreate: .cannotCreate
        case .io: .ioError
        case .failure: .failure
        }
    }
}
