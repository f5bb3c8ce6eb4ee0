import Testing
@testable import ProfScoreKit

/// The splitter cuts only at line feeds, gives each part its true first line,
/// and refuses files where a line feed may not end a record.
@Suite struct FileSplitterTests {
    /// What a ``PartScan`` must find, one byte at a time and each starting
    /// state followed on its own to the end (no eight-byte steps, no joining
    /// of the two readings): line feeds, the end states, the first record end
    /// when starting inside quotes, or `nil` for a lone carriage return.
    static func naiveScan(_ bytes: [UInt8], delimiter: UInt8) -> (lineFeeds: Int, fromStart: QuoteState, fromQuotes: QuoteState, firstEnd: Int?)? {
        var lineFeeds = 0, fromStart = QuoteState.fieldStart, fromQuotes = QuoteState.quoted
        var firstEnd: Int?
        for (index, b) in bytes.enumerated() {
            if index > 0 && bytes[index - 1] == 0x0D && b != 0x0A { return nil }
            if b == 0x0A { lineFeeds += 1 }
            fromStart = fromStart.after(b, delimiter: delimiter).state
            let second = fromQuotes.after(b, delimiter: delimiter)
            fromQuotes = second.state
            if second.endsRecord && firstEnd == nil { firstEnd = index + 1 }
        }
        return (lineFeeds, fromStart, fromQuotes, firstEnd)
    }

