/// Renders a report as CSV: the report's title and what it is about
/// (instrument, year, school, date, counts) first, one per row, then every
/// table under a title row, tables separated by an empty row. With `excel`: UTF-8 with BOM, `;`, CRLF, decimal comma
/// (what Russian Excel opens directly); numbers stay numbers, and text cells
/// that Excel would run as formulas are neutralised.
public enum CSVReportRenderer {
    public static func render(_ document: ReportDocument, excel: Bool) -> [UInt8] {
        let delimiter: UInt8 = excel ? 0x3B : 0x2C
        let newline: [UInt8] = excel ? [0x0D, 0x0A] : [0x0A]
        var out: [UInt8] = excel ? [0xEF, 0xBB, 0xBF] : []
        let t = ReportTexts(language: document.language)
        func row(_ cells: [ReportDocument.Cell]) {
            for (index, cell) in cells.enumerated() {
                if index > 0 { out.append(delimiter) }
                switch cell {
                case .integer(let value): out.append(contentsOf: String(value).utf8)
                case .decimal(let value?, let digits): appendNumber(value, digits: digits, excel: excel)
                case .percent(let value?): appendNumber(value, digits: 1, excel: excel)
                case .decimal(nil, _), .percent(nil): break
                case .text, .status, .hidden: CSVCell.appendText(cell.text(t), delimiter: delimiter, to: &out)
                }
            }
            out.append(contentsOf: newline)
        }
        row([.text(document.title)])
        for line in document.meta { row([.text(line)]) }
        for section in document.sections {
            for block in section.blocks {
                guard case .table(let table) = block else { continue }
                out.append(contentsOf: newline)
                row([.text(section.title == table.caption ? table.caption : section.title + " — " + table.caption)])
                row(table.columns.map { .text($0) })
                for cells in table.rows { row(cells) }
                if let footnote = table.footnote { row([.text(footnote)]) }
            }
        }
        return out

        func appendNumber(_ value: Double, digits: Int, excel: Bool) {
            let text = String(format: "%.\(digits)f", value)
            out.append(contentsOf: (excel ? text.replacingOccurrences(of: ".", with: ",") : text).utf8)
        }
    }
}

import Foundation
