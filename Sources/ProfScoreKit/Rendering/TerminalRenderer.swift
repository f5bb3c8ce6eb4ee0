/// Renders a report as plain text with aligned tables, for the terminal.
public enum TerminalRenderer {
    public static func render(_ document: ReportDocument) -> String {
        let t = ReportTexts(language: document.language)
        var out = document.title + "\n" + String(repeating: "═", count: document.title.count) + "\n"
        for line in document.meta { out += line + "\n" }
        for section in document.sections {
            out += "\n" + section.title + "\n" + String(repeating: section.level == 1 ? "━" : "─", count: section.title.count) + "\n"
            for block in section.blocks {
                switch block {
                case .paragraph(let text), .note(let text): out += text + "\n"
                case .notice(let text): out += "! " + text + "\n"
                case .table(let table):
                    out += "\n" + table.caption + "\n"
                    let rows = [table.columns] + table.rows.map { $0.map { $0.text(t) } }
                    let numeric = table.columns.indices.map { table.alignsRight(column: $0) }
                    var widths = [Int](repeating: 0, count: table.columns.count)
                    for row in rows { for (index, cell) in row.enumerated() where index < widths.count { widths[index] = max(widths[index], cell.count) } }
                    for (rowIndex, row) in rows.enumerated() {
                        let line = row.enumerated().map { index, cell in
                            let padding = String(repeating: " ", count: widths[index] - cell.count)
                            return numeric[index] && rowIndex > 0 ? padding + cell : cell + padding
                        }.joined(separator: "  ")
                        out += line.trimmingTrailingSpaces() + "\n"
                        if rowIndex == 0 { out += widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n" }
                    }
                    if let footnote = table.footnote { out += footnote + "\n" }
                case .bars, .stackedBars:
                    continue
                }
            }
        }
        return out
    }
}
