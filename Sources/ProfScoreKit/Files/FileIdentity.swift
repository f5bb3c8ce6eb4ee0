#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which file a path names, by device and inode: two spellings of one file
/// (`./a.csv`, `a.csv`, a link, `/dev/stdin` redirected from it) have one identity.
struct FileIdentity: Hashable, Sendable {
    var device: UInt64
    var inode: UInt64

    /// The identity of an existing file (links followed), or `nil`.
    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        self.init(info)
    }

    /// The identity of an open descriptor's file, or `nil`.
    init?(descriptor: Int32) {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        self.init(info)
    }

    init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}

/// What a file looked like when it was opened: reading it again later must
/// find the same, or it changed while it was read.
struct FileSnapshot: Equatable, Sendable {
    var identity: FileIdentity
    var size: Int64
    var modified: timespec
    var changed: timespec

    /// The snapshot of a regular file now (links followed); `nil` for
    /// anything else or a file that cannot be examined.
    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        identity = FileIdentity(info)
        size = Int64(info.st_size)
        #if canImport(Darwin)
        modified = info.st_mtimespec
        changed = info.st_ctimespec
        #else
        modified = info.st_mtim
        changed = info.st_ctim
        #endif
    }

    static func == (a: FileSnapshot, b: FileSnapshot) -> Bool {
        a.identity == b.identity && a.size == b.size
            && a.modified.tv_sec == b.modified.tv_sec && a.modified.tv_nsec == b.modified.tv_nsec
            && a.changed.tv_sec == b.changed.tv_sec && a.changed.tv_nsec == b.changed.tv_nsec
    }

    /// Throws when the file at `path` is no longer as it was.
    /// - Throws: ``ProfScoreError/changedWhileRead(path:)``.
    func verify(path: String, displayName: String) throws(ProfScoreError) {
        guard FileSnapshot(path: path) == self else { throw .changedWhileRead(path: displayName) }
    }
}
