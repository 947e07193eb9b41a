import Foundation

// The fuzz binary's one libFuzzer entry point: TRADESIM_FUZZ_TARGET (study, csv, card or
// partial) picks the target, so a single build (Tests/Fuzz/run.sh) serves all four.

let fuzzTarget = ProcessInfo.processInfo.environment["TRADESIM_FUZZ_TARGET"] ?? "study"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEntry(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    switch fuzzTarget {
    case "csv": fuzzCSV(data, size)
    case "card": fuzzCard(data, size)
    case "partial": fuzzPartial(data, size)
    default: fuzzStudy(data, size)
    }
}

/// Runs once before fuzzing; with TRADESIM_FUZZ_WRITE_SEEDS=DIR it writes the partial target's
/// seeds there and exits (they are generated, so they always have the current file format).
@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    if let folder = ProcessInfo.processInfo.environment["TRADESIM_FUZZ_WRITE_SEEDS"] { writePartialSeeds(to: folder) }
    return 0
}
