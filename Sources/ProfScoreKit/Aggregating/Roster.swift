/// The students a school has, to compute the share diagnosed.
///
/// Either one row per student (id, school, class, grade, ОВЗ flag) or one row
/// per class with counts (school, class, grade, enrolled, enrolled with ОВЗ).
public struct Roster: Sendable {
    /// One student of a per-student roster.
    public struct Student: Sendable, Hashable {
        public var key: GroupKey
        public var ovz: Bool?
    }

    /// One class of a per-class roster.
    public struct ClassCount: Sendable, Hashable {
        public var enrolled: Int
        public var enrolledOVZ: Int?
    }

    /// Students by id (a per-student roster), in the roster's order.
    public internal(set) var students: [String: Student] = [:]
    /// Ids in the roster's order.
    public internal(set) var studentOrder: [String] = []
    /// Classes with counts (a per-class roster).
    public internal(set) var classes: [GroupKey: ClassCount] = [:]
    /// The file it was read from.
    public let file: String

    /// Whether this is a per-student roster.
    public var isPerStudent: Bool { classes.isEmpty }

    /// Reads a roster file (CSV or TSV, any encoding the answer sheets may have).
    /// - Parameter report: receives warnings about rows that cannot be used.
    /// - Throws: ``ProfScoreError/unreadableSheet(_:)`` when the header names
    ///   neither an id column nor an enrolled column.
    public static func load(path: String, report: (Diagnostic) -> Void) throws(ProfScoreError) -> Roster {
        let table = try TextTableReader(path: path)
        guard try table.nextNonEmptyRecord() else {
            throw .unreadableSheet(Diagnostic(.error, file: path, line: 1, column: 1, Message(
                en: "the roster is empty; expected a header row (id, school, class, grade, ОВЗ — or school, class, grade, enrolled, ОВЗ)",
                ru: "список пуст; ожидалась строка заголовка (код, школа, класс, параллель, ОВЗ — или школа, класс, параллель, численность, ОВЗ)")))
        }
        let header = (0..<table.scanner.fieldCount).map { table.string($0) }
        var roster = Roster(file: path)
        let school = ColumnNames.find(ColumnNames.school, in: header)
        let grade = ColumnNames.find(ColumnNames.grade, in: header)
        let className = ColumnNames.find(ColumnNames.className, in: header)
        if let enrolled = ColumnNames.find(ColumnNames.enrolled, in: header) {
            let ovz = ColumnNames.find(ColumnNames.enrolledOVZ, in: header)
            try roster.readClasses(table, school: school, grade: grade, className: className, enrolled: enrolled, ovz: ovz, report: report)
        } else {
            guard let id = ColumnNames.find(ColumnNames.id, in: header) else {
                throw .unreadableSheet(Diagnostic(.error, file: path, line: table.scanner.recordLine, column: 1, Message(
                    en: "the roster has neither an id column (id, код) for one row per student nor an enrolled column (enrolled, численность) for one row per class; found: \(header.joined(separator: ", "))",
                    ru: "в списке нет ни столбца кода (код, id) для строки на ученика, ни столбца численности (численность, enrolled) для строки на класс; найдены: \(header.joined(separator: ", "))")))
            }
            let ovz = ColumnNames.find(ColumnNames.ovz, in: header)
            try roster.readStudents(table, id: id, school: school, grade: grade, className: className, ovz: ovz, report: report)
        }
        return roster
    }

    private static func cell(_ table: TextTableReader, _ index: Int?) -> String? {
        guard let index, index < table.scanner.fieldCount else { return nil }
        let value = table.string(index).trimmingSpaces
        return value.isEmpty ? nil : value
    }

    private static func key(_ table: TextTableReader, school: Int?, grade: Int?, className: Int?) -> GroupKey {
        let name = cell(table, className)
        let gradeValue = cell(table, grade).flatMap(GroupKey.grade(fromCell:)) ?? name.flatMap(GroupKey.grade(fromClassName:))
        return GroupKey(school: cell(table, school), grade: gradeValue, className: name)
    }

