import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Cuts a large answer-sheet file into parts at record ends, so that each
/// part can be read and scored on its own thread.
///
/// A part boundary must fall between records: at a line feed outside quotes.
/// Where a line feed falls depends on every quote before it, so each part is
/// read once, on its own thread, under both states a part can start in —
/// at the start of a record, or inside a quoted cell that holds a line break
/// (``PartScan``). The parts are then chained in order: the first starts at a
/// record; each one's state at its end says how the next one starts; a part
/// that starts inside a quoted cell gives the bytes up to its first record end
/// to the part before it (or all of them, when no record ends in it). Quotes
/// follow the reader's one rule (``DelimitedScanner/scanQuoted(_:from:count:isAtEnd:line:)``):
/// a quote opens a quoted cell only at the start of a cell, a doubled quote
/// inside one is a quote, and any other quote closes it.
///
/// UTF-16 files are not split (their line ends are two bytes), nor files with
/// a carriage return that is not followed by a line feed (the reader counts it
/// as a line end, and parts are counted at line feeds).
enum FileSplitter {
    /// A part of a file: its bytes and the line number it starts at.
    struct Part: Sendable, Equatable {
        var bytes: Range<Int>
        var firstLine: Int
        /// Line feeds in the part: at least the number of its rows, and far
        /// more when it holds blank lines (see ``expectedRows``).
        var lineFeeds = 0

        /// How many rows to make room for in advance: its line feeds, but no
        /// more than one row per ``bytesPerReservedRow`` bytes and at most
        /// ``largestReservation``, so that a part of blank lines (30 million
        /// line feeds in 30 MB) does not reserve gigabytes. A part with more
        /// rows than this grows as it goes.
        var expectedRows: Int { FileSplitter.reservation(forRows: min(lineFeeds, bytes.count / FileSplitter.bytesPerReservedRow) + 1) }
    }

    /// The fewest bytes per row assumed when reserving room for a part's
    /// rows; a real row of answers is longer (a ДДО row is 50–70 bytes).
    static let bytesPerReservedRow = 32
    /// The most rows room is made for in advance (tables beyond it grow as rows come).
    static let largestReservation = 1 << 20

    /// A number of rows to reserve room for, at most ``largestReservation``.
    static func reservation(forRows rows: Int) -> Int { min(rows, largestReservation) }

    /// Files smaller than this are not worth splitting.
    static let minimumSize = 4 << 20

