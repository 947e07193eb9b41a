import Testing

/// Bad command lines: `Error: <what>`, the usage line, the help pointer, exit 64.
@Suite("Usage errors")
struct UsageErrorTests {
    static let priceUsage = "Usage: tradesim price --type <call|put> --spot <S> --strike <K> --vol <V> --rate <R> [--dividend <Q>] --years <T> [--exercise <european|american>] [--slope <A>] [--curvature <B>] [--x-limit <L>] [--floor-fraction <F>] [--json]\n  See 'tradesim price --help'.\n"
    static let good = ["--type", "call", "--spot", "100", "--strike", "100", "--vol", "0.2", "--rate", "0.05", "--years", "1"]

    static func replacing(_ flag: String, with value: String) -> [String] {
        var args = good
        let i = args.firstIndex(of: flag)! + 1
        args[i] = value
        return args
    }

    static let cases: [([String], String)] = [
        (good + ["--bogus"], "unknown option '--bogus'"),
        (good + ["-x"], "unknown option '-x'"),
        (Array(good.dropLast()), "missing value for --years (expected a number ≥ 0 and ≤ 100)"),
        (Array(good.dropLast(2)), "missing --years <T> (a number ≥ 0 and ≤ 100)"),
        (replacing("--spot", with: "abc"), "--spot must be a number > 0, got 'abc'"),
        (replacing("--spot", with: "nan"), "--spot must be a number > 0, got 'nan'"),
        (replacing("--spot", with: "NaN"), "--spot must be a number > 0, got 'NaN'"),
        (replacing("--spot", with: "inf"), "--spot must be a number > 0, got 'inf'"),
        (replacing("--spot", with: "1e400"), "--spot must be a number > 0, got '1e400'"),
        (replacing("--spot", with: "-5"), "--spot must be a number > 0, got '-5'"),
        (replacing("--spot", with: "0"), "--spot must be a number > 0, got '0'"),
        (replacing("--strike", with: "-100"), "--strike must be a number > 0, got '-100'"),
        (replacing("--vol", with: "-0.2"), "--vol must be a number ≥ 0 and ≤ 10, got '-0.2'"),
        (replacing("--vol", with: "11"), "--vol must be a number ≥ 0 and ≤ 10, got '11'"),
        (replacing("--years", with: "-1"), "--years must be a number ≥ 0 and ≤ 100, got '-1'"),
        (replacing("--rate", with: "0x10"), "--rate must be a number ≥ -1 and ≤ 1, got '0x10'"),
        (replacing("--type", with: "straddle"), "--type must be one of call, put, got 'straddle'"),
        (good + ["--exercise", "bermudan"], "--exercise must be one of european, american, got 'bermudan'"),
        (good + ["--exercise"], "missing value for --exercise (expected one of european, american)"),
        (good + ["--spot", "1"], "--spot given more than once"),
        (good + ["--json=yes"], "--json takes no value"),
        (good + ["extra"], "unexpected argument 'extra'"),
    ]

    @Test(arguments: cases)
    func priceRejects(_ arguments: [String], _ message: String) throws {
        let r = try TradeSimBinary.run(["price"] + arguments)
        #expect(r.exitCode == 64)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr == "Error: \(message)\n" + Self.priceUsage)
    }

    @Test func impliedVolRejectsNegativePrice() throws {
        let r = try TradeSimBinary.run(["implied-vol", "--price", "-1"] + Self.good.filter { $0 != "--vol" && $0 != "0.2" })
        #expect(r.exitCode == 64)
        #expect(r.stderr.hasPrefix("Error: --price must be a number ≥ 0, got '-1'\nUsage: tradesim implied-vol "))
    }

    @Test func unknownCommand() throws {
        let r = try TradeSimBinary.run(["prices"])
        #expect(r.exitCode == 64)
        #expect(r.stderr == "Error: unknown command 'prices'\nUsage: tradesim <command> [<options>]\n  See 'tradesim help'.\n")
    }

    @Test func helpForUnknownCommand() throws {
        let r = try TradeSimBinary.run(["help", "nope"])
        #expect(r.exitCode == 64)
        #expect(r.stderr.hasPrefix("Error: unknown command 'nope'\n"))
    }

    /// An argument with a newline and a terminal escape is echoed quoted, with visible escapes,
    /// on one line; a long one is cut with its length.
    @Test func badArgumentsAreEchoedSafely() throws {
        let r = try TradeSimBinary.run(["run", "--paths", "1\n\u{1B}[31mred"])
        #expect(r.exitCode == 64)
        #expect(r.stderr.hasPrefix("Error: --paths must be a whole number from 1 to 100000000, got '1\\n\\u{1B}[31mred'\nUsage: "))
        let long = try TradeSimBinary.run(["run", "--scenario", String(repeating: "x", count: 500)])
        #expect(long.exitCode == 64)
        let first = long.stderr.split(separator: "\n").first.map(String.init) ?? ""
        #expect(first.hasSuffix("got '" + String(repeating: "x", count: 80) + "…' (500 characters)"), "\(first)")
        #expect(!long.stderr.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }
}
