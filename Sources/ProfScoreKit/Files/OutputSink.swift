import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where an output goes: standard output, or a file that appears whole or
/// not at all.
///
/// A regular file is written to a temporary file beside it and renamed into
/// place by ``commit()``; if the run fails or is interrupted the old file is
/// untouched. A file that is replaced keeps its permissions (and, where the
/// system allows, its owner). A symbolic link is followed: the file it points
/// to is replaced, the link stays. A device, a FIFO or a socket is written
/// straight into, as it cannot be replaced (and so cannot be written whole or
/// not at all). On Linux the temporary file has no name until ``commit()``
/// (`O_TMPFILE`), so even a run killed with `kill -9` leaves nothing behind;
/// elsewhere, or on a file system without `O_TMPFILE`, it is a hidden file
/// `.profscore-PID-N.tmp` that a killed run leaves.
public final class OutputSink {
    private let descriptor: Int32
    private let temporaryPath: String?
    private let finalPath: String?
    /// The output's name as the user gave it, for messages.
    private let displayPath: String?
    /// The file is an unnamed `O_TMPFILE`, linked into place by ``commit()``.
    private let isUnnamed: Bool
    /// A device or FIFO written straight into: closed by ``commit()``.
    private var isDirect = false
    /// A new file of ``newFile(_:mode:)``: linked into place, never replacing anything.
    private var isExclusive = false
    private var buffer: [UInt8] = []
    private var failure: String?
    private var finished = false

    static let flushThreshold = 1 << 16

    /// An output to standard output.
    public static func standardOutput() -> OutputSink {
        OutputSink(descriptor: STDOUT_FILENO, temporaryPath: nil, finalPath: nil, displayPath: nil, isUnnamed: false)
    }

    /// Temporary names of this process, made unique by a counter.
    private static let temporaryCounter = Mutex(0)

    /// An output to a file: a regular file (new or replaced) written
    /// atomically, a device or FIFO written straight into.
    /// - Throws: ``ProfScoreError/io(path:reason:)`` when the folder cannot
    ///   take a new file, the path is a folder, or a FIFO has no reader.
    public static func file(_ path: String) throws(ProfScoreError) -> OutputSink {
        // An open descriptor named as a file (/dev/stdout, /dev/fd/N, /proc/self/fd/N)
        // is written into, whatever it is: a terminal, a pipe, a file the shell opened.
        if RunFiles.namesDescriptor(path) {
            let fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
            guard fd >= 0 else { throw .io(path: path, reason: String(cString: strerror(errno))) }
            return direct(fd, path: path)
        }
        let target = RunFiles.resolvingLinks(path)
        var existing = stat()
        let exists = stat(target, &existing) == 0
        if exists {
            switch existing.st_mode & S_IFMT {
            case S_IFREG: break
            case S_IFDIR: throw .io(path: path, reason: "is a folder, not a file")
            default:
                // A FIFO without a reader would block: opened without waiting, it says so.
                let fd = open(target, O_WRONLY | O_CLOEXEC | O_NONBLOCK)
                guard fd >= 0 else {
                    throw .io(path: path, reason: errno == ENXIO ? "nothing reads from this FIFO" : String(cString: strerror(errno)))
                }
                _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
                return direct(fd, path: path)
            }
        }
        // A replaced file keeps its permissions; a new one gets 0644 less the umask.
        let mode: mode_t
        if exists {
            mode = existing.st_mode & 0o7777
        } else {
            let mask = umask(0)
            umask(mask)
            mode = 0o644 & ~mask
        }
        return try temporary(for: target, displayPath: path, mode: mode, owner: exists ? existing : nil)
    }

    /// An output to a new file that must not exist yet (not even as a
    /// symbolic link), with exactly the permissions `mode`, written whole or
    /// not at all: ``commit()`` links the complete file into place and fails,
    /// leaving what is there untouched, if anything has that name by then.
    /// Used for a file that must never replace another (a new key).
    /// - Throws: ``ProfScoreError/io(path:reason:)`` when something has that
    ///   name already, or the folder cannot take a new file.
    public static func newFile(_ path: String, mode: mode_t) throws(ProfScoreError) -> OutputSink {
        var existing = stat()
        if lstat(path, &existing) == 0 { throw .io(path: path, reason: String(cString: strerror(EEXIST))) }
        let sink = try temporary(for: path, displayPath: path, mode: mode, owner: nil)
        sink.isExclusive = true
        return sink
    }

