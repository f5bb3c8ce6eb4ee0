import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// No input is ever destroyed and no special file replaced: every input of a
/// command is compared with every output by device and inode (not by
/// spelling), a counted file given twice is refused, devices and FIFOs are
/// written straight into, links are followed, permissions kept; and the
/// runs that cannot go on end cleanly (closed standard error, endless
/// streams, FIFOs without a writer, names that are not UTF-8).
@Suite struct FileSafetyTests {
    static let sheet = "Examples/klimov-ddo-7a.csv"

    func workspaceWithSheet() throws -> (Workspace, [UInt8]) {
        let workspace = try Workspace()
        let bytes = try Repository.bytes(Self.sheet)
        try workspace.write("a.csv", bytes: bytes)
        return (workspace, bytes)
    }

    // MARK: inputs named as outputs

    @Test func templateDoesNotOverwriteItsRoster() throws {
        let workspace = try Workspace()
        let roster = "id,класс\n7А-01,7А\n"
        try workspace.write("r.csv", text: roster)
        let run = try workspace.run(["template", "klimov-ddo", "--roster", "r.csv", "--output", "./r.csv"])
        #expect(run.status == 64, "\(run)")
        #expect(workspace.contents("r.csv") == Array(roster.utf8))
        #expect(run.stderr.contains("--roster"), "\(run)")
    }

