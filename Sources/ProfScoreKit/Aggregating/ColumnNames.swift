/// The column names, in Russian and English, by which ProfScore finds the
/// school, grade, class, ОВЗ flag and counts in answer sheets and rosters,
/// and recognises columns of names and contacts (for `--pseudonymize`).
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

    /// Beginnings of words that mark a column of a person's name or contact
    /// details; see ``isNameOrContact(_:)``.
    static let nameOrContactStems = [
        "фио", "фамил", "имя", "отчеств", "name", "surname", "ученик", "ученица", "учащ", "обучающ",
        "student", "pupil", "email", "mail", "почт", "тел", "phone", "снилс", "адрес", "address",
        "рожд", "birth",
    ]

    /// Beginnings of words that mark a column of health data (the ОВЗ status,
    /// a disability); see ``isHealth(_:)``.
    static let healthStems = ["овз", "ovz", "disab", "sen", "инвалид", "здоров", "диагноз", "health"]

    /// Whether a header names a column of names or contact details: one of its
    /// ``words(of:)`` begins with one of ``nameOrContactStems``.
    static func isNameOrContact(_ header: String) -> Bool {
        hasWord(of: header, beginningWith: nameOrContactStemsNormalized)
    }

    /// Whether a header names a column of health data: one of its
    /// ``words(of:)`` begins with one of ``healthStems`` (so «ОВЗ»,
    /// «Обучающийся с ОВЗ», «ОВЗ (да/нет)», «Инвалидность»).
    static func isHealth(_ header: String) -> Bool {
        hasWord(of: header, beginningWith: healthStemsNormalized)
    }

    /// The words of a header, normalised as answers are: split at spaces and
    /// punctuation after dots are removed, a run of one-letter words joined
    /// into one word. So «Ф.И.О.» and «Ф. И. О.» are the word `фио`, «Тел.» is
    /// `тел` and «E-mail» has the word `mail`.
    static func words(of header: String) -> [String] {
        let normalized = String(decoding: TokenNormalizer.normalize(header), as: UTF8.self).replacingOccurrences(of: ".", with: "")
        var words: [String] = []
        var initials = ""
        for word in normalized.split(whereSeparator: { !$0.isLetter && !$0.isNumber }) {
            if word.count == 1 { initials += word; continue }
            if !initials.isEmpty { words.append(initials); initials = "" }
            words.append(String(word))
        }
        if !initials.isEmpty { words.append(initials) }
        return words
    }

    private static func hasWord(of header: String, beginningWith stems: [String]) -> Bool {
        let words = words(of: header)
        return stems.contains { stem in words.contains { $0.hasPrefix(stem) } }
    }

    private static let nameOrContactStemsNormalized = nameOrContactStems.map { String(decoding: TokenNormalizer.normalize($0), as: UTF8.self) }
    private static let healthStemsNormalized = healthStems.map { String(decoding: TokenNormalizer.normalize($0), as: UTF8.self) }

    /// Whether `name` is one of `names`.
    static func matches(_ names: [String], _ name: String) -> Bool {
        find(names, in: [name]) != nil
    }

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
