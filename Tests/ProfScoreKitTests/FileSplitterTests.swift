import Testing
@testable import ProfScoreKit

/// The splitter cuts only at line feeds, gives each part its true first line,
/// and refuses files where a line feed may not end a record.
@Suite struct FileSplitterTests {
    /// What ``FileSplitter/scan(_:carriageReturnBefore:)`` must say, byte by byte.
    static func naiveScan(_ bytes: [UInt8], carriageReturnBefore: Bool) -> Int? {
        var pending = carriageReturnBefore
        var lineFeeds = 0
        for b in bytes {
            if b == 0x22 { return nil }
            if pending && b != 0x0A { return nil }
            if b == 0x0A { lineFeeds += 1 }
            pending = b == 0x0D
        }
        return lineFeeds
    }

    @Test func eightBytesAtATimeAgreesWithOneByteAtATime() {
        var generator = MergeEquivalenceTests.Generator(state: 11)
        // Mostly text and line ends, so that both answers occur often.
        let alphabet: [UInt8] = [0x61, 0x61, 0x61, 0xD0, 0x3B, 0x0A, 0x0A, 0x0D, 0x0D, 0x22]
        var refused = 0
        for _ in 0..<5_000 {
            let length = Int.random(in: 0...40, using: &generator)
            let quoteAllowed = Bool.random(using: &generator)
            var bytes = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }
            if !quoteAllowed { bytes = bytes.map { $0 == 0x22 ? 0x61 : $0 } }
            // Often a clean CRLF text, which must be accepted.
            if Bool.random(using: &generator) {
                bytes = bytes.map { $0 == 0x0D || $0 == 0x22 ? 0x61 : $0 }
                bytes = bytes.flatMap { $0 == 0x0A ? [0x0D, 0x0A] : [$0] }
            }
            let before = Int.random(in: 0..<4, using: &generator) == 0
            let expected = Self.naiveScan(bytes, carriageReturnBefore: before)
            let actual = bytes.withUnsafeBufferPointer { FileSplitter.scan($0, carriageReturnBefore: before) }
            #expect(actual == expected, "\(bytes) after CR: \(before)")
            if expected == nil { refused += 1 }
        }
        #expect(refused > 500 && refused < 4_500)
    }

    /// A CRLF file with a two-line header (a quoted header cell holding a line break).
    @Test func partsStartAfterLineFeedsWithTheirTrueLineNumbers() {
        var text = "\"id\r\nкод\";1;2\r\n"
        for index in 0..<60_000 { text += "\(index);а;\(String(repeating: "б", count: index % 7))\r\n" }
        let bytes = Array(text.utf8)
        let file = TemporaryFile(bytes)
        for parts in [2, 3, 5] {
            guard let split = FileSplitter.split(path: file.path, encoding: .utf8, dataStartLine: 3, parts: parts, minimumSize: 1) else {
                Issue.record("not split into \(parts)")
                continue
            }
            #expect(split.count == parts)
            let dataStart = Array(text.utf8).indices.filter { bytes[$0] == 0x0A }[1] + 1
            #expect(split.first?.bytes.lowerBound == dataStart)
            #expect(split.last?.bytes.upperBound == bytes.count)
            for (index, part) in split.enumerated() {
                #expect(bytes[part.bytes.lowerBound - 1] == 0x0A, "part \(index) starts a line")
                if index > 0 { #expect(split[index - 1].bytes.upperBound == part.bytes.lowerBound) }
                // Counted independently: line feeds before the part's first byte, plus one.
                let line = bytes[..<part.bytes.lowerBound].filter { $0 == 0x0A }.count + 1
                #expect(part.firstLine == line)
            }
        }
    }

    @Test func refusesQuotesInDataAndLoneCarriageReturns() {
        let rows = (0..<50_000).map { "\($0);а;б" }
        let lone = TemporaryFile("id;1;2\n" + rows[..<30_000].joined(separator: "\n") + "\r" + rows[30_000...].joined(separator: "\n") + "\n")
        #expect(FileSplitter.split(path: lone.path, encoding: .utf8, dataStartLine: 2, parts: 2, minimumSize: 1) == nil)
        let quoted = TemporaryFile("id;1;2\n" + rows.joined(separator: "\n") + "\n\"x\";а;б\n")
        #expect(FileSplitter.split(path: quoted.path, encoding: .utf8, dataStartLine: 2, parts: 2, minimumSize: 1) == nil)
        // A carriage return as the file's last byte is a line end like any other.
        let endsWithCR = TemporaryFile("id;1;2\r\n" + rows.joined(separator: "\r\n") + "\r")
        #expect(FileSplitter.split(path: endsWithCR.path, encoding: .utf8, dataStartLine: 2, parts: 2, minimumSize: 1)?.count == 2)
        #expect(FileSplitter.split(path: endsWithCR.path, encoding: .utf16LE, dataStartLine: 2, parts: 2, minimumSize: 1) == nil)
    }
}
