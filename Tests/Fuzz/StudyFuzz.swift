// libFuzzer target: the study decoder and validator, and on every study it accepts, a short
// run of the engine and the whole report set. Findings are crashes, hangs, leaks, and any
// report text containing NaN or infinity (DESIGN §5: never a NaN in a report).
// Built by Tests/Fuzz/run.sh together with the library's sources (one module); FuzzEntry.swift
// calls it when TRADESIM_FUZZ_TARGET names it.

func fuzzStudy(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard case let .success(study) = StudyDecoder.decode(bytes, file: "fuzz.json") else { return 0 }
    guard let playbook = study.playbook, !study.scenarios.isEmpty else { return 0 }
    // Keep each input quick: the decoder allows horizons up to 100,000 days and many assets.
    let work = study.scenarios.reduce(0) { $0 + $1.horizonDays } * max(1, study.universe.count)
    guard work <= 200_000 else { return 0 }
    var configuration = RunConfiguration(paths: 3, seed: 1, threads: 1, tracedPaths: 2)
    configuration.analysisPaths = 3  // exposure, attribution and their CSVs too
    let outcomes = Engine.run(study: study, scenarioIndices: Array(study.scenarios.indices), configuration: configuration)
    renderReportsFailingOnNonFinite(study: study, playbook: playbook, outcomes: outcomes, configuration: configuration)
    return 0
}
