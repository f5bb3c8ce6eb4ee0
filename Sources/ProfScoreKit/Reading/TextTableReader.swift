import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a delimited text file (CSV or TSV) or standard input record by
/// record, detecting its encoding and delimiter. Answer sheets, rosters and
/// targets files are all read through it.
///
/// The file is read in chunks of ``chunkSize`` bytes and transcoded to UTF-8;
/// only the current record is kept, so memory does not grow with the file.
final class TextTableReader {
    /// The file's name in diagnostics.
    let displayName: String
    /// The detected encoding.
    let encoding: SheetEncoding
    /// The detected delimiter.
    let delimiter: UInt8
    /// The scanner holding the current record.
    private(set) var scanner: DelimitedScanner

    private let descriptor: Int32
    private let ownsDescriptor: Bool
    private var chunk: [UInt8]
    private var transcoder: Transcoder
    /// Bytes left to read when reading a part of a file; `nil` reads to the end.
    private var remaining: Int?
    /// Bytes read from the file so far (for progress).
    private(set) var bytesRead = 0

    static let chunkSize = 1 << 20
    /// The longest record kept, in bytes of UTF-8 text: a longer one is
    /// skipped to its end (a line end outside quotes, so a long quoted cell
    /// is skipped whole) and its line listed in ``skippedRecordLines``.
    static let maximumRecordLength = 1 << 20
    /// Lines where records longer than ``maximumRecordLength`` started; the
    /// owner reports and clears them.
    var skippedRecordLines: [Int] = []
    /// The line of a skipped record in which a quote opened that the file
    /// never closes (so the record ran to the end of the file).
    private(set) var lineOfQuoteNeverClosed: Int?
    /// Whether the file (UTF-16) ended with an odd byte, which was dropped.
    private var droppedOddByte = false
    /// Problems of the file's bytes found while reading (an odd last byte of
    /// UTF-16, at the end); the owner reports and clears them.
    var readingProblems: [Diagnostic] = []

    /// Opens a file, or standard input for `-`, and detects its encoding and delimiter.
    /// - Parameters:
    ///   - path: the file to read, or `-`.
    ///   - displayName: the name in diagnostics (default: the path).
    /// - Throws: ``ProfScoreError/io(path:reason:)`` when it cannot be read.
    init(path: String, displayName: String? = nil) throws(ProfScoreError) {
        self.displayName = displayName ?? path
        if path == "-" {
            descriptor = STDIN_FILENO
            ownsDescriptor = false
        } else {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                throw .io(path: self.displayName, reason: "is a folder, not a file")
            }
            let fd = open(path, O_RDONLY)
            guard fd >= 0 else { throw .io(path: self.displayName, reason: String(cString: strerror(errno))) }
            descriptor = fd
            ownsDescriptor = true
        }
        var buffer = [UInt8](repeating: 0, count: Self.chunkSize)

        // Read the first bytes to detect the encoding, then the delimiter.
        var first: [UInt8] = []
        var exhausted = false
        var readFailure: String?
        while first.count < Self.chunkSize {
            let n = Self.readChunk(descriptor, into: &buffer)
            if n < 0 { readFailure = String(cString: strerror(errno)); break }
            if n == 0 { exhausted = true; break }
            first.append(contentsOf: buffer[0..<n])
        }
        if let readFailure {
            if ownsDescriptor { close(descriptor) }
            throw .io(path: self.displayName, reason: readFailure)
        }
        let (detected, bomLength) = first.withUnsafeBufferPointer { SheetEncoding.detect($0, isWholeFile: exhausted) }
        if let problem = first.withUnsafeBufferPointer({ SheetEncoding.problem(in: $0, encoding: detected) }) {
            if ownsDescriptor { close(descriptor) }
            throw .unreadableSheet(Diagnostic(.error, file: self.displayName, line: problem.line, column: nil, problem.message))
        }
        var decoder = Transcoder(encoding: detected)
        var text: [UInt8] = []
        first.withUnsafeBufferPointer { decoder.append(UnsafeBufferPointer(rebasing: $0[bomLength...]), to: &text) }
        let droppedOddByte = exhausted && decoder.finish(to: &text)

