import Foundation
import ProfScoreKit

/// `profscore score`: scores answer sheets and writes one row per respondent.
enum ScoreCommand {
    static let spec = CommandSpec(
        name: "score",
        summary: Message(en: "Score answer sheets with an instrument (one row per student).",
                         ru: "Подсчитать бланки ответов по инструменту (строка на ученика)."),
        usage: Message(
            en: """
            --instrument ID|FILE FILE... [--missing CELL,CELL]
            [--format csv|json|table] [--precision 4|full]
            [--output PATH] [--excel] [--strict]
            [--pseudonymize KEYFILE] [--keep-columns NAME,NAME]
            [--diagnostics FILE] [--threads N] [--lang ru|en]
            """,
            ru: """
            --instrument ID|ФАЙЛ ФАЙЛ... [--missing ЯЧЕЙКА,ЯЧЕЙКА]
            [--format csv|json|table] [--precision 4|full]
            [--output ПУТЬ] [--excel] [--strict]
            [--pseudonymize ФАЙЛ-КЛЮЧА] [--keep-columns ИМЯ,ИМЯ]
            [--diagnostics ФАЙЛ] [--threads N] [--lang ru|en]
            """),
        description: Message(
            en: """
            Scores answer sheets (CSV or TSV; UTF-8, UTF-8 with BOM, Windows-1251 or
            UTF-16; delimiter , ; or tab, detected). The header row names the item
            columns by item id; other columns are respondent information, the first
            being the respondent id. Use - to read standard input.

            Writes, per respondent: the id, the raw score of every scale, the levels,
            the leading type, the study profile, the Holland code (RIASEC forms), flags,
            the file and line, then the other respondent columns. Cells that cannot be
            read are reported on standard error as FILE:LINE:COLUMN and their scales
            are left unscored; the rest is scored. With an instrument that has norms
            (profscore norms): per scale the percentile rank and sten from the respondent's
            norm group (pr_<scale>, sten_<scale>), and the group used or why none applied
            (norm_group), with one warning per file for respondents without a group.
            """,
            ru: """
            Подсчитывает бланки ответов (CSV или TSV; UTF-8, UTF-8 с BOM, Windows-1251 или
            UTF-16; разделитель , ; или табуляция определяется сам). В строке заголовка
            столбцы ответов названы номерами пунктов; остальные столбцы — сведения о
            респонденте, первый из них — код респондента. «-» — читать стандартный ввод.

            Для каждого респондента выводит: код, сырой балл по каждой шкале, уровни,
            ведущий тип, профиль обучения, код Холланда (формы RIASEC), отметки, файл и
            строку, затем прочие столбцы респондента. Нечитаемые ячейки сообщаются в поток
            ошибок как ФАЙЛ:СТРОКА:СТОЛБЕЦ, их шкалы не подсчитываются; остальное подсчитывается.
            Если у инструмента есть нормы (profscore norms): по каждой шкале процентильный ранг
            и стен по нормативной группе респондента (pr_<шкала>, sten_<шкала>) и какая группа
            применена или почему никакая (norm_group), с одним предупреждением на файл о
            респондентах без группы.
            """),
        options: [
            .instrument, .missing,
            OptionSpec("format", choices: ScoreFormat.self, default: .csv, help: Message(
                en: "Output format (default: {default}).", ru: "Формат вывода (по умолчанию {default}).")),
            OptionSpec("precision", choices: ScorePrecision.self, default: .fourDecimals, help: Message(
                en: "Decimals of scores: 4 — rounded to at most 4 decimals; full — every digit of the value as computed (the shortest text that reads back as the same number). Default: {default}.",
                ru: "Знаки после запятой в баллах: 4 — округлить не более чем до 4 знаков; full — все цифры вычисленного значения (кратчайшая запись, читаемая обратно как то же число). По умолчанию {default}.")),
            OptionSpec("output", value: "PATH", "ПУТЬ", help: Message(
                en: "Write to PATH (whole or not at all) instead of standard output (- is standard output).",
                ru: "Записать в ПУТЬ (целиком или никак) вместо стандартного вывода («-» — стандартный вывод).")),
            .excel,
            OptionSpec(flag: "strict", help: Message(
                en: "Exit with 65 and write no --output file if any cell or file cannot be read.",
                ru: "Код 65 и без файла --output, если хоть одна ячейка или файл не прочитаны.")),
            OptionSpec("pseudonymize", value: "KEYFILE", "ФАЙЛ-КЛЮЧА", help: Message(
                en: """
                Replace the respondent id and every column of names or contacts (ФИО, фамилия, имя, обучающийся, \
                телефон, e-mail…) with a stable code keyed by the secret in KEYFILE, the school's key made once \
                with profscore key new (HMAC-SHA-256, at least 16 bytes; see docs/privacy.md), and empty every \
                other column except school, grade, class and sex (ОВЗ, notes and unknown columns are emptied). The same student gets the same code with the same key. Standard error \
                lists the columns kept and replaced; diagnostics there still name the rows.
                """,
                ru: """
                Заменить код респондента и все столбцы имён и контактов (ФИО, фамилия, имя, обучающийся, телефон, \
                e-mail…) на постоянный код по секретному ключу из ФАЙЛА-КЛЮЧА — ключу школы, созданному один раз \
                командой profscore key new (HMAC-SHA-256, не меньше 16 байт; см. docs/privacy.md), и очистить \
                все прочие столбцы, кроме школы, параллели, класса и пола (ОВЗ, примечания и незнакомые столбцы очищаются). С тем же ключом тот же ученик получает тот же код. \
                В потоке ошибок — какие столбцы оставлены и заменены; замечания там по-прежнему называют строки.
                """)),
            OptionSpec("keep-columns", value: "NAME,NAME", "ИМЯ,ИМЯ", help: Message(
                en: "With --pseudonymize: keep these respondent columns in clear too.",
                ru: "С --pseudonymize: оставить как есть и эти столбцы респондента.")),
            OptionSpec("threads", value: "N", "N", default: Message(en: "one per core", ru: "по числу ядер"), help: Message(
                en: "With CSV output, score a large sheet on at most N threads (default: {default}); 1 reads every sheet in one go. The output is the same.",
                ru: "При выводе CSV подсчитывать большой бланк не более чем в N потоков (по умолчанию — {default}); 1 — читать каждый бланк целиком. Результат тот же.")),
            .diagnostics,
            .lang(en: "Language of messages and level labels", ru: "Язык сообщений и названий уровней"),
        ],
        exitCodes: Message(
            en: """
            0 done (problems, if any, reported on standard error), 64 usage error, \
            65 invalid instrument, a sheet that could not be scored, or --strict and a problem; \
            1 other failure (a file that cannot be opened or written, the --pseudonymize key \
            file included: a key is never made here — see profscore key).
            """,
            ru: """
            0 готово (замечания, если были, — в потоке ошибок), 64 ошибка в командной \
            строке, 65 неверный инструмент, бланк не подсчитан или --strict и есть ошибки; \
            1 иной сбой (файл не открывается или не записывается, в том числе файл ключа \
            --pseudonymize: здесь ключ никогда не создаётся — см. profscore key).
            """))

