/// Where a respondent belongs: school, grade and class, each optional.
public struct GroupKey: Sendable, Hashable, Comparable {
    /// The school (образовательная организация).
    public var school: String?
    /// The grade (параллель), such as 7.
    public var grade: Int?
    /// The class, such as «7А».
    public var className: String?

    public init(school: String? = nil, grade: Int? = nil, className: String? = nil) {
        self.school = school
        self.grade = grade
        self.className = className
    }

    /// The key cut down to the given levels (the others set to nil).
    func restricted(to levels: [GroupLevel]) -> GroupKey {
        GroupKey(school: levels.contains(.school) ? school : nil,
                 grade: levels.contains(.grade) ? grade : nil,
                 className: levels.contains(.className) ? className : nil)
    }

    public static func < (lhs: GroupKey, rhs: GroupKey) -> Bool {
        if lhs.school != rhs.school { return (lhs.school ?? "") < (rhs.school ?? "") }
        if lhs.grade != rhs.grade { return (lhs.grade ?? -1) < (rhs.grade ?? -1) }
        return (lhs.className ?? "").localizedStandardCompare(rhs.className ?? "") == .orderedAscending
    }

    /// The grade a class name starts with: «7А» → 7, «10-Б» → 10.
    static func grade(fromClassName name: String) -> Int? {
        var value = 0, digits = 0
        var afterC2 = false
        for byte in name.utf8 {
            // Leading spaces, tabs and no-break spaces (C2 A0) are skipped.
            if digits == 0 && (byte == 0x20 || byte == 0x09 || (afterC2 && byte == 0xA0)) { afterC2 = false; continue }
            if digits == 0 && byte == 0xC2 && !afterC2 { afterC2 = true; continue }
            if afterC2 { break }
            guard byte >= 0x30 && byte <= 0x39, digits < 3 else { break }
            value = value * 10 + Int(byte - 0x30)
            digits += 1
        }
        return digits > 0 ? value : nil
    }

    /// The grade written in a cell: «7», «7 класс», «7А».
    static func grade(fromCell text: String) -> Int? {
        grade(fromClassName: text)
    }
}

/// A level of grouping in reports.
public enum GroupLevel: String, Sendable, Hashable, CaseIterable, Codable {
    case school
    case grade
    case className = "class"
}

import Foundation
