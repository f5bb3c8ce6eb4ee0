import Foundation
import Testing

/// Every CSV the tool writes: no text cell starts with = + - @ tab or CR
/// (Excel would run it as a formula) unless it is a plain number, and the
/// hostile texts of the input come out with a leading apostrophe.
@Suite struct ExcelSafetyTests {
    /// Seven students of a class named «=2+3» in a school named «+7 школа»
    /// (enough for the class to be shown: --min-cell 5), with a note column
    /// holding formulas and negative numbers; five more in another school, so
    /// that the report has more than one school and class to show.
    static let sheet: String = {
        let header = "id;школа;класс;примечание;" + (1...20).map(String.init).joined(separator: ";")
        let notes = ["=HYPERLINK(\"http://example.invalid\")", "@SUM(A1)", "-2", "-3,5", "\tTAB", "\rCR", "+7 912"]
        let rows = notes.enumerated().map { index, note in
            let quoted = "\"" + note.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            return "S\(index + 1);+7 школа;=2+3;\(quoted);" + (1...20).map { ($0 + index) % 2 == 0 ? "а" : "б" }.joined(separator: ";")
        }
        let others = (1...5).map { "T\($0);Школа 2;7Б;;" + Array(repeating: "а", count: 20).joined(separator: ";") }
        return ([header] + rows + others).joined(separator: "\n") + "\n"
    }()

    /// Cells that start like a formula and are not plain numbers.
    static func dangerousCells(_ csv: CSVDocument) -> [String] {
        (csv.rows + [csv.header]).flatMap { $0 }.filter { cell in
            guard let first = cell.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return false }
            return cell.wholeMatch(of: /[-+]?[0-9]+([.,][0-9]+)?/) == nil && cell != "-" && cell != "+"
        }
    }

    struct OutputCase: Sendable, CustomTestStringConvertible {
        var name: String
        var arguments: [String]
        var delimiter: Character
        var testDescription: String { name }
    }

    static let outputs: [OutputCase] = [
        OutputCase(name: "score --format csv", arguments: ["score", "--instrument", "klimov-ddo", "sheet.csv"], delimiter: ","),
        OutputCase(name: "score --excel", arguments: ["score", "--instrument", "klimov-ddo", "sheet.csv", "--excel"], delimiter: ";"),
        OutputCase(name: "report --format csv", arguments: ["report", "--instrument", "klimov-ddo", "sheet.csv", "--format", "csv"], delimiter: ","),
        OutputCase(name: "report --format csv --excel",
                   arguments: ["report", "--instrument", "klimov-ddo", "sheet.csv", "--format", "csv", "--excel"], delimiter: ";"),
        OutputCase(name: "merge --format csv", arguments: ["merge", "summary.json", "--format", "csv"], delimiter: ","),
    ]

    @Test(arguments: outputs)
    func noCellRunsAsAFormula(_ output: OutputCase) throws {
        let workspace = try Workspace()
        try workspace.write("sheet.csv", text: Self.sheet)
        let summary = try workspace.run(["report", "--instrument", "klimov-ddo", "sheet.csv", "--format", "json", "--output", "summary.json"])
        #expect(summary.status == 0, "\(summary)")
        let run = try workspace.run(output.arguments + ["--lang", "en"])
        #expect(run.status == 0, "\(run)")
        let csv = run.csv(delimiter: output.delimiter)
        #expect(csv.rows.count >= 3, "\(run)")
        #expect(Self.dangerousCells(csv).isEmpty, "\(Self.dangerousCells(csv))")
        let cells = Set(csv.rows.flatMap { $0 })
        if output.arguments.first == "score" {
            for neutralised in ["'=HYPERLINK(\"http://example.invalid\")", "'@SUM(A1)", "'\tTAB", "'\rCR", "'+7 912", "'+7 школа", "'=2+3"] {
                #expect(cells.contains(neutralised), "\(neutralised.debugDescription) in \(run)")
            }
            #expect(cells.contains("-2") && cells.contains("-3,5"), "negative numbers stay numbers")
        } else {
            // Group reports name the class and the school: neutralised too.
            #expect(cells.contains { $0.hasPrefix("'=2+3") || $0.hasPrefix("'+7 школа") }, "\(run)")
        }
    }
}
