/// Counts, for one sheet, which respondents had no norm group and why, so
/// that one warning per sheet can say it (the rows say it in their
/// `norm_group` cells).
public struct NormMatchTally: Sendable {
    /// Respondents counted.
    public private(set) var respondents = 0
    /// Respondents with a norm group.
    public private(set) var matched = 0
    private var noColumn: [Norms.Variable]?
    private var noValue: [Norms.Variable: Int] = [:]
    private var noGroup: [Norms.Values: Int] = [:]

    /// An empty tally.
    public init() {}

    /// Counts one respondent.
    public mutating func add(_ match: NormMatch) {
        respondents += 1
        switch match {
        case .group: matched += 1
        case .noColumn(let variables): noColumn = variables
        case .noValue(let variables): for variable in variables { noValue[variable, default: 0] += 1 }
        case .noGroup(let values): noGroup[values, default: 0] += 1
        }
    }

    /// Adds the counts of another part of the same sheet.
    public mutating func merge(_ other: NormMatchTally) {
        respondents += other.respondents
        matched += other.matched
        if let variables = other.noColumn { noColumn = variables }
        noValue.merge(other.noValue, uniquingKeysWith: +)
        noGroup.merge(other.noGroup, uniquingKeysWith: +)
    }

    /// The sheet's warning, when some respondent had no norm group.
    /// - Parameters:
    ///   - file: the sheet's name.
    ///   - norms: the instrument's norms.
    public func warning(file: String, norms: Norms) -> Diagnostic? {
        guard matched < respondents else { return nil }
        if let noColumn {
            let names = noColumn.flatMap(NormColumns.names(of:)).joined(separator: ", ")
            let what = noColumn.map(\.rawValue).joined(separator: ", ")
            return Diagnostic(.warning, file: file, Message(
                en: "the norms are by \(norms.groupBy.map(\.rawValue).joined(separator: ", ")), but the sheet has no column for \(what) (looked for: \(names)): its \(respondents) respondent(s) get no percentile rank or sten (norm_group «no-column: \(what)»); add the column to the sheet",
                ru: "нормы построены по \(Self.russian(norms.groupBy, genitive: false)), а в бланке нет столбца для \(Self.russian(noColumn, genitive: true)) (искали: \(names)): его \(respondents) респондент(ов) остаются без процентильного ранга и стена (norm_group «no-column: \(what)»); добавьте столбец в бланк"))
        }
        var english: [String] = [], russian: [String] = []
        for (values, count) in noGroup.sorted(by: { $0.key < $1.key }) {
            english.append("\(count) with \(values.label), for which there is no norm group")
            russian.append("\(count) — \(values.label), для них нет нормативной группы")
        }
        for variable in Norms.Variable.allCases {
            guard let count = noValue[variable] else { continue }
            english.append(variable == .sex
                ? "\(count) whose sex is empty or not one of м, ж, male, female"
                : "\(count) whose grade is empty and whose class name does not start with it")
            russian.append(variable == .sex
                ? "\(count) — пол не указан или не из м, ж, male, female"
                : "\(count) — параллель не указана и название класса с неё не начинается")
        }
        let missing = respondents - matched
        return Diagnostic(.warning, file: file, Message(
            en: "\(missing) of \(respondents) respondent(s) have no norm group, so no percentile rank or sten (see the norm_group column): \(english.joined(separator: "; ")); the norm groups are \(norms.groupList)",
            ru: "у \(missing) из \(respondents) респондент(ов) нет нормативной группы, поэтому нет процентильного ранга и стена (см. столбец norm_group): \(russian.joined(separator: "; ")); нормативные группы: \(norms.groupList)"))
    }

    /// «параллели и полу» (by), «параллели и пола» (for).
    static func russian(_ variables: [Norms.Variable], genitive: Bool) -> String {
        variables.map { $0 == .grade ? "параллели" : genitive ? "пола" : "полу" }.joined(separator: " и ")
    }
}
