import Foundation

/// How far a run has got: sheets scored and bytes of answer files read,
/// added to by the threads that score and read by whoever shows progress.
/// Threads add in batches (every few thousand rows), so the lock costs nothing
/// that shows.
public final class ScoringProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var rowCount = 0
    private var byteCount = 0

    public init() {}

    /// Adds rows scored and bytes read.
    public func add(rows: Int, bytes: Int) {
        lock.lock()
        rowCount += rows
        byteCount += bytes
        lock.unlock()
    }

    /// Rows scored and bytes read so far.
    public var current: (rows: Int, bytes: Int) {
        lock.lock()
        defer { lock.unlock() }
        return (rowCount, byteCount)
    }
}
