import Foundation
import Testing

/// `profscore score` on a sheet large enough to be scored in parts: the
/// scores file and the diagnostics are byte for byte those of reading the
/// sheet in one go (`--threads 1`), including `duplicate-id` flags on rows
/// of later parts that repeat ids of earlier ones.
@Suite struct ParallelScoreTests {
    /// About 6 MB of ДДО rows in Windows-1251 with `;` and CRLF. Every 4,999th
    /// row repeats the id of a row about 70,000 rows earlier (so a repeat in
    /// a later part points into an earlier part), every 10,007th row has an
    /// unreadable cell, and some repeated rows also have one (a flag before
    /// `duplicate-id`) or a tie (a flag after it).
    static func largeSheet() -> (bytes: [UInt8], repeats: Int) {
        var text = "id;класс;" + (1...20).map(String.init).joined(separator: ";") + "\r\n"
        var state: UInt64 = 5
        func random() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        var repeats = 0
        for index in 0..<90_000 {
            var id = "59-\(index)"
            if index >= 70_000 && index % 4_999 == 0 {
                id = "59-\(index - 70_000 + 17)"
                repeats += 1
            }
            var answers = (0..<20).map { _ in random() & 1 == 0 ? "а" : "б" }
            if index % 10_007 == 3 || (index >= 70_000 && index % 14_997 == 0) { answers[7] = "в" }
            text += "\(id);\(["5А", "6Б", "9В"][index % 3]);" + answers.joined(separator: ";") + "\r\n"
        }
        let bytes: [UInt8] = text.unicodeScalars.map { scalar in
            scalar.value < 0x80 ? UInt8(scalar.value) : UInt8(scalar.value - 0x0410 + 0xC0)
        }
        return (bytes, repeats)
    }

    @Test(arguments: [["--lang", "en"], ["--lang", "en", "--excel"]])
    func partsWriteWhatOneReaderWrites(options: [String]) throws {
        let workspace = try Workspace()
        let (bytes, repeats) = Self.largeSheet()
        #expect(bytes.count > 4 << 20, "larger than the 4 MiB below which sheets are read in one go")
        let sheet = try workspace.write("region.csv", bytes: bytes)
        let base = ["score", "--instrument", "klimov-ddo", sheet, "--diagnostics", "-"] + options
        let whole = try workspace.run(base + ["--threads", "1", "--output", "whole.csv"])
        #expect(whole.status == 0, "\(whole.stderrLines.suffix(3))")
        let expected = try #require(workspace.contents("whole.csv"))
        let text = String(decoding: expected, as: UTF8.self)
        // What the sheet was built with, counted in the output of one reader
        // (for Excel the flags' labels, separated by commas).
        let excel = options.contains("--excel")
        let (repeated, before, after) = excel
            ? ("repeated id", "unreadable cell, repeated id", "repeated id, tie")
            : ("duplicate-id", "unreadable duplicate-id", "duplicate-id tie")
        #expect(text.components(separatedBy: repeated).count - 1 == repeats)
        #expect(text.contains(before), "a flag before the repeated id")
        #expect(text.contains(after), "a flag after the repeated id")
        #expect(whole.stderrLines.filter { $0.contains("already appeared at") }.count == repeats)
        for threads in ["2", "3"] {
            let parts = try workspace.run(base + ["--threads", threads, "--output", "parts\(threads).csv"])
            #expect(parts.status == whole.status)
            let actual = try #require(workspace.contents("parts\(threads).csv"))
            #expect(actual == expected, "\(threads) threads: the same bytes")
            #expect(parts.stderr == whole.stderr, "\(threads) threads: the same diagnostics in the same order")
        }
        #expect(try workspace.listing().sorted() == ["parts2.csv", "parts3.csv", "region.csv", "whole.csv"], "no scratch file is left")
    }

    /// Progress is shown on a terminal (here a pseudo-terminal made by
    /// util-linux's `script`) and nowhere else.
    @Test func progressIsShownOnATerminalOnly() throws {
        let workspace = try Workspace()
        let sheet = try workspace.write("region.csv", bytes: Self.largeSheet().bytes)
        let quiet = try workspace.run(["score", "--instrument", "klimov-ddo", sheet, "--output", "quiet.csv", "--lang", "en"])
        #expect(!quiet.stderr.contains("sheets scored"), "standard error is a file here: no progress")

        let script = "/usr/bin/script"
        try #require(FileManager.default.isExecutableFile(atPath: script), "util-linux's script makes the terminal")
        let binary = try ProfscoreBinary.url().path
        let command = [binary, "score", "--instrument", "klimov-ddo", sheet, "--output", workspace.path("shown.csv"), "--lang", "en", "--threads", "1"]
            .map { "'" + $0 + "'" }.joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: script)
        process.arguments = ["-qfec", command, "/dev/null"]
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let bytes = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(process.terminationStatus == 0, "\(text.suffix(300))")
        // Redrawn in place (carriage return, text, clear to the end of the line), then cleared.
        #expect(text.contains("sheets scored · "), "\(text.prefix(300))")
        #expect(text.contains(" of 5 MB read · "))
        let cleared = try #require(text.range(of: "\r\u{1B}[K", options: .backwards), "the line is cleared at the end")
        #expect(text[cleared.upperBound...].contains("90000 respondent(s) scored"), "\(text.suffix(200).debugDescription)")
        #expect(workspace.contents("shown.csv") == workspace.contents("quiet.csv"))
    }
}
