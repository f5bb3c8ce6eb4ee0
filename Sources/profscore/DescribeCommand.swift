import ProfScoreKit

/// `profscore describe ID|FILE`: what an instrument is, in the terminal or as Markdown.
enum DescribeCommand {
    static let valueOptions = ["format", "output", "lang"]
    static let flagOptions: [String] = []

    static let help = Message(
        en: """
        USAGE: profscore describe ID|FILE [--format table|md] [--output PATH] [--lang ru|en]

        Describes an instrument: its source, answer formats, scales with their items
        (reverse-keyed items marked «(rev.)», option-keyed entries written as item and
        option, «1а»), the possible score range of every scale, the levels, the
        leading-type rule, the mapping to study profiles and the test vectors.

        OPTIONS:
          --format table|md  Terminal text (default) or Markdown.
          --output PATH      Write to PATH (whole or not at all) instead of standard output.
          --lang ru|en       Language of the description (default: ru).
          -h, --help         Show this help.

        EXIT CODES: 0 done, 64 usage error or unknown id, 65 invalid instrument, 1 a file that cannot be read or written.
        """,
        ru: """
        ИСПОЛЬЗОВАНИЕ: profscore describe ID|ФАЙЛ [--format table|md] [--output ПУТЬ] [--lang ru|en]

        Описывает инструмент: источник, форматы ответов, шкалы и их пункты (пункты с
        обратным ключом отмечены «(обр.)», записи по варианту — как пункт и вариант,
        «1а»), возможный диапазон баллов каждой шкалы, уровни, правило ведущего типа,
        соответствие профилям обучения и контрольные примеры.

        ПАРАМЕТРЫ:
          --format table|md  Текст для терминала (по умолчанию) или Markdown.
          --output ПУТЬ      Записать в ПУТЬ (целиком или никак) вместо стандартного вывода.
          --lang ru|en       Язык описания (по умолчанию ru).
          -h, --help         Показать эту справку.

        КОДЫ ВЫХОДА: 0 готово, 64 ошибка в командной строке или неизвестный идентификатор,
        65 неверный инструмент, 1 файл не читается или не записывается.
        """)

    static func run(_ arguments: Arguments, terminal: Terminal) -> ExitCode {
        let format: DescriptionFormat
        do {
            format = try arguments.choice("format", default: .table, allowed: DescriptionFormat.allCases)
        } catch {
            terminal.error(error.message.text(in: terminal.language))
            return .usage
        }
        guard arguments.operands.count == 1, let name = arguments.operands.first else {
            terminal.message(en: "describe needs exactly one instrument: a bundled id (see profscore instruments) or a file",
                             ru: "для describe нужен ровно один инструмент: идентификатор встроенного (см. profscore instruments) или файл")
            return .usage
        }
        guard terminal.check({ (files: inout RunFiles) throws(ProfScoreError) in
            try files.addInput(name, .instrument)
            try files.addOutput(arguments.values["output"], .output)
        }) else { return .usage }
        let instrument: Instrument
        do {
            instrument = try Instrument.named(name)
        } catch {
            terminal.error(error.rendered(in: terminal.language))
            return ExitCode.forFailure(error)
        }
        return InstrumentLoading.write(instrument.describe(format: format, language: terminal.language),
                                       to: arguments.values["output"], terminal: terminal)
    }
}
