import ProfScoreKit

/// `profscore describe ID|FILE`: what an instrument is, in the terminal or as Markdown.
enum DescribeCommand {
    static let spec = CommandSpec(
        name: "describe",
        summary: Message(en: "Describe an instrument: scales, items, keys, ranges, levels.",
                         ru: "Описать инструмент: шкалы, пункты, ключи, диапазоны, уровни."),
        usage: Message(en: "ID|FILE [--format table|md] [--output PATH] [--lang ru|en]",
                       ru: "ID|ФАЙЛ [--format table|md] [--output ПУТЬ] [--lang ru|en]"),
        description: Message(
            en: """
            Describes an instrument: its source, answer formats, scales with their items
            (reverse-keyed items marked «(rev.)», option-keyed entries written as item and
            option, «1а»), the possible score range of every scale, the levels, the
            leading-type rule, the mapping to study profiles and the test vectors.
            """,
            ru: """
            Описывает инструмент: источник, форматы ответов, шкалы и их пункты (пункты с
            обратным ключом отмечены «(обр.)», записи по варианту — как пункт и вариант,
            «1а»), возможный диапазон баллов каждой шкалы, уровни, правило ведущего типа,
            соответствие профилям обучения и контрольные примеры.
            """),
        options: [
            OptionSpec("format", choices: DescriptionFormat.self, default: .table, help: Message(
                en: "Terminal text (table) or Markdown (md); default: {default}.",
                ru: "Текст для терминала (table) или Markdown (md); по умолчанию {default}.")),
            .output,
            .lang(en: "Language of the description", ru: "Язык описания"),
        ],
        exitCodes: Message(
            en: "0 done, 64 usage error or unknown id, 65 invalid instrument, 1 a file that cannot be read or written.",
            ru: "0 готово, 64 ошибка в командной строке или неизвестный идентификатор, 65 неверный инструмент, 1 файл не читается или не записывается."))

    static func run(_ arguments: Arguments, terminal: Terminal) -> ExitCode {
        let format: DescriptionFormat
        do {
            format = try arguments.choice("format")
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
