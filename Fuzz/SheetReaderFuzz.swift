// libFuzzer target for the answer-sheet reader: encoding detection, the
// byte-level CSV scanner, TextTableReader and SheetReader, and scoring.
//
// Built by scripts/fuzz.sh together with the sources of ProfScoreKit into one
// module, so internal types can be checked directly. Not a SwiftPM target:
// `swift build` and `swift test` never see it.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

private let instrument = try! Instrument.bundled("klimov-ddo")
private let scorer = Scorer(instrument: instrument)
private let sheetPath = NSTemporaryDirectory() + "profscore-fuzz-sheet-\(getpid()).csv"

@_cdecl("LLVMFuzzerTestOneInput")
public func sheetReaderFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    checkScannerChunking(bytes)
    checkTranscoderChunking(bytes)
    scoreWholeSheet(bytes)
    checkConcurrentScoring()
    return 0
}

/// Scoring the file in parts on several threads (as `report` does for large
/// files) must give the same rows, scores and diagnostics, in the same order,
/// as reading it in one go. Uses the file `scoreWholeSheet` wrote.
private func checkConcurrentScoring() {
    struct Seen: Equatable {
        var rows: [String] = []
        var diagnostics: [String] = []
    }
    func run(threads: Int) -> Seen? {
        var seen = Seen()
        let batch = BatchScorer(scorer: scorer, detectsDuplicateIDs: false)
        var collected: [[String]] = []
        do {
            try batch.scoreParts(
                path: sheetPath, name: "fuzz.csv", threads: threads, minimumSplitSize: 0, checksDuplicates: false,
                makePart: { _ in [String]() }, prepare: { _ in nil },
                report: { seen.diagnostics.append($0.rendered(in: .english)) },
                each: { partial, scored in
                    partial.append("\(scored.line) \(scored.row.info) \(scored.score.scores) \(scored.score.flags.names)")
                    return 0
                },
                finish: { partial, _ in collected.append(partial) })
        } catch {
            return nil
        }
        seen.rows = collected.flatMap { $0 }
        return seen
    }
    let whole = run(threads: 1)
    let parts = run(threads: 3)
    precondition(whole == parts, "scoring in parts differs from scoring at once:\n\(String(describing: whole))\n\(String(describing: parts))")
}

/// Reading the whole sheet from a file and scoring every row must not trap,
/// and every diagnostic must carry a location inside the file.
private func scoreWholeSheet(_ bytes: [UInt8]) {
    let fd = open(sheetPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    precondition(fd >= 0)
    _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    close(fd)
    let lineCount = bytes.reduce(1) { $0 + ($1 == 0x0A || $1 == 0x0D ? 1 : 0) }
    let batch = BatchScorer(scorer: scorer)
    func check(_ diagnostic: Diagnostic) {
        if let line = diagnostic.line { precondition(line >= 1 && line <= lineCount + 1, "line \(line) of \(lineCount)") }
        if let column = diagnostic.column { precondition(column >= 1) }
        _ = diagnostic.rendered(in: .russian)
    }
    var rows = 0
    do {
        let sheet = try batch.open(path: sheetPath, name: "fuzz.csv", prepare: { _ in nil }, report: check)
        let reader = sheet.reader
        try batch.scoreWhole(sheet, checksDuplicates: true, report: check) { scored in
            let (row, result) = (scored.row, scored.score)
            precondition(result.scores.count == instrument.scales.count)
            precondition(row.line >= 1 && row.line <= lineCount + 1)
            // The reader's cell cache must agree with scoring the row's cells as
            // strings through `score(answers:)`. Only a row the general path read
            // has its cells in the scanner; rows of the fast path are compared
            // with the general path and the reference scorer by the `reference` target.
            // A row saved with another delimiter has no answers: its cells are not compared.
            guard reader.table.scanner.recordLine == row.line, reader.table.scanner.fieldCount > 0, !reader.answersNotRead else {
                rows += 1
                return
            }
            var answers: [String: String] = [:]
            for (field, item) in reader.fieldRole.enumerated() where item >= 0 && field < reader.table.scanner.fieldCount {
                answers[instrument.items[item].id] = reader.table.string(field)
            }
            let expected = scorer.score(answers: answers)
            precondition(expected.scores == result.scores && expected.levels == result.levels && expected.leading == result.leading,
                         "row \(row.line): the reader and score(answers:) disagree")
            precondition(expected.flags.names == result.flags.names.filter { $0 != "duplicate-id" })
            rows += 1
        }
    } catch {
        _ = error.rendered(in: .english)
    }
    precondition(rows == batch.respondentCount)
}

/// The scanner must split a text the same way whether it gets it at once or
/// in pieces (as the reader feeds it chunk by chunk). The first byte chooses
/// the piece size.
private func checkScannerChunking(_ bytes: [UInt8]) {
    // A record that straddles pieces is scanned again from its start, so
    // small pieces cost O(n²): keep the text short.
    guard let first = bytes.first, bytes.count <= 8193 else { return }
    let text = Array(bytes.dropFirst())
    let delimiter: UInt8 = [0x2C, 0x3B, 0x09][Int(first) % 3]
    let piece = Int(first >> 2) * 4 + 1
    func records(pieceSize: Int) -> [[[UInt8]]] {
        var scanner = DelimitedScanner(delimiter: delimiter)
        var offset = 0
        var result: [[[UInt8]]] = []
        while true {
            switch scanner.scanRecord() {
            case .record:
                var fields: [[UInt8]] = []
                for index in 0..<scanner.fieldCount { fields.append(scanner.withField(index) { Array($0) }) }
                result.append(fields)
            case .end:
                return result
            case .needMore:
                scanner.compact()
                if offset >= text.count {
                    scanner.isAtEnd = true
                } else {
                    let end = min(text.count, offset + pieceSize)
                    scanner.buffer.append(contentsOf: text[offset..<end])
                    offset = end
                }
            }
        }
    }
    let whole = records(pieceSize: max(1, text.count))
    let pieces = records(pieceSize: piece)
    precondition(whole == pieces, "records differ when the text comes in pieces of \(piece) bytes")
}

/// Transcoding in pieces must give the same UTF-8 as transcoding at once.
private func checkTranscoderChunking(_ bytes: [UInt8]) {
    guard bytes.count >= 2 else { return }
    let encoding: SheetEncoding = [.utf8, .windows1251, .utf16LE, .utf16BE][Int(bytes[0]) % 4]
    let piece = Int(bytes[1] % 7) + 1
    let input = Array(bytes.dropFirst(2))
    var whole: [UInt8] = []
    var wholeDecoder = Transcoder(encoding: encoding)
    input.withUnsafeBufferPointer { wholeDecoder.append($0, to: &whole) }
    wholeDecoder.finish(to: &whole)
    var chunked: [UInt8] = []
    var chunkedDecoder = Transcoder(encoding: encoding)
    var offset = 0
    while offset < input.count {
        let end = min(input.count, offset + piece)
        input.withUnsafeBufferPointer { chunkedDecoder.append(UnsafeBufferPointer(rebasing: $0[offset..<end]), to: &chunked) }
        offset = end
    }
    chunkedDecoder.finish(to: &chunked)
    precondition(whole == chunked, "\(encoding) differs in pieces of \(piece)")
    // UTF-8 passes through unchecked (cells are checked when read); the
    // other encodings must always produce valid UTF-8.
    if encoding != .utf8 {
        precondition(String(validating: whole, as: UTF8.self) != nil, "\(encoding) produced invalid UTF-8")
    }
}
