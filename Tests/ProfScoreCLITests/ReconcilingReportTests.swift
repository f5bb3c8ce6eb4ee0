import Foundation
import Testing

/// The school report explains on the page how its counts add up (never with
/// ids): sheets read = scored + a student's second sheets + not scored, and
/// students diagnosed = scored − sheets of students not in the roster. The
/// numbers come from Examples/school1/EXPECTED.md, counted by hand from the
/// files: one unreadable sheet (7А-07), one second sheet (9А-08), one sheet
/// not in the roster (8А-26), 105 students diagnosed.
@Suite struct ReconcilingReportTests {
    @Test func theSchoolReportAddsUpOnThePage() throws {
        let workspace = try Workspace()
        let sheets = ["Examples/klimov-ddo-7a.csv"] + ["7b", "8a", "9a", "9b"].map { "Examples/school1/klimov-ddo-\($0).csv" }
        // Sheets read: every data row of the files (none is blank).
        var read = 0
        for sheet in sheets {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: Repository.path(sheet)))
            let lines = bytes.split(separator: 0x0A).filter { !$0.allSatisfy { $0 == 0x0D || $0 == 0x20 } }
            read += lines.count - 1
        }
        let (unreadable, second, outside, diagnosed) = (1, 1, 1, 105)
        let scored = read - unreadable - second
        #expect(scored - outside == diagnosed, "the hand count of EXPECTED.md")
        let run = try workspace.run(["report", "--instrument", "klimov-ddo"] + sheets.map(Repository.path)
            + ["--roster", Repository.path("Examples/school1/roster.csv"), "--format", "md", "--lang", "ru"])
        #expect(run.status == 0, "\(run.stderrLines.suffix(3))")
        let report = run.stdout
        #expect(report.contains("Как сходятся числа: прочитано бланков \(read) = подсчитано \(scored) + вторых бланков ученика \(second) (прочитаны, повторно не учитываются) + не подсчитано \(unreadable) (пустые, с пропусками или нечитаемыми ответами). Прошли диагностику (охват) = подсчитано \(scored) − бланков учеников, которых нет в списке, \(outside) = \(diagnosed)."), "\(report)")
        #expect(report.contains("| Всего | 118 | \(diagnosed) | 89,0 |"))
        #expect(report.contains("| Всего | \(read) | \(scored) | 0 | 0 | 1 | 0 | \(second) | \(outside) |"))
        // The reasons are counts, never the ids (which stay on standard error, for the school).
        for id in ["7А-07", "9А-08", "8А-26"] { #expect(!report.contains(id)) }
    }
}
