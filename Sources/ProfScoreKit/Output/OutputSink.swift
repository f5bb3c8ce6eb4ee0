import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where an output goes: standard output, or a file that appears whole or
/// not at all.
///
/// A file is written to a temporary file beside it and renamed into place by
/// ``commit()``; if the run fails or is interrupted the old file is untouched.
/// On Linux the temporary file has no name until ``commit()`` (`O_TMPFILE`),
/// so even a run killed with `kill -9` leaves nothing behind; elsewhere, or
/// on a file system without `O_TMPFILE`, it is a hidden file
/// `.NAME.PID.tmp` that a killed run leaves.
public final class OutputSink {
    private let descriptor: Int32
    private let temporaryPath: String?
    private let finalPath: String?
    /// The file is an unnamed `O_TMPFILE`, linked into place by ``commit()``.
    private let isUnnamed: Bool
    private var buffer: [UInt8] = []
    private var failure: String?
    private var finished = false

    static let flushThreshold = 1 << 16

    /// An output to standard output.
    public static func standardOutput() -> OutputSink {
        OutputSink(descriptor: STDOUT_FILENO, temporaryPath: nil, finalPath: nil, isUnnamed: false)
    }

    /// An output to a file, written atomically.
    /// - Throws: ``ProfScoreError/io(path:reason:)`` when the folder cannot take a new file.
    public static func file(_ path: String) throws(ProfScoreError) -> OutputSink {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        let temporary = directory + "/.\(url.lastPathComponent).\(getpid()).tmp"
        #if os(Linux)
        // O_TMPFILE (not exported by Glibc's module): __O_TMPFILE | O_DIRECTORY.
        let unnamed = open(directory, Int32(0o20000000) | O_DIRECTORY | O_WRONLY | O_CLOEXEC, 0o644)
        if unnamed >= 0 {
            return OutputSink(descriptor: unnamed, temporaryPath: temporary, finalPath: path, isUnnamed: true)
        }
        #endif
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .io(path: path, reason: String(cString: strerror(errno))) }
        return OutputSink(descriptor: fd, temporaryPath: temporary, finalPath: path, isUnnamed: false)
    }

    private init(descriptor: Int32, temporaryPath: String?, finalPath: String?, isUnnamed: Bool) {
        self.descriptor = descriptor
        self.temporaryPath = temporaryPath
        self.finalPath = finalPath
        self.isUnnamed = isUnnamed
        buffer.reserveCapacity(Self.flushThreshold * 2)
    }

    deinit {
        if !finished { discard() }
    }

    /// Appends bytes.
    public func write(_ bytes: some Sequence<UInt8>) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.flushThreshold { flush() }
    }

    /// Appends a string's UTF-8 bytes.
    public func write(_ string: String) {
        write(string.utf8)
    }

    private func flush() {
        guard failure == nil, !buffer.isEmpty else { buffer.removeAll(keepingCapacity: true); return }
        buffer.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    return
                }
                offset += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is buffered and, for a file, moves it into place.
    /// - Throws: ``ProfScoreError/io(path:reason:)`` if anything could not be written.
    public func commit() throws(ProfScoreError) {
        flush()
        finished = true
        let name = finalPath ?? "-"
        if let temporaryPath, let finalPath {
            if failure == nil, fsync(descriptor) != 0 { failure = String(cString: strerror(errno)) }
            if isUnnamed, failure == nil {
                // Give the complete file its temporary name, then rename it over the old one.
                unlink(temporaryPath)
                if linkat(AT_FDCWD, "/proc/self/fd/\(descriptor)", AT_FDCWD, temporaryPath, AT_SYMLINK_FOLLOW) != 0 {
                    failure = String(cString: strerror(errno))
                }
            }
            close(descriptor)
            if failure == nil, rename(temporaryPath, finalPath) != 0 { failure = String(cString: strerror(errno)) }
            if failure != nil { unlink(temporaryPath) }
        }
        if let failure { throw .io(path: name, reason: failure) }
    }

    /// Abandons the output: a file's temporary copy is removed, the old file stays.
    public func discard() {
        finished = true
        buffer.removeAll()
        if let temporaryPath {
            close(descriptor)
            if !isUnnamed { unlink(temporaryPath) }
        }
    }
}
