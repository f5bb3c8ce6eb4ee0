import Foundation
import Testing

/// A temporary folder for one test: `profscore` runs inside it, and it is
/// removed when the test ends.
///
/// Standard output and standard error are captured in files outside the
/// folder, so a test can list the folder and see exactly what the run wrote.
final class Workspace {
    /// The folder `profscore` runs in.
    let folder: URL
    private let root: URL
    private let captures: URL
    private var runCount = 0

    /// Seconds after which a run is stopped and reported as hanging.
    static let timeout: Double = 60

    init() throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("profscore-cli-tests-\(UUID().uuidString)", isDirectory: true)
        folder = root.appendingPathComponent("work", isDirectory: true)
        captures = root.appendingPathComponent("captures", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: captures, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    /// The path of a file in the folder.
    func path(_ name: String) -> String {
        folder.appendingPathComponent(name).path
    }

    /// Writes a file into the folder and returns its path.
    @discardableResult
    func write(_ name: String, bytes: [UInt8]) throws -> String {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// Writes a UTF-8 text file into the folder and returns its path.
    @discardableResult
    func write(_ name: String, text: String) throws -> String {
        try write(name, bytes: Array(text.utf8))
    }

    /// Copies a fixture of this test target into the folder and returns its path.
    @discardableResult
    func copyFixture(_ name: String, as newName: String? = nil) throws -> String {
        try write(newName ?? name, bytes: Fixtures.bytes(name))
    }

    /// The bytes of a file in the folder, or `nil` if there is none.
    func contents(_ name: String) -> [UInt8]? {
        FileManager.default.contents(atPath: path(name)).map { [UInt8]($0) }
    }

    /// The names of everything in the folder, hidden files included, sorted.
    func listing() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    /// Runs `profscore` in the folder.
    /// - Parameters:
    ///   - arguments: the command line after the program name.
    ///   - standardInput: bytes piped to standard input; without them
    ///     standard input is empty (`/dev/null`).
    ///   - standardInputFile: a file of the folder given as standard input
    ///     itself (as the shell's `< FILE` does), instead of a pipe.
    ///   - environment: variables to set for this run.
    ///   - addressSpaceLimit: when given, the run may use at most this
    ///     many kilobytes of address space (`ulimit -v`): a run that reserves
    ///     more fails to allocate and aborts.
    func run(_ arguments: [String], standardInput: [UInt8]? = nil, standardInputFile: String? = nil,
             environment extra: [String: String] = [:], addressSpaceLimit: Int? = nil) throws -> ProfscoreRun {
        runCount += 1
        let outURL = captures.appendingPathComponent("\(runCount).stdout")
        let errURL = captures.appendingPathComponent("\(runCount).stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: outURL)
        let errHandle = try FileHandle(forWritingTo: errURL)
        defer {
            try? outHandle.close()
            try? errHandle.close()
        }

        let process = Process()
        if let addressSpaceLimit {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "ulimit -v \(addressSpaceLimit) && exec \"$0\" \"$@\"", try ProfscoreBinary.url().path] + arguments
        } else {
            process.executableURL = try ProfscoreBinary.url()
            process.arguments = arguments
        }
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment.merge(extra) { $1 }
        process.environment = environment
        process.standardOutput = outHandle
        process.standardError = errHandle
        if let standardInput {
            // The bytes go into the pipe before the program starts, so the
            // pipe buffer must hold them all; test sheets are small.
            precondition(standardInput.count < 60_000, "standard input of a test run must fit a pipe buffer")
            let pipe = Pipe()
            try pipe.fileHandleForWriting.write(contentsOf: Data(standardInput))
            try pipe.fileHandleForWriting.close()
            process.standardInput = pipe
        } else if let standardInputFile {
            process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: path(standardInputFile)))
        } else {
            process.standardInput = FileHandle.nullDevice
        }

        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        if finished.wait(timeout: .now() + Self.timeout) == .timedOut {
            process.terminate()
            process.waitUntilExit()
            throw RunFailure(description: "profscore \(arguments.joined(separator: " ")) did not finish within \(Int(Self.timeout)) s")
        }
        process.waitUntilExit()
        guard process.terminationReason == .exit else {
            throw RunFailure(description: "profscore \(arguments.joined(separator: " ")) was killed by signal \(process.terminationStatus)")
        }
        return ProfscoreRun(
            arguments: arguments,
            status: process.terminationStatus,
            stdoutBytes: [UInt8](try Data(contentsOf: outURL)),
            stderrBytes: [UInt8](try Data(contentsOf: errURL)))
    }

    struct RunFailure: Error, CustomStringConvertible {
        var description: String
    }
}

/// What one run of `profscore` did.
struct ProfscoreRun {
    var arguments: [String]
    var status: Int32
    var stdoutBytes: [UInt8]
    var stderrBytes: [UInt8]

    var stdout: String { String(decoding: stdoutBytes, as: UTF8.self) }
    var stderr: String { String(decoding: stderrBytes, as: UTF8.self) }

    /// The lines of standard error, without the empty one after the last newline.
    var stderrLines: [String] {
        var lines = stderr.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// The lines of standard error that start with `prefix`.
    func stderrLines(startingWith prefix: String) -> [String] {
        stderrLines.filter { $0.hasPrefix(prefix) }
    }

    /// Standard output read as comma-separated values.
    func csv(delimiter: Character = ",") -> CSVDocument {
        CSVDocument(parsing: stdout, delimiter: delimiter)
    }
}

extension ProfscoreRun: CustomStringConvertible {
    /// The whole run, shown when an expectation fails.
    var description: String {
        "profscore \(arguments.joined(separator: " ")) → exit \(status)\n--- stdout:\n\(stdout)\n--- stderr:\n\(stderr)"
    }
}

/// Files of the repository, found from this source file.
enum Repository {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Support
        .deletingLastPathComponent()  // ProfScoreCLITests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    static func path(_ relative: String) -> String {
        root.appendingPathComponent(relative).path
    }

    static func bytes(_ relative: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: root.appendingPathComponent(relative)))
    }

    /// The ids of the bundled instruments, from the files in `Instruments/`.
    static func bundledInstrumentIDs() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path("Instruments"))
            .filter { $0.hasSuffix(".json") && $0 != "instrument.schema.json" }
            .map { String($0.dropLast(".json".count)) }
            .sorted()
    }
}

/// The fixture files of this test target (its `Fixtures` resource folder).
enum Fixtures {
    static func bytes(_ name: String) throws -> [UInt8] {
        let folder = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil),
                                  "the Fixtures resource folder is missing from the test bundle")
        return [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
    }
}
