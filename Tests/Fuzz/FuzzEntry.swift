import Foundation

// The fuzz binary's one libFuzzer entry point: TRADESIM_FUZZ_TARGET (study, csv or card) picks
// the target, so a single build (Tests/Fuzz/run.sh) serves all three.

let fuzzTarget = ProcessInfo.processInfo.environment["TRADESIM_FUZZ_TARGET"] ?? "study"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEntry(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    switch fuzzTarget {
    case "csv": fuzzCSV(data, size)
    case "card": fuzzCard(data, size)
    default: fuzzStudy(data, size)
    }
}
