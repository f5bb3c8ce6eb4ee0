/// Renders a report as Markdown (GitHub-flavoured tables).
public enum MarkdownRenderer {
    public static func render(_ document: ReportDocument) -> String {
        let t = ReportTexts(language: document.language)
        var out = "# \(escape(document.title))\n\n"
        for line in document.meta { out += "- \(escape(line))\n" }
        for section in document.sections {
            out += "\n" + String(repeating: "#", count: section.level + 1) + " \(escape(section.title))\n"
            for block in section.blocks {
                switch block {
                case .paragraph(let text), .note(let text):
                    out += "\n\(escape(text))\n"
                case .notice(let text):
                    out += "\n> **\(escape(text))**\n"
                case .table(let table):
                    out += "\n**\(escape(table.caption))**\n\n"
                    out += "| " + table.columns.map(escape).joined(separator: " | ") + " |\n"
                    out += "|" + table.columns.indices.map { index in
                        table.alignsRight(column: index) ? "---:|" : "---|"
                    }.joined() + "\n"
                    for row in table.rows {
                        out += "| " + row.map { escape($0.text(t)) }.joined(separator: " | ") + " |\n"
                    }
                    if let footnote = table.footnote { out += "\n\(escape(footnote))\n" }
                case .bars, .stackedBars:
                    continue  // The numbers are in the tables; charts are drawn in HTML.
                }
            }
        }
        return out
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            if "|\\*_`[]<>#".contains(character) { out.append("\\") }
            out.append(character == "\n" ? " " : character)
        }
        return out
    }
}
