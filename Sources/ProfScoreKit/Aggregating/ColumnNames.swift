/// The column names, in Russian and English, by which ProfScore finds the
/// school, grade, class, ОВЗ flag and counts in answer sheets and rosters.
/// Names are compared after answer normalisation (case, look-alike letters).
enum ColumnNames {
    static let id = ["id", "код", "ид", "идентификатор", "код респондента", "код ученика", "номер", "№", "student", "respondent"]
    static let school = ["school", "школа", "оо", "образовательная организация", "организация", "учреждение"]
    static let grade = ["grade", "параллель", "год обучения", "класс (параллель)"]
    static let className = ["class", "класс", "группа"]
    static let sex = ["sex", "gender", "пол", "пол ученика"]
    static let ovz = ["ovz", "овз", "с овз", "обучающийся с овз", "disability", "sen"]
    static let enrolled = ["enrolled", "численность", "всего", "обучающихся", "количество", "число обучающихся"]
    static let enrolledOVZ = ["enrolled ovz", "enrolled_ovz", "ovz", "овз", "из них овз", "с овз", "численность овз"]

    /// The index of the first column whose name is one of `names`.
    static func find(_ names: [String], in columns: [String]) -> Int? {
        let wanted = Set(names.map(TokenNormalizer.normalize))
        return columns.firstIndex { wanted.contains(TokenNormalizer.normalize($0)) }
    }

    /// Whether a cell says yes (an ОВЗ flag): 1, да, yes, +, true, овз.
    static func isYes(_ text: String) -> Bool? {
        let value = TokenNormalizer.normalize(text)
        if value.isEmpty { return false }
        if ["1", "да", "yes", "y", "+", "true", "овз", "ovz", "x", "v"].map(TokenNormalizer.normalize).contains(value) { return true }
        if ["0", "нет", "no", "n", "-", "false"].map(TokenNormalizer.normalize).contains(value) { return false }
        return nil
    }
}
