/// A table printed aligned for the terminal and as Markdown for the docs.
struct Table {
    var title: String
    var headers: [String]
    /// Per column: right-aligned (numbers) or not.
    var rightAligned: [Bool]
    var rows: [[String]] = []
    var notes: [String] = []

    init(_ title: String, _ columns: [(String, Bool)]) {
        self.title = title
        headers = columns.map(\.0)
        rightAligned = columns.map(\.1)
    }

    mutating func add(_ cells: [String]) {
        precondition(cells.count == headers.count, "a row of \(cells.count) cells in a table of \(headers.count) columns")
        rows.append(cells)
    }

    var text: String {
        var widths = headers.map(\.count)
        for row in rows { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                let pad = String(repeating: " ", count: widths[index] - cell.count)
                return rightAligned[index] ? pad + cell : cell + pad
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        var out = [title, line(headers), widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")]
        out += rows.map(line)
        out += notes
        return out.joined(separator: "\n") + "\n"
    }

    var markdown: String {
        func escape(_ cell: String) -> String { cell.replacingOccurrences(of: "|", with: "\\|") }
        var out = ["**\(title)**", "", "| " + headers.map(escape).joined(separator: " | ") + " |",
                   "|" + rightAligned.map { $0 ? "---:|" : "---|" }.joined()]
        out += rows.map { "| " + $0.map(escape).joined(separator: " | ") + " |" }
        if !notes.isEmpty { out += [""] + notes.map { "- " + $0 } }
        return out.joined(separator: "\n") + "\n"
    }
}

import Foundation

enum Format {
    /// 1234567 → "1,234,567".
    static func count(_ value: Int) -> String {
        let digits = String(value)
        var out = ""
        for (index, c) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }

    static func seconds(_ value: Double) -> String {
        value < 10 ? String(format: "%.3f", value) : String(format: "%.2f", value)
    }

    static func fixed(_ value: Double, _ decimals: Int) -> String { String(format: "%.\(decimals)f", value) }

    /// A rate such as 2.1 M/s or 850 k/s.
    static func rate(_ value: Double) -> String {
        value >= 1e6 ? String(format: "%.2f M", value / 1e6) : String(format: "%.0f k", value / 1e3)
    }

    static func mebibytes(_ kibibytes: Int) -> String { String(format: "%.1f", Double(kibibytes) / 1024) }

    static func ratio(_ value: Double) -> String {
        value >= 10 ? String(format: "%.0f×", value) : String(format: "%.1f×", value)
    }
}
