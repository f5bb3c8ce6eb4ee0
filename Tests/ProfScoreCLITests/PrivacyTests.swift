import Foundation
import Testing

/// `score --pseudonymize`: no id or name of the input reaches the output, and
/// the same student gets the same code in every run with the same key.
@Suite struct PrivacyTests {
    static let header = "id;ФИО;класс;Фамилия;Имя;вариант;" + (1...20).map(String.init).joined(separator: ";")
    static let answers = (1...20).map { $0 % 2 == 0 ? "а" : "б" }.joined(separator: ";")
    /// Three students; «вариант», kept with --keep-columns, tells them apart in the output.
    static let students = [
        (id: "7А-01", fio: "Воронина Алиса Петровна", surname: "Воронина", name: "Алиса", variant: "1"),
        (id: "7А-02", fio: "Кузнецов Тимофей Ильич", surname: "Кузнецов", name: "Тимофей", variant: "2"),
        (id: "7А-03", fio: "Smith John", surname: "Smith", name: "John", variant: "3"),
    ]

    static func sheet(reversed: Bool = false) -> String {
        let rows = students.map { "\($0.id);\($0.fio);7А;\($0.surname);\($0.name);\($0.variant);\(answers)" }
        return ([header] + (reversed ? rows.reversed() : rows)).joined(separator: "\n") + "\n"
    }

    static let key = "k3Y-for-tests-only-0123456789\n"

    /// The code of each student, by «вариант».
    static func codes(_ csv: CSVDocument) -> [String: [String]] {
        var result: [String: [String]] = [:]
        for row in csv.rows {
            let cells = Dictionary(zip(csv.header, row), uniquingKeysWith: { a, _ in a })
            result[cells["вариант"] ?? "?"] = [cells["id"] ?? "", cells["ФИО"] ?? "", cells["Фамилия"] ?? "", cells["Имя"] ?? ""]
        }
        return result
    }

