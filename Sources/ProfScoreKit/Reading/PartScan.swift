/// Where a scanner stands after a byte, as far as record ends are concerned:
/// the reader's one rule for quotes (``DelimitedScanner``) as a state machine.
enum QuoteState: UInt8, Sendable {
    /// At the start of a cell (after a delimiter or a line end).
    case fieldStart
    /// In an unquoted cell, or after a quoted cell's closing quote: a quote here is a character.
    case unquoted
    /// In a quoted cell: a line feed here is part of the cell.
    case quoted
    /// After a quote in a quoted cell: a second quote makes it a character, anything else closes the cell.
    case quoteInQuoted

    /// The state after `byte`, and whether that byte ends a record (a line
    /// feed outside quotes; a carriage return before it changes nothing).
    @inline(__always)
    func after(_ byte: UInt8, delimiter: UInt8) -> (state: QuoteState, endsRecord: Bool) {
        switch self {
        case .quoted:
            return (byte == 0x22 ? .quoteInQuoted : .quoted, false)
        case .fieldStart, .unquoted, .quoteInQuoted:
            if byte == 0x0A { return (.fieldStart, true) }
            if byte == delimiter || byte == 0x0D { return (.fieldStart, false) }
            if byte == 0x22 {
                switch self {
                case .fieldStart, .quoteInQuoted: return (.quoted, false)
                default: return (.unquoted, false)
                }
            }
            return (.unquoted, false)
        }
    }
}

/// One part of a file read through once (``FileSplitter``), under both
/// states the part can start in: at a record start, or inside a quoted cell.
/// The two readings usually agree after the first cell that holds a quote
/// and a delimiter; from there one state is followed. Bytes without a quote
/// are taken eight at a time while no reading is inside a quoted cell.
struct PartScan: Sendable {
    let delimiter: UInt8
    /// Line feeds in the part (records and line breaks inside quoted cells alike).
    private(set) var lineFeeds = 0
    /// The state so far of the reading that started at a record start.
    private var fromRecordStart = QuoteState.fieldStart
    /// The state so far of the reading that started inside a quoted cell (until the readings agree).
    private var fromInsideQuotes = QuoteState.quoted
    /// Whether the two readings have reached the same state (they then stay together).
    private var agree = false
    /// Started inside a quoted cell: the offset just past the first line
    /// feed that ends a record, and the line feeds up to it (that one included).
    private(set) var firstRecordEndInsideQuotes: (offset: Int, lineFeeds: Int)?
    /// The chunk before ended with a carriage return (a line feed must follow).
    private var pendingCarriageReturn = false

    init(delimiter: UInt8) {
        self.delimiter = delimiter
    }

    /// The state at the end of the part.
    func endState(startingInsideQuotes: Bool) -> QuoteState {
        startingInsideQuotes && !agree ? fromInsideQuotes : fromRecordStart
    }

    /// Reads the next chunk of the part.
    /// - Parameter offset: the chunk's offset in the file.
    /// - Returns: `false` when the chunk holds what forbids splitting (a
    ///   carriage return not followed by a line feed).
    /// - Complexity: O(n).
    mutating func consume(_ chunk: UnsafeBufferPointer<UInt8>, at offset: Int) -> Bool {
        guard let base = chunk.baseAddress else { return true }
        let count = chunk.count
        var i = 0
        while i < count {
            // Eight bytes at once: no quote in them, the first reading outside
            // quoted cells, and the second one too or still inside its first cell.
            if i + 8 <= count, fromRecordStart == .fieldStart || fromRecordStart == .unquoted,
               agree || fromInsideQuotes == .quoted {
                let word = ByteWords.load(base + i)
                if ByteWords.marks(of: 0x22, in: word) == 0 {
                    let lf = ByteWords.marks(of: 0x0A, in: word)
                    let cr = ByteWords.marks(of: 0x0D, in: word)
                    if pendingCarriageReturn && lf & 0x80 == 0 { return false }
                    // A carriage return must be followed by a line feed: byte k's mark moved to byte k + 1.
                    if (cr << 8) & ~lf != 0 { return false }
                    pendingCarriageReturn = cr >> 63 != 0
                    if lf != 0 {
                        // Every line feed here ends a record for the first reading;
                        // for the second only once they agree (inside its cell, none does).
                        if agree && firstRecordEndInsideQuotes == nil {
                            firstRecordEndInsideQuotes = (offset + i + ByteWords.firstMarked(lf) + 1, lineFeeds + 1)
                        }
                        lineFeeds += lf.nonzeroBitCount
                    }
                    let last = base[i + 7]
                    fromRecordStart = last == delimiter || last == 0x0A || last == 0x0D ? .fieldStart : .unquoted
                    i += 8
                    continue
                }
            }
            let byte = base[i]
            if pendingCarriageReturn && byte != 0x0A { return false }
            pendingCarriageReturn = byte == 0x0D
            if byte == 0x0A { lineFeeds += 1 }
            let first = fromRecordStart.after(byte, delimiter: delimiter)
            fromRecordStart = first.state
            if agree {
                if first.endsRecord && firstRecordEndInsideQuotes == nil { firstRecordEndInsideQuotes = (offset + i + 1, lineFeeds) }
            } else {
                let second = fromInsideQuotes.after(byte, delimiter: delimiter)
                fromInsideQuotes = second.state
                if second.endsRecord && firstRecordEndInsideQuotes == nil { firstRecordEndInsideQuotes = (offset + i + 1, lineFeeds) }
                agree = second.state == first.state
            }
            i += 1
        }
        return true
    }
}
