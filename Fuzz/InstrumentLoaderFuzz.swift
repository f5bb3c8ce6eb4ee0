// libFuzzer target for the instrument loader: the JSON parser with
// positions, the decoder and its checks, test vectors, and scoring with
// whatever instrument loads.
//
// Built by scripts/fuzz.sh together with the sources of ProfScoreKit into one
// module. Not a SwiftPM target: `swift build` and `swift test` never see it.

@_cdecl("LLVMFuzzerTestOneInput")
public func instrumentLoaderFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    switch Instrument.check(json: bytes, file: "fuzz.json") {
    case .success(let instrument):
        // Whatever loads must score without trapping: every option of every
        // item, and a blank sheet.
        let scorer = Scorer(instrument: instrument)
        var answers: [String: String] = [:]
        for (index, item) in instrument.items.enumerated() {
            let options = instrument.answerFormats[item.format].options
            answers[item.id] = options[index % options.count].code
        }
        let result = scorer.score(answers: answers)
        precondition(result.scores.count == instrument.scales.count)
        _ = scorer.score(answers: [:])
        _ = scorer.score(answers: Dictionary(uniqueKeysWithValues: instrument.items.map { ($0.id, "?") }))
    case .failure(let error):
        guard case .invalidInstrument(_, let diagnostics) = error else { preconditionFailure("unexpected \(error)") }
        precondition(!diagnostics.isEmpty, "a refused instrument must say why")
        for diagnostic in diagnostics {
            if let line = diagnostic.line { precondition(line >= 1) }
            _ = diagnostic.rendered(in: .russian)
        }
    }
    return 0
}
