import Synchronization

/// How far a run has got: sheets scored and bytes of answer files read,
/// added to by the threads that score and read by whoever shows progress.
/// Threads add in batches (every few thousand rows), so the lock costs nothing
/// that shows.
public final class ScoringProgress: Sendable {
    private let counts = Mutex((rows: 0, bytes: 0))

    public init() {}

    /// Adds rows scored and bytes read.
    public func add(rows: Int, bytes: Int) {
        counts.withLock {
            $0.rows += rows
            $0.bytes += bytes
        }
    }

    /// Rows scored and bytes read so far.
    public var current: (rows: Int, bytes: Int) {
        counts.withLock { $0 }
    }
}
