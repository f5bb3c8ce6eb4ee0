/// The fast path of ``SheetReader``: resolves a *simple* record straight
/// from its bytes, without the scanner's field table.
///
/// A record is simple when it is one line without quotes or stray carriage
/// returns, has exactly the header's number of cells, is not blank, does not
/// start with a byte-order mark or repeat the header, and every answer cell
/// is empty or a spelling already in the ``CellCache`` that resolves to an
/// option (or to a missing answer). Such a record is one the general path
/// reads without a single diagnostic; anything else is refused, and the
/// general path reads it, so every diagnostic stays exactly as it was.
final class SimpleRowResolver {
    let fieldCount: Int
    let itemCount: Int
    let delimiter: UInt8
    /// What short cells resolve to; filled by the general path.
    let cache: CellCache
    /// Per field: the item index, or -1 for a respondent column, -2 for an ignored one.
    private let itemOfField: UnsafeMutablePointer<Int32>
    /// Per field: the item's answer format.
    private let formatOfField: UnsafeMutablePointer<Int32>
    /// Per field: where its text goes in the row's respondent columns, or -1 when not needed.
    private let infoOfField: UnsafeMutablePointer<Int32>
    /// The first and last answer columns and their header texts: a record
    /// with the same texts in both may be the header repeated, which the
    /// general path decides.
    private let firstItemField: Int
    private let firstItemHeader: [UInt8]
    private let lastItemField: Int
    private let lastItemHeader: [UInt8]
    /// Per byte value: 1 for the delimiter, 2 for a quote or a carriage return
    /// (the record is not simple), 0 for any other byte.
    private let byteClasses: UnsafeMutablePointer<UInt8>
    /// Per respondent column: the start and end of its text in the last record resolved.
    let infoStart: UnsafeMutablePointer<Int>
    let infoEnd: UnsafeMutablePointer<Int>
    let infoCount: Int
    /// The respondent columns rows need, and per column the last text read
    /// and its string (class names repeat from row to row: one string serves them all).
    private let neededSlots: UnsafeMutablePointer<Int>
    private var neededCount = 0
    /// The respondent columns rows do not need: always empty in a row.
    private let unneededSlots: UnsafeMutablePointer<Int>
    private var unneededCount = 0
    private let lastBytes: UnsafeMutablePointer<[UInt8]>
    private let lastStrings: UnsafeMutablePointer<String>

    /// - Parameters:
    ///   - fieldRole: per header field, the item index, -1 (respondent column) or -2 (ignored).
    ///   - formatOfItem: per item, its answer format.
    ///   - headerCells: the header's cells, as bytes.
    ///   - infoCount: the number of respondent columns.
    init(fieldRole: [Int], formatOfItem: [Int], itemCount: Int, headerCells: [[UInt8]], infoCount: Int,
         delimiter: UInt8, cache: CellCache) {
        fieldCount = fieldRole.count
        self.itemCount = itemCount
        self.delimiter = delimiter
        self.cache = cache
        byteClasses = .allocate(capacity: 256)
        byteClasses.initialize(repeating: 0, count: 256)
        byteClasses[0x22] = 2
        byteClasses[0x0D] = 2
        byteClasses[Int(delimiter)] = 1  // the delimiter first, whatever it is
        itemOfField = .allocate(capacity: max(fieldCount, 1))
        formatOfField = .allocate(capacity: max(fieldCount, 1))
        infoOfField = .allocate(capacity: max(fieldCount, 1))
        for (field, role) in fieldRole.enumerated() {
            itemOfField[field] = Int32(role)
            formatOfField[field] = role >= 0 ? Int32(formatOfItem[role]) : -1
        }
        self.infoCount = infoCount
        infoStart = .allocate(capacity: max(infoCount, 1))
        infoEnd = .allocate(capacity: max(infoCount, 1))
        neededSlots = .allocate(capacity: max(infoCount, 1))
        unneededSlots = .allocate(capacity: max(infoCount, 1))
        lastBytes = .allocate(capacity: max(infoCount, 1))
        lastBytes.initialize(repeating: [], count: infoCount)
        lastStrings = .allocate(capacity: max(infoCount, 1))
        lastStrings.initialize(repeating: "", count: infoCount)
        firstItemField = fieldRole.firstIndex { $0 >= 0 } ?? -1
        firstItemHeader = firstItemField >= 0 && firstItemField < headerCells.count ? headerCells[firstItemField] : []
        lastItemField = fieldRole.lastIndex { $0 >= 0 } ?? -1
        lastItemHeader = lastItemField >= 0 && lastItemField < headerCells.count ? headerCells[lastItemField] : []
        setNeededInfoColumns(nil)
    }

    deinit {
        byteClasses.deallocate()
        itemOfField.deallocate()
        formatOfField.deallocate()
        infoOfField.deallocate()
        infoStart.deallocate()
        infoEnd.deallocate()
        neededSlots.deallocate()
        unneededSlots.deallocate()
        lastBytes.deinitialize(count: infoCount).deallocate()
        lastStrings.deinitialize(count: infoCount).deallocate()
    }