    /// The command line of `score`, checked before any work.
    private struct Options {
        var format: ScoreFormat
        var precision: ScorePrecision
        var threadLimit: Int
        var keepColumns: [String]
        var instrumentName: String
        var inputs: [String]
        var excel: Bool
        var outputPath: String?
        var keyPath: String?
        var diagnosticsPath: String?
    }

    static func run(_ arguments: Arguments, terminal: Terminal) -> ExitCode {
        guard let options = checkedOptions(arguments, terminal: terminal) else { return .usage }
        let (instrumentName, inputs, outputPath, keyPath) = (options.instrumentName, options.inputs, options.outputPath, options.keyPath)
        let diagnosticsPath = options.diagnosticsPath
        guard terminal.check({ (files: inout RunFiles) throws(ProfScoreError) in
            try files.addInput(instrumentName, .instrument)
            try files.addInputs(inputs, .sheet)
            if let keyPath { try files.addInput(keyPath, .key) }
            try files.addOutput(outputPath, .output)
            try files.addOutput(diagnosticsPath, .diagnostics)
        }) else { return .usage }
        let pseudonymizer: Pseudonymizer?
        switch loadPseudonymizer(keyPath: keyPath, terminal: terminal) {
        case .success(let made): pseudonymizer = made
        case .failure(let exit): return exit.code
        }
        guard terminal.openDiagnostics(arguments) else { return .failure }
        defer { terminal.finishDiagnostics() }

        let instrument: Instrument
        do {
            instrument = try arguments.instrument(named: instrumentName)
        } catch {
            terminal.report(error)
            return .forFailure(error)
        }
        let run = ScoringRun(instrument: instrument, inputs: options.inputs, options: ScoringRun.Options(
            // CSV rows of a large sheet are written on every core.
            threads: options.format == .csv ? options.threadLimit : 1,
            pseudonymizer: pseudonymizer, keptColumns: options.keepColumns))
        guard checkKeptColumns(run, terminal: terminal) else { return .usage }
        let sink: OutputSink
        do {
            sink = try outputPath.map(OutputSink.file) ?? .standardOutput()
        } catch {
            terminal.error(error.rendered(in: terminal.language))
            return .failure
        }
        let writer = ScoreWriter(instrument: instrument, infoColumns: run.columns, format: options.format,
                                 precision: options.precision, language: terminal.language, excel: options.excel, sink: sink)
        writer.begin()
        scoreSheets(run, options: options, writer: writer, sink: sink, terminal: terminal)

        let dataFailures = run.failures.filter { ExitCode.forFailure($0.error) == .dataError }.count
        let ioFailures = run.failures.count - dataFailures
        let strictFailure = arguments.flags.contains("strict") && run.errorCount > 0
        // A sheet that failed after its rows were written (it changed while read, or most
        // of its cells could not be read): the output would hold them, so nothing is written.
        let changed = run.failures.contains { $0.error.spoilsOutput }
        guard commit(sink, discarding: strictFailure || changed, terminal: terminal) else { return .failure }
        terminal.finishDiagnostics()
        if pseudonymizer != nil {
            terminal.error(Pseudonymizer.summary(columns: run.columns, treatments: run.treatments).text(in: terminal.language))
        }
        summarize(run, unwritten: (strictFailure, changed, outputPath), terminal: terminal)
        if dataFailures > 0 || strictFailure { return .dataError }
        if ioFailures > 0 { return .failure }
        return .success
    }

