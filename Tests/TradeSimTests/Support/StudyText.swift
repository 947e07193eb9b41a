import Foundation
@testable import TradeSim

/// Builds studies from JSON text in tests (exercising the decoder as users do).
enum StudyText {
    static func decode(_ text: String, file: String = "test.json",
                       histories: [String: [PriceSeries]] = [:]) -> Result<Study, InputProblems> {
        StudyDecoder.decode(Array(text.utf8), file: file, loadHistory: { ref in
            if let h = histories[ref] { return .success(h) }
            return .failure(InputProblems([]))
        })
    }

    static func study(_ text: String, histories: [String: [PriceSeries]] = [:]) throws -> Study {
        switch decode(text, histories: histories) {
        case let .success(s): return s
        case let .failure(p): throw p
        }
    }

    /// The problems of an invalid study as their rendered lines.
    static func problems(_ text: String, histories: [String: [PriceSeries]] = [:]) -> [String] {
        switch decode(text, histories: histories) {
        case .success: return []
        case let .failure(p): return p.problems.map(\.description)
        }
    }

    /// A one-asset Monte Carlo study (S0 = 100) with the given scenario fields.
    static func singleAsset(vol: Double = 0.3, drift: Double = 0.08, scenario: String) -> String {
        """
        {"name": "t", "start": "2026-01-05",
         "universe": [{"ticker": "A", "spot": 100, "volatility": \(vol), "drift": \(drift), "tags": ["g"]}],
         "scenarios": [\(scenario)]}
        """
    }
}

/// Runs every path of a kernel to the horizon and returns the final prices [path][asset].
func finalPrices(_ kernel: ScenarioKernel, paths: Int, seed: UInt64, lanes: Int = 64) -> [[Double]] {
    var out: [[Double]] = []
    var first = 0
    while first < paths {
        let count = min(lanes, paths - first)
        var block = kernel.makeBlock(firstPath: first, lanes: count, seed: seed)
        for _ in 0..<kernel.horizonDays { kernel.advance(&block) }
        for lane in 0..<count { out.append((0..<kernel.assetCount).map { block.price(asset: $0, lane: lane) }) }
        first += count
    }
    return out
}

/// Sample mean and standard deviation (n − 1).
func meanAndSD(_ x: [Double]) -> (mean: Double, sd: Double) {
    let m = x.reduce(0, +) / Double(x.count)
    let v = x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(x.count - 1)
    return (m, v.squareRoot())
}

/// A study from the repository's `scenarios/` folder, as the command line would load it.
func repositoryStudy(_ name: String) throws -> Study {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    let url = root.appendingPathComponent("scenarios").appendingPathComponent(name)
    let data = try Data(contentsOf: url)
    return try StudyDecoder.decode([UInt8](data), file: url.path).get()
}
