/// Which norm group a respondent's scores are compared with, or why none is.
public enum NormMatch: Sendable, Hashable {
    /// The group at this index of ``Norms/groups``.
    case group(Int)
    /// The sheet has no column for these grouping variables.
    case noColumn([Norms.Variable])
    /// The respondent's cells for these grouping variables are empty or cannot be read.
    case noValue([Norms.Variable])
    /// No norm group has the respondent's values.
    case noGroup(Norms.Values)

    /// The index of the group, if there is one.
    public var groupIndex: Int? {
        if case .group(let index) = self { return index }
        return nil
    }

    /// What the `norm_group` column of `profscore score` says: the group's
    /// values (`grade=9 sex=female`), or why there is none — `no-column: sex`,
    /// `no-value: sex`, `no-group: grade=11 sex=female`.
    public func label(in norms: Norms) -> String {
        switch self {
        case .group(let index): norms.groups[index].values.label
        case .noColumn(let variables): "no-column: " + variables.map(\.rawValue).joined(separator: " ")
        case .noValue(let variables): "no-value: " + variables.map(\.rawValue).joined(separator: " ")
        case .noGroup(let values): "no-group: " + values.label
        }
    }
}

extension Norms {
    /// Finds a respondent's norm group from the cells of their sheet row.
    /// - Parameters:
    ///   - info: the row's respondent cells (``SheetRow/info``).
    ///   - columns: where the sheet has its grade, class and sex columns.
    public func match(info: [String], columns: NormColumns) -> NormMatch {
        let missing = columns.missing(groupBy)
        if !missing.isEmpty { return .noColumn(missing) }
        return match(values: columns.values(of: info))
    }

    /// Finds the norm group of a respondent whose values are known.
    /// - Parameter values: the respondent's grade and sex (values for
    ///   variables the norms are not grouped by are ignored).
    public func match(values: Values) -> NormMatch {
        let wanted = values.restricted(to: groupBy)
        let unknown = groupBy.filter { variable in
            switch variable {
            case .grade: wanted.grade == nil
            case .sex: wanted.sex == nil
            }
        }
        if !unknown.isEmpty { return .noValue(unknown) }
        return groupIndex(for: wanted).map { .group($0) } ?? .noGroup(wanted)
    }

    /// The groups with their sizes, for messages: `grade=8 (n = 50), grade=9 (n = 50)`.
    public var groupList: String {
        groups.map { "\($0.values.label) (n = \($0.n))" }.joined(separator: ", ")
    }
}