    /// The options, checked before any work; `nil` (with the reason said) on a usage error.
    private static func checkedOptions(_ arguments: Arguments, terminal: Terminal) -> Options? {
        let format: ScoreFormat
        let precision: ScorePrecision
        let threadLimit: Int
        let keepColumns: [String]
        do {
            format = try arguments.choice("format")
            precision = try arguments.choice("precision")
            threadLimit = try arguments.threads()
            keepColumns = try keptColumns(arguments)
        } catch {
            terminal.error(error.message.text(in: terminal.language))
            return nil
        }
        guard let (instrumentName, inputs) = arguments.instrumentAndSheets(terminal: terminal) else { return nil }
        let excel = arguments.flags.contains("excel")
        if excel && format != .csv {
            terminal.message(en: "--excel applies to --format csv only", ru: "--excel относится только к --format csv")
            return nil
        }
        var outputPath = arguments.values["output"]
        if outputPath == "-" { outputPath = nil }
        return Options(format: format, precision: precision, threadLimit: threadLimit, keepColumns: keepColumns, instrumentName: instrumentName,
                       inputs: inputs, excel: excel, outputPath: outputPath, keyPath: arguments.values["pseudonymize"],
                       diagnosticsPath: arguments.values["diagnostics"].flatMap { $0 == "-" ? nil : $0 })
    }

    /// The pseudonymizer of `--pseudonymize KEYFILE` (`nil` without it), or
    /// the exit code when the key cannot be read (1, as any file that cannot
    /// be opened) or is too short (64). A missing key is never made here: a
    /// new key breaks the matching of codes with earlier years, so it is
    /// made only on purpose, with `profscore key new FILE`.
    private static func loadPseudonymizer(keyPath: String?, terminal: Terminal) -> Result<Pseudonymizer?, CommandExit> {
        guard let keyPath else { return .success(nil) }
        guard let key = FileManager.default.contents(atPath: keyPath) else {
            let exists = FileManager.default.fileExists(atPath: keyPath)
            terminal.message(
                en: "\(keyPath): error: the key file \(exists ? "cannot be read" : "does not exist"); --pseudonymize needs the school's existing key, as codes match earlier years' only with the same key — check the path. Only a school that has no key yet makes one, with profscore key new FILE; codes made with a new key will not match any earlier year's",
                ru: "\(keyPath): ошибка: файл ключа \(exists ? "не читается" : "не найден"); для --pseudonymize нужен уже имеющийся ключ школы, ведь коды совпадают с прошлогодними только при том же ключе — проверьте путь. Только школа, у которой ключа ещё нет, создаёт его командой profscore key new ФАЙЛ; коды с новым ключом не совпадут с кодами прошлых лет")
            return .failure(CommandExit(code: .failure))
        }
        guard let made = Pseudonymizer(key: [UInt8](key)) else {
            terminal.message(
                en: "\(keyPath): error: the key is shorter than \(Pseudonymizer.minimumKeyLength) bytes; give the school's key file — a school that has no key yet makes one with profscore key new FILE",
                ru: "\(keyPath): ошибка: ключ короче \(Pseudonymizer.minimumKeyLength) байт; укажите файл ключа школы — школа, у которой ключа ещё нет, создаёт его командой profscore key new ФАЙЛ")
            return .failure(CommandExit(code: .usage))
        }
        return .success(made)
    }

