import Foundation
import Testing
@testable import ProfScoreKit

/// Blank answer sheets (`profscore template`) read back through the sheet reader.
@Suite struct AnswerSheetTemplateTests {
    /// Reads a sheet as `profscore score` does and returns its rows and every diagnostic.
    static func readBack(_ bytes: [UInt8], instrument: Instrument) throws -> (columns: [String], rows: [SheetRow], diagnostics: [Diagnostic], delimiter: Character) {
        let file = TemporaryFile(bytes)
        var diagnostics: [Diagnostic] = []
        let reader = try SheetReader(path: file.path, scorer: Scorer(instrument: instrument), report: { diagnostics.append($0) })
        var rows: [SheetRow] = []
        var row = SheetRow(line: 0, codes: [], info: [], hasUnreadableCells: false)
        while try reader.nextRow(&row, report: { diagnostics.append($0) }) { rows.append(row) }
        return (reader.infoColumnNames, rows, diagnostics, reader.delimiter)
    }

    @Test func withoutARosterTheHeaderOnly() throws {
        let instrument = try Instrument.bundled("iip-riasec-48")
        let bytes = AnswerSheetTemplate.render(instrument: instrument)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text == "id,ФИО,класс," + instrument.items.map(\.id).joined(separator: ",") + "\n")
        #expect(text.hasPrefix("id,ФИО,класс,R1,R2,"))
        let back = try Self.readBack(bytes, instrument: instrument)
        // Every item has its column; the reader may only remark that no one has answered yet.
        #expect(back.diagnostics.allSatisfy { $0.severity == .warning && $0.message.english.contains("no answer rows") }, "\(back.diagnostics)")
        #expect(back.columns == ["id", "ФИО", "класс"])
        #expect(back.rows.isEmpty)
    }

    @Test func englishHeaders() throws {
        let instrument = try Instrument.bundled("klimov-ddo")
        let text = String(decoding: AnswerSheetTemplate.render(instrument: instrument, language: .english), as: UTF8.self)
        #expect(text.hasPrefix("id,name,class,1,2,3,"))
    }

    /// The example school's roster: 118 students in 7А…9Б, one row each, in the roster's order.
    @Test func aPerStudentRosterGivesOneRowPerStudent() throws {
        let instrument = try Instrument.bundled("klimov-ddo")
        let roster = try Roster.load(path: Repository.path("Examples/school1/roster.csv"), report: { Issue.record("\($0)") })
        let bytes = AnswerSheetTemplate.render(instrument: instrument, roster: roster)
        let back = try Self.readBack(bytes, instrument: instrument)
        #expect(back.diagnostics.isEmpty, "\(back.diagnostics)")
        #expect(back.columns == ["id", "ФИО", "школа", "класс"])
        #expect(back.rows.count == 118)
        #expect(back.rows.map(\.id) == roster.studentOrder)
        #expect(back.rows.first?.info == ["7А-01", "", "Школа № 1", "7А"])
        #expect(back.rows.last?.info == ["9Б-21", "", "Школа № 1", "9Б"])
        // Nothing answered: every row scores as a blank sheet.
        let scorer = Scorer(instrument: instrument)
        #expect(back.rows.allSatisfy { scorer.score(codes: $0.codes).flags.contains(.blank) })
        // The ОВЗ flag stays in the roster.
        #expect(!String(decoding: bytes, as: UTF8.self).contains("да"))
    }

    /// The per-class roster has the same classes and counts: 24 + 25 + 25 + 23 + 21 = 118 rows.
    @Test func aPerClassRosterGivesOneRowPerEnrolledStudent() throws {
        let instrument = try Instrument.bundled("klimov-ddo")
        let roster = try Roster.load(path: Repository.path("Examples/school1/roster-classes.csv"), report: { Issue.record("\($0)") })
        let back = try Self.readBack(AnswerSheetTemplate.render(instrument: instrument, roster: roster, excel: true), instrument: instrument)
        #expect(back.diagnostics.isEmpty, "\(back.diagnostics)")
        #expect(back.rows.count == 118)
        #expect(Array(back.rows.prefix(2).map(\.id)) == ["7А-01", "7А-02"])
        #expect(back.rows.filter { $0.info[3] == "7А" }.count == 24)
        #expect(back.rows.filter { $0.info[3] == "7А" }.last?.id == "7А-24")
        #expect(Set(back.rows.map(\.id)).count == 118)
    }

    @Test func twoSchoolsWithTheSameClassNameGetPrefixedIDs() throws {
        let rosterFile = TemporaryFile("школа;класс;численность\nШкола № 1;7А;2\nШкола № 2;7А;1\nШкола № 2;8Б;1\n")
        let roster = try Roster.load(path: rosterFile.path, report: { Issue.record("\($0)") })
        let instrument = try Instrument.bundled("klimov-ddo")
        let back = try Self.readBack(AnswerSheetTemplate.render(instrument: instrument, roster: roster), instrument: instrument)
        #expect(back.diagnostics.isEmpty, "\(back.diagnostics)")
        #expect(back.rows.map(\.id) == ["1-7А-01", "1-7А-02", "2-7А-01", "8Б-01"])
    }

    /// A grade that the class name does not give gets its own column.
    @Test func aGradeColumnWhenTheClassNameDoesNotSayIt() throws {
        let rosterFile = TemporaryFile("код,класс,параллель\nx1,Гамма,7\nx2,Дельта,8\n")
        let roster = try Roster.load(path: rosterFile.path, report: { Issue.record("\($0)") })
        let instrument = try Instrument.bundled("klimov-ddo")
        let back = try Self.readBack(AnswerSheetTemplate.render(instrument: instrument, roster: roster), instrument: instrument)
        #expect(back.diagnostics.isEmpty, "\(back.diagnostics)")
        #expect(back.columns == ["id", "ФИО", "класс", "параллель"])
        #expect(back.rows.map(\.info) == [["x1", "", "Гамма", "7"], ["x2", "", "Дельта", "8"]])
    }

    @Test func excelBytes() throws {
        let instrument = try Instrument.bundled("klimov-ddo")
        let roster = try Roster.load(path: Repository.path("Examples/school2/roster.csv"), report: { _ in })
        let bytes = AnswerSheetTemplate.render(instrument: instrument, roster: roster, excel: true)
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines.last == "")
        #expect(lines.dropLast().allSatisfy { !$0.contains("\n") && $0.split(separator: ";", omittingEmptySubsequences: false).count == 3 + (lines[0].contains("школа") ? 1 : 0) + 20 })
        let back = try Self.readBack(bytes, instrument: instrument)
        #expect(back.diagnostics.isEmpty, "\(back.diagnostics)")
        #expect(back.delimiter == ";")
        #expect(back.rows.count == 43)
    }

    /// Filled in, the template scores like any sheet: all «а» gives the ДДО's
    /// first test vector (6 nature, 4 technology, 4 people, 2 sign, 4 art).
    @Test func aFilledTemplateScores() throws {
        let instrument = try Instrument.bundled("klimov-ddo")
        var text = String(decoding: AnswerSheetTemplate.render(instrument: instrument), as: UTF8.self)
        text += "s1,,7А," + Array(repeating: "а", count: 20).joined(separator: ",") + "\n"
        let back = try Self.readBack(Array(text.utf8), instrument: instrument)
        #expect(back.diagnostics.isEmpty)
        #expect(Scorer(instrument: instrument).score(codes: back.rows[0].codes).scores == [6, 4, 4, 2, 4])
    }
}
