/// What the engine counts over one sheet's rows, whole or part by part,
/// for the checks made once the sheet is read: respondents without a norm
/// group, answer cells filled and unreadable (``SheetFit``), and
/// respondents whose grade is outside the instrument's grades.
struct SheetTally: Sendable {
    var norms = NormMatchTally()
    /// Rows counted.
    var respondents = 0
    /// Answer cells that were not empty.
    var filledCells = 0
    /// Answer cells that could not be read.
    var unreadableCells = 0
    /// Respondents per grade outside the instrument's grades.
    var outsideGrades: [Int: Int] = [:]

    /// Counts one row's answer cells and grade (before its respondent cells are pseudonymised).
    /// - Complexity: O(items).
    mutating func add(_ row: SheetRow, header: SheetHeader) {
        respondents += 1
        for code in row.codes where code != ScoringPlan.missing {
            filledCells += 1
            if code == ScoringPlan.unreadable { unreadableCells += 1 }
        }
        guard let grades = header.grades, let columns = header.gradeColumns else { return }
        if let grade = columns.grade(of: row.info), !grades.contains(grade) { outsideGrades[grade, default: 0] += 1 }
    }

    /// Adds the counts of another part of the same sheet.
    mutating func merge(_ other: SheetTally) {
        norms.merge(other.norms)
        respondents += other.respondents
        filledCells += other.filledCells
        unreadableCells += other.unreadableCells
        outsideGrades.merge(other.outsideGrades, uniquingKeysWith: +)
    }

    /// The sheet's one warning about respondents outside the instrument's grades.
    func gradeWarning(file: String, instrument: Instrument) -> Diagnostic? {
        guard let grades = instrument.grades, !outsideGrades.isEmpty else { return nil }
        let count = outsideGrades.values.reduce(0, +)
        let list = outsideGrades.keys.sorted().map(String.init).joined(separator: ", ")
        let range = "\(grades.lowerBound)–\(grades.upperBound)"
        return Diagnostic(.warning, file: file, line: nil, column: nil, Message(
            en: "\(count) respondent(s) in grade(s) \(list), but '\(instrument.id)' is meant for grades \(range); their results are still computed — read them with care",
            ru: "респондентов в классах \(list): \(count), а «\(instrument.id)» предназначен для \(range) классов; их результаты всё равно подсчитаны — толкуйте их осторожно"))
    }
}
