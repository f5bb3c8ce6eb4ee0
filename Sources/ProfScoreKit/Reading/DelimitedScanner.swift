#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A byte-level state machine that splits UTF-8 text into records and fields
/// (RFC 4180 with the liberties spreadsheets take).
///
/// Fields are recorded as byte ranges into ``buffer``; nothing is copied or
/// decoded until a consumer asks for a field. Quoted fields may hold the
/// delimiter, doubled quotes and line breaks. Records end at `\n`, `\r\n` or
/// a lone `\r`.
struct DelimitedScanner {
    /// The text being scanned; the owner appends to it and compacts it.
    var buffer: [UInt8] = []
    /// Offset of the first byte not yet consumed.
    private(set) var position = 0
    /// Whether no more bytes will be appended.
    var isAtEnd = false
    let delimiter: UInt8

    /// 1-based line at ``position``.
    private(set) var line = 1
    /// One field of the last record.
    struct Field {
        /// Start and end offsets in ``buffer``; a quoted field's range
        /// includes its quotes (see ``withField(_:_:)``).
        var start: Int
        var end: Int
        /// 1-based line on which the field starts.
        var line: Int
        var quoted: Bool
    }

    /// The fields of the last record.
    private(set) var fields: [Field] = []
    /// 1-based line of the last record's start.
    private(set) var recordLine = 1
    /// Line and field number of a quote that the last record left open at the end of the input.
    private(set) var unclosedQuote: (line: Int, field: Int)?
    /// Scratch space for unquoted field values.
    private var scratch: [UInt8] = []
    /// Where the skipping of a record (``skipPendingRecord()``) stands.
    private enum SkipState { case none, fieldStart, quoted, unquoted }
    private var skipState = SkipState.none
    /// Whether the last record skipped held a quote that the input never closed.
    private(set) var skippedRecordLeftQuoteOpen = false

    enum Outcome {
        /// A record is ready in ``fields``.
        case record
        /// The record continues past the buffer; append more bytes and call again.
        case needMore
        /// No more records.
        case end
    }

    /// - Parameters:
    ///   - firstLine: the line number of the first byte (for a part of a file).
    init(delimiter: UInt8, firstLine: Int = 1) {
        self.delimiter = delimiter
        line = firstLine
    }

    /// Scans the next record.
    /// - Complexity: O(length of the record); no allocation once ``fields``
    ///   has grown to the widest record.
    mutating func scanRecord() -> Outcome {
        if skipState != .none && !discardSkippedRecord() { return isAtEnd ? .end : .needMore }
        // Work on a local array so that reading `buffer` and writing the
        // field table never overlap (exclusive access).
        var found: [Field] = []
        swap(&found, &fields)
        found.removeAll(keepingCapacity: true)
        unclosedQuote = nil
        var unclosed: (line: Int, field: Int)?
        var finish: (end: Int, nextLine: Int)?
        let count = buffer.count
        let isAtEnd = self.isAtEnd
        let delimiter = self.delimiter
        var i = position
        var currentLine = line
        let outcome: Outcome
        if position >= count {
            outcome = isAtEnd ? .end : .needMore
        } else {
            outcome = buffer.withUnsafeBufferPointer { buffer -> Outcome in
                let bytes = buffer.baseAddress!
                while true {
                    // One field starts at i.
                    let start = i
                    let startLine = currentLine
                    var quoted = false
                    if i < count && bytes[i] == 0x22 {
                        quoted = true
                        let (next, end) = Self.scanQuoted(bytes, from: i + 1, count: count, isAtEnd: isAtEnd, line: &currentLine)
                        i = next
                        switch end {
                        case .closed: break
                        case .needMore: return .needMore
                        case .neverClosed: unclosed = (startLine, found.count + 1)
                        }
                    }
                    // Unquoted part (or text after a closing quote) up to a delimiter or line end.
                    i = Self.scanUnquoted(bytes, from: i, count: count, delimiter: delimiter)
                    found.append(Field(start: start, end: i, line: startLine, quoted: quoted))
                    if i >= count {
                        if !isAtEnd { return .needMore }
                        finish = (i, currentLine)
                        return .record
                    }
                    if bytes[i] == delimiter { i += 1; continue }
                    guard let length = Self.lineEndLength(bytes, at: i, count: count, isAtEnd: isAtEnd) else { return .needMore }
                    finish = (i + length, currentLine + 1)
                    return .record
                }
            }
        }
        swap(&found, &fields)
        if let finish {
            unclosedQuote = unclosed
            finishRecord(at: finish.end, line: finish.nextLine)
        }
        return outcome
    }

