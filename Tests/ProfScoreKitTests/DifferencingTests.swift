import Foundation
import Testing
@testable import ProfScoreKit

/// The defect as filed: a class of 1 pupil is hidden, but the grade's results
/// minus its visible sibling class gave that pupil's results exactly. Each
/// test reads the report as a reader would (the document's tables) and tries
/// the subtraction.
@Suite struct DifferencingTests {
    static let ddo = try! Instrument.bundled("klimov-ddo")
    static let header = "id;класс;" + (1...20).map(String.init).joined(separator: ";")

    /// Answers that differ from pupil to pupil, so that the leading types differ.
    static func answers(_ pupil: Int) -> String {
        (1...20).map { item in (pupil * 7 + item * item * 3 + pupil * item) % 5 < 2 ? "а" : "б" }.joined(separator: ";")
    }

    /// Grade 7: 7А with 1 pupil, 7Б with 6; grade 8: 8А with 10.
    static func sheets() -> TemporaryFile {
        var rows = [header]
        var pupil = 0
        for (className, size) in [("7А", 1), ("7Б", 6), ("8А", 10)] {
            for _ in 0..<size {
                pupil += 1
                rows.append("p\(pupil);\(className);\(answers(pupil))")
            }
        }
        return TemporaryFile(rows.joined(separator: "\n") + "\n")
    }

    static let settings = ReportSettings(groupBy: [.grade, .className], minCell: 5)

    /// The counts a reader takes from a group's results: its column of the
    /// tables «by group» (leading types, study profiles, levels), or, for
    /// «All» in a report without them, the tables of «Results: all»; `nil`
    /// when not shown (every cell of the column hidden, or no table).
    static func resultCounts(_ document: ReportDocument) -> [String: [String: Int]?] {
        var groups: [String: [String: Int]?] = [:]
        var shownCells: [String: Int] = [:]
        for section in document.sections {
            for case .table(let table) in section.blocks where table.columns.count > 1 && table.columns[1] == "All" {
                for (column, name) in table.columns.enumerated().dropFirst() {
                    var counts = (groups[name] ?? nil) ?? [:]
                    for row in table.rows {
                        guard case .text(let label) = row[0] else { continue }
                        if row[column] != .hidden { shownCells[name, default: 0] += 1 }
                        if case .integer(let value) = row[column] { counts[table.caption + "|" + label] = value }
                    }
                    groups[name] = .some(counts)
                }
            }
        }
        for name in Array(groups.keys) where (shownCells[name] ?? 0) == 0 { groups[name] = .some(nil) }
        if groups["All"] == nil, let section = document.sections.first(where: { $0.title.hasPrefix("Results: all") }) {
            var counts: [String: Int] = [:]
            var tables = 0
            for case .table(let table) in section.blocks {
                tables += 1
                for row in table.rows {
                    guard case .text(let label) = row[0] else { continue }
                    for (column, cell) in row.enumerated().dropFirst() {
                        if case .integer(let value) = cell { counts[table.caption + "|" + label + "|" + table.columns[column]] = value }
                    }
                }
            }
            groups["All"] = tables == 0 ? .some(nil) : .some(counts)
        }
        return groups
    }

    /// How many members of `parent = Σ children` are hidden; with exactly one, the
    /// subtraction that gives it from the others.
    static func attack(_ published: [String: [String: Int]?], parent: String, children: [String]) -> (hidden: Int, recovered: [String: Int]?) {
        let members = [parent] + children
        let hidden = members.filter { (published[$0] ?? nil) == nil }
        guard hidden.count == 1 else { return (hidden.count, nil) }
        let visible = members.filter { $0 != hidden[0] }.map { published[$0]!! }
        let keys = Set(visible.flatMap(\.keys))
        var recovered: [String: Int] = [:]
        for key in keys {
            // parent − Σ children, or Σ children for the parent.
            var value = 0
            for (member, counts) in zip(members.filter { $0 != hidden[0] }, visible) {
                value += (member == parent ? 1 : -1) * (counts[key] ?? 0)
            }
            recovered[key] = hidden[0] == parent ? -value : value
        }
        return (1, recovered)
    }

    @Test func aClassOfOneCannotBeComputedFromItsGradeAndTheOtherClass() throws {
        let sheet = Self.sheets()
        let summary = try summarize([sheet.path], instrument: Self.ddo, settings: Self.settings)
        let document = ReportDocument(summary: summary, language: .english)
        let published = Self.resultCounts(document)
        // 7А has 1 scored sheet: hidden by the threshold itself.
        #expect(published["7А"] != nil && published["7А"]! == nil, "7А must be hidden")
        #expect(published["8А"] != nil && published["8А"]! != nil, "8А (10 sheets) is shown")
        #expect(published["grade 8"] == nil, "grade 8 is its one class, 8А, shown once")
        let grade7 = Self.attack(published, parent: "grade 7", children: ["7А", "7Б"])
        #expect(grade7.hidden != 1, "grade 7 − 7Б gives 7А's results: \(grade7.recovered ?? [:])")
        let all = Self.attack(published, parent: "All", children: ["grade 7", "8А"])
        #expect(all.hidden != 1, "All − the other grade gives a hidden grade: \(all.recovered ?? [:])")
    }

