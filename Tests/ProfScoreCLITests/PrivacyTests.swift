import Foundation
import Testing

/// `score --pseudonymize`: no id or name of the input reaches the output, and
/// the same student gets the same code in every run with the same key.
@Suite struct PrivacyTests {
    static let header = "id;ФИО;класс;Фамилия;Имя;вариант;" + (1...20).map(String.init).joined(separator: ";")
    static let answers = (1...20).map { $0 % 2 == 0 ? "а" : "б" }.joined(separator: ";")
    /// Three students; «вариант» (not personal) tells them apart in the output.
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
        let first = try workspace.run(["score", "--instrument", "klimov-ddo", "7a.csv", "--pseudonymize", "key.txt", "--output", "out.csv", "--lang", "en"])
        #expect(first.status == 0, "\(first)")
        let second = try workspace.run(["score", "--instrument", "klimov-ddo", "7a-again.csv", "--pseudonymize", "key.txt", "--lang", "en"])
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
        let a = try workspace.run(["score", "--instrument", "klimov-ddo", "7a.csv", "--pseudonymize", "key.txt", "--lang", "en"])
        let b = try workspace.run(["score", "--instrument", "klimov-ddo", "7a.csv", "--pseudonymize", "other-key.txt", "--lang", "en"])
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
        #expect(missing.stderr.contains("nokey.txt: error: the key file cannot be read"), "\(missing)")
        #expect(try workspace.listing() == ["7a.csv", "short.txt"], "no output file")
    }

    @Test func keyFileIsNeverOverwritten() throws {
        let workspace = try Workspace()
        try workspace.write("7a.csv", text: Self.sheet())
        try workspace.write("key.txt", text: Self.key)
        let run = try workspace.run(["score", "--instrument", "klimov-ddo", "7a.csv", "--pseudonymize", "key.txt", "--output", "./key.txt", "--lang", "en"])
        #expect(run.status == 64, "\(run)")
        #expect(run.stderr.contains("--pseudonymize key.txt is also named as ./key.txt"), "\(run)")
        #expect(workspace.contents("key.txt") == Array(Self.key.utf8))
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
        func sections(_ markdown: String) -> [String: String] {
            var result: [String: String] = [:]
            for part in markdown.components(separatedBy: "\n### ").dropFirst() {
                let title = String(part.prefix { $0 != "\n" })
                result[title] = String(part.split(separator: "\n## ", maxSplits: 1).first ?? "")
            }
            return result
        }
        for (arguments, threshold) in [([String](), 5), (["--min-cell", "7"], 7)] {
            let merged = try workspace.run(["merge", "school.json", "--lang", "en"] + arguments)
            #expect(merged.status == 0, "\(merged)")
            let byGroup = sections(merged.stdout)
            for name in ["7А", "7Б"] {
                #expect(byGroup[name]?.contains("Results are not shown: fewer than \(threshold) scored sheets") == true, "\(name): \(byGroup[name] ?? merged.stdout)")
            }
            #expect(byGroup["8А"]?.contains("Leading type") == true, "8А (10 sheets) is shown")
        }
        // Asked for explicitly on merge's own command line, 1 is the user's choice.
        let explicit = try workspace.run(["merge", "school.json", "--lang", "en", "--min-cell", "1"])
        #expect(sections(explicit.stdout)["7А"]?.contains("Leading type") == true)
    }
}
