import Foundation
import TradeSim

/// Refuses, before it starts, a run whose memory estimate (`RunEstimate`) does not fit in
/// this machine, and says what would; notes the size of a big run on stderr.
enum MemoryCheck {
    /// The memory a run may use: 80% of the physical memory, or of the control group's limit
    /// where a container sets a lower one (cgroup v2 `memory.max`, v1 `limit_in_bytes`).
    static var usableBytes: Int {
        var total = Double(ProcessInfo.processInfo.physicalMemory)
        for file in ["/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"] {
            if let text = try? String(contentsOfFile: file, encoding: .utf8),
               let limit = Double(text.trimmingCharacters(in: .whitespacesAndNewlines)), limit > 0 {
                total = min(total, limit)
            }
        }
        return Int(total * 0.8)
    }

    /// Throws a usage error when the run cannot fit; prints a one-line estimate for runs of a
    /// gigabyte or more (unless quiet).
    static func check(study: Study, scenarioIndices: [Int], configuration c: RunConfiguration, command: String, quiet: Bool) throws {
        let estimate = RunEstimate(study: study, scenarioIndices: scenarioIndices, configuration: c)
        let usable = usableBytes
        if estimate.bytes > usable {
            // The estimate is linear in --paths: the most that fit.
            var one = c, two = c
            one.paths = 1_000
            two.paths = 2_000
            let a = RunEstimate(study: study, scenarioIndices: scenarioIndices, configuration: one).bytes
            let b = RunEstimate(study: study, scenarioIndices: scenarioIndices, configuration: two).bytes
            let perThousand = max(1, b - a)
            let fit = max(0, (usable - (a - perThousand)) / perThousand * 1_000)
            throw CLIError.usage("--paths \(c.paths) needs about \(size(estimate.bytes)) of memory "
                + "(\(estimate.paths) paths over \(Plural.count(scenarioIndices.count, "scenario"))), more than the \(size(usable)) "
                + "this machine allows a run (80% of its memory); run at most about \(fit) paths per scenario here. "
                + "Shards (--shard i/n) split the simulation across machines, but `tradesim merge` keeps every path's results: "
                + "it needs the same memory on one machine", command: command)
        }
        if !quiet && estimate.bytes >= 1 << 30 {
            Console.err("tradesim \(command): about \(size(estimate.bytes)) of memory and \(scientific(Double(estimate.pathDays))) path-days "
                + "(\(estimate.paths) paths)\n")
        }
    }

    /// Bytes for people: "1.5 GB", "230 MB" (powers of 1024, named as people name them).
    static func size(_ bytes: Int) -> String {
        let gib = Double(bytes) / Double(1 << 30)
        if gib >= 1 { return NumberText.fixed(gib, digits: 1) + " GB" }
        return NumberText.fixed(Double(bytes) / Double(1 << 20), digits: 0) + " MB"
    }

    static func scientific(_ x: Double) -> String {
        guard x >= 1e6 else { return NumberText.fixed(x, digits: 0) }
        let exponent = Int(log10(x).rounded(.down))
        return NumberText.fixed(x / pow(10, Double(exponent)), digits: 1) + "e\(exponent)"
    }
}
