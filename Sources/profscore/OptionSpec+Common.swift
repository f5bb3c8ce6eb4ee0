import ProfScoreKit

/// Options several commands take, declared once.
extension OptionSpec {
    static let instrument = OptionSpec("instrument", value: "ID|FILE", "ID|ФАЙЛ", help: Message(
        en: "Bundled instrument id (see profscore instruments) or an instrument file.",
        ru: "Идентификатор встроенного инструмента (см. profscore instruments) или файл инструмента."))

    static let missing = OptionSpec("missing", value: "CELL,CELL", "ЯЧЕЙКА,ЯЧЕЙКА", help: Message(
        en: "Cells that mean no answer, read as empty cells (e.g. NA,99,-9); NA already is in numeric formats. An answer's own spelling stays an answer.",
        ru: "Ячейки, означающие отсутствие ответа, читаются как пустые (напр. NA,99,-9); NA — уже в числовых форматах. Написание ответа остаётся ответом."))

    static let output = OptionSpec("output", value: "PATH", "ПУТЬ", help: Message(
        en: "Write to PATH (whole or not at all) instead of standard output.",
        ru: "Записать в ПУТЬ (целиком или никак) вместо стандартного вывода."))

    static let excel = OptionSpec(flag: "excel", help: Message(
        en: "CSV for Russian Excel: UTF-8 with BOM, ';', decimal comma.",
        ru: "CSV для русского Excel: UTF-8 с BOM, «;», десятичная запятая."))

    static let diagnostics = OptionSpec("diagnostics", value: "FILE", "ФАЙЛ", help: Message(
        en: "Write every diagnostic to FILE (standard error shows the first 20 and a count); - shows them all on standard error.",
        ru: "Записать все замечания в ФАЙЛ (в потоке ошибок — первые 20 и их число); «-» — показать все в потоке ошибок."))

    /// `--lang ru|en`, saying what the language is used for.
    static func lang(en: String, ru: String) -> OptionSpec {
        OptionSpec("lang", choices: Language.self, default: .russian, help: Message(
            en: en + " (default: {default}).", ru: ru + " (по умолчанию {default})."))
    }
}