    /// With `--keep-columns`: `false` (with the reason said) when a name is none of the sheets' columns.
    private static func checkKeptColumns(_ run: ScoringRun, terminal: Terminal) -> Bool {
        do {
            try checkKept(run.unmatchedKeptColumns, columns: run.columns)
            return true
        } catch {
            terminal.error(error.message.text(in: terminal.language))
            return false
        }
    }

    /// Writes the output file whole, or nothing when `discarding`; `false` if it could not be written.
    private static func commit(_ sink: OutputSink, discarding: Bool, terminal: Terminal) -> Bool {
        if discarding {
            sink.discard()
            return true
        }
        do {
            try sink.commit()
            return true
        } catch {
            terminal.error(error.rendered(in: terminal.language))
            return false
        }
    }

    /// Scores every sheet into `writer`: a large sheet on several threads,
    /// in parts written to scratch files beside the output and appended in file order.
    private static func scoreSheets(_ run: ScoringRun, options: Options, writer: ScoreWriter, sink: OutputSink, terminal: Terminal) {
        let progress = ScoringProgress()
        run.progress = progress
        terminal.progressLine.start(progress, totalBytes: ProgressLine.totalSize(of: run.paths), language: terminal.language)
        let scratchFolder = sink.scratchFolder
        let (instrument, columns) = (run.instrument, run.columns)
        run.scoreInParts(
            makePart: { isFirst throws(ProfScoreError) -> ScorePart in
                let scratch = isFirst ? nil : try OutputSink.scratch(in: scratchFolder)
                let partWriter = scratch.map {
                    ScoreWriter(instrument: instrument, infoColumns: columns, format: options.format,
                                precision: options.precision, language: terminal.language, excel: options.excel, sink: $0)
                }
                return ScorePart(columnCount: columns.count, writer: partWriter ?? writer, scratch: scratch)
            },
            report: terminal.diagnostic,
            failed: terminal.report,
            each: { part, scored in part.write(scored) },
            finish: { part, repeated throws(ProfScoreError) in
                guard let scratch = part.scratch else { return }
                part.writer.end()
                writer.flush()
                try sink.append(scratch, inserting: repeated.map(part.writer.duplicateFlagPatch))
            })
        terminal.progressLine.stop()
        writer.end()
    }

    /// The summary line on standard error: what was scored, the problems, and
    /// whether the output file was left unwritten (`--strict`, or a sheet that changed).
    private static func summarize(_ run: ScoringRun, unwritten: (strict: Bool, changed: Bool, outputPath: String?),
                                  terminal: Terminal) {
        let total = run.inputs.count
        let scoredFiles = total - run.failures.count
        let strictNote = unwritten.strict ? unwritten.outputPath : nil
        let changedNote = unwritten.changed ? unwritten.outputPath : nil
        terminal.message(
            en: "\(run.instrument.id): \(run.respondentCount) respondent(s) scored from \(scoredFiles) of \(total) file(s); \(run.unreadableCellCount) cell(s) could not be read, \(run.errorCount) error(s), \(run.warningCount) warning(s)"
                + (strictNote.map { "; --strict: \($0) was not written" } ?? "")
                + (changedNote.map { "; \($0) was not written" } ?? ""),
            ru: "\(run.instrument.id): подсчитано респондентов: \(run.respondentCount), файлов: \(scoredFiles) из \(total); нечитаемых ячеек: \(run.unreadableCellCount), ошибок: \(run.errorCount), предупреждений: \(run.warningCount)"
                + (strictNote.map { "; --strict: \($0) не записан" } ?? "")
                + (changedNote.map { "; \($0) не записан" } ?? ""))
    }
}
