import Testing

@Suite("Help and version")
struct HelpTests {
    static let priceHelp = """
    OVERVIEW: Price a European or American option and its Greeks (Black–Scholes–Merton).

    Greeks are raw derivatives: vega per 1.00 of volatility, theta per year (−∂V/∂T), rho
    per 1.00 of rate. The table also shows vega per vol point (÷100) and theta per day
    (÷365). --exercise american prices early exercise (Andersen–Lake–Offengenden; within
    1e-6 of QuantLib's converged prices on the README's test grid) and adds
    early_exercise_premium (American − European) and critical_spot (the spot at or beyond
    which exercising now is optimal; n/a, JSON null, when it never is).

    USAGE: tradesim price --type <call|put> --spot <S> --strike <K> --vol <V> --rate <R> [--dividend <Q>] --years <T> [--exercise <european|american>] [--json]

    OPTIONS:
      --type <call|put>               Option type.
      --spot <S>                      Underlying price, > 0.
      --strike <K>                    Strike price, > 0.
      --vol <V>                       Annual volatility as a decimal (0.25 = 25%), 0 to 10.
      --rate <R>                      Continuously compounded annual risk-free rate (0.04 =
                                      4%), -1 to 1.
      --dividend <Q>                  Continuous annual dividend yield, -1 to 1. (default:
                                      0)
      --years <T>                     Time to expiry in years (63 trading days = 0.25), 0 to
                                      100.
      --exercise <european|american>  Exercise style: european (at expiry only) or american
                                      (any day to expiry). (default: european)
      --json                          Print one JSON object instead of a table.
      -h, --help                      Show help information.

    """

    /// The three ways to ask for a command's help print the same text.
    @Test(arguments: [["help", "price"], ["price", "--help"], ["price", "-h"]])
    func priceHelp(_ arguments: [String]) throws {
        let r = try TradeSimBinary.run(arguments)
        #expect(r.exitCode == 0)
        #expect(r.stdout == Self.priceHelp)
    }

    @Test func overviewListsEveryCommand() throws {
        let r = try TradeSimBinary.run(["help"])
        #expect(r.exitCode == 0)
        for name in ["price", "implied-vol"] { #expect(r.stdout.contains("\n  \(name) ")) }
        let bare = try TradeSimBinary.run([])
        #expect(bare.stdout == r.stdout)
    }

    @Test func version() throws {
        let r = try TradeSimBinary.run(["--version"])
        #expect(r.exitCode == 0)
        #expect(r.stdout == "0.1.0\n")
    }

    /// Every command that writes states the output rule in its help (README, "Outputs").
    @Test(arguments: [("run", "The report folder (--out) may be a new folder, an empty one, or a report folder tradesim wrote"),
                      ("backtest", "The report folder (--out) may be a new folder, an empty one, or a report folder tradesim wrote"),
                      ("merge", "The report folder (--out) may be a new folder, an empty one, or a report folder tradesim wrote"),
                      ("sweep", "The report folder (--out) may be a new folder, an empty one, or a report folder tradesim wrote"),
                      ("run", "The output file (--out) never replaces a file this command reads or a folder, and replaces an existing file only with --force"),
                      ("paths", "The output file (--out) never replaces a file this command reads or a folder, and replaces an existing file only with --force"),
                      ("draft", "The output file (--out) never replaces a file this command reads or a folder, and replaces an existing file only with --force")])
    func writingCommandsStateTheOutputRule(_ command: String, _ sentence: String) throws {
        let r = try TradeSimBinary.run([command, "--help"])
        let text = r.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.contains(sentence), "\(command) --help")
    }
}