        // Excel's "sep=;" first line names the delimiter.
        var explicitDelimiter: UInt8?
        if text.count >= 5, text[0...3].elementsEqual("sep=".utf8) || text[0...3].elementsEqual("SEP=".utf8),
           text.count == 5 || text[5] == 0x0D || text[5] == 0x0A {
            explicitDelimiter = text[4]
        }
        let delimiterByte = explicitDelimiter ?? text.withUnsafeBufferPointer { DelimitedScanner.detectDelimiter($0) }
        var textScanner = DelimitedScanner(delimiter: delimiterByte)
        textScanner.buffer = text
        textScanner.isAtEnd = exhausted

        chunk = buffer
        encoding = detected
        transcoder = decoder
        delimiter = delimiterByte
        scanner = textScanner
        bytesRead = first.count
        self.droppedOddByte = droppedOddByte
        if explicitDelimiter != nil { _ = try nextRecord() }
    }

    /// Opens a part of a file whose encoding and delimiter are known (from
    /// the reader of its beginning), for scoring a large file on several threads.
    /// - Parameters:
    ///   - byteRange: the bytes to read; it must start at the beginning of a line.
    ///   - firstLine: the line number at the start of the range.
    init(path: String, displayName: String, byteRange: Range<Int>, firstLine: Int, encoding: SheetEncoding, delimiter: UInt8) throws(ProfScoreError) {
        self.displayName = displayName
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw .io(path: displayName, reason: String(cString: strerror(errno))) }
        guard lseek(fd, off_t(byteRange.lowerBound), SEEK_SET) >= 0 else {
            close(fd)
            throw .io(path: displayName, reason: String(cString: strerror(errno)))
        }
        descriptor = fd
        ownsDescriptor = true
        chunk = [UInt8](repeating: 0, count: Self.chunkSize)
        self.encoding = encoding
        self.delimiter = delimiter
        transcoder = Transcoder(encoding: encoding)
        scanner = DelimitedScanner(delimiter: delimiter, firstLine: firstLine)
        remaining = byteRange.count
    }

    deinit {
        if ownsDescriptor { close(descriptor) }
    }

    private static func readChunk(_ fd: Int32, into buffer: inout [UInt8]) -> Int {
        buffer.withUnsafeMutableBytes { raw in
            while true {
                let n = read(fd, raw.baseAddress, raw.count)
                if n < 0 && errno == EINTR { continue }
                return n
            }
        }
    }

    /// Scans the next record, reading more of the file as needed.
    /// - Returns: `false` at the end of the file.
    func nextRecord() throws(ProfScoreError) -> Bool {
        while true {
            switch scanner.scanRecord() {
            case .record:
                if let first = scanner.fields.first, let last = scanner.fields.last, last.end - first.start > Self.maximumRecordLength {
                    skippedRecordLines.append(scanner.recordLine)
                    continue
                }
                return true
            case .end:
                if scanner.skippedRecordLeftQuoteOpen, let line = skippedRecordLines.last { lineOfQuoteNeverClosed = line }
                if droppedOddByte {
                    droppedOddByte = false
                    readingProblems.append(Diagnostic(.error, file: displayName, line: scanner.line, column: nil, Message(
                        en: "the file ends with half a character: \(encoding.rawValue) has two bytes per character, and the last byte has no pair; it is ignored — the file may be cut short: save it again from the program that made it",
                        ru: "файл кончается половиной символа: в \(encoding.rawValue) на символ два байта, а у последнего байта нет пары; он пропущен — файл, возможно, обрезан: сохраните его заново в программе, которая его создала")))
                }
                return false
            case .needMore:
                scanner.compact()
                if scanner.buffer.count > Self.maximumRecordLength {
                    skippedRecordLines.append(scanner.line)
                    scanner.skipPendingRecord()
                    continue
                }
                var n = 0
                if remaining != 0 {
                    n = Self.readChunk(descriptor, into: &chunk)
                    if let left = remaining, n > 0 {
                        n = min(n, left)
                        remaining = left - n
                    }
                }
                if n < 0 { throw .io(path: displayName, reason: String(cString: strerror(errno))) }
                bytesRead += n
                if n == 0 {
                    if transcoder.finish(to: &scanner.buffer) { droppedOddByte = true }
                    scanner.isAtEnd = true
                } else {
                    chunk.withUnsafeBufferPointer { transcoder.append(UnsafeBufferPointer(rebasing: $0[0..<n]), to: &scanner.buffer) }
                }
            }
        }
    }

    /// Offers the next line to `accept` when it is whole in the buffer read
    /// so far (see ``DelimitedScanner/takeLine(longest:_:)``).
    /// - Returns: whether `accept` took it as the current record.
    func takeLine(_ accept: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
        scanner.takeLine(longest: Self.maximumRecordLength, accept)
    }

    /// Drops the first `count` bytes of a field of the current record.
    func dropPrefix(ofField index: Int, count: Int) {
        scanner.dropPrefix(ofField: index, count: count)
    }

    /// Scans to the next record that has a non-blank cell, and reports the
    /// records skipped for their length on the way.
    /// - Returns: `false` at the end of the file.
    func nextNonEmptyRecord(reporting report: (Diagnostic) -> Void) throws(ProfScoreError) -> Bool {
        let more = try nextNonEmptyRecord()
        for line in skippedRecordLines { report(oversizedRecord(line: line)) }
        skippedRecordLines.removeAll()
        readingProblems.forEach(report)
        readingProblems.removeAll()
        return more
    }

    /// The error for a record longer than ``maximumRecordLength``, skipped.
    func oversizedRecord(line: Int) -> Diagnostic {
        let limit = Self.maximumRecordLength >> 20
        if line == lineOfQuoteNeverClosed {
            return Diagnostic(.error, file: displayName, line: line, column: 1, Message(
                en: "this row is longer than \(limit) MiB because a quote opened in it is never closed: everything from here to the end of the file was read as one cell and skipped — close the quote",
                ru: "эта строка длиннее \(limit) МиБ, потому что открытая в ней кавычка не закрыта: всё отсюда до конца файла прочитано как одна ячейка и пропущено — закройте кавычку"))
        }
        return Diagnostic(.error, file: displayName, line: line, column: 1, Message(
            en: "this row is longer than \(limit) MiB without a line break outside quotes, so it cannot be one student's answers; it is skipped to its end, and reading goes on — check the file",
            ru: "эта строка длиннее \(limit) МиБ без перевода строки вне кавычек и не может быть ответами одного ученика; она пропущена до её конца, чтение продолжено — проверьте файл"))
    }

    /// Scans to the next record that has a non-blank cell.
    /// - Returns: `false` at the end of the file.
    func nextNonEmptyRecord() throws(ProfScoreError) -> Bool {
        while true {
            // Runs of empty lines (millions, in some exports) are passed over in one go.
            scanner.skipEmptyLines()
            guard try nextRecord() else { return false }
            if !recordIsEmpty() { return true }
        }
    }

    /// Whether every cell of the current record is empty or blank.
    func recordIsEmpty() -> Bool {
        for index in 0..<scanner.fieldCount where scanner.fields[index].end > scanner.fields[index].start {
            let empty = scanner.withField(index) { field in field.allSatisfy { $0 == 0x20 || $0 == 0x09 } }
            if !empty { return false }
        }
        return true
    }

    /// The value of a field of the current record as a string.
    func string(_ field: Int) -> String { scanner.string(field) }

    /// Calls `body` with the bytes of a field of the current record.
    func withField<R>(_ field: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R { scanner.withField(field, body) }
}