    struct InstrumentCase: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var testDescription: String { arguments.joined(separator: " ") }
    }

    @Test(arguments: [
        InstrumentCase(arguments: ["score", "--instrument", "my.json", "a.csv", "--output", "my.json"]),
        InstrumentCase(arguments: ["score", "--instrument", "my.json", "a.csv", "--diagnostics", "./my.json"]),
        InstrumentCase(arguments: ["report", "--instrument", "my.json", "a.csv", "--output", "my.json"]),
        InstrumentCase(arguments: ["analyze", "--instrument", "my.json", "a.csv", "--output", "my.json"]),
        InstrumentCase(arguments: ["norms", "--instrument", "my.json", "a.csv", "--output", "my.json"]),
        InstrumentCase(arguments: ["template", "my.json", "--output", "my.json"]),
        InstrumentCase(arguments: ["describe", "my.json", "--output", "my.json"]),
    ])
    func noCommandOverwritesTheInstrumentFile(_ test: InstrumentCase) throws {
        let (workspace, _) = try workspaceWithSheet()
        let instrument = try Repository.bytes("Instruments/klimov-ddo.json")
        try workspace.write("my.json", bytes: instrument)
        let run = try workspace.run(test.arguments)
        #expect(run.status == 64, "\(run)")
        #expect(workspace.contents("my.json") == instrument)
        #expect(try workspace.listing() == ["a.csv", "my.json"])
    }

    @Test func standardInputRedirectedFromTheOutputIsRefused() throws {
        let (workspace, bytes) = try workspaceWithSheet()
        let run = try workspace.run(["score", "--instrument", "klimov-ddo", "-", "--output", "a.csv"], standardInputFile: "a.csv")
        #expect(run.status == 64, "\(run)")
        #expect(workspace.contents("a.csv") == bytes)
    }

    @Test func pagesGoOnlyIntoANewOrEmptyFolder() throws {
        let (workspace, bytes) = try workspaceWithSheet()
        try workspace.write("pages/7А-01.html", text: "kept")
        try workspace.write("pages/a.csv", bytes: bytes)
        let refused = try workspace.run(["report", "--instrument", "klimov-ddo", "pages/a.csv", "--individual", "pages"])
        #expect(refused.status == 64, "\(refused)")
        #expect(workspace.contents("pages/7А-01.html") == Array("kept".utf8))
        #expect(workspace.contents("pages/a.csv") == bytes)
        #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.path("pages")).sorted() == ["7А-01.html", "a.csv"])

        try FileManager.default.createDirectory(atPath: workspace.path("empty"), withIntermediateDirectories: false)
        let written = try workspace.run(["report", "--instrument", "klimov-ddo", "a.csv", "--individual", "empty", "--output", "r.md"])
        #expect(written.status == 0, "\(written)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.path("empty")).count == 22)
    }

    @Test func theSameSheetTwiceIsRefused() throws {
        let (workspace, _) = try workspaceWithSheet()
        try FileManager.default.createSymbolicLink(atPath: workspace.path("link.csv"), withDestinationPath: "a.csv")
        for second in ["./a.csv", "link.csv"] {
            let run = try workspace.run(["report", "--instrument", "klimov-ddo", "a.csv", second, "--format", "json"])
            #expect(run.status == 64, "\(run)")
            #expect(run.stdout.isEmpty)
        }
    }

    @Test func theSameSummaryTwiceIsRefused() throws {
        let (workspace, _) = try workspaceWithSheet()
        let summary = try workspace.run(["report", "--instrument", "klimov-ddo", "a.csv", "--format", "json", "--output", "s.json"])
        #expect(summary.status == 0, "\(summary)")
        let run = try workspace.run(["merge", "s.json", "./s.json", "--format", "json"])
        #expect(run.status == 64, "\(run)")
        #expect(run.stdout.isEmpty)
    }

    // MARK: special files

    @Test func aLinkIsFollowedAndPermissionsAreKept() throws {
        let (workspace, _) = try workspaceWithSheet()
        try workspace.write("out.csv", text: "old\n")
        chmod(workspace.path("out.csv"), 0o600)
        try FileManager.default.createSymbolicLink(atPath: workspace.path("link"), withDestinationPath: "out.csv")
        let run = try workspace.run(["score", "--instrument", "klimov-ddo", "a.csv", "--output", "link"])
        #expect(run.status == 0, "\(run)")
        let link = try FileManager.default.attributesOfItem(atPath: workspace.path("link"))
        #expect(link[.type] as? FileAttributeType == .typeSymbolicLink)
        let out = try FileManager.default.attributesOfItem(atPath: workspace.path("out.csv"))
        #expect((out[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(String(decoding: workspace.contents("out.csv") ?? [], as: UTF8.self).hasPrefix("id,nature"))
    }

    @Test func aDeviceIsWrittenIntoNotReplaced() throws {
        let (workspace, _) = try workspaceWithSheet()
        let run = try workspace.run(["score", "--instrument", "klimov-ddo", "a.csv", "--output", "/dev/null", "--diagnostics", "/dev/null"])
        #expect(run.status == 0, "\(run)")
        let null = try FileManager.default.attributesOfItem(atPath: "/dev/null")
        #expect(null[.type] as? FileAttributeType == .typeCharacterSpecial)
    }

    /// `/dev/stdout` is whatever standard output is (here the test's capture
    /// file): written into, never replaced by a file of that name.
    @Test func devStdoutIsStandardOutput() throws {
        let (workspace, _) = try workspaceWithSheet()
        let run = try workspace.run(["score", "--instrument", "klimov-ddo", "a.csv", "--output", "/dev/stdout"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.hasPrefix("id,nature"))
        #expect(run.csv().rows.count == 22)
        let link = try FileManager.default.attributesOfItem(atPath: "/dev/stdout")
        #expect(link[.type] as? FileAttributeType == .typeSymbolicLink)
    }

    @Test func aFIFOIsWrittenIntoAndOneWithoutAReaderIsRefused() throws {
        let (workspace, _) = try workspaceWithSheet()
        let fifo = workspace.path("fifo")
        #expect(mkfifo(fifo, 0o600) == 0)
        let noReader = try workspace.run(["score", "--instrument", "klimov-ddo", "a.csv", "--output", "fifo"])
        #expect(noReader.status == 1, "\(noReader)")

        // A reader on another thread: what profscore writes comes out of the FIFO.
        let received = ReceivedBytes()
        let reader = Thread {
            let handle = FileHandle(forReadingAtPath: fifo)
            received.set(handle?.readDataToEndOfFile() ?? Data())
        }
        reader.start()
        let run = try workspace.run(["score", "--instrument", "klimov-ddo", "a.csv", "--output", "fifo"])
        #expect(run.status == 0, "\(run)")
        #expect(received.wait().starts(with: Array("id,nature".utf8)))
        let attributes = try FileManager.default.attributesOfItem(atPath: fifo)
        #expect(attributes[.type] as? FileAttributeType != .typeRegular)
    }

    // MARK: runs that end cleanly

    @Test func aFIFOWithoutAWriterDoesNotHang() throws {
        let workspace = try Workspace()
        #expect(mkfifo(workspace.path("in"), 0o600) == 0)
        let run = try workspace.run(["score", "--instrument", "klimov-ddo", "in"])
        #expect(run.status == 65, "\(run)")
    }

    @Test(arguments: ["/dev/zero", "/dev/urandom"])
    func anEndlessStreamIsRefusedAndLeavesNothing(_ device: String) throws {
        let workspace = try Workspace()
        let scratch = workspace.path("tmp")
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        let run = try workspace.run(["score", "--instrument", "klimov-ddo", device], environment: ["TMPDIR": scratch])
        #expect(run.status == 1, "\(run)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch).isEmpty)
    }

    /// The copy of standard input (children's answers) never has a name, so a
    /// run stopped while it reads leaves nothing in the temporary folder.
    @Test func aStoppedRunLeavesNoCopyOfStandardInput() throws {
        let workspace = try Workspace()
        let scratch = workspace.path("tmp")
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = try ProfscoreBinary.url()
        process.arguments = ["score", "--instrument", "klimov-ddo", "-"]
        process.environment = ["TMPDIR": scratch, "PATH": "/usr/bin:/bin"]
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        try input.fileHandleForWriting.write(contentsOf: try Repository.bytes(Self.sheet))
        Thread.sleep(forTimeInterval: 0.5)
        // Killed outright (a run's SIGTERM may be ignored when inherited so): no handler can tidy up.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch).isEmpty)
    }

    @Test func closedStandardErrorKeepsDiagnosticsOutOfTheOutput() throws {
        let (workspace, _) = try workspaceWithSheet()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "exec 2>&-; exec \"$0\" score --instrument klimov-ddo a.csv --output out.csv", try ProfscoreBinary.url().path]
        process.currentDirectoryURL = workspace.folder
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let output = String(decoding: workspace.contents("out.csv") ?? [], as: UTF8.self)
        #expect(output.hasPrefix("id,nature"))
        #expect(!output.contains("ошибка"), "a diagnostic went into the output:\n\(output)")
        #expect(output.split(separator: "\n").count == 23)
    }

    @Test func aFileNameThatIsNotUTF8IsRefusedNotChanged() throws {
        let (workspace, bytes) = try workspaceWithSheet()
        // «Пр.csv» in Windows-1251, as a file copied from an old Windows system is named.
        let name: [UInt8] = [0xCF, 0xF0] + Array(".csv".utf8)
        let path = Array(workspace.folder.path.utf8) + [0x2F] + name
        let fd = (path + [0]).withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { open($0, O_WRONLY | O_CREAT, 0o644) }
        }
        #expect(fd >= 0)
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // The shell passes the name's bytes as they are.
        process.arguments = ["-c", "exec \"$0\" score --instrument klimov-ddo \"$(printf '\\317\\360.csv')\"", try ProfscoreBinary.url().path]
        process.currentDirectoryURL = workspace.folder
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 64, "\(message)")
        #expect(message.contains("UTF-8"))
    }

    @Test func anOutputNameOf254BytesIsWritten() throws {
        let (workspace, _) = try workspaceWithSheet()
        let name = String(repeating: "x", count: 250) + ".csv"
        let run = try workspace.run(["score", "--instrument", "klimov-ddo", "a.csv", "--output", name])
        #expect(run.status == 0, "\(run)")
        #expect(try workspace.listing() == ["a.csv", name])
    }
}

/// Bytes handed from a reader thread to the test.
private final class ReceivedBytes: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var bytes = Data()

    func set(_ data: Data) {
        bytes = data
        done.signal()
    }

    func wait() -> Data {
        _ = done.wait(timeout: .now() + 30)
        return bytes
    }
}
