import Foundation
import ProfScoreKit

/// `score --pseudonymize … --keep-columns NAME,NAME`: which respondent columns stay in clear.
extension ScoreCommand {
    /// The names given to `--keep-columns` (comma-separated), checked
    /// before any work: only with `--pseudonymize`, and no empty name.
    static func keptColumns(_ arguments: Arguments) throws(UsageError) -> [String] {
        guard let text = arguments.values["keep-columns"] else { return [] }
        guard arguments.values["pseudonymize"] != nil else {
            throw UsageError(en: "--keep-columns applies to --pseudonymize only; without it every column is written as it is",
                             ru: "--keep-columns относится только к --pseudonymize; без него все столбцы выводятся как есть")
        }
        let names = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard !names.contains(where: \.isEmpty) else {
            throw UsageError(en: "--keep-columns '\(text)' has an empty name; give column names separated by commas, e.g. --keep-columns Примечание,ОВЗ",
                             ru: "в --keep-columns «\(text)» есть пустое имя; перечислите столбцы через запятую, напр. --keep-columns Примечание,ОВЗ")
        }
        return names
    }

    /// Refuses names of `--keep-columns` that are none of the sheets' columns.
    static func checkKept(_ unmatched: [String], columns: [String]) throws(UsageError) {
        guard unmatched.isEmpty else {
            let existing = columns.joined(separator: ", ")
            let wrong = unmatched.joined(separator: ", ")
            throw UsageError(en: "--keep-columns: no column named \(wrong); the respondent columns of the sheets are: \(existing)",
                             ru: "--keep-columns: нет столбца \(wrong); столбцы респондента в бланках: \(existing)")
        }
    }
}
