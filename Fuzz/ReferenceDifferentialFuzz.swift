// libFuzzer target: production against the reference scorer
// (Tests/ProfScoreKitTests/Reference/, written from the docs only).
//
// Built by `scripts/fuzz.sh reference SECONDS` together with the sources of
// ProfScoreKit, the reference's files and Tests/ProfScoreKitTests/ReferenceHarness.swift
// into one module. Not a SwiftPM target.
//
// The first byte of an input chooses how the rest is read:
// - even: the rest drives the random sheet generator (RefGenerators.sheet):
//   encoding, delimiter, line ends, quoting, bad and blank cells, odd rows
//   and headers all come from the input's bytes;
// - odd: the rest is the sheet file itself, byte for byte.
// The sheet is scored for klimov-ddo and onet-interest-profiler-60 by the
// reference and by production (in one go with the fast path on and off, and
// in file order and concurrently with 1 and 3 threads), and any difference in
// rows (line, respondent columns, scores, levels, leading type, profile,
// Holland code, flags) or diagnostics (severity, line, column) stops the run.
// Sheets where the docs leave the result open (the reference's
// `ambiguities`) are skipped; rows touched by a known production bug are
// compared only in their respondent columns.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

private struct Checked {
    var refInstrument: RefInstrument
    var instrument: Instrument
}

private let checked: [Checked] = ["klimov-ddo", "onet-interest-profiler-60"].map { id in
    let json = FileManager.default.contents(atPath: "Instruments/\(id).json")
    precondition(json != nil, "run from the repository's root (scripts/fuzz.sh does): Instruments/\(id).json not found")
    return Checked(refInstrument: try! RefInstrument(json: Array(json!)), instrument: try! Instrument.bundled(id))
}
private let sheetPath = NSTemporaryDirectory() + "profscore-fuzz-reference-\(getpid()).csv"
private let modes: [RefProductionMode] = [
    .oneGo(fastPath: true), .oneGo(fastPath: false),
    .batch, .fileOrder(threads: 1), .fileOrder(threads: 3),
    .concurrent(threads: 3, needed: .all, fastPath: true),
]
@_cdecl("LLVMFuzzerTestOneInput")
public func referenceDifferentialFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    guard !input.isEmpty else { return 0 }
    for target in checked {
        let bytes = RefGenerators.fuzzSheet(for: target.refInstrument, input: input)
        var scorer = RefScorer(instrument: target.refInstrument)
        let expected = scorer.score(sheet: bytes)
        // Open in the docs, or a known production bug (see ReferenceDifferentialTests).
        if !expected.ambiguities.isEmpty || !expected.knownIssues.isEmpty { continue }
        _ = FileManager.default.createFile(atPath: sheetPath, contents: Data(bytes))
        let knownLines: [Int: String] = [:]
        for mode in modes {
            let actual = RefHarness.run(path: sheetPath, instrument: target.instrument, mode: mode)
            let (info, other, _) = RefHarness.compare(reference: expected, production: actual, mode: mode, knownLines: knownLines)
            if !info.isEmpty || !other.isEmpty {
                // (fatalError, not precondition: an optimised build drops a precondition's message.)
                fatalError("\(target.refInstrument.id), \(mode): production differs from the reference:\n"
                               + (info + other).prefix(10).joined(separator: "\n"))
            }
        }
    }
    return 0
}
