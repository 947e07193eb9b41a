import Foundation

/// Help text generated from the command declarations.
enum Help {
    static let helpOption = OptionSpec(name: "help", valueName: "", help: "Show help information.", kind: .flag)

    /// `tradesim help`: the overview and the list of commands.
    static func overview(_ commands: [CommandSpec], version: String) -> String {
        var out = """
        OVERVIEW: tradesim \(version) — turn trade-idea cards into playbooks, run them against \
        scenario price paths, and write risk/return reports.

        USAGE: tradesim <command> [<options>]

        COMMANDS:

        """
        let width = (commands.map(\.name.count).max() ?? 0) + 4
        for c in commands {
            out += "  " + c.name.padding(toLength: width, withPad: " ", startingAt: 0) + c.abstract + "\n"
        }
        out += """

          See 'tradesim help <command>' or 'tradesim <command> --help' for a command's options.
          'tradesim --version' prints the version.

        """
        return out
    }

    /// `tradesim help <command>`.
    static func command(_ c: CommandSpec) -> String {
        var out = "OVERVIEW: \(c.abstract)\n"
        if let d = c.discussion {
            out += "\n" + d.split(separator: "\n", omittingEmptySubsequences: false)
                .map { wrap(String($0), width: lineWidth, indent: 0) }.joined(separator: "\n") + "\n"
        }
        out += "\nUSAGE: \(c.usage)\n"
        if !c.arguments.isEmpty {
            out += "\nARGUMENTS:\n"
            out += table(c.arguments.map { ("<\($0.name)>", $0.help) })
        }
        out += "\nOPTIONS:\n"
        let rows = (c.options + [helpOption]).map { o -> (String, String) in
            let left = o.name == "help" ? "-h, --help" : o.synopsis
            var text = o.help
            if let d = o.defaultDescription { text += " (default: \(d))" }
            return (left, text)
        }
        out += table(rows)
        return out
    }

    /// Help lines are wrapped at this many columns.
    static let lineWidth = 88

    private static func table(_ rows: [(String, String)]) -> String {
        let width = max(24, (rows.map(\.0.count).max() ?? 0) + 2)
        var out = ""
        for (left, right) in rows {
            let line = "  " + left.padding(toLength: width, withPad: " ", startingAt: 0) + right
            out += wrap(line, width: lineWidth, indent: width + 2) + "\n"
        }
        return out
    }

    /// Greedy word wrap: breaks at the last space that keeps a line within `width` columns,
    /// indents continuation lines by `indent`, and leaves the spacing inside a line alone.
    static func wrap(_ text: String, width: Int, indent: Int) -> String {
        var lines: [String] = []
        var rest = Array(text)
        let pad = Array(repeating: Character(" "), count: indent)
        while rest.count > width {
            let leading = rest.prefix { $0 == " " }.count
            guard let cut = rest[leading...width].lastIndex(of: " ") else { break }
            lines.append(String(rest[..<cut]).replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression))
            rest = pad + rest[(cut + 1)...].drop { $0 == " " }
        }
        lines.append(String(rest))
        return lines.joined(separator: "\n")
    }
}
