import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Linux calls that Swift's Glibc module does not show (they need
/// `_GNU_SOURCE`), looked up once in the C library; `nil` where missing
/// (other systems, old C libraries), and callers then do without.
enum FileCalls {
    /// `copy_file_range(2)`: copies between files inside the kernel.
    typealias CopyFileRange = @convention(c) (Int32, UnsafeMutablePointer<Int64>?, Int32, UnsafeMutablePointer<Int64>?, Int, UInt32) -> Int
    /// `sync_file_range(2)`: starts writing a range of a file to disk.
    typealias SyncFileRange = @convention(c) (Int32, Int64, Int64, UInt32) -> Int32

    #if os(Linux)
    nonisolated(unsafe) private static let library = dlopen(nil, RTLD_NOW)
    static let copyFileRange: CopyFileRange? = dlsym(library, "copy_file_range").map { unsafeBitCast($0, to: CopyFileRange.self) }
    static let syncFileRange: SyncFileRange? = dlsym(library, "sync_file_range").map { unsafeBitCast($0, to: SyncFileRange.self) }
    #else
    static let copyFileRange: CopyFileRange? = nil
    static let syncFileRange: SyncFileRange? = nil
    #endif

    /// `SYNC_FILE_RANGE_WRITE`: start the writing, do not wait for it.
    static let startWriting: UInt32 = 2

    #if os(Linux)
    /// `O_TMPFILE` (not exported by Glibc's module, `__O_TMPFILE | O_DIRECTORY`):
    /// opening a folder with it makes a file that has no name in the folder.
    static let unnamedFile = Int32(0o20000000) | O_DIRECTORY
    #endif

    /// The folder for temporary files: `TMPDIR`, or `/tmp` when it is unset or empty.
    static var temporaryFolder: String {
        ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    }
}