    private mutating func readStudents(
        _ table: TextTableReader, id: Int, school: Int?, grade: Int?, className: Int?, ovz: Int?, report: (Diagnostic) -> Void
    ) throws(ProfScoreError) {
        while try table.nextNonEmptyRecord(reporting: report) {
            let line = table.scanner.recordLine
            guard let studentID = Self.cell(table, id) else {
                report(Diagnostic(.warning, file: file, line: line, column: id + 1, Message(
                    en: "a roster row without an id is ignored", ru: "строка списка без кода не учитывается")))
                continue
            }
            var flag: Bool? = ovz == nil ? nil : false
            if let ovz, let text = Self.cell(table, ovz) {
                flag = ColumnNames.isYes(text)
                if flag == nil {
                    report(Diagnostic(.warning, file: file, line: line, column: ovz + 1, Message(
                        en: "cannot read the ОВЗ flag «\(text)»; write 1/да or 0/нет (taken as not ОВЗ)",
                        ru: "не удаётся прочитать отметку ОВЗ «\(text)»; пишите 1/да или 0/нет (считаем, что без ОВЗ)")))
                    flag = false
                }
            }
            if students[studentID] != nil {
                report(Diagnostic(.warning, file: file, line: line, column: id + 1, Message(
                    en: "student '\(studentID)' is listed twice; the first row is used",
                    ru: "ученик «\(studentID)» указан дважды; используется первая строка")))
                continue
            }
            students[studentID] = Student(key: Self.key(table, school: school, grade: grade, className: className), ovz: flag)
            studentOrder.append(studentID)
        }
    }

    /// The largest number enrolled a roster row may give for one class (the
    /// counts of a class listed twice are added up).
    public static let maximumEnrolled = 100_000

    private mutating func readClasses(
        _ table: TextTableReader, school: Int?, grade: Int?, className: Int?, enrolled: Int, ovz: Int?, report: (Diagnostic) -> Void
    ) throws(ProfScoreError) {
        while try table.nextNonEmptyRecord(reporting: report) {
            let line = table.scanner.recordLine
            let key = Self.key(table, school: school, grade: grade, className: className)
            if let text = Self.cell(table, enrolled), let count = Int(text), count > Self.maximumEnrolled {
                report(Diagnostic(.warning, file: file, line: line, column: enrolled + 1, Message(
                    en: "the number enrolled is \(count), but a class has at most \(Self.maximumEnrolled) pupils; the row is ignored — correct the number",
                    ru: "численность равна \(count), а в классе не больше \(Self.maximumEnrolled) учащихся; строка не учитывается — исправьте число")))
                continue
            }
            guard let text = Self.cell(table, enrolled), let count = Int(text), count >= 0 else {
                report(Diagnostic(.warning, file: file, line: line, column: enrolled + 1, Message(
                    en: "the number enrolled is not a whole number; the row is ignored",
                    ru: "численность — не целое число; строка не учитывается")))
                continue
            }
            var ovzCount: Int? = nil
            if let ovz {
                let ovzText = Self.cell(table, ovz) ?? "0"
                ovzCount = Int(ovzText)
                if ovzCount == nil || ovzCount! > count || ovzCount! < 0 {
                    report(Diagnostic(.warning, file: file, line: line, column: ovz + 1, Message(
                        en: "the number with ОВЗ «\(ovzText)» is not a whole number from 0 to \(count); taken as unknown",
                        ru: "число обучающихся с ОВЗ «\(ovzText)» — не целое от 0 до \(count); считаем неизвестным")))
                    ovzCount = nil
                }
            }
            if classes[key] != nil {
                report(Diagnostic(.warning, file: file, line: line, column: nil, Message(
                    en: "class \(key.className ?? "?") of \(key.school ?? "the school") is listed twice; the counts are added",
                    ru: "класс \(key.className ?? "?") (\(key.school ?? "школа")) указан дважды; численности сложены")))
                classes[key]!.enrolled += count
                classes[key]!.enrolledOVZ = ovzCount.flatMap { new in classes[key]!.enrolledOVZ.map { $0 + new } }
            } else {
                classes[key] = ClassCount(enrolled: count, enrolledOVZ: ovzCount)
            }
        }
        if classes.isEmpty {
            throw .unreadableSheet(Diagnostic(.error, file: file, line: 1, column: nil, Message(
                en: "the roster lists no class with a number enrolled", ru: "в списке нет ни одного класса с численностью")))
        }
    }
}

import Foundation