    /// Offers the next line, if it is whole in the buffer, to `accept`
    /// (without its line end: `\n` or `\r\n`); when `accept` takes it, it
    /// becomes the last record (with an empty field table) and scanning goes
    /// on after it. The fast path for records that are one simple line.
    /// - Returns: whether `accept` took the line.
    mutating func takeLine(longest: Int, _ accept: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
        guard skipState == .none else { return false }
        let start = position
        let taken = buffer.withUnsafeBufferPointer { bytes -> Int? in
            let count = bytes.count
            guard start < count, let base = bytes.baseAddress,
                  let found = memchr(base + start, 0x0A, min(count - start, longest + 2)) else { return nil }
            let newline = UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - base
            var end = newline
            if end > start && bytes[end - 1] == 0x0D { end -= 1 }
            guard end - start <= longest else { return nil }
            return accept(UnsafeBufferPointer(rebasing: bytes[start..<end])) ? newline + 1 : nil
        }
        guard let taken else { return false }
        fields.removeAll(keepingCapacity: true)
        unclosedQuote = nil
        finishRecord(at: taken, line: line + 1)
        return true
    }

    private mutating func finishRecord(at end: Int, line nextLine: Int) {
        recordLine = line
        position = end
        line = nextLine
    }

    /// Drops the first `count` bytes of a field of the last record (a stray
    /// byte-order mark).
    mutating func dropPrefix(ofField index: Int, count: Int) {
        fields[index].start = min(fields[index].start + count, fields[index].end)
    }

    /// Gives up the record that starts at ``position`` (one too long to keep):
    /// its bytes are dropped, in this buffer and in what is appended later,
    /// up to its end — the first line end outside quotes, as ``scanRecord()``
    /// finds it — so that the lines of a long quoted cell are not read as rows.
    mutating func skipPendingRecord() {
        skipState = .fieldStart
        skippedRecordLeftQuoteOpen = false
    }

    /// Drops the bytes of the record being skipped, as far as the buffer goes.
    /// - Returns: `true` when the record's end (or the end of the input) was
    ///   reached; `false` when the buffer ended first (its bytes are consumed).
    /// - Complexity: O(bytes dropped); each byte is looked at once.
    private mutating func discardSkippedRecord() -> Bool {
        let count = buffer.count, isAtEnd = self.isAtEnd, delimiter = self.delimiter
        var i = position, currentLine = line, state = skipState
        var neverClosed = false
        let done = buffer.withUnsafeBufferPointer { buffer -> Bool in
            guard let bytes = buffer.baseAddress else { return isAtEnd }
            while true {
                switch state {
                case .none:
                    return true
                case .fieldStart:
                    if i >= count { return isAtEnd }
                    if bytes[i] == 0x22 {
                        i += 1
                        state = .quoted
                    } else {
                        state = .unquoted
                    }
                case .quoted:
                    let (next, end) = Self.scanQuoted(bytes, from: i, count: count, isAtEnd: isAtEnd, line: &currentLine)
                    i = next
                    switch end {
                    case .closed: state = .unquoted
                    case .needMore: return false
                    case .neverClosed:
                        neverClosed = true
                        return true
                    }
                case .unquoted:
                    i = Self.scanUnquoted(bytes, from: i, count: count, delimiter: delimiter)
                    if i >= count { return isAtEnd }
                    if bytes[i] == delimiter {
                        i += 1
                        state = .fieldStart
                        continue
                    }
                    guard let length = Self.lineEndLength(bytes, at: i, count: count, isAtEnd: isAtEnd) else { return false }
                    i += length
                    currentLine += 1
                    return true
                }
            }
        }
        position = i
        line = currentLine
        skipState = done ? .none : state
        if neverClosed { skippedRecordLeftQuoteOpen = true }
        return done
    }

    /// How a quoted field's text ended.
    enum QuotedEnd {
        /// At its closing quote.
        case closed
        /// The buffer ended inside it, or on a quote or carriage return whose
        /// meaning depends on the next byte: append more and go on from the index returned.
        case needMore
        /// The input ended inside it.
        case neverClosed
    }

    /// Scans the text of a quoted field (doubled quotes stay inside it; line
    /// ends are counted in `line`). The one rule for quotes, used by
    /// ``scanRecord()`` and by the skipping of an over-long record.
    /// - Parameter start: the offset after the opening quote, or where an earlier call stopped.
    /// - Returns: the offset after the closing quote, or where to go on.
    @inline(__always)
    static func scanQuoted(_ bytes: UnsafePointer<UInt8>, from start: Int, count: Int, isAtEnd: Bool,
                           line: inout Int) -> (Int, QuotedEnd) {
        var i = start
        while i < count {
            let b = bytes[i]
            if b == 0x22 {
                if i + 1 < count && bytes[i + 1] == 0x22 { i += 2; continue }
                if i + 1 >= count && !isAtEnd { return (i, .needMore) }
                return (i + 1, .closed)
            }
            if b == 0x0A {
                line += 1
            } else if b == 0x0D && !(i + 1 < count && bytes[i + 1] == 0x0A) {
                if i + 1 >= count && !isAtEnd { return (i, .needMore) }
                line += 1
            }
            i += 1
        }
        return (i, isAtEnd ? .neverClosed : .needMore)
    }