    /// Which respondent columns rows need (`nil`: all); the others are not located.
    func setNeededInfoColumns(_ needed: [Bool]?) {
        var info: Int32 = 0
        neededCount = 0
        unneededCount = 0
        for field in 0..<fieldCount {
            infoOfField[field] = -1
            guard itemOfField[field] == -1 else { continue }
            if SheetReader.isNeeded(Int(info), needed) {
                infoOfField[field] = info
                neededSlots[neededCount] = Int(info)
                neededCount += 1
            } else {
                unneededSlots[unneededCount] = Int(info)
                unneededCount += 1
            }
            info += 1
        }
    }

    /// Whether a cell's bytes are those of a header cell.
    @inline(__always)
    private static func cell(_ start: UnsafePointer<UInt8>, count: Int, equals header: [UInt8]) -> Bool {
        count == header.count && header.withUnsafeBufferPointer { memcmp($0.baseAddress!, start, count) == 0 }
    }

    /// Puts the respondent columns of the line last resolved into `info`:
    /// the needed ones as read, the others empty (as the general path does,
    /// so that no row ever carries an earlier row's text).
    /// - Returns: `false` when a cell is not valid text (``SheetReader/infoText(_:)``):
    ///   the record is not simple, and `info` is unspecified.
    func fillInfo(_ line: UnsafeBufferPointer<UInt8>, into info: inout [String]) -> Bool {
        for k in 0..<unneededCount where !info[unneededSlots[k]].isEmpty {
            info[unneededSlots[k]] = ""
        }
        for k in 0..<neededCount {
            let slot = neededSlots[k]
            let cell = UnsafeBufferPointer(rebasing: line[infoStart[slot]..<infoEnd[slot]])
            let same = lastBytes[slot].withUnsafeBufferPointer { last in
                last.count == cell.count && (cell.isEmpty || memcmp(last.baseAddress!, cell.baseAddress!, cell.count) == 0)
            }
            if !same {
                lastBytes[slot].removeAll(keepingCapacity: true)
                let (text, valid) = SheetReader.infoText(cell)
                guard valid else {
                    lastStrings[slot] = ""
                    return false
                }
                lastBytes[slot].append(contentsOf: cell)
                lastStrings[slot] = text
            }
            info[slot] = lastStrings[slot]
        }
        return true
    }

    /// Resolves one line (without its line end).
    /// - Parameter codes: receives the option index per item (``ScoringPlan/missing`` where blank).
    /// - Returns: `false` when the line is not simple; `codes` and the
    ///   respondent columns' ranges are then unspecified.
    func resolve(_ line: UnsafeBufferPointer<UInt8>, codes: UnsafeMutablePointer<Int32>) -> Bool {
        let n = line.count
        guard n > 0, let p = line.baseAddress, p[0] != 0xEF else { return false }
        codes.update(repeating: ScoringPlan.missing, count: itemCount)
        // The tables in locals: stores through `codes` could otherwise make
        // the compiler load them again for every cell.
        let fieldCount = self.fieldCount, classes = byteClasses
        let itemOfField = self.itemOfField, formatOfField = self.formatOfField, infoOfField = self.infoOfField
        let cache = self.cache, firstItemField = self.firstItemField, lastItemField = self.lastItemField
        var field = 0
        var i = 0
        var nonBlank = false
        var firstItemIsHeader = false
        while true {
            let start = i
            // The end of the cell (cells are short: byte by byte beats eight at a time).
            while i < n && classes[Int(p[i])] == 0 { i += 1 }
            if i < n && classes[Int(p[i])] == 2 { return false }  // a quote or a carriage return
            guard field < fieldCount else { return false }
            let item = Int(itemOfField[field])
            if item >= 0 {
                var s = start, e = i
                while s < e && (p[s] == 0x20 || p[s] == 0x09) { s += 1 }
                while e > s && (p[e - 1] == 0x20 || p[e - 1] == 0x09) { e -= 1 }
                if s < e {
                    nonBlank = true
                    if field == firstItemField {
                        firstItemIsHeader = Self.cell(p + start, count: i - start, equals: firstItemHeader)
                    }
                    if field == lastItemField && firstItemIsHeader && Self.cell(p + start, count: i - start, equals: lastItemHeader) {
                        return false
                    }
                    guard e - s <= 8,
                          let value = cache.value(CellCache.pack(p, from: s, to: e), length: e - s, format: Int(formatOfField[field])),
                          value != ScoringPlan.unreadable
                    else { return false }
                    codes[item] = value
                }
            } else {
                let slot = Int(infoOfField[field])
                if slot >= 0 {
                    infoStart[slot] = start
                    infoEnd[slot] = i
                }
                if !nonBlank {
                    for k in start..<i where p[k] != 0x20 && p[k] != 0x09 {
                        nonBlank = true
                        break
                    }
                }
            }
            field += 1
            if i >= n { break }
            i += 1
        }
        return field == fieldCount && nonBlank
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