    /// The table of sheets read, scored and flagged obeys the same sums.
    @Test func theSheetsWithProblemsTableDoesNotGiveTheClassOfOneAway() throws {
        let sheet = Self.sheets()
        let summary = try summarize([sheet.path], instrument: Self.ddo, settings: Self.settings)
        let document = ReportDocument(summary: summary, language: .english)
        var rows: [String: [Int]] = [:]
        var labels: [String] = []
        for section in document.sections where section.title.hasPrefix("Sheets with problems") {
            for case .table(let table) in section.blocks {
                for row in table.rows {
                    guard case .text(let label) = row[0] else { continue }
                    labels.append(label)
                    let numbers = row.dropFirst().compactMap { cell -> Int? in if case .integer(let value) = cell { value } else { nil } }
                    if numbers.count == row.count - 1 { rows[label] = numbers }
                }
            }
        }
        #expect(rows["All"] == [17, 17, 0, 0, 0, 0], "\(rows)")
        #expect(rows["7А"] == nil, "a class of 1 is hidden")
        let classes = ["7А", "7Б", "8А"]
        let hidden = (["All"] + classes).filter { rows[$0] == nil }
        #expect(hidden.count != 1, "All − the shown classes gives the hidden class's counts: \(rows)")
        // The grades are rows too (grade 8 is its one class, 8А).
        #expect(labels == ["All", "grade 7", "7А", "7Б", "8А"], "\(labels)")
        for (parent, children) in [("All", ["grade 7", "8А"]), ("grade 7", ["7А", "7Б"])] {
            let hidden = ([parent] + children).filter { rows[$0] == nil }
            #expect(hidden.count != 1, "\(parent) = Σ \(children): \(rows)")
        }
    }

    /// ОВЗ counts are health data: a count below --min-cell is hidden, and
    /// cannot be found by subtraction either.
    @Test func ovzCountsBelowTheThresholdAreHiddenAndStayHidden() throws {
        let sheet = Self.sheets()
        let rosterFile = TemporaryFile("школа;класс;численность;ОВЗ\nS;7А;1;1\nS;7Б;6;0\nS;8А;10;5\n")
        let roster = try Roster.load(path: rosterFile.path, report: { _ in })
        let summary = try summarize([sheet.path], instrument: Self.ddo, roster: roster, settings: Self.settings)
        let document = ReportDocument(summary: summary, language: .english)
        var ovz: [String: Int] = [:]
        var labels: [String] = []
        for section in document.sections {
            for case .table(let table) in section.blocks where table.caption == "Students with disabilities (ОВЗ)" {
                for row in table.rows {
                    guard case .text(let label) = row[0] else { continue }
                    labels.append(label)
                    if case .integer(let value) = row[1] { ovz[label] = value }
                }
            }
        }
        #expect(labels.contains("7А") && labels.contains("grade 7"), "\(labels)")
        // Counted by hand: 7А 1, 7Б 0, grade 7 1 — all below 5; 8А 5, grade 8 5, all 6.
        for label in ["7А", "7Б", "grade 7"] { #expect(ovz[label] == nil, "ОВЗ count of \(label) is shown: \(ovz[label]!)") }
        for (parent, children) in [("All", ["grade 7", "grade 8"]), ("grade 7", ["7А", "7Б"]), ("grade 8", ["8А"]),
                                   ("grades 5–11", ["grade 7", "grade 8"])] {
            let hidden = ([parent] + children).filter { ovz[$0] == nil }
            #expect(hidden.count != 1, "\(parent) = Σ \(children): \(ovz)")
        }
    }

    /// A report of one class of 3: nothing of it is shown, not even its counts under the title.
    @Test func aReportOfOneSmallClassShowsNoCountsAnywhere() throws {
        let sheet = TemporaryFile(([Self.header] + (1...3).map { "p\($0);7А;\(Self.answers($0))" }).joined(separator: "\n") + "\n")
        let summary = try summarize([sheet.path], instrument: Self.ddo, settings: Self.settings)
        let document = ReportDocument(summary: summary, language: .english)
        #expect(!document.meta.contains { $0.contains("Sheets read: 3") }, "\(document.meta)")
        #expect(Self.resultCounts(document)["All"]! == nil)
        let markdown = MarkdownRenderer.render(document)
        #expect(!markdown.contains("| 3 |") && !markdown.contains("Scored sheets: 3"), "\(markdown)")
    }
}
