/// Where a sheet gives the values that choose a respondent's norm group:
/// its grade column (or class column, whose name starts with the grade) and
/// its sex column, found by name among the respondent columns as group
/// reports find them (`параллель`/`grade`, `класс`/`class`, `пол`/`sex`/`gender`;
/// case and look-alike letters ignored).
public struct NormColumns: Sendable, Hashable {
    /// Position of the grade column among the respondent columns.
    public var grade: Int?
    /// Position of the class column (used for the grade when there is no grade column).
    public var className: Int?
    /// Position of the sex column.
    public var sex: Int?
    /// Codes of the sex column besides the words (``Norms/sexCodes``).
    public var sexCodes: [String: Norms.Sex]
    /// Other columns that could be the sex column (`gender` beside `пол`): the first is used.
    public var otherSexColumns: [Int]

    /// Finds the columns.
    /// - Parameters:
    ///   - infoColumnNames: the respondent columns of a sheet (``SheetHeader/columns``).
    ///   - sexCodes: codes of the sex column besides the words (``Norms/sexCodes``).
    public init(infoColumnNames: [String], sexCodes: [String: Norms.Sex] = [:]) {
        grade = ColumnNames.find(ColumnNames.grade, in: infoColumnNames)
        className = ColumnNames.find(ColumnNames.className, in: infoColumnNames)
        let sex = ColumnNames.find(ColumnNames.sex, in: infoColumnNames)
        self.sex = sex
        otherSexColumns = infoColumnNames.indices.filter { $0 != sex && ColumnNames.matches(ColumnNames.sex, infoColumnNames[$0]) }
        self.sexCodes = sexCodes
    }

    /// The names looked for, per variable, for messages.
    public static func names(of variable: Norms.Variable) -> [String] {
        switch variable {
        case .grade: ColumnNames.grade + ColumnNames.className
        case .sex: ColumnNames.sex
        }
    }

    /// The variables among `variables` that the sheet has no column for.
    public func missing(_ variables: [Norms.Variable]) -> [Norms.Variable] {
        variables.filter { variable in
            switch variable {
            case .grade: grade == nil && className == nil
            case .sex: sex == nil
            }
        }
    }

    /// The positions of the columns found, to tell a reader which respondent columns are needed.
    public var positions: [Int] { [grade, className, sex].compactMap { $0 } }

    /// A respondent's values: the grade from the grade cell or else the
    /// number the class name starts with; the sex read by ``Norms/Sex/init(cell:)``.
    /// - Parameter info: the row's respondent cells (``SheetRow/info``).
    public func values(of info: [String]) -> Norms.Values {
        func cell(_ index: Int?) -> String? {
            guard let index, index < info.count else { return nil }
            let value = info[index].trimmingSpaces
            return value.isEmpty ? nil : value
        }
        return Norms.Values(grade: grade(of: info), sex: cell(sex).flatMap { Norms.Sex(cell: $0, codes: sexCodes) })
    }

    /// A respondent's grade: from the grade cell, or else the number the class name starts with.
    /// - Complexity: O(the cells' length), no copy of them.
    public func grade(of info: [String]) -> Int? {
        func cell(_ index: Int?) -> String? {
            guard let index, index < info.count else { return nil }
            return info[index]
        }
        return cell(grade).flatMap(GroupKey.grade(fromCell:)) ?? cell(className).flatMap(GroupKey.grade(fromClassName:))
    }

    /// The text of a respondent's cell for a variable, for messages (`nil` when empty or absent).
    public func cell(_ variable: Norms.Variable, of info: [String]) -> String? {
        let index: Int? = switch variable {
        case .grade: grade ?? className
        case .sex: sex
        }
        guard let index, index < info.count else { return nil }
        let value = info[index].trimmingSpaces
        return value.isEmpty ? nil : value
    }
}
