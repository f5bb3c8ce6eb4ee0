/// The output formats of `profscore report`.
public enum ReportFormat: String, Sendable, CaseIterable {
    /// Markdown, for reading and pasting into documents.
    case md
    /// An aligned plain-text table for the terminal.
    case table
    /// CSV: tables one after another, each under its title.
    case csv
    /// The mergeable summary (`docs/report-format.md`).
    case json
    /// One self-contained, printable HTML file with charts.
    case html
}

extension ReportDocument.Table {
    /// Whether a column holds numbers, judged by its first cell that is not hidden.
    func alignsRight(column: Int) -> Bool {
        let row = rows.first { column < $0.count && $0[column] != .hidden } ?? rows.first
        return row.map { column < $0.count && $0[column].isNumeric } ?? false
    }
}

extension ReportDocument.Cell {
    /// The cell as text in a report's language.
    func text(_ t: ReportTexts) -> String {
        switch self {
        case .text(let text): text
        case .integer(let value): String(value)
        case .decimal(let value, let digits): t.number(value, digits: digits)
        case .percent(let value): t.percent(value)
        case .status(let met): t.status(met)
        case .hidden: "…"
        }
    }

    var isNumeric: Bool {
        switch self {
        case .text, .status: false
        case .integer, .decimal, .percent, .hidden: true
        }
    }
}
