import Foundation
import Testing
@testable import ProfScoreKit

/// An instrument's `grades` (the ДДО: 8–11): respondents whose grade, from a
/// grade column or the class name, is outside them get one warning per file,
/// whole or in parts, and are still scored.
@Suite struct GradeRangeWarningTests {
    static let instrument = try! Instrument.bundled("klimov-ddo")
    static let answers = Array(repeating: "а;б", count: 10).joined(separator: ";")

    /// A ДДО sheet with the respondent columns `info` and one row per cell list in `rows`.
    static func sheet(info: [String], rows: [[String]]) -> TemporaryFile {
        let header = (info + (1...20).map(String.init)).joined(separator: ";")
        return TemporaryFile(([header] + rows.map { ($0 + [answers]).joined(separator: ";") }).joined(separator: "\n") + "\n")
    }

    /// Scores sheets and returns the respondents scored and the warnings about grades.
    static func run(_ paths: [String], threads: Int = 1) -> (respondents: Int, warnings: [Diagnostic]) {
        let run = ScoringRun(instrument: instrument, inputs: paths, options: .init(threads: threads, minimumSplitSize: 0))
        var warnings: [Diagnostic] = []
        run.scoreInParts(makePart: { _ in 0 }, report: { diagnostic in
            if diagnostic.message.english.contains("is meant for grades") { warnings.append(diagnostic) }
        }, each: { count, _ in count += 1; return 0 }, finish: { _, _ in })
        return (run.respondentCount, warnings)
    }

    @Test func gradeSevenSheetWarnsOnceWithTheCount() throws {
        let file = Self.sheet(info: ["id", "класс"], rows: [["S1", "7А"], ["S2", "7Б"], ["S3", " 7 а"], ["S4", "8А"]])
        let (respondents, warnings) = Self.run([file.path])
        #expect(respondents == 4, "still scored")
        let warning = try #require(warnings.first)
        #expect(warnings.count == 1)
        #expect(warning.severity == .warning)
        #expect(warning.file == file.path)
        #expect(warning.message.english == "3 respondent(s) in grade(s) 7, but 'klimov-ddo' is meant for grades 8–11; their results are still computed — read them with care")
        #expect(warning.message.russian == "респондентов в классах 7: 3, а «klimov-ddo» предназначен для 8–11 классов; их результаты всё равно подсчитаны — толкуйте их осторожно")
    }

    /// A grade column wins over the class name; grades 5 and 12 are listed in order.
    @Test func gradeColumnAndSeveralGrades() throws {
        let file = Self.sheet(info: ["id", "класс", "параллель"],
                              rows: [["S1", "9А", "12"], ["S2", "9А", "5"], ["S3", "9А", "9"], ["S4", "7А", "11"]])
        let (_, warnings) = Self.run([file.path])
        #expect(warnings.map(\.message.english) == ["2 respondent(s) in grade(s) 5, 12, but 'klimov-ddo' is meant for grades 8–11; their results are still computed — read them with care"])
    }

    @Test func gradesEightToElevenDoNotWarn() throws {
        let file = Self.sheet(info: ["id", "класс"], rows: [["S1", "8А"], ["S2", "9Б"], ["S3", "10В"], ["S4", "11А"]])
        #expect(Self.run([file.path]).warnings.isEmpty)
    }

    /// No grade or class column, or empty and unreadable class cells: nothing to say.
    @Test func noGradeInformationDoesNotWarn() throws {
        let noColumn = Self.sheet(info: ["id", "ФИО"], rows: [["S1", "Иванов"], ["S2", "Петров"]])
        let noValue = Self.sheet(info: ["id", "класс"], rows: [["S1", ""], ["S2", "А"]])
        #expect(Self.run([noColumn.path, noValue.path]).warnings.isEmpty)
    }

    /// In parts (several threads, every file split) as in one go: one warning
    /// per file with the file's whole count; each file of a run has its own.
    @Test(arguments: [1, 3])
    func onePerFileInParts(threads: Int) throws {
        let rows = (0..<3000).map { ["S\($0)", ["7А", "8А", "6Б"][$0 % 3]] }
        let first = Self.sheet(info: ["id", "класс"], rows: rows)
        let second = Self.sheet(info: ["id", "класс"], rows: [["T1", "7В"]])
        let (respondents, warnings) = Self.run([first.path, second.path], threads: threads)
        #expect(respondents == 3001)
        #expect(warnings.map(\.file) == [first.path, second.path])
        #expect(warnings.first?.message.english.hasPrefix("2000 respondent(s) in grade(s) 6, 7, but") == true)
        #expect(warnings.last?.message.english.hasPrefix("1 respondent(s) in grade(s) 7, but") == true)
    }
}
