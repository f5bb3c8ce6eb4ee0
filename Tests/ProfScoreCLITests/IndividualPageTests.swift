import Foundation
import Testing

/// `report --individual`: every page carries its own student's id, name and
/// scores. Regression for pages that all said «10А-01, Никитин Савелий», each
/// with another pupil's scores (rows read by the fast path kept the respondent
/// columns of an earlier row).
@Suite struct IndividualPageTests {
    /// The cells of a page's "who" table, and the numbers of its score table, in order.
    struct Page {
        var who: [String: String] = [:]
        var scores: [Int] = []

        init(html: String) {
            let who = html.components(separatedBy: "<table class=\"who\">")[1].components(separatedBy: "</table>")[0]
            for row in who.components(separatedBy: "<tr>").dropFirst() {
                let name = row.components(separatedBy: "<th>")[1].components(separatedBy: "</th>")[0]
                let value = row.components(separatedBy: "<td>")[1].components(separatedBy: "</td>")[0]
                self.who[name] = value
            }
            let table = html.components(separatedBy: "<table class=\"scores\">")[1].components(separatedBy: "</table>")[0]
            scores = table.components(separatedBy: "<td class=\"num\">").dropFirst().map {
                Int($0.components(separatedBy: "<")[0]) ?? -1
            }
        }
    }

    func pages(in folder: String) throws -> [String: Page] {
        var pages: [String: Page] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
            let html = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
            pages[name] = Page(html: html)
        }
        return pages
    }

    @Test(arguments: [1, 2])
    func onetPagesCarryTheirOwnStudentAndScores(threads: Int) throws {
        let workspace = try Workspace()
        let sheet = try workspace.write("10a.csv", bytes: try Repository.bytes("Examples/onet-interest-profiler-60-10a.csv"))
        let run = try workspace.run(["report", "--instrument", "onet-interest-profiler-60", sheet, "--individual", "pages",
                                     "--output", "report.md", "--threads", "\(threads)"])
        #expect(run.status == 0, "\(run)")
        let pages = try pages(in: workspace.path("pages"))

        // The sheet and the key, read here without the program: an O*NET
        // scale is the sum of its ten answers 1…5 counted from 0.
        let input = CSVDocument(parsing: try String(contentsOfFile: sheet, encoding: .utf8))
        let instrument = try JSONSerialization.jsonObject(with: Data(try Repository.bytes("Instruments/onet-interest-profiler-60.json"))) as! [String: Any]
        let keys = (instrument["scales"] as! [[String: Any]]).map { ($0["key"] as! [[String: Any]]).map { $0["item"] as! String } }
        #expect(input.rows.count == 24)
        #expect(pages.count == 24)
        for row in input.rows {
            let id = row[0]
            let page = try #require(pages[id + ".html"], "no page for \(id)")
            #expect(page.who["id"] == id)
            #expect(page.who["ФИО"] == row[1], "page of \(id)")
            #expect(page.who["класс"] == row[2], "page of \(id)")
            let expected = keys.map { key in key.reduce(0) { $0 + Int(row[input.header.firstIndex(of: $1)!])! - 1 } }
            #expect(page.scores == expected, "page of \(id)")
        }
    }

    @Test func ddoPagesInWindows1251CarryTheirOwnStudent() throws {
        let workspace = try Workspace()
        let bytes = try Repository.bytes("Examples/klimov-ddo-7a.csv")
        let sheet = try workspace.write("7a.csv", bytes: bytes)
        let run = try workspace.run(["report", "--instrument", "klimov-ddo", sheet, "--individual", "pages", "--output", "report.md"])
        #expect(run.status == 0, "\(run)")
        let pages = try pages(in: workspace.path("pages"))
        let text = try #require(String(data: Data(bytes), encoding: .windowsCP1251))
        let input = CSVDocument(parsing: text, delimiter: ";")
        #expect(pages.count == input.rows.count)
        for row in input.rows {
            let page = try #require(pages[row[0] + ".html"], "no page for \(row[0])")
            #expect(page.who["id"] == row[0])
            #expect(page.who[input.header[1]] == row[1], "page of \(row[0])")
            #expect(page.who[input.header[2]] == row[2], "page of \(row[0])")
        }
    }
}
