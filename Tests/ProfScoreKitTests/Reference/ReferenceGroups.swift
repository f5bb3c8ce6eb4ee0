// The reference scorer (test oracle), part 5: the group of a report a row
// belongs to — its school, grade and class — written from the docs only:
// docs/report-format.md ("groups[]": «One entry per school year, school, grade
// and class (each may be `null` when not known)»), docs/instrument-format.md
// ("Which group a respondent belongs to": the grade «from a sheet column named
// `параллель`, `grade`, `год обучения` or `класс (параллель)`, or, without one,
// from the number a class name starts with (a column `класс`, `class` or
// `группа`: «9Б» → 9) — as group reports find it»; «Column names are compared
// after the normalisation of answers») and docs/privacy.md (the school column:
// «`school`, `школа`, `оо`, `образовательная организация`, `организация`,
// `учреждение` … (the names `report` and norms look for)»).
import Foundation

/// What a respondent column says about the group.
enum RefGroupRole: Sendable {
    case school, grade, className
}

/// A row's group: school, grade and class, `nil` when not given.
struct RefGroupKey: Hashable, Sendable, CustomStringConvertible {
    var school: String?
    var grade: Int?
    var className: String?

    var description: String { "(\(school ?? "–"), \(grade.map(String.init) ?? "–"), \(className ?? "–"))" }
}

/// The rows of one sheet by group.
struct RefGrouping: Sendable {
    /// Each row's group, in the order of the sheet's rows.
    var keys: [RefGroupKey] = []
    /// Situations where the docs leave a row's group open (see `// Docs:`):
    /// such sheets are not compared group by group.
    var ambiguities: [String] = []
    /// The rows of each group, by the group's `RefGroups.matching` key.
    var rows: [RefGroupKey: [RefRow]] = [:]
}

enum RefGroups {
    /// Column names by role (privacy.md's table, instrument-format.md).
    static let columnNames: [(role: RefGroupRole, names: [String])] = [
        (.school, ["school", "школа", "оо", "образовательная организация", "организация", "учреждение"]),
        (.grade, ["grade", "параллель", "год обучения", "класс (параллель)"]),
        (.className, ["class", "класс", "группа"]),
    ]

    /// The role of a respondent column, its header compared as answers are.
    static func role(of header: String) -> RefGroupRole? {
        let key = RefText.normalize(header)
        return columnNames.first { $0.names.contains { RefText.normalize($0) == key } }?.role
    }

    /// A name with answers' normalisation and without spaces and dashes.
    /// Docs: how school and class names are compared is not said («7А», «7а»,
    /// «7 А», «7-А» may or may not be one class; nor is how such a class is
    /// named in the summary). Two spellings of a sheet that differ only in
    /// this way make the sheet ambiguous; otherwise groups are matched by this
    /// form, so that any of those readings gives the same groups.
    static func loose(_ text: String) -> String {
        String(RefText.normalize(text).unicodeScalars.filter { $0 != " " && $0 != "-" }.map(Character.init))
    }

    /// The key under which a group is compared (see `loose`).
    static func matching(_ key: RefGroupKey) -> RefGroupKey {
        RefGroupKey(school: key.school.map(loose), grade: key.grade, className: key.className.map(loose))
    }

    /// The grade a number in a cell gives, or why the docs leave it open.
    private static func grade(digits: Substring) -> (grade: Int?, open: String?) {
        guard let value = Int(digits) else { return (nil, "grade-not-a-number") }
        // Docs: only school grades are talked about; what a class «0А» or a
        // grade «12» or «2025» gives is not said.
        guard (1...11).contains(value), !digits.hasPrefix("0") else { return (nil, "grade-out-of-range") }
        return (value, nil)
    }

    /// The groups of a sheet's rows.
    static func group(_ sheet: RefSheetResult) -> RefGrouping {
        var grouping = RefGrouping()
        // Columns by role; a renamed repeated column («класс (2)») keeps no role.
        var columns: [RefGroupRole: Int] = [:]
        for (index, name) in sheet.infoColumnNames.enumerated() {
            if let role = role(of: name) {
                // Docs: which of two columns for the school, grade or class counts is not said.
                if columns[role] != nil { grouping.ambiguities.append("two-columns-for-\(role)") }
                columns[role] = columns[role] ?? index
            } else if let open = name.range(of: #" \(\d+\)$"#, options: .regularExpression),
                      role(of: String(name[..<open.lowerBound])) != nil {
                // Docs: a second column «класс» is written as «класс (2)»; whether
                // it, or the first, names the class is not said.
                grouping.ambiguities.append("repeated-group-column")
            }
        }
        let other = Set(sheet.otherDelimiterRowLines)
        var spellings: [RefGroupRole: [String: String]] = [:]   // loose → the first spelling
        for row in sheet.rows {
            var key = RefGroupKey()
            func text(_ role: RefGroupRole) -> String? {
                guard let column = columns[role], column < row.info.count else { return nil }
                let cell = row.info[column]
                if cell.isEmpty { return nil }
                let trimmed = cell.trimmingCharacters(in: .whitespacesAndNewlines)
                // Docs: whether a cell of spaces is «not given», and whether spaces
                // around a name count, is not said (answers are trimmed; respondent
                // cells are «carried through … unchanged»).
                if trimmed != cell { grouping.ambiguities.append(trimmed.isEmpty ? "blank-group-cell" : "spaces-around-group-cell") }
                if let first = spellings[role, default: [:]][loose(cell)], first != cell {
                    grouping.ambiguities.append("two-spellings-of-a-\(role)")
                }
                spellings[role, default: [:]][loose(cell)] = spellings[role]?[loose(cell)] ?? cell
                return cell
            }
            key.school = text(.school)
            key.className = text(.className)
            // The number a class name starts with (ASCII digits right at its start).
            var fromClass: Int?
            if let name = key.className {
                let digits = name.prefix { $0.isASCII && $0.isNumber }
                if !digits.isEmpty {
                    let (value, open) = grade(digits: digits)
                    fromClass = value
                    if let open, columns[.grade] == nil { grouping.ambiguities.append(open) }
                }
            }
            if columns[.grade] != nil {
                if let cell = text(.grade) {
                    // Docs: the form of a grade cell is not given; the natural one is
                    // the number alone («7»). Anything else is left open.
                    if cell.allSatisfy({ $0.isASCII && $0.isNumber }) {
                        let (value, open) = grade(digits: Substring(cell))
                        key.grade = value
                        if let open { grouping.ambiguities.append(open) }
                    } else {
                        grouping.ambiguities.append("grade-not-a-number")
                    }
                } else if fromClass != nil {
                    // Docs: «or, without one» — without a grade column. Whether an
                    // empty grade cell falls back to the class name is not said.
                    grouping.ambiguities.append("empty-grade-cell-with-a-class-grade")
                }
            } else {
                key.grade = fromClass
            }
            if other.contains(row.line) && !columns.isEmpty {
                // Docs: a row saved with another delimiter is «scored as blank»; what
                // its respondent cells (class…) are is not said.
                grouping.ambiguities.append("other-delimiter-row-with-group-columns")
            }
            grouping.keys.append(key)
            grouping.rows[matching(key), default: []].append(row)
        }
        return grouping
    }
}