    @Test func pseudonymisedOutputHasNoIdOrNameAndCodesAreStable() throws {
        let workspace = try Workspace()
        try workspace.write("7a.csv", text: Self.sheet())
        try workspace.write("7a-again.csv", text: Self.sheet(reversed: true))
        try workspace.write("key.txt", text: Self.key)
        let first = try workspace.run(["score", "--instrument", "klimov-ddo", "7a.csv", "--pseudonymize", "key.txt", "--keep-columns", "вариант", "--output", "out.csv", "--lang", "en"])
        #expect(first.status == 0, "\(first)")
        let second = try workspace.run(["score", "--instrument", "klimov-ddo", "7a-again.csv", "--pseudonymize", "key.txt", "--keep-columns", "вариант", "--lang", "en"])
        #expect(second.status == 0, "\(second)")
        let json = try workspace.run(["score", "--instrument", "klimov-ddo", "7a.csv", "--pseudonymize", "key.txt", "--format", "json", "--lang", "en"])
        let table = try workspace.run(["score", "--instrument", "klimov-ddo", "7a.csv", "--pseudonymize", "key.txt", "--format", "table", "--lang", "en"])

        let written = String(decoding: try #require(workspace.contents("out.csv")), as: UTF8.self)
        for output in [written, second.stdout, json.stdout, table.stdout] {
            for student in Self.students {
                for secret in [student.id, student.fio, student.surname, student.name] {
                    #expect(!output.contains(secret), "«\(secret)» leaked into: \(output)")
                }
            }
            #expect(!output.contains("7А-0"), "no id, not even in part")
        }
        let codes = Self.codes(CSVDocument(parsing: written))
        #expect(codes.count == 3)
        let pattern = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/
        for (variant, cells) in codes {
            for cell in cells { #expect(cell.wholeMatch(of: pattern) != nil, "student \(variant): \(cell)") }
            #expect(Set(cells).count == 4, "id, full name, surname and name get different codes")
        }
        #expect(Self.codes(second.csv()) == codes, "the same student, the same codes, in another run and order")
        let csv = CSVDocument(parsing: written)
        #expect(csv.rows.allSatisfy { Dictionary(zip(csv.header, $0), uniquingKeysWith: { a, _ in a })["класс"] == "7А" },
                "columns that are not personal stay as they are")
        for cells in codes.values { #expect(json.stdout.contains("\"id\":\"\(cells[0])\""), "\(json)") }
        // Scores are the same as without pseudonyms: S answers б on odd items, а on even ones.
        let plain = try workspace.run(["score", "--instrument", "klimov-ddo", "7a.csv", "--lang", "en"])
        #expect(plain.csv().rows.map { Array($0[1...10]) } == CSVDocument(parsing: written).rows.map { Array($0[1...10]) })
    }

    @Test func anotherKeyGivesOtherCodes() throws {
        let workspace = try Workspace()
        try workspace.write("7a.csv", text: Self.sheet())
        try workspace.write("key.txt", text: Self.key)
        try workspace.write("other-key.txt", text: "another-secret-key-of-this-school\n")
        let a = try workspace.run(["score", "--instrument", "klimov-ddo", "7a.csv", "--pseudonymize", "key.txt", "--keep-columns", "вариант", "--lang", "en"])
        let b = try workspace.run(["score", "--instrument", "klimov-ddo", "7a.csv", "--pseudonymize", "other-key.txt", "--keep-columns", "вариант", "--lang", "en"])
        let codesA = Self.codes(a.csv()), codesB = Self.codes(b.csv())
        #expect(codesA.count == 3 && codesB.count == 3)
        for variant in codesA.keys { #expect(codesA[variant]?.first != codesB[variant]?.first) }
    }

    @Test func shortOrMissingKeyIsRefusedBeforeAnyOutput() throws {
        let workspace = try Workspace()
        try workspace.write("7a.csv", text: Self.sheet())
        try workspace.write("short.txt", text: "secret\n")
        let short = try workspace.run(["score", "--instrument", "klimov-ddo", "7a.csv", "--pseudonymize", "short.txt", "--output", "out.csv", "--lang", "en"])
        #expect(short.status == 64, "\(short)")
        #expect(short.stderr.contains("short.txt: error: the key is shorter than 16 bytes"), "\(short)")
        let missing = try workspace.run(["score", "--instrument", "klimov-ddo", "7a.csv", "--pseudonymize", "nokey.txt", "--lang", "en"])
        #expect(missing.status == 1, "\(missing)")
        #expect(missing.stdoutBytes.isEmpty)
        #expect(missing.stderr.contains("nokey.txt: error: the key file does not exist"), "\(missing)")
        #expect(try workspace.listing() == ["7a.csv", "short.txt"], "no output file")
    }

    @Test func keyFileIsNeverOverwritten() throws {
        let workspace = try Workspace()
        try workspace.write("7a.csv", text: Self.sheet())
        try workspace.write("key.txt", text: Self.key)
        let run = try workspace.run(["score", "--instrument", "klimov-ddo", "7a.csv", "--pseudonymize", "key.txt", "--output", "./key.txt", "--lang", "en"])
        #expect(run.status == 64, "\(run)")
        #expect(run.stderr.contains("--output ./key.txt is the same file as --pseudonymize key.txt"), "\(run)")
        #expect(workspace.contents("key.txt") == Array(Self.key.utf8))
    }

    // MARK: Which columns are kept, coded and emptied

    /// A sheet with the name columns schools use, a note, ОВЗ, and the columns
    /// that identify no child alone (class, grade, school, sex).
    static let wideHeader = ["id", "Ф.И.О.", "Обучающийся", "Учащийся", "Фамилия", "Тел.", "E-mail", "Имя", "Примечание",
                             "Класс", "Параллель", "Школа", "Пол", "ОВЗ"]
    static let wideRows = [
        ["7А-01", "Воронина Алиса Петровна", "Воронина Алиса", "Алиса В.", "Воронина", "+7 916 123-45-67", "alisa.v@example.ru", "Алиса",
         "живёт у бабушки", "7А", "7", "Школа 12", "ж", "нет"],
        ["7А-02", "Кузнецов Тимофей Ильич", "Кузнецов Тимофей", "Тимофей К.", "Кузнецов", "8(916)765-43-21", "timofey@example.ru", "Тимофей",
         "опекун — бабушка", "7А", "7", "Школа 12", "м", "да"],
        ["7Б-03", "Smith John", "John Smith", "J. Smith", "Smith", "+44 20 7946 0000", "john@example.com", "John",
         "переведён из школы 3", "7Б", "7", "Школа 12", "м", "нет"],
    ]
    static let keptColumns: Set = ["Класс", "Параллель", "Школа", "Пол"]
    static let codedColumns: Set = ["id", "Ф.И.О.", "Обучающийся", "Учащийся", "Фамилия", "Тел.", "E-mail", "Имя"]
    static let emptiedColumns: Set = ["Примечание", "ОВЗ"]

    static func wideSheet() -> String {
        let header = (wideHeader + (1...20).map(String.init)).joined(separator: ";")
        return ([header] + wideRows.map { ($0 + [answers]).joined(separator: ";") }).joined(separator: "\n") + "\n"
    }

    /// The input's cells of the columns that are not kept, i.e. every cell that must not reach the output.
    static func personalCells(keeping: Set<String> = []) -> [String] {
        wideRows.flatMap { row in zip(wideHeader, row).filter { !keptColumns.contains($0.0) && !keeping.contains($0.0) }.map(\.1) }
    }

    /// Every string value in a JSON document (keys aside).
    static func strings(inJSON text: String) throws -> [String] {
        func walk(_ value: Any) -> [String] {
            switch value {
            case let string as String: [string]
            case let array as [Any]: array.flatMap(walk)
            case let object as [String: Any]: object.values.flatMap(walk)
            default: []
            }
        }
        return walk(try JSONSerialization.jsonObject(with: Data(text.utf8)))
    }

    @Test func everyColumnButClassGradeSchoolAndSexIsReplacedAndNoPersonalCellLeaks() throws {
        let workspace = try Workspace()
        try workspace.write("7.csv", text: Self.wideSheet())
        try workspace.write("key.txt", text: Self.key)
        let csvRun = try workspace.run(["score", "--instrument", "klimov-ddo", "7.csv", "--pseudonymize", "key.txt", "--lang", "en"])
        #expect(csvRun.status == 0, "\(csvRun)")
        let excel = try workspace.run(["score", "--instrument", "klimov-ddo", "7.csv", "--pseudonymize", "key.txt", "--excel", "--lang", "en"])
        let json = try workspace.run(["score", "--instrument", "klimov-ddo", "7.csv", "--pseudonymize", "key.txt", "--format", "json", "--lang", "en"])
        let table = try workspace.run(["score", "--instrument", "klimov-ddo", "7.csv", "--pseudonymize", "key.txt", "--format", "table", "--lang", "en"])
        #expect(json.status == 0 && table.status == 0 && excel.status == 0)
        let secrets = Self.personalCells()
        #expect(secrets.count == 3 * 10)

        // Every cell of the CSV outputs against every personal cell of the input.
        let csv = csvRun.csv()
        for document in [csv, excel.csv(delimiter: ";")] {
            #expect(document.rows.count == 3)
            for cell in document.header + document.rows.flatMap({ $0 }) {
                for secret in secrets { #expect(!cell.contains(secret), "«\(secret)» leaked into the cell «\(cell)»") }
            }
        }
        // Every string of the JSON document, and the table as a whole.
        let jsonStrings = try Self.strings(inJSON: json.stdout)
        for string in jsonStrings {
            for secret in secrets { #expect(!string.contains(secret), "«\(secret)» leaked into the JSON string «\(string)»") }
        }
        for secret in secrets { #expect(!table.stdout.contains(secret), "«\(secret)» leaked into the table") }

        // Which columns are kept, coded and emptied: all headers are still there.
        for name in Self.wideHeader { #expect(csv.header.contains(name), "the column «\(name)» is still in the output") }
        let pattern = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/
        for (input, output) in zip(Self.wideRows, csv.rows) {
            let record = Dictionary(uniqueKeysWithValues: zip(csv.header, output))
            for (name, value) in zip(Self.wideHeader, input) {
                let written = try #require(record[name])
                if Self.keptColumns.contains(name) {
                    #expect(written == value, "«\(name)» is kept")
                } else if Self.codedColumns.contains(name) {
                    #expect(written.wholeMatch(of: pattern) != nil, "«\(name)» is replaced by a code: «\(written)»")
                } else {
                    #expect(Self.emptiedColumns.contains(name) && written.isEmpty, "«\(name)» is emptied: «\(written)»")
                }
            }
        }
        #expect(csvRun.stderrLines.contains(
            "--pseudonymize: kept in clear: Класс, Параллель, Школа, Пол; replaced by keyed codes: id, Ф.И.О., Обучающийся, Учащийся, Фамилия, Тел., E-mail, Имя; emptied: Примечание, ОВЗ"),
            "\(csvRun.stderr)")
        // The line names columns, never values.
        for secret in Self.personalCells() where secret.count > 3 { #expect(!csvRun.stderr.contains(secret)) }
    }

    @Test func keepColumnsKeepsTheNamedColumnsAndSaysSo() throws {
        let workspace = try Workspace()
        try workspace.write("7.csv", text: Self.wideSheet())
        try workspace.write("key.txt", text: Self.key)
        let run = try workspace.run(["score", "--instrument", "klimov-ddo", "7.csv", "--pseudonymize", "key.txt", "--keep-columns", "примечание,ОВЗ"])
        #expect(run.status == 0, "\(run)")
        let csv = run.csv()
        let notes = try #require(csv.header.firstIndex(of: "Примечание"))
        let ovz = try #require(csv.header.firstIndex(of: "ОВЗ"))
        #expect(csv.rows.map { $0[notes] } == Self.wideRows.map { $0[8] })
        #expect(csv.rows.map { $0[ovz] } == Self.wideRows.map { $0[13] })
        for cell in csv.rows.flatMap({ $0 }) {
            for secret in Self.personalCells(keeping: ["Примечание", "ОВЗ"]) { #expect(!cell.contains(secret), "«\(secret)» in «\(cell)»") }
        }
        #expect(run.stderrLines.contains(
            "--pseudonymize: оставлены как есть: Примечание (--keep-columns), Класс, Параллель, Школа, Пол, ОВЗ (--keep-columns); заменены кодами: id, Ф.И.О., Обучающийся, Учащийся, Фамилия, Тел., E-mail, Имя; очищены: нет"),
            "\(run.stderr)")
    }

    @Test func keepColumnsNamingNoColumnOrWithoutPseudonymsIsAUsageError() throws {
        let workspace = try Workspace()
        try workspace.write("7.csv", text: Self.wideSheet())
        try workspace.write("key.txt", text: Self.key)
        let wrong = try workspace.run(["score", "--instrument", "klimov-ddo", "7.csv", "--pseudonymize", "key.txt", "--keep-columns", "Примечание,Заметки",
                                       "--output", "out.csv", "--lang", "en"])
        #expect(wrong.status == 64, "\(wrong)")
        #expect(wrong.stdoutBytes.isEmpty)
        #expect(wrong.stderr.contains("--keep-columns: no column named Заметки; the respondent columns of the sheets are: "
            + "id, Ф.И.О., Обучающийся, Учащийся, Фамилия, Тел., E-mail, Имя, Примечание, Класс, Параллель, Школа, Пол, ОВЗ"), "\(wrong)")
        #expect(try workspace.listing() == ["7.csv", "key.txt"], "no output file")
        let empty = try workspace.run(["score", "--instrument", "klimov-ddo", "7.csv", "--pseudonymize", "key.txt", "--keep-columns", "Примечание,", "--lang", "en"])
        #expect(empty.status == 64, "\(empty)")
        let alone = try workspace.run(["score", "--instrument", "klimov-ddo", "7.csv", "--keep-columns", "Примечание", "--lang", "en"])
        #expect(alone.status == 64, "\(alone)")
        #expect(alone.stdoutBytes.isEmpty)
        #expect(alone.stderr.contains("--keep-columns applies to --pseudonymize only"), "\(alone)")
    }

    /// A sheet larger than 4 MiB is scored in parts on several threads: every
    /// part codes, keeps and empties the same columns as one reader does.
    /// (Long notes make the sheet large with few rows: a debug build takes
    /// about 0.15 ms per code.)
    @Test func aLargeSheetScoredInPartsIsPseudonymisedAsInOneGo() throws {
        let workspace = try Workspace()
        var text = "id;Ф.И.О.;Примечание;Класс;ОВЗ;" + (1...20).map(String.init).joined(separator: ";") + "\n"
        var personal: Set<String> = []
        let rows = 10_000
        for index in 0..<rows {
            let note = "заметка \(index): " + String(repeating: "живёт с бабушкой, ", count: 14)
            let cells = ["П-\(index)", "Фамилия\(index) Имя\(index)", note]
            personal.formUnion(cells)
            text += (cells + [["5А", "6Б", "9В"][index % 3], index % 9 == 0 ? "да" : "нет", Self.answers]).joined(separator: ";") + "\n"
        }
        personal.formUnion(["да", "нет"])
        #expect(text.utf8.count > 4 << 20, "larger than the 4 MiB below which sheets are read in one go")
        try workspace.write("region.csv", text: text)
        try workspace.write("key.txt", text: Self.key)
        let base = ["score", "--instrument", "klimov-ddo", "region.csv", "--pseudonymize", "key.txt", "--lang", "en"]
        let whole = try workspace.run(base + ["--threads", "1", "--output", "whole.csv"])
        let parts = try workspace.run(base + ["--threads", "2", "--output", "parts.csv"])
        #expect(whole.status == 0 && parts.status == 0, "\(whole.stderrLines.suffix(3)) \(parts.stderrLines.suffix(3))")
        let expected = try #require(workspace.contents("whole.csv"))
        #expect(workspace.contents("parts.csv") == expected, "2 threads: the same bytes")
        let csv = CSVDocument(parsing: String(decoding: expected, as: UTF8.self))
        #expect(csv.rows.count == rows)
        let leaked = personal.intersection(csv.rows.flatMap { $0 })
        #expect(leaked.isEmpty, "\(leaked.prefix(5))")
        let notes = try #require(csv.header.firstIndex(of: "Примечание")), ovz = try #require(csv.header.firstIndex(of: "ОВЗ"))
        #expect(csv.rows.allSatisfy { $0[notes].isEmpty && $0[ovz].isEmpty })
        #expect(parts.stderrLines.contains("--pseudonymize: kept in clear: Класс; replaced by keyed codes: id, Ф.И.О.; emptied: Примечание, ОВЗ"))
    }

    /// Sheets whose id columns are headed differently: each sheet's first
    /// column is its respondent id and is coded (before the pipeline, only the
    /// first sheet's was: «Код» of the second sheet was emptied as an unknown column).
    @Test func eachSheetsFirstColumnIsItsIdAndIsCoded() throws {
        let workspace = try Workspace()
        let items = (1...20).map(String.init).joined(separator: ";")
        try workspace.write("7a.csv", text: "id;класс;\(items)\n7А-01;7А;\(Self.answers)\n")
        try workspace.write("7b.csv", text: "Код;класс;\(items)\n7Б-01;7Б;\(Self.answers)\n")
        try workspace.write("key.txt", text: Self.key)
        let result = try workspace.run(["score", "--instrument", "klimov-ddo", "7a.csv", "7b.csv", "--pseudonymize", "key.txt",
                                        "--output", "out.csv", "--lang", "en"])
        #expect(result.status == 0, "\(result)")
        let csv = CSVDocument(parsing: String(decoding: try #require(workspace.contents("out.csv")), as: UTF8.self))
        let id = try #require(csv.header.firstIndex(of: "id")), code = try #require(csv.header.firstIndex(of: "Код"))
        let pattern = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/
        #expect(csv.rows.count == 2)
        #expect(csv.rows[0][id].wholeMatch(of: pattern) != nil && csv.rows[0][code].isEmpty, "\(csv.rows[0])")
        #expect(csv.rows[1][code].wholeMatch(of: pattern) != nil && csv.rows[1][id].isEmpty, "\(csv.rows[1])")
        #expect(!csv.rows.flatMap { $0 }.contains { $0.hasPrefix("7А-") || $0.hasPrefix("7Б-") })
        #expect(result.stderrLines.contains("--pseudonymize: kept in clear: класс; replaced by keyed codes: id, Код; emptied: none"))
    }

    /// A school's summary that says `minCell: 1` does not lower merge's
    /// threshold: the class of 1 stays hidden, and so does the class it could be
    /// computed from (7Б, the smallest other class of grade 7).
    @Test func mergeKeepsItsOwnThresholdOverASummarysMinCellOfOne() throws {
        let workspace = try Workspace()
        let good = (1...20).map { $0 % 3 == 0 ? "а" : "б" }.joined(separator: ";")
        var rows = ["id;класс;" + (1...20).map(String.init).joined(separator: ";")]
        for (name, size) in [("7А", 1), ("7Б", 6), ("8А", 10)] {
            for pupil in 1...size { rows.append("\(name)-\(pupil);\(name);\(good)") }
        }
        try workspace.write("school.csv", text: rows.joined(separator: "\n") + "\n")
        let report = try workspace.run(["report", "--instrument", "klimov-ddo", "school.csv", "--group-by", "grade,class",
                                        "--min-cell", "1", "--format", "json", "--output", "school.json", "--lang", "en"])
        #expect(report.status == 0, "\(report)")
        let json = String(decoding: try #require(workspace.contents("school.json")), as: UTF8.self)
        #expect(json.contains("\"minCell\" : 1"), "the summary asks for no threshold")
        // The cells of each group's column in the Markdown table of leading types by group.
        func columns(_ markdown: String) -> [String: [String]] {
            let table = markdown.components(separatedBy: "**Leading type by group (sheets)**").dropFirst().first ?? ""
            let lines = table.split(separator: "\n").drop { !$0.hasPrefix("|") }.prefix { $0.hasPrefix("|") }
            guard let header = lines.first else { return [:] }
            func cells(_ line: Substring) -> [String] {
                line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast().map { $0.trimmingCharacters(in: .whitespaces) }
            }
            var result: [String: [String]] = [:]
            for (index, name) in cells(header).enumerated() {
                result[name] = lines.dropFirst(2).map { cells($0)[index] }
            }
            return result
        }
        for (arguments, threshold) in [([String](), 5), (["--min-cell", "7"], 7)] {
            let merged = try workspace.run(["merge", "school.json", "--lang", "en"] + arguments)
            #expect(merged.status == 0, "\(merged)")
            let byGroup = columns(merged.stdout)
            for name in ["7А", "7Б"] {
                let cells = try #require(byGroup[name], "\(merged.stdout)")
                #expect(!cells.isEmpty && cells.allSatisfy { $0 == "…" }, "\(name) at \(threshold): \(cells)")
            }
            #expect(byGroup["8А"].map { $0.allSatisfy { Int($0) != nil } } == true, "8А (10 sheets) is shown")
            #expect(merged.stdout.contains("fewer than \(threshold) students or sheets"))
        }
        // Asked for explicitly on merge's own command line, 1 is the user's choice.
        let explicit = try workspace.run(["merge", "school.json", "--lang", "en", "--min-cell", "1"])
        #expect(columns(explicit.stdout)["7А"].map { $0.allSatisfy { Int($0) != nil } } == true)
    }
}
