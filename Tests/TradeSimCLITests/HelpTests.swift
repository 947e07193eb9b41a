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

    With any of --slope, --curvature, --x-limit, --floor-fraction, --vol is the at-the-money
    level and the option is priced at its strike's IV on the smile σ(K) = max(atm + a·x +
    b·x², f·atm), x = clamp(ln(K/F)/√T, ±L), F = S·e^((r−q)T), f the floor fraction (the
    study format's skew); the output adds atm_vol, moneyness_x (the clamped x) and
    volatility_at_strike. The Greeks hold that IV fixed (sticky strike).

    USAGE: tradesim price --type <call|put> --spot <S> --strike <K> --vol <V> --rate <R> [--dividend <Q>] --years <T> [--exercise <european|american>] [--slope <A>] [--curvature <B>] [--x-limit <L>] [--floor-fraction <F>] [--json]

    OPTIONS:
      --type <call|put>               Option type.
      --spot <S>                      Underlying price, > 0.
      --strike <K>                    Strike price, > 0.
      --vol <V>                       Annual volatility as a decimal (0.25 = 25%), 0 to 10;
                                      with a smile flag, the at-the-money level.
      --rate <R>                      Continuously compounded annual risk-free rate (0.04 =
                                      4%), -1 to 1.
      --dividend <Q>                  Continuous annual dividend yield, -1 to 1. (default:
                                      0)
      --years <T>                     Time to expiry in years (63 trading days = 0.25), 0 to
                                      100.
      --exercise <european|american>  Exercise style: european (at expiry only) or american
                                      (any day to expiry). (default: european)
      --slope <A>                     Smile slope a: vol per unit of x = ln(K/F)/√T (−0.2:
                                      puts dearer), -5 to 5. (default: 0)
      --curvature <B>                 Smile curvature b: vol per unit of x² (both wings
                                      dearer when > 0), -5 to 5. (default: 0)
      --x-limit <L>                   The |x| beyond which the smile is flat, > 0 and ≤ 10.
                                      (default: 2.5)
      --floor-fraction <F>            The lowest IV as a fraction of the at-the-money level,
                                      > 0 and ≤ 1. (default: 0.25)
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
                      ("compare", "The report folder (--out) may be a new folder, an empty one, or a report folder tradesim wrote"),
                      ("grid", "The report folder (--out) may be a new folder, an empty one, or a report folder tradesim wrote"),
                      ("run", "The output file (--out) never replaces a file this command reads or a folder, and replaces an existing file only with --force"),
                      ("paths", "The output file (--out) never replaces a file this command reads or a folder, and replaces an existing file only with --force"),
                      ("draft", "The output file (--out) never replaces a file this command reads or a folder, and replaces an existing file only with --force")])
    func writingCommandsStateTheOutputRule(_ command: String, _ sentence: String) throws {
        let r = try TradeSimBinary.run([command, "--help"])
        let text = r.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.contains(sentence), "\(command) --help")
    }
}
