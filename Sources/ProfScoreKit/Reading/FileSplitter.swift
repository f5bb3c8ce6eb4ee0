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
enum FileSplitter {
    /// A part of a file: its bytes and the line number it starts at.
    struct Part: Sendable {
        var bytes: Range<Int>
        var firstLine: Int
    }

    /// Files smaller than this are not worth splitting.
    static let minimumSize = 4 << 20

    /// The parts of a file, or `nil` when it should be read in one go.
    /// - Parameters:
    ///   - path: a regular file.
    ///   - encoding: its encoding (UTF-8 or Windows-1251 can be split).
    ///   - dataStartLine: the line where data rows start (after the header).
    ///   - parts: how many parts are wanted.
    /// - Complexity: one pass over the file, reading 1 MiB at a time.
    ///   - minimumSize: smaller files are not split.
    static func split(path: String, encoding: SheetEncoding, dataStartLine: Int, parts: Int, minimumSize: Int = minimumSize) -> [Part]? {
        guard parts > 1, encoding != .utf16LE, encoding != .utf16BE else { return nil }
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) >= minimumSize else { return nil }
        let size = Int(info.st_size)
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }

        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var offset = 0
        var newlines = 0
        var dataStart: Int? = dataStartLine <= 1 ? 0 : nil
        var cuts: [Part] = []
        var nextTarget = Int.max
        func target(_ k: Int, from start: Int) -> Int { start + (size - start) * k / parts }
        if let dataStart { nextTarget = target(1, from: dataStart) }
        var startOfPart = dataStart ?? 0
        var firstLineOfPart = dataStartLine
        var chunkEndedWithCR = false
        while offset < size {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return nil }
            let cannotSplit = buffer.withUnsafeBufferPointer { bytes -> Bool in
                if chunkEndedWithCR && bytes[0] != 0x0A { return true }
                for i in 0..<n {
                    let b = bytes[i]
                    if b == 0x22 { return true }
                    if b == 0x0D && i + 1 < n && bytes[i + 1] != 0x0A { return true }
                    guard b == 0x0A else { continue }
                    newlines += 1
                    let after = offset + i + 1
                    if dataStart == nil && newlines == dataStartLine - 1 {
                        dataStart = after
                        startOfPart = after
                        nextTarget = target(1, from: after)
                    } else if let start = dataStart, after >= nextTarget, after < size, cuts.count < parts - 1 {
                        cuts.append(Part(bytes: startOfPart..<after, firstLine: firstLineOfPart))
                        startOfPart = after
                        firstLineOfPart = newlines + 1
                        nextTarget = target(cuts.count + 1, from: start)
                    }
                }
                return false
            }
            if cannotSplit { return nil }
            chunkEndedWithCR = buffer[n - 1] == 0x0D
            offset += n
        }
        guard dataStart != nil, !cuts.isEmpty else { return nil }
        cuts.append(Part(bytes: startOfPart..<size, firstLine: firstLineOfPart))
        return cuts
    }
}
