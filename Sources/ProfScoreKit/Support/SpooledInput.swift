import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An input that can be read more than once: a regular file is used where it
/// is; standard input (`-`), a pipe or a device is first copied, in chunks,
/// into a temporary file that is removed when this value goes away.
public final class SpooledInput {
    /// The name to show in diagnostics (as the user gave it).
    public let displayName: String
    /// The path to read.
    public let path: String
    private let isTemporary: Bool

    /// Prepares an input.
    /// - Throws: ``ProfScoreError/io(path:reason:)`` when it cannot be opened or copied.
    public init(_ name: String) throws(ProfScoreError) {
        displayName = name
        if name != "-" {
            var info = stat()
            if stat(name, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG {
                path = name
                isTemporary = false
                return
            }
            if stat(name, &info) != 0 { throw .io(path: name, reason: String(cString: strerror(errno))) }
            if (info.st_mode & S_IFMT) == S_IFDIR { throw .io(path: name, reason: "is a folder, not a file") }
        }
        let source = name == "-" ? STDIN_FILENO : open(name, O_RDONLY)
        guard source >= 0 else { throw .io(path: name, reason: String(cString: strerror(errno))) }
        defer { if name != "-" { close(source) } }
        let temporary = NSTemporaryDirectory() + "profscore-input-\(getpid())-\(UUID().uuidString)"
        let target = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard target >= 0 else { throw .io(path: name, reason: String(cString: strerror(errno))) }
        defer { close(target) }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var failure: String?
        copying: while true {
            let n = buffer.withUnsafeMutableBytes { read(source, $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue }; failure = String(cString: strerror(errno)); break }
            if n == 0 { break }
            var offset = 0
            while offset < n {
                let written = buffer.withUnsafeBytes { write(target, $0.baseAddress! + offset, n - offset) }
                if written < 0 { if errno == EINTR { continue }; failure = String(cString: strerror(errno)); break copying }
                offset += written
            }
        }
        if let failure {
            unlink(temporary)
            throw .io(path: name, reason: failure)
        }
        path = temporary
        isTemporary = true
    }

    deinit {
        if isTemporary { unlink(path) }
    }
}
