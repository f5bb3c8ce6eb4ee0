// The reference scorer (test oracle), part 3: records and fields
// (docs/answer-sheets.md, "Delimiters and quoting"), the delimiter, and the
// header's columns.
import Foundation

/// One field of a record, as decoded units, with how it was written.
struct RefField: Sendable {
    var units: [UInt32]
    var quoted: Bool
    /// Text after the closing quote of a quoted field (`"ab"c`), or a field
    /// that starts with spaces and then a quote: the docs do not say how to read it.
    var oddQuoting: Bool
    /// The line of the file where the field starts (a quoted line break before
    /// it puts it on a later line than its record).
    var line: Int = 0

    /// The text, or nil when a unit is not valid text in the file's encoding.
    var text: String? { RefText.string(units[...]) }
}

/// One record (a row of the table), with the line it starts on.
struct RefRecord: Sendable {
    var line: Int
    var fields: [RefField]
    /// A quote that was never closed (the record runs to the end of the file).
    var unclosedQuote: Bool

    var isEmptyLine: Bool { fields.count == 1 && fields[0].units.isEmpty && !fields[0].quoted }
    var allCellsEmpty: Bool { fields.allSatisfy { $0.units.isEmpty } }
}

enum RefSheet {
    static let quote: UInt32 = 0x22, lf: UInt32 = 0x0A, cr: UInt32 = 0x0D
    static let candidates: [UInt32] = [0x09, 0x3B, 0x2C]   // tab, `;`, `,` (the docs' order)

    /// Splits text into records (RFC 4180 as documented: `"` quotes, `""`
    /// inside quotes, line breaks inside quotes; lines end with LF, CRLF or CR).
    /// - Parameter firstLine: the line number of `units[start]`.
    static func records(_ units: [UInt32], from start: Int, firstLine: Int, delimiter: UInt32) -> [RefRecord] {
        var result: [RefRecord] = []
        var i = start
        var line = firstLine
        let n = units.count
        /// Consumes a line end at `i` if there is one; returns whether it did.
        func lineEnd() -> Bool {
            guard i < n else { return false }
            if units[i] == lf { i += 1; line += 1; return true }
            if units[i] == cr {
                i += 1
                if i < n && units[i] == lf { i += 1 }
                line += 1
                return true
            }
            return false
        }
        while i < n {
            var record = RefRecord(line: line, fields: [], unclosedQuote: false)
            var field = RefField(units: [], quoted: false, oddQuoting: false, line: line)
            var atFieldStart = true
            var endOfRecord = false
            while i < n && !endOfRecord {
                let u = units[i]
                if atFieldStart && u == quote {
                    // A quoted field.
                    field.quoted = true
                    atFieldStart = false
                    i += 1
                    var closed = false
                    while i < n {
                        if units[i] == quote {
                            if i + 1 < n && units[i + 1] == quote {
                                field.units.append(quote)
                                i += 2
                                continue
                            }
                            i += 1
                            closed = true
                            break
                        }
                        if units[i] == lf || units[i] == cr {
                            // Line breaks inside quotes are kept as they are, and counted.
                            if units[i] == cr && i + 1 < n && units[i + 1] == lf {
                                field.units.append(cr)
                                field.units.append(lf)
                                i += 2
                            } else {
                                field.units.append(units[i])
                                i += 1
                            }
                            line += 1
                            continue
                        }
                        field.units.append(units[i])
                        i += 1
                    }
                    if !closed { record.unclosedQuote = true }
                    continue
                }
                atFieldStart = false
                if u == delimiter {
                    record.fields.append(field)
                    field = RefField(units: [], quoted: false, oddQuoting: false, line: line)
                    atFieldStart = true
                    i += 1
                    continue
                }
                if u == lf || u == cr {
                    _ = lineEnd()
                    endOfRecord = true
                    continue
                }
                // Docs: a quote inside an unquoted field is read as a quote
                // (RFC 4180 forbids it; the docs do not say). Text after the
                // closing quote of a quoted field is appended, but marked.
                if field.quoted { field.oddQuoting = true }
                if u == quote && !field.units.isEmpty && field.units.allSatisfy({ $0 == 0x20 }) { field.oddQuoting = true }
                field.units.append(u)
                i += 1
            }
            record.fields.append(field)
            result.append(record)
        }
        return result
    }

    /// Counts each candidate delimiter outside quotes in the record that
    /// starts at `start` (up to its end, line breaks inside quotes included).
    static func delimiterCounts(_ units: [UInt32], from start: Int) -> [UInt32: Int] {
        var counts: [UInt32: Int] = [:]
        var inQuotes = false
        var i = start
        var atFieldStart = true
        while i < units.count {
            let u = units[i]
            if inQuotes {
                if u == quote {
                    if i + 1 < units.count && units[i + 1] == quote { i += 2; continue }
                    inQuotes = false
                }
                i += 1
                continue
            }
            if u == lf || u == cr { break }
            if u == quote && atFieldStart {
                inQuotes = true
                atFieldStart = false
            } else if candidates.contains(u) {
                counts[u, default: 0] += 1
                atFieldStart = true
                i += 1
                continue
            } else {
                atFieldStart = false
            }
            i += 1
        }
        return counts
    }

    /// The delimiter and where the table starts: the first line `sep=X`
    /// decides if present; otherwise the most frequent candidate in the
    /// first line that is not blank.
    static func delimiter(_ units: [UInt32], ambiguities: inout [String]) -> (delimiter: UInt32, start: Int, firstLine: Int) {
        // `sep=;` as the whole first line.
        var end = 0
        while end < units.count && units[end] != lf && units[end] != cr { end += 1 }
        if end == 5, let text = RefText.string(units[0..<5]), text.lowercased().hasPrefix("sep="),
           candidates.contains(units[4]) {
            // Docs: `sep=` is compared without case; the line is not part of the table.
            var next = end
            if next < units.count && units[next] == cr { next += 1 }
            if next < units.count && units[next] == lf { next += 1 }
            return (units[4], next, 2)
        }
        // The first line that is not blank. Docs: "blank" taken as empty; a line of
        // spaces only is marked.
        var i = 0
        var line = 1
        while i < units.count {
            var j = i
            while j < units.count && units[j] != lf && units[j] != cr { j += 1 }
            if j > i {
                if units[i..<j].allSatisfy({ $0 == 0x20 || $0 == 0xA0 || $0 == 0x09 }) { ambiguities.append("blank-line-of-spaces") }
                break
            }
            // Skip the empty line.
            if j < units.count && units[j] == cr { j += 1 }
            if j < units.count && units[j] == lf { j += 1 }
            i = j
            line += 1
        }
        let counts = delimiterCounts(units, from: i)
        let best = candidates.map { counts[$0] ?? 0 }.max() ?? 0
        let winners = candidates.filter { (counts[$0] ?? 0) == best }
        // Docs: the order on a tie is not given; a tie is marked (with one
        // column only, any delimiter reads the header the same way).
        if winners.count > 1 && best > 0 { ambiguities.append("delimiter-tie") }
        if best == 0 { ambiguities.append("single-column-header") }
        return (winners[0], 0, 1)
    }
}