    /// The offset of the first delimiter or line-end byte from `start` (or `count`).
    @inline(__always)
    static func scanUnquoted(_ bytes: UnsafePointer<UInt8>, from start: Int, count: Int, delimiter: UInt8) -> Int {
        var i = start
        while i < count {
            let b = bytes[i]
            if b == delimiter || b == 0x0A || b == 0x0D { break }
            i += 1
        }
        return i
    }

    /// The length of the line end at `i` (`\n`, `\r\n` or a lone `\r`), or
    /// `nil` when a `\r` ends the buffer and more input may follow.
    @inline(__always)
    static func lineEndLength(_ bytes: UnsafePointer<UInt8>, at i: Int, count: Int, isAtEnd: Bool) -> Int? {
        guard bytes[i] == 0x0D else { return 1 }
        if i + 1 >= count { return isAtEnd ? 1 : nil }
        return bytes[i + 1] == 0x0A ? 2 : 1
    }

    /// Consumes the empty lines at ``position`` (line ends only, as far as
    /// the buffer goes), counting them: records that ``scanRecord()`` would
    /// return as one empty field each, to be skipped anyway. Only at a record
    /// boundary, never while a record is being skipped.
    /// - Complexity: O(lines consumed), a byte or two each.
    mutating func skipEmptyLines() {
        guard skipState == .none else { return }
        let count = buffer.count, isAtEnd = self.isAtEnd
        var i = position, lines = 0
        buffer.withUnsafeBufferPointer { buffer in
            guard let bytes = buffer.baseAddress else { return }
            while i < count && (bytes[i] == 0x0A || bytes[i] == 0x0D),
                  let length = Self.lineEndLength(bytes, at: i, count: count, isAtEnd: isAtEnd) {
                i += length
                lines += 1
            }
        }
        guard lines > 0 else { return }
        fields.removeAll(keepingCapacity: true)
        unclosedQuote = nil
        recordLine = line + lines - 1
        position = i
        line += lines
    }

    /// Drops consumed bytes from the front of the buffer.
    mutating func compact() {
        guard position > 0 else { return }
        buffer.removeSubrange(0..<position)
        position = 0
    }

    /// Number of fields in the last record.
    var fieldCount: Int { fields.count }

    /// Calls `body` with the value of field `index` of the last record:
    /// quotes removed and doubled quotes undone.
    mutating func withField<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let start = fields[index].start, end = fields[index].end
        if !fields[index].quoted {
            return buffer.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<end])) }
        }
        scratch.removeAll(keepingCapacity: true)
        var inQuotes = false
        var i = start
        while i < end {
            let b = buffer[i]
            if b == 0x22 {
                if inQuotes && i + 1 < end && buffer[i + 1] == 0x22 {
                    scratch.append(0x22); i += 2; continue
                }
                inQuotes.toggle()
                i += 1
                continue
            }
            scratch.append(b)
            i += 1
        }
        return scratch.withUnsafeBufferPointer(body)
    }

    /// The value of field `index` as a string (invalid UTF-8 becomes U+FFFD).
    mutating func string(_ index: Int) -> String {
        withField(index) { String(decoding: $0, as: UTF8.self) }
    }

    /// Guesses the delimiter from the first non-blank line: the most frequent of tab,
    /// `;` and `,` outside quotes (in that order of preference on a tie);
    /// `,` when none occurs.
    static func detectDelimiter(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt8 {
        var counts: [UInt8: Int] = [0x09: 0, 0x3B: 0, 0x2C: 0]
        var inQuotes = false
        // The first line with something on it: files often start with an empty line.
        var start = 0
        while start < bytes.count, bytes[start] == 0x0A || bytes[start] == 0x0D || bytes[start] == 0x20 { start += 1 }
        for b in bytes[start...] {
            if b == 0x22 { inQuotes.toggle(); continue }
            if inQuotes { continue }
            if b == 0x0A || b == 0x0D { break }
            if counts[b] != nil { counts[b]! += 1 }
        }
        var best: UInt8 = 0x2C, bestCount = 0
        for candidate: UInt8 in [0x09, 0x3B, 0x2C] where counts[candidate]! > bestCount {
            best = candidate
            bestCount = counts[candidate]!
        }
        return best
    }
}