    /// A temporary file beside `target` (unnamed where the system allows),
    /// with permissions `mode` and, when it replaces a file, that file's owner.
    private static func temporary(for target: String, displayPath path: String, mode: mode_t, owner existing: stat?) throws(ProfScoreError) -> OutputSink {
        let directory = RunFiles.folder(of: target)
        let temporary = directory + "/.profscore-\(getpid())-\(temporaryCounter.withLock { $0 += 1; return $0 }).tmp"
        var fd: Int32 = -1
        var unnamed = false
        #if os(Linux)
        fd = open(directory, FileCalls.unnamedFile | O_WRONLY | O_CLOEXEC, 0o600)
        unnamed = fd >= 0
        #endif
        if fd < 0 {
            fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw .io(path: path, reason: String(cString: strerror(errno))) }
        }
        if let existing { _ = fchown(fd, existing.st_uid, existing.st_gid) }
        _ = fchmod(fd, mode)
        return OutputSink(descriptor: fd, temporaryPath: temporary, finalPath: target, displayPath: path, isUnnamed: unnamed)
    }

    /// A sink that writes straight into an open descriptor (a device, a
    /// FIFO, a descriptor named as a file), closed by ``commit()``.
    private static func direct(_ descriptor: Int32, path: String) -> OutputSink {
        let sink = OutputSink(descriptor: descriptor, temporaryPath: nil, finalPath: nil, displayPath: path, isUnnamed: false)
        sink.isDirect = true
        return sink
    }

    /// Where scratch files for this output's parts go: beside a regular
    /// file (on the same disk, so appending them is a copy inside the file
    /// system); `nil` (the temporary folder) for standard output, a device or a FIFO.
    public var scratchFolder: String? {
        finalPath.map(RunFiles.folder(of:))
    }

    /// A scratch file that nobody sees, for a part of an output written on
    /// another thread and appended to the output later (``append(_:inserting:)``).
    /// It is removed when the sink goes away.
    /// - Parameter directory: where to keep it (the output's folder keeps it
    ///   on the same disk); the system's temporary folder when `nil`.
    public static func scratch(in directory: String?) throws(ProfScoreError) -> OutputSink {
        let folder = directory ?? FileCalls.temporaryFolder
        #if os(Linux)
        let unnamed = open(folder, FileCalls.unnamedFile | O_RDWR | O_CLOEXEC, 0o600)
        if unnamed >= 0 { return OutputSink(scratch: unnamed) }
        #endif
        var template = Array((folder + "/.profscore-part-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw .io(path: folder, reason: String(cString: strerror(errno))) }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        return OutputSink(scratch: fd)
    }

    private convenience init(scratch descriptor: Int32) {
        self.init(descriptor: descriptor, temporaryPath: nil, finalPath: nil, displayPath: nil, isUnnamed: true)
        isScratch = true
    }

    /// A scratch file of ``scratch(in:)``: closed, and so gone, when discarded.
    private var isScratch = false

    /// Appends everything written to a scratch sink, with bytes inserted at
    /// some of its offsets, and discards it.
    /// - Parameter patches: offsets in `part`'s bytes, in increasing order, and what to insert there.
    /// - Throws: ``ProfScoreError/io(path:reason:)`` when the scratch file cannot be read back.
    public func append(_ part: OutputSink, inserting patches: [(offset: Int, bytes: [UInt8])]) throws(ProfScoreError) {
        part.flush()
        defer { part.discard() }
        if let failure = part.failure { throw .io(path: "(scratch file)", reason: failure) }
        flush()
        var offset = 0
        for patch in patches {
            try copy(from: part, range: offset..<patch.offset)
            writeDirectly(patch.bytes[...])
            offset = patch.offset
        }
        try copy(from: part, range: offset..<Int.max)
    }

    /// Copies a range of a scratch file (to its end at most) to this sink's file, past the buffer.
    private func copy(from part: OutputSink, range: Range<Int>) throws(ProfScoreError) {
        var offset = range.lowerBound
        // In the kernel when both are files; by reading and writing otherwise (a pipe, another system).
        if let copyFileRange = FileCalls.copyFileRange, failure == nil {
            while offset < range.upperBound {
                var from = Int64(offset)
                let n = copyFileRange(part.descriptor, &from, descriptor, nil, min(range.upperBound - offset, 1 << 30), 0)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                offset += n
                bytesWritten += n
                startWritingToDisk()
            }
            if offset >= range.upperBound { return }
        }
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while offset < range.upperBound {
            let n = chunk.withUnsafeMutableBytes { pread(part.descriptor, $0.baseAddress, min($0.count, range.upperBound - offset), off_t(offset)) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { throw .io(path: "(scratch file)", reason: String(cString: strerror(errno))) }
            if n == 0 { return }
            writeDirectly(chunk[0..<n])
            offset += n
        }
    }

    /// Bytes written to the descriptor, and how many of them the disk was asked to take.
    private var bytesWritten = 0
    private var bytesSentToDisk = 0

    /// For an output file: asks the system to start writing what was written
    /// so far, every 16 MiB, so that the `fsync` of ``commit()`` has little left to wait for.
    private func startWritingToDisk() {
        guard finalPath != nil, bytesWritten - bytesSentToDisk >= 16 << 20, let syncFileRange = FileCalls.syncFileRange else { return }
        _ = syncFileRange(descriptor, Int64(bytesSentToDisk), Int64(bytesWritten - bytesSentToDisk), FileCalls.startWriting)
        bytesSentToDisk = bytesWritten
    }

    /// Writes bytes past the buffer (which must be empty).
    private func writeDirectly(_ bytes: ArraySlice<UInt8>) {
        bytes.withUnsafeBufferPointer { writeDirectly($0) }
    }

    /// Writes bytes past the buffer (which must be empty).
    private func writeDirectly(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard failure == nil, !bytes.isEmpty else { return }
        let raw = UnsafeRawBufferPointer(bytes)
        var done = 0
        while done < raw.count {
            let n = Foundation.write(descriptor, raw.baseAddress! + done, raw.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                failure = String(cString: strerror(errno))
                return
            }
            done += n
        }
        bytesWritten += bytes.count
        startWritingToDisk()
    }

    private init(descriptor: Int32, temporaryPath: String?, finalPath: String?, displayPath: String?, isUnnamed: Bool) {
        self.descriptor = descriptor
        self.temporaryPath = temporaryPath
        self.finalPath = finalPath
        self.displayPath = displayPath
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

    /// Appends bytes; a large block goes straight to the file when nothing is buffered.
    public func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { write($0) }
    }

    /// Appends bytes; a large block goes straight to the file when nothing is buffered.
    public func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        if buffer.isEmpty && bytes.count >= Self.flushThreshold {
            writeDirectly(bytes)
            return
        }
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.flushThreshold { flush() }
    }

    /// Appends a string's UTF-8 bytes.
    public func write(_ string: String) {
        write(string.utf8)
    }

    private func flush() {
        writeDirectly(buffer[...])
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is buffered and, for a file, moves it into place.
    /// - Throws: ``ProfScoreError/io(path:reason:)`` if anything could not be written.
    public func commit() throws(ProfScoreError) {
        flush()
        finished = true
        let name = displayPath ?? "-"
        if isDirect {
            close(descriptor)
        } else if let temporaryPath, let finalPath {
            if failure == nil, fsync(descriptor) != 0 { failure = String(cString: strerror(errno)) }
            if isUnnamed, failure == nil {
                // Give the complete file its temporary name, then rename it over the old one.
                unlink(temporaryPath)
                if linkat(AT_FDCWD, "/proc/self/fd/\(descriptor)", AT_FDCWD, temporaryPath, AT_SYMLINK_FOLLOW) != 0 {
                    failure = String(cString: strerror(errno))
                }
            }
            close(descriptor)
            if failure == nil {
                // link(2) refuses a name that exists; rename(2) would replace it.
                let placed = isExclusive ? link(temporaryPath, finalPath) : rename(temporaryPath, finalPath)
                if placed != 0 { failure = String(cString: strerror(errno)) }
            }
            if failure != nil || isExclusive { unlink(temporaryPath) }
        }
        if let failure { throw .io(path: name, reason: failure) }
    }

    /// Abandons the output: a file's temporary copy is removed, the old file stays.
    public func discard() {
        guard !finished else { return }
        finished = true
        buffer.removeAll()
        if isScratch || isDirect {
            close(descriptor)
        } else if let temporaryPath {
            close(descriptor)
            if !isUnnamed { unlink(temporaryPath) }
        }
    }
}

