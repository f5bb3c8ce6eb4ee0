import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An input that can be read more than once: a regular file is used where it
/// is; standard input (`-`), a pipe, a FIFO or a device is first copied, in
/// chunks, into a temporary file.
///
/// On Linux the copy has no name (`O_TMPFILE`, read through `/proc/self/fd`),
/// so it is gone however the run ends — Ctrl-C, `kill`, a closed pipe; elsewhere
/// it is removed when this value goes away. What is copied is checked as it
/// comes: a stream that starts with NUL bytes and no UTF-16 byte-order mark
/// (`/dev/zero`, `/dev/urandom`, a binary file) is not a sheet and is refused
/// at once, and no copy grows past ``maximumCopySize``. A FIFO is opened
/// without waiting for a writer; one with no writer reads as empty. A
/// terminal as standard input is refused (it would wait for typing).
public final class SpooledInput {
    /// The name to show in diagnostics (as the user gave it).
    public let displayName: String
    /// The path to read.
    public let path: String
    /// The temporary copy's descriptor, kept open while the copy is in use.
    private let copyDescriptor: Int32?
    /// A named temporary copy to remove (systems without unnamed files).
    private let namedCopy: String?

    /// The most bytes copied from a stream: about 60 million ДДО sheets.
    public static let maximumCopySize: Int64 = 4 << 30

    /// Prepares an input.
    /// - Throws: ``ProfScoreError/io(path:reason:)`` when it cannot be opened
    ///   or copied, is a terminal, or is not text.
    public init(_ name: String) throws(ProfScoreError) {
        displayName = name
        var info = stat()
        if name == "-" {
            if isatty(STDIN_FILENO) == 1 {
                throw .io(path: "-", reason: "standard input is a terminal; pipe a sheet into it (profscore … - < sheet.csv) or name the file instead of -")
            }
        } else {
            guard stat(name, &info) == 0 else { throw .io(path: name, reason: String(cString: strerror(errno))) }
            switch info.st_mode & S_IFMT {
            case S_IFREG:
                path = name
                copyDescriptor = nil
                namedCopy = nil
                return
            case S_IFDIR:
                throw .io(path: name, reason: "is a folder, not a file")
            default:
                break
            }
        }
        // A FIFO opened without waiting for a writer (then read as usual).
        let source = name == "-" ? STDIN_FILENO : open(name, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard source >= 0 else { throw .io(path: name, reason: String(cString: strerror(errno))) }
        defer { if name != "-" { close(source) } }
        if name != "-" { _ = fcntl(source, F_SETFL, fcntl(source, F_GETFL) & ~O_NONBLOCK) }

        let folder = FileCalls.temporaryFolder
        var target: Int32 = -1
        var named: String?
        #if os(Linux)
        target = open(folder, FileCalls.unnamedFile | O_RDWR | O_CLOEXEC, 0o600)
        #endif
        if target < 0 {
            let temporary = folder + "/profscore-input-\(getpid())-\(UUID().uuidString)"
            target = open(temporary, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            guard target >= 0 else { throw .io(path: name, reason: String(cString: strerror(errno))) }
            named = temporary
        }
        do throws(ProfScoreError) {
            try Self.copy(from: source, to: target, name: name)
        } catch {
            close(target)
            if let named { unlink(named) }
            throw error
        }
        copyDescriptor = target
        namedCopy = named
        path = named ?? "/proc/self/fd/\(target)"
    }

    /// Copies a stream into the temporary file, checking that it looks like text.
    private static func copy(from source: Int32, to target: Int32, name: String) throws(ProfScoreError) {
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var total: Int64 = 0
        var checked = false
        while true {
            let n = buffer.withUnsafeMutableBytes { read(source, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .io(path: name, reason: String(cString: strerror(errno)))
            }
            if n == 0 { return }
            if !checked {
                checked = true
                if !looksLikeText(buffer[0..<n]) {
                    throw .io(path: name, reason: "this is not a text sheet (it has NUL bytes and no UTF-16 byte-order mark); give a CSV or TSV file")
                }
            }
            total += Int64(n)
            if total > maximumCopySize {
                throw .io(path: name, reason: "more than \(maximumCopySize >> 30) GiB came from this stream; save it as a file and give the file instead")
            }
            var offset = 0
            while offset < n {
                let written = buffer.withUnsafeBytes { write(target, $0.baseAddress! + offset, n - offset) }
                if written < 0 {
                    if errno == EINTR { continue }
                    throw .io(path: name, reason: "the temporary copy could not be written: " + String(cString: strerror(errno)))
                }
                offset += written
            }
        }
    }

    /// Whether the first bytes of a stream can be a sheet: a UTF-16 sheet
    /// starts with its byte-order mark; any other text has no NUL byte.
    static func looksLikeText(_ bytes: ArraySlice<UInt8>) -> Bool {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { return true }
        return !bytes.contains(0)
    }

    deinit {
        if let copyDescriptor { close(copyDescriptor) }
        if let namedCopy { unlink(namedCopy) }
    }
}
