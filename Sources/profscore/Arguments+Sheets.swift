import Foundation
import ProfScoreKit

/// The operands of the commands that read answer sheets with an instrument
/// (score, report, analyze, norms).
extension Arguments {
    /// `--instrument` and the answer-sheet files; `nil` (with the reason said
    /// on standard error) when either is missing or `-` is given twice.
    /// - Parameter noSheets: what to say without sheets (default: that the command needs one, or `-`).
    func instrumentAndSheets(terminal: Terminal, noSheets: Message? = nil) -> (instrument: String, sheets: [String])? {
        let name = command.name
        guard let instrument = values["instrument"] else {
            terminal.message(en: "\(name) needs --instrument ID|FILE; see profscore instruments for the bundled ids",
                             ru: "для \(name) нужен --instrument ID|ФАЙЛ; встроенные идентификаторы: profscore instruments")
            return nil
        }
        guard !operands.isEmpty else {
            let message = noSheets ?? Message(
                en: "\(name) needs at least one answer-sheet file, or - for standard input",
                ru: "для \(name) нужен хотя бы один файл бланков или «-» для стандартного ввода")
            terminal.message(en: message.english, ru: message.russian)
            return nil
        }
        guard operands.filter({ $0 == "-" }).count <= 1 else {
            terminal.message(en: "standard input (-) can be read only once", ru: "стандартный ввод («-») можно прочитать только один раз")
            return nil
        }
        return (instrument, operands)
    }

    /// The instrument of `--instrument`, with the cells of `--missing` read as no answer.
    func instrument(named name: String) throws(ProfScoreError) -> Instrument {
        let instrument = try Instrument.named(name)
        guard let text = values["missing"] else { return instrument }
        let tokens = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return instrument.addingMissingTokens(tokens)
    }
}
