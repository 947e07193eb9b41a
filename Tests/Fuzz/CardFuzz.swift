// libFuzzer target: the card reader and drafter (`tradesim draft`). Findings are crashes,
// hangs, and any drafted study the study validator rejects (the drafter promises a study that
// validates as written). Built by Tests/Fuzz/run.sh together with the library's sources;
// FuzzEntry.swift calls it when TRADESIM_FUZZ_TARGET=card.

func fuzzCard(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard case let .success(draft) = StudyDraft.draft(cardText: text, cardName: "fuzz.txt",
                                                      start: CalendarDate(iso: "2026-08-03")!, startStated: true) else { return 0 }
    if case let .failure(problems) = StudyDecoder.decode(Array(draft.json.utf8), file: "drafted.json") {
        fatalError("drafted study does not validate: \(problems)")
    }
    return 0
}
