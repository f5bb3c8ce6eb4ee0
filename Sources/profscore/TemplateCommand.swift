import ProfScoreKit

/// `profscore template ID|FILE`: a blank answer sheet for an instrument.
enum TemplateCommand {
    static let spec = CommandSpec(
        name: "template",
        summary: Message(en: "Write a blank answer sheet for an instrument.",
                         ru: "Создать пустой бланк ответов для инструмента."),
        usage: Message(en: "ID|FILE [--roster FILE] [--excel] [--output PATH] [--lang ru|en]",
                       ru: "ID|ФАЙЛ [--roster ФАЙЛ] [--excel] [--output ПУТЬ] [--lang ru|en]"),
        description: Message(
            en: """
            Writes a blank answer sheet (CSV): the respondent columns id, name, class, then
            one column per item headed by its id, as profscore score reads it. With
            --roster, one row per student of the roster with its id, school and class
            filled in; a roster of classes (with the number enrolled) gives one row per
            enrolled student with ids made from the class (7А-01, 7А-02, …).
            """,
            ru: """
            Создаёт пустой бланк ответов (CSV): столбцы респондента id, ФИО, класс, затем
            по столбцу на каждый пункт с его номером в заголовке — так, как его читает
            profscore score. Со списком (--roster) — по строке на каждого ученика с его
            кодом, школой и классом; список классов (с численностью) даёт по строке на
            каждого обучающегося с кодами из названия класса (7А-01, 7А-02, …).
            """),
        options: [
            OptionSpec("roster", value: "FILE", "ФАЙЛ", help: Message(
                en: "Students (id, school, class, grade) or classes (school, class, enrolled).",
                ru: "Учащиеся (код, школа, класс, параллель) или классы (школа, класс, численность).")),
            OptionSpec(flag: "excel", help: Message(
                en: "For Russian Excel: UTF-8 with BOM, ';', CRLF (default: UTF-8, ',', LF).",
                ru: "Для русского Excel: UTF-8 с BOM, «;», CRLF (по умолчанию UTF-8, «,», LF).")),
            .output,
            .lang(en: "Language of the column headers and messages", ru: "Язык заголовков столбцов и сообщений"),
        ],
        exitCodes: Message(
            en: "0 done, 64 usage error or unknown id, 65 invalid instrument or roster, 1 a file that cannot be read or written.",
            ru: "0 готово, 64 ошибка в командной строке или неизвестный идентификатор, 65 неверный инструмент или список, 1 файл не читается или не записывается."))

    static func run(_ arguments: Arguments, terminal: Terminal) -> ExitCode {
        guard arguments.operands.count == 1, let name = arguments.operands.first else {
            terminal.message(en: "template needs exactly one instrument: a bundled id (see profscore instruments) or a file",
                             ru: "для template нужен ровно один инструмент: идентификатор встроенного (см. profscore instruments) или файл")
            return .usage
        }
        guard terminal.check({ (files: inout RunFiles) throws(ProfScoreError) in
            try files.addInput(name, .instrument)
            if let roster = arguments.values["roster"] { try files.addInput(roster, .roster) }
            try files.addOutput(arguments.values["output"], .output)
        }) else { return .usage }
        let instrument: Instrument
        do {
            instrument = try Instrument.named(name)
        } catch {
            terminal.error(error.rendered(in: terminal.language))
            return ExitCode.forFailure(error)
        }
        var roster: Roster?
        if let path = arguments.values["roster"] {
            do {
                roster = try Roster.load(path: path, report: terminal.diagnostic)
            } catch {
                terminal.error(error.rendered(in: terminal.language))
                if case .io = error { return .failure }
                return .dataError
            }
        }
        let bytes = AnswerSheetTemplate.render(instrument: instrument, roster: roster,
                                               excel: arguments.flags.contains("excel"), language: terminal.language)
        let exit = InstrumentLoading.write(bytes, to: arguments.values["output"], terminal: terminal)
        guard exit == .success else { return exit }
        let rows = roster.map { AnswerSheetTemplateRows.count($0) } ?? 0
        terminal.message(
            en: "\(instrument.id): a blank sheet with \(instrument.items.count) item column(s) and \(rows) row(s); fill in one row per respondent and score it with profscore score --instrument \(name)",
            ru: "\(instrument.id): пустой бланк, столбцов пунктов: \(instrument.items.count), строк: \(rows); заполните по строке на респондента и подсчитайте: profscore score --instrument \(name)")
        return .success
    }
}

/// The number of rows a roster gives a template.
enum AnswerSheetTemplateRows {
    static func count(_ roster: Roster) -> Int {
        roster.isPerStudent ? roster.studentOrder.count : roster.classes.values.reduce(0) { $0 + $1.enrolled }
    }
}
