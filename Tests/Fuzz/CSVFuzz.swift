// libFuzzer target: the CSV readers (price histories in every accepted layout, return
// series) and what is computed from what they accept (return metrics). Findings are
// crashes, hangs, leaks, and non-finite metrics from accepted input.
// Built by Tests/Fuzz/run.sh together with the library's sources (one module); FuzzEntry.swift
// calls it when TRADESIM_FUZZ_TARGET names it.

func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    // The bytes as the CLI hands them over (NUL and invalid UTF-8 reach the readers' checks).
    let bytes = UnsafeBufferPointer(start: data, count: size)
    _ = PriceTable.parse(utf8: bytes, file: "fuzz.csv", ticker: nil)
    _ = PriceTable.parse(utf8: bytes, file: "fuzz.csv", ticker: "AAA")
    if case let .success(series) = ReturnSeries.parse(utf8: bytes, file: "fuzz.csv", column: nil), !series.returns.isEmpty {
        let m = ReturnMetrics(returns: series.returns)
        for value in [m.annualReturn, m.annualVolatility, m.sharpeRatio, m.maxDrawdown, m.sortinoRatio] {
            if let v = value, !v.isFinite { fatalError("non-finite metric \(v) from accepted returns") }
        }
    }
    return 0
}
