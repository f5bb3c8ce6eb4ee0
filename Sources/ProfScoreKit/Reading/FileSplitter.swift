import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Cuts a large answer-sheet file into parts at line ends, so that each part
/// can be read and scored on its own thread.
///
/// A part boundary must fall between records. Without quotes every line end
/// is one, so files with a `"` anywhere (a quoted cell may hold a line
/// break) are not split; nor are UTF-16 files, whose line ends are two bytes,
/// nor files with a carriage return that is not followed by a line feed (the
/// reader counts it as a line end, and parts are cut and counted at line feeds).
///
/// The file is mapped into memory and looked through once, each part on its
/// own thread: the parts' line counts give each part's first line.
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
    ///   - dataStartLine: the line where data rows start (after the header).
    ///   - parts: how many parts are wanted.
    ///   - minimumSize: smaller files are not split.
    ///   - firstPartWeight: the first part's share of the data relative to
    ///     the others' (below 1 when its rows cost more).
    /// - Complexity: one pass over the file, shared by the threads.
    static func split(path: String, encoding: SheetEncoding, dataStartLine: Int, parts: Int, minimumSize: Int = minimumSize,
                      firstPartWeight: Double = 1) -> [Part]? {
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
        // Cut near equal shares, just after a line feed.
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

        // Each part on its own thread: its line feeds, and whether it has a
        // quote or a carriage return not followed by a line feed.
        let scans = Mutex([Int?](repeating: nil, count: ranges.count))
        DispatchQueue.concurrentPerform(iterations: ranges.count) { index in
            let found = scan(fd, ranges[index])
            scans.withLock { $0[index] = found }
        }
        let results = scans.withLock { $0 }
        var result: [Part] = []
        var line = dataStartLine
        for index in ranges.indices {
            let scan = results[index]
            guard let lineFeeds = scan else { return nil }
            result.append(Part(bytes: ranges[index], firstLine: line, lineFeeds: lineFeeds))
            line += lineFeeds
        }
        return result
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

    /// Reads a part in chunks and looks through it (see ``scan(_:carriageReturnBefore:)``).
    /// - Returns: the part's line feeds, or `nil` when it cannot be split off (or not read).
    private static func scan(_ fd: Int32, _ range: Range<Int>) -> Int? {
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var offset = range.lowerBound
        var lineFeeds = 0
        var endsWithCarriageReturn = false
        while offset < range.upperBound {
            let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, min($0.count, range.upperBound - offset), off_t(offset)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return nil }
            offset += n
            let chunk = buffer.withUnsafeBufferPointer { bytes in
                scan(UnsafeBufferPointer(rebasing: bytes[0..<n]), carriageReturnBefore: endsWithCarriageReturn)
            }
            guard let count = chunk else { return nil }
            lineFeeds += count
            endsWithCarriageReturn = buffer[n - 1] == 0x0D
        }
        return lineFeeds
    }

    /// The line feeds in a chunk of a part, or `nil` when it holds what forbids splitting.
    /// - Parameter carriageReturnBefore: the chunk before ended with a carriage return (a line feed must follow).
    /// - Complexity: O(n), eight bytes at a time.
    static func scan(_ chunk: UnsafeBufferPointer<UInt8>, carriageReturnBefore: Bool) -> Int? {
        guard let base = chunk.baseAddress else { return 0 }
        var lineFeeds = 0
        var pendingCarriageReturn = carriageReturnBefore
        let words = chunk.count / 8
        for index in 0..<words {
            let word = ByteWords.load(base + index * 8)
            let lf = ByteWords.marks(of: 0x0A, in: word)
            let cr = ByteWords.marks(of: 0x0D, in: word)
            if ByteWords.marks(of: 0x22, in: word) != 0 { return nil }
            lineFeeds += lf.nonzeroBitCount
            if pendingCarriageReturn && lf & 0x80 == 0 { return nil }
            // A carriage return must be followed by a line feed: byte k's mark moved to byte k + 1.
            if (cr << 8) & ~lf != 0 { return nil }
            pendingCarriageReturn = cr >> 63 != 0
        }
        for i in (words * 8)..<chunk.count {
            let b = chunk[i]
            if b == 0x22 || (pendingCarriageReturn && b != 0x0A) { return nil }
            if b == 0x0A { lineFeeds += 1 }
            pendingCarriageReturn = b == 0x0D
        }
        // A chunk that ends with a carriage return is checked with the next chunk; a part other than
        // the last ends with a line feed, and the file may end with a carriage return.
        return lineFeeds
    }
}