    /// The parts of a file, or `nil` when it should be read in one go.
    /// - Parameters:
    ///   - path: a regular file.
    ///   - encoding: its encoding (UTF-8 or Windows-1251 can be split).
    ///   - delimiter: the file's delimiter (a quote opens a quoted cell only after one, or at a line's start).
    ///   - dataStartLine: the line where data rows start (after the header).
    ///   - parts: how many parts are wanted.
    ///   - minimumSize: smaller files are not split.
    ///   - firstPartWeight: the first part's share of the data relative to
    ///     the others' (below 1 when its rows cost more).
    /// - Complexity: one pass over the file, shared by the threads.
    static func split(path: String, encoding: SheetEncoding, delimiter: UInt8, dataStartLine: Int, parts: Int,
                      minimumSize: Int = minimumSize, firstPartWeight: Double = 1) -> [Part]? {
        guard parts > 1, encoding != .utf16LE, encoding != .utf16BE else { return nil }
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) >= max(minimumSize, 1) else { return nil }
        let size = Int(info.st_size)
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }

        // Where the data rows start: after the header's lines. The reader
        // counts a lone carriage return as a line end and the parts count line
        // feeds, so one in the header would put every part's lines off: such
        // files are read in one go, as when the data holds one.
        var dataStart = 0
        for _ in 1..<max(dataStartLine, 1) {
            guard let newline = lineEnd(fd, from: dataStart, size: size) else { return nil }
            dataStart = newline + 1
        }
        var header = [UInt8](repeating: 0, count: dataStart)
        guard header.withUnsafeMutableBytes({ pread(fd, $0.baseAddress, dataStart, 0) }) == dataStart,
              !header.indices.contains(where: { header[$0] == 0x0D && ($0 + 1 == header.count || header[$0 + 1] != 0x0A) })
        else { return nil }
        // Cut near equal shares, just after a line feed (moved to a record end below).
        var starts = [dataStart]
        let total = firstPartWeight + Double(parts - 1)
        for k in 1..<parts {
            let share = (firstPartWeight + Double(k - 1)) / total
            let target = max(dataStart + Int(Double(size - dataStart) * share), starts.last!)
            guard let newline = lineEnd(fd, from: target, size: size), newline + 1 < size else { break }
            if newline + 1 > starts.last! { starts.append(newline + 1) }
        }
        guard starts.count > 1 else { return nil }
        let ranges = starts.indices.map { index in starts[index]..<(index + 1 < starts.count ? starts[index + 1] : size) }

        // Each part on its own thread.
        let scans = Mutex([PartScan?](repeating: nil, count: ranges.count))
        DispatchQueue.concurrentPerform(iterations: ranges.count) { index in
            let found = scan(fd, ranges[index], delimiter: delimiter)
            scans.withLock { $0[index] = found }
        }
        let results = scans.withLock { $0 }
        guard results.allSatisfy({ $0 != nil }) else { return nil }
        return chain(ranges, results.map { $0! }, firstLine: dataStartLine)
    }

    /// Joins the parts' scans in file order: each part starts where the one
    /// before it leaves off, at a record start or inside a quoted cell.
    /// - Returns: the parts, each starting at a record; `nil` when fewer than two are left.
    static func chain(_ ranges: [Range<Int>], _ scans: [PartScan], firstLine: Int) -> [Part]? {
        var parts: [Part] = []
        var line = firstLine
        var state = QuoteState.fieldStart
        for (range, scan) in zip(ranges, scans) {
            if parts.isEmpty || state == .fieldStart {
                parts.append(Part(bytes: range, firstLine: line, lineFeeds: scan.lineFeeds))
                line += scan.lineFeeds
                state = scan.endState(startingInsideQuotes: false)
                continue
            }
            // The part starts inside a quoted cell: its bytes up to the first
            // record end belong to the part before (all of them when none ends in it).
            state = scan.endState(startingInsideQuotes: true)
            let last = parts.count - 1
            guard let first = scan.firstRecordEndInsideQuotes, first.offset < range.upperBound else {
                parts[last].bytes = parts[last].bytes.lowerBound..<range.upperBound
                parts[last].lineFeeds += scan.lineFeeds
                line += scan.lineFeeds
                continue
            }
            parts[last].bytes = parts[last].bytes.lowerBound..<first.offset
            parts[last].lineFeeds += first.lineFeeds
            line += first.lineFeeds
            let rest = scan.lineFeeds - first.lineFeeds
            parts.append(Part(bytes: first.offset..<range.upperBound, firstLine: line, lineFeeds: rest))
            line += rest
        }
        return parts.count > 1 ? parts : nil
    }

    /// The offset of the first line feed at or after `start`.
    private static func lineEnd(_ fd: Int32, from start: Int, size: Int) -> Int? {
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var offset = start
        while offset < size {
            let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(offset)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return nil }
            if let index = buffer[0..<n].firstIndex(of: 0x0A) { return offset + index }
            offset += n
        }
        return nil
    }

    /// Reads a part in chunks and scans it (``PartScan``).
    /// - Returns: the scan, or `nil` when the part cannot be split off (or not read).
    private static func scan(_ fd: Int32, _ range: Range<Int>, delimiter: UInt8) -> PartScan? {
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var offset = range.lowerBound
        var scan = PartScan(delimiter: delimiter)
        while offset < range.upperBound {
            let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, min($0.count, range.upperBound - offset), off_t(offset)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return nil }
            let accepted = buffer.withUnsafeBufferPointer { bytes in
                scan.consume(UnsafeBufferPointer(rebasing: bytes[0..<n]), at: offset)
            }
            guard accepted else { return nil }
            offset += n
        }
        return scan
    }
}
