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

    static let chunkSize = 1 << 20

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
        var decoder = Transcoder(encoding: detected)
        var text: [UInt8] = []
        first.withUnsafeBufferPointer { decoder.append(UnsafeBufferPointer(rebasing: $0[bomLength...]), to: &text) }
        if exhausted { decoder.finish(to: &text) }

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
        if explicitDelimiter != nil { _ = try nextRecord() }
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
            case .record: return true
            case .end: return false
            case .needMore:
                scanner.compact()
                let n = Self.readChunk(descriptor, into: &chunk)
                if n < 0 { throw .io(path: displayName, reason: String(cString: strerror(errno))) }
                if n == 0 {
                    transcoder.finish(to: &scanner.buffer)
                    scanner.isAtEnd = true
                } else {
                    chunk.withUnsafeBufferPointer { transcoder.append(UnsafeBufferPointer(rebasing: $0[0..<n]), to: &scanner.buffer) }
                }
            }
        }
    }

    /// Scans to the next record that has a non-blank cell.
    /// - Returns: `false` at the end of the file.
    func nextNonEmptyRecord() throws(ProfScoreError) -> Bool {
        while try nextRecord() {
            if !recordIsEmpty() { return true }
        }
        return false
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