    @Test func eightBytesAtATimeAgreesWithOneByteAtATime() {
        var generator = MergeEquivalenceTests.Generator(state: 11)
        // Mostly text, delimiters, quotes and line ends, so that every state and both answers occur often.
        let alphabet: [UInt8] = [0x61, 0x61, 0x61, 0x61, 0xD0, 0x3B, 0x3B, 0x0A, 0x0A, 0x0D, 0x22, 0x22]
        var refused = 0, startsInQuotes = 0
        for _ in 0..<5_000 {
            let length = Int.random(in: 0...80, using: &generator)
            var bytes = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }
            // Often a clean CRLF text, which must be accepted.
            if Bool.random(using: &generator) {
                bytes = bytes.map { $0 == 0x0D ? 0x61 : $0 }.flatMap { $0 == 0x0A ? [0x0D, 0x0A] : [$0] }
            }
            // Often no quote at all, or long runs of text (the eight-byte steps).
            if Int.random(in: 0..<3, using: &generator) == 0 { bytes = bytes.map { $0 == 0x22 ? 0x61 : $0 } }
            if Bool.random(using: &generator) { bytes = bytes.flatMap { $0 == 0x61 ? [UInt8](repeating: 0x61, count: 9) : [$0] } }
            let expected = Self.naiveScan(bytes, delimiter: 0x3B)
            // Read in chunks of random sizes, as parts are read.
            var scan = PartScan(delimiter: 0x3B)
            var accepted = true, offset = 0
            while offset < bytes.count && accepted {
                let size = min(Int.random(in: 1...24, using: &generator), bytes.count - offset)
                accepted = bytes[offset..<(offset + size)].withUnsafeBufferPointer { scan.consume($0, at: 1_000 + offset) }
                offset += size
            }
            guard let expected else {
                #expect(!accepted, "\(bytes)")
                refused += 1
                continue
            }
            #expect(accepted, "\(bytes)")
            #expect(scan.lineFeeds == expected.lineFeeds, "\(bytes)")
            #expect(scan.endState(startingInsideQuotes: false) == expected.fromStart, "\(bytes)")
            #expect(scan.endState(startingInsideQuotes: true) == expected.fromQuotes, "\(bytes)")
            #expect(scan.firstRecordEndInsideQuotes?.offset == expected.firstEnd.map { 1_000 + $0 }, "\(bytes)")
            if let end = expected.firstEnd {
                #expect(scan.firstRecordEndInsideQuotes?.lineFeeds == bytes[..<end].filter { $0 == 0x0A }.count)
                startsInQuotes += 1
            }
        }
        #expect(refused > 300 && refused < 3_000)
        #expect(startsInQuotes > 1_000)
    }

    /// Records written with quoted cells holding line breaks, delimiters and
    /// doubled quotes, and a quote inside an unquoted cell (a character): the
    /// generator knows where each record starts and on which line. Every part
    /// must start at one of them, on its line.
    @Test func quotedFilesAreCutAtRecordStarts() throws {
        var generator = MergeEquivalenceTests.Generator(state: 5)
        for round in 0..<6 {
            var bytes = Array("id;ФИО;1;2\n".utf8)
            var recordStarts: [Int: Int] = [:]   // offset → line
            var line = 2
            for index in 0..<Int.random(in: 2_000...6_000, using: &generator) {
                recordStarts[bytes.count] = line
                var name: String
                switch Int.random(in: 0..<6, using: &generator) {
                case 0: name = "\"Имя\nФамилия\""                 // a line break inside quotes
                case 1: name = "\"a;b\n\n\"\"c\"\"\""             // delimiter, two line breaks, doubled quotes
                case 2: name = "O\"Brien"                            // a quote inside an unquoted cell
                case 3: name = "\"\""                                // an empty quoted cell
                default: name = "Имя \(index)"
                }
                if round % 2 == 1 { name = name.replacingOccurrences(of: "\n", with: "\r\n") }
                line += name.filter { $0 == "\n" || $0 == "\r\n" }.count + 1
                bytes += Array("S\(index);\(name);а;б".utf8) + (round % 2 == 1 ? [0x0D, 0x0A] : [0x0A])
            }
            let file = TemporaryFile(bytes)
            for wanted in [2, 3, 5, 8] {
                let parts = try #require(FileSplitter.split(path: file.path, encoding: .utf8, delimiter: 0x3B, dataStartLine: 2, parts: wanted, minimumSize: 1))
                #expect(parts.first?.bytes.lowerBound == Array("id;ФИО;1;2\n".utf8).count)
                #expect(parts.last?.bytes.upperBound == bytes.count)
                for (index, part) in parts.enumerated() {
                    #expect(recordStarts[part.bytes.lowerBound] == part.firstLine, "round \(round), \(wanted) parts: part \(index) at \(part.bytes.lowerBound), line \(part.firstLine)")
                    if index > 0 { #expect(parts[index - 1].bytes.upperBound == part.bytes.lowerBound) }
                    #expect(part.lineFeeds == bytes[part.bytes].filter { $0 == 0x0A }.count)
                }
            }
        }
    }

    /// A quote opened and never closed makes the rest of the file one record:
    /// no part starts after it.
    @Test func aQuoteNeverClosedKeepsTheRestInOnePart() throws {
        let rows = (0..<40_000).map { "S\($0);Имя;а;б" }
        let text = "id;ФИО;1;2\n" + rows[..<10_000].joined(separator: "\n") + "\nS;\"open;а;б\n" + rows[10_000...].joined(separator: "\n") + "\n"
        let file = TemporaryFile(text)
        let opened = Array(text.utf8).count - Array(("S;\"open;а;б\n" + rows[10_000...].joined(separator: "\n") + "\n").utf8).count
        let parts = try #require(FileSplitter.split(path: file.path, encoding: .utf8, delimiter: 0x3B, dataStartLine: 2, parts: 8, minimumSize: 1))
        #expect(parts.count >= 2)
        #expect(parts.allSatisfy { $0.bytes.lowerBound <= opened })
        #expect(parts.last?.bytes.upperBound == Array(text.utf8).count)
    }

    /// A CRLF file with a two-line header (a quoted header cell holding a line break).
    @Test func partsStartAfterLineFeedsWithTheirTrueLineNumbers() {
        var text = "\"id\r\nкод\";1;2\r\n"
        for index in 0..<60_000 { text += "\(index);а;\(String(repeating: "б", count: index % 7))\r\n" }
        let bytes = Array(text.utf8)
        let file = TemporaryFile(bytes)
        for parts in [2, 3, 5] {
            guard let split = FileSplitter.split(path: file.path, encoding: .utf8, delimiter: 0x3B, dataStartLine: 3, parts: parts, minimumSize: 1) else {
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

    @Test func refusesLoneCarriageReturnsAndUTF16() {
        let rows = (0..<50_000).map { "\($0);а;б" }
        let lone = TemporaryFile("id;1;2\n" + rows[..<30_000].joined(separator: "\n") + "\r" + rows[30_000...].joined(separator: "\n") + "\n")
        #expect(FileSplitter.split(path: lone.path, encoding: .utf8, delimiter: 0x3B, dataStartLine: 2, parts: 2, minimumSize: 1) == nil)
        let loneInQuotes = TemporaryFile("id;1;2\n" + rows.joined(separator: "\n") + "\n\"x\ry\";а;б\n")
        #expect(FileSplitter.split(path: loneInQuotes.path, encoding: .utf8, delimiter: 0x3B, dataStartLine: 2, parts: 2, minimumSize: 1) == nil)
        // A carriage return as the file's last byte is a line end like any other.
        let endsWithCR = TemporaryFile("id;1;2\r\n" + rows.joined(separator: "\r\n") + "\r")
        #expect(FileSplitter.split(path: endsWithCR.path, encoding: .utf8, delimiter: 0x3B, dataStartLine: 2, parts: 2, minimumSize: 1)?.count == 2)
        #expect(FileSplitter.split(path: endsWithCR.path, encoding: .utf16LE, delimiter: 0x3B, dataStartLine: 2, parts: 2, minimumSize: 1) == nil)
    }
}
