extension Pseudonymizer {
    /// What pseudonymisation does with one respondent column of a sheet.
    ///
    /// Columns are sorted positively: only the columns ProfScore knows to be
    /// needed and not to name a child are kept; whatever it does not
    /// recognise is personal and does not reach the output in clear.
    public enum ColumnTreatment: Sendable, Hashable {
        /// The respondent id (the first respondent column): replaced by its keyed code.
        case idCode
        /// A column of names or contact details (`ФИО`, `Ф.И.О.`, `Фамилия`,
        /// `Обучающийся`, `Тел.`, `E-mail`…, see `ColumnNames.isNameOrContact`):
        /// replaced by keyed codes, so that the same student can still be matched.
        case nameCode
        /// School, grade, class or sex, recognised by the names that norms and
        /// group reports look for: kept in clear.
        case kept
        /// A column the user asked to keep in clear (`--keep-columns`).
        case keptOnRequest
        /// Every other column: the ОВЗ status (health data), notes, columns
        /// ProfScore does not know. Emptied, because a keyed code of a value
        /// that many students share (`да`, `нет`) would only relabel it.
        case emptied

        /// Whether the column's values go to the output unchanged.
        public var keepsValue: Bool { self == .kept || self == .keptOnRequest }
    }

    /// Decides, for each respondent column of a sheet, what pseudonymisation
    /// does with it: the first column is the respondent id (coded); a column
    /// named in `keeping` is kept; school, grade, class and sex are kept; names
    /// and contacts are coded; everything else, health data (ОВЗ) included, is emptied.
    /// - Parameters:
    ///   - columns: the respondent columns, id first (``SheetReader/infoColumnNames``).
    ///   - keeping: names of columns to keep in clear, compared as answers are
    ///     (case, `ё`, look-alike letters ignored).
    /// - Returns: one treatment per column, in order.
    public static func classify(columns: [String], keeping: [String] = []) -> [ColumnTreatment] {
        let kept = Set(keeping.map(TokenNormalizer.normalize))
        return columns.indices.map { index in
            let name = columns[index]
            if kept.contains(TokenNormalizer.normalize(name)) { return .keptOnRequest }
            if index == 0 { return .idCode }
            if ColumnNames.matches(ColumnNames.school + ColumnNames.grade + ColumnNames.className + ColumnNames.sex, name) { return .kept }
            // «Обучающийся с ОВЗ» is health data, not a name: never coded.
            if ColumnNames.isHealth(name) { return .emptied }
            return ColumnNames.isNameOrContact(name) ? .nameCode : .emptied
        }
    }

    /// The names in `keeping` that name none of `columns` (compared as in
    /// ``classify(columns:keeping:)``), in the order given.
    public static func unmatched(_ keeping: [String], in columns: [String]) -> [String] {
        let names = Set(columns.map(TokenNormalizer.normalize))
        return keeping.filter { !names.contains(TokenNormalizer.normalize($0)) }
    }

    /// Replaces a row's respondent cells as `treatments` say: keyed codes for
    /// the id and names, nothing for emptied columns. An empty cell stays empty.
    /// - Parameters:
    ///   - treatments: from ``classify(columns:keeping:)``, one per cell.
    ///   - info: the row's respondent cells, in the same order.
    public func apply(_ treatments: [ColumnTreatment], to info: inout [String]) {
        for index in info.indices where index < treatments.count {
            switch treatments[index] {
            case .idCode, .nameCode: info[index] = code(for: info[index])
            case .emptied: info[index] = ""
            case .kept, .keptOnRequest: break
            }
        }
    }

    /// One line that says which columns were kept in clear, replaced by
    /// codes and emptied: names only, never values.
    public static func summary(columns: [String], treatments: [ColumnTreatment]) -> Message {
        func names(_ wanted: (ColumnTreatment) -> Bool, asked: String) -> [String] {
            zip(columns, treatments).filter { wanted($0.1) }.map { $0.1 == .keptOnRequest ? "\($0.0) (\(asked))" : $0.0 }
        }
        func list(_ names: [String], none: String) -> String { names.isEmpty ? none : names.joined(separator: ", ") }
        let kept = { (treatment: ColumnTreatment) in treatment.keepsValue }
        let coded = { (treatment: ColumnTreatment) in treatment == .idCode || treatment == .nameCode }
        let emptied = { (treatment: ColumnTreatment) in treatment == .emptied }
        return Message(
            en: "--pseudonymize: kept in clear: \(list(names(kept, asked: "--keep-columns"), none: "none")); "
                + "replaced by keyed codes: \(list(names(coded, asked: ""), none: "none")); "
                + "emptied: \(list(names(emptied, asked: ""), none: "none"))",
            ru: "--pseudonymize: оставлены как есть: \(list(names(kept, asked: "--keep-columns"), none: "нет")); "
                + "заменены кодами: \(list(names(coded, asked: ""), none: "нет")); "
                + "очищены: \(list(names(emptied, asked: ""), none: "нет"))")
    }
}
