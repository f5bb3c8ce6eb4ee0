/// A blank answer sheet for an instrument: the respondent columns, then one
/// column per item headed by its id, ready to be filled in and scored.
///
/// Without a roster the sheet is the header row alone (`id`, `ФИО`,
/// `класс`, items; and `пол` when the instrument has norms by sex). With a per-student roster it has one row per student, in
/// the roster's order, with the roster's id, school and class filled in; with
/// a per-class roster, one row per enrolled student with the school and class
/// filled in and an id made from the class and a number (`7А-01`…), prefixed
/// with the school's number in the roster (`2-7А-01`) when two schools have a
/// class of the same name. Names and answers are left blank; the ОВЗ flag is
/// not copied (health data stays in the roster).
public enum AnswerSheetTemplate {
    /// Writes the sheet.
    /// - Parameters:
    ///   - instrument: the instrument whose items head the answer columns.
    ///   - roster: students or classes to make rows for.
    ///   - excel: for Russian Excel: UTF-8 with BOM, `;`, CRLF line ends;
    ///     otherwise UTF-8, `,`, LF.
    ///   - language: the language of the respondent column headers
    ///     (`id, ФИО, школа, класс, параллель` or `id, name, school, class, grade`);
    ///     both are recognised when the sheet is read back.
    /// - Returns: the file's bytes.
    public static func render(instrument: Instrument, roster: Roster? = nil, excel: Bool = false, language: Language = .russian) -> [UInt8] {
        let ru = language == .russian
        let rows = roster.map(rows(from:)) ?? []
        let hasSchool = rows.contains { $0.school != nil }
        // A grade column only when the class names do not already say it.
        let needsGrade = rows.contains { $0.grade != nil && $0.grade != $0.className.flatMap(GroupKey.grade(fromClassName:)) }
        var header = ["id", ru ? "ФИО" : "name"]
        if hasSchool { header.append(ru ? "школа" : "school") }
        header.append(ru ? "класс" : "class")
        if needsGrade { header.append(ru ? "параллель" : "grade") }
        // Norms by sex need the respondent's sex to find their norm group.
        let needsSex = instrument.norms?.groupBy.contains(.sex) == true
        if needsSex { header.append(ru ? "пол" : "sex") }
        header += instrument.items.map(\.id)

        let delimiter: UInt8 = excel ? 0x3B : 0x2C
        let lineEnd: [UInt8] = excel ? [0x0D, 0x0A] : [0x0A]
        var out: [UInt8] = excel ? [0xEF, 0xBB, 0xBF] : []
        func append(_ cells: [String]) {
            for (index, cell) in cells.enumerated() {
                if index > 0 { out.append(delimiter) }
                CSVCell.appendText(cell, delimiter: delimiter, to: &out)
            }
            out.append(contentsOf: lineEnd)
        }
        append(header)
        let blanks = [String](repeating: "", count: instrument.items.count)
        for row in rows {
            var cells = [row.id, ""]
            if hasSchool { cells.append(row.school ?? "") }
            cells.append(row.className ?? "")
            if needsGrade { cells.append(row.grade.map(String.init) ?? "") }
            if needsSex { cells.append("") }
            append(cells + blanks)
        }
        return out
    }

    struct Row {
        var id: String
        var school: String?
        var className: String?
        var grade: Int?
    }

    static func rows(from roster: Roster) -> [Row] {
        if roster.isPerStudent {
            return roster.studentOrder.compactMap { id in
                roster.students[id].map { Row(id: id, school: $0.key.school, className: $0.key.className, grade: $0.key.grade) }
            }
        }
        let classes = roster.classes.keys.sorted()
        var schoolNumber: [String: Int] = [:]
        for key in classes where schoolNumber[key.school ?? ""] == nil { schoolNumber[key.school ?? ""] = schoolNumber.count + 1 }
        var classNameCount: [String: Int] = [:]
        for key in classes { classNameCount[key.className ?? "", default: 0] += 1 }
        var rows: [Row] = []
        for key in classes {
            let name = key.className ?? key.grade.map(String.init) ?? "?"
            let prefix = classNameCount[key.className ?? "", default: 0] > 1 ? "\(schoolNumber[key.school ?? ""]!)-" : ""
            let count = roster.classes[key]!.enrolled
            guard count > 0 else { continue }
            let width = max(2, String(count).count)
            for number in 1...count {
                var digits = String(number)
                while digits.count < width { digits = "0" + digits }
                rows.append(Row(id: "\(prefix)\(name)-\(digits)", school: key.school, className: key.className, grade: key.grade))
            }
        }
        return rows
    }
}
