import ProfScoreKit

/// `profscore validate FILE...`: checks instrument files.
enum ValidateCommand {
    static let spec = CommandSpec(
        name: "validate",
        summary: Message(en: "Check instrument files and list every problem.",
                         ru: "Проверить файлы инструментов и перечислить все ошибки."),
        usage: Message(en: "FILE... [--lang ru|en]", ru: "ФАЙЛ... [--lang ru|en]"),
        description: Message(
            en: """
            Checks instrument files (docs/instrument-format.md) and lists every problem
            as FILE:LINE:COLUMN: error: JSON-PATH: message. A bundled id may be given
            instead of a file. A valid file may still get warnings about what is probably
            a mistake: a scale with fewer than three items, an answer format or option
            that nothing uses, a level that no answers can reach, missing test vectors.
            """,
            ru: """
            Проверяет файлы инструментов (docs/instrument-format.md) и перечисляет все
            ошибки в виде ФАЙЛ:СТРОКА:СТОЛБЕЦ: ошибка: JSON-ПУТЬ: сообщение. Вместо файла
            можно указать идентификатор встроенного инструмента. Даже к верному файлу
            могут быть предупреждения о вероятных ошибках: шкала меньше чем из трёх
            пунктов, формат ответа или вариант, которые ничем не используются, уровень,
            недостижимый ни при каких ответах, нет контрольных примеров.
            """),
        options: [.lang(en: "Language of the messages", ru: "Язык сообщений")],
        exitCodes: Message(
            en: "0 when all are valid (with or without warnings), 65 when one is not, 64 for an unknown bundled id, 1 for a file that cannot be read.",
            ru: "0, если всё верно (с предупреждениями или без), 65 при ошибках в инструменте, 64 для неизвестного идентификатора, 1 если файл не читается."))

    static func run(_ arguments: Arguments, terminal: Terminal) -> ExitCode {
        guard !arguments.operands.isEmpty else {
            terminal.message(en: "validate needs at least one instrument file; see profscore validate --help",
                             ru: "для validate нужен хотя бы один файл инструмента; см. profscore validate --help")
            return .usage
        }
        // validate lists every problem: no limit on the warnings shown.
        try? terminal.log.open("-")
        defer { terminal.finishDiagnostics() }
        var invalid = false, unknown = false, unreadable = false
        for name in arguments.operands {
            do {
                let (instrument, warnings) = try Instrument.namedWithWarnings(name)
                let vectors = instrument.testVectors.count
                let count = warnings.filter { $0.severity == .warning }.count
                terminal.message(
                    en: "\(name): valid — \(instrument.id) \(instrument.version), \(instrument.items.count) items, \(instrument.scales.count) scales, \(vectors) test vector(s) passed"
                        + (count > 0 ? ", \(count) warning(s)" : ""),
                    ru: "\(name): без ошибок — \(instrument.id) \(instrument.version), пунктов: \(instrument.items.count), шкал: \(instrument.scales.count), контрольных примеров пройдено: \(vectors)"
                        + (count > 0 ? ", предупреждений: \(count)" : ""))
                for warning in warnings { terminal.diagnostic(warning) }
            } catch {
                terminal.error(error.rendered(in: terminal.language))
                switch error {
                case .unknownInstrument: unknown = true
                case .io: unreadable = true
                default: invalid = true
                }
            }
        }
        let exit: ExitCode = invalid ? .dataError : unknown ? .usage : unreadable ? .failure : .success
        return exit
    }
}
