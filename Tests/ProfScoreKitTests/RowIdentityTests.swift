import Foundation
import Testing
@testable import ProfScoreKit

/// Every public way of getting rows hands out each row with its own
/// respondent columns, never an earlier row's: whether a column is needed or
/// not, whichever way the row was read (fast or general path), whole or in
/// parts. Regression for individual pages that all carried the first pupil's
/// id and name.
@Suite struct RowIdentityTests {
    /// A ДДО sheet of simple rows (the fast path takes them) with a few
    /// rows the general path must read (a quoted name, an unreadable cell).
    static func sheet(rows: Int) -> String {
        var lines = ["id;ФИО;класс;" + (1...20).map(String.init).joined(separator: ";")]
        for index in 1...rows {
            var name = "Ученик \(index)"
            if index % 7 == 3 { name = "\"Ученик; \(index)\"" }
            let answers = (1...20).map { item in index % 11 == 5 && item == 4 ? "аб" : ((index + item) % 3 == 0 ? "б" : "а") }
            lines.append(["7А-\(index)", name, "7\(index % 2 == 0 ? "А" : "Б")"].joined(separator: ";") + ";" + answers.joined(separator: ";"))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// What row `index` must carry in its respondent columns.
    static func expectedInfo(_ index: Int) -> [String] {
        ["7А-\(index)", index % 7 == 3 ? "Ученик; \(index)" : "Ученик \(index)", "7\(index % 2 == 0 ? "А" : "Б")"]
    }

    static let scorer = Scorer(instrument: try! Instrument.bundled("klimov-ddo"))

    @Test(arguments: [true, false])
    func batchScoreRowsCarryTheirOwnColumns(fastPath: Bool) throws {
        let file = TemporaryFile(Self.sheet(rows: 200))
        for needed in [nil, [false, false, true], [true, false, false]] as [[Bool]?] {
            var seen: [[String]] = []
            let batch = BatchScorer(scorer: Self.scorer)
            batch.usesFastPath = fastPath
            try batch.score(path: file.path, prepare: { _ in needed }, report: { _ in }) { scored in
                seen.append(scored.row.info)
            }
            #expect(seen.count == 200)
            for (offset, info) in seen.enumerated() {
                let expected = Self.expectedInfo(offset + 1).enumerated().map { needed?[$0.offset] == false ? "" : $0.element }
                #expect(info == expected, "row \(offset + 1), needed \(String(describing: needed)), fast path \(fastPath)")
            }
        }
    }

    /// Columns asked for after some rows were read: later rows have the
    /// columns no longer needed empty, not left over from a row before.
    @Test(arguments: [true, false])
    func columnsDroppedMidwayAreEmptyNotStale(fastPath: Bool) throws {
        let file = TemporaryFile(Self.sheet(rows: 60))
        let reader = try SheetReader(path: file.path, scorer: Self.scorer, report: { _ in })
        reader.usesFastPath = fastPath
        var row = SheetRow(line: 0, codes: [], info: [], hasUnreadableCells: false)
        var index = 0
        while try reader.nextRow(&row, report: { _ in }) {
            index += 1
            if index == 10 { reader.neededInfoColumns = [false, true, false] }
            let expected = Self.expectedInfo(index)
            if index <= 10 {
                #expect(row.info == expected, "row \(index)")
            } else {
                #expect(row.info == ["", expected[1], ""], "row \(index)")
            }
        }
        #expect(index == 60)
    }

    @Test(arguments: [1, 2, 4])
    func rowsScoredInPartsCarryTheirOwnColumns(threads: Int) throws {
        let file = TemporaryFile(Self.sheet(rows: 3000))
        for fastPath in [true, false] {
            let batch = BatchScorer(scorer: Self.scorer, detectsDuplicateIDs: false)
            batch.usesFastPath = fastPath
            let parts = try batch.scoreConcurrently(
                path: file.path, threads: threads, minimumSplitSize: 0, makePartial: { [[String]]() },
                prepare: { _ in [true, true, false] },
                report: { _ in }, each: { part, scored in part.append(scored.row.info) })
            let rows = parts.flatMap { $0 }
            #expect(rows.count == 3000)
            for (offset, info) in rows.enumerated() {
                let expected = Self.expectedInfo(offset + 1)
                #expect(info == [expected[0], expected[1], ""], "row \(offset + 1), \(threads) thread(s), fast path \(fastPath)")
            }
        }
    }
}
