import Foundation
import ProfScoreKit

/// `profscore analyze`: item and reliability analysis of a pilot sample.
enum AnalyzeCommand {
    static let spec = CommandSpec(
        name: "analyze",
        summary: Message(en: "Item and reliability analysis (Cronbach's α) of a pilot sample.",
                         ru: "Анализ пунктов и надёжности (α Кронбаха) по пилотной выборке."),
        usage: Message(
            en: """
            --instrument ID|FILE FILE... [--missing CELL,CELL]
            [--format table|md|csv|json] [--output PATH]
            [--diagnostics FILE] [--lang ru|en]
            """,
            ru: """
            --instrument ID|ФАЙЛ ФАЙЛ... [--missing ЯЧЕЙКА,ЯЧЕЙКА]
            [--format table|md|csv|json] [--output ПУТЬ]
            [--diagnostics ФАЙЛ] [--lang ru|en]
            """),
        description: Message(
            en: """
            Item and reliability analysis of a pilot sample (answer sheets as profscore
            score reads them; - is standard input). For each scale: Cronbach's α (raw and
            standardized), the mean inter-item correlation, the score's mean and SD; for
            each of its items: mean, SD, the corrected item–total correlation (r.drop),
            α if the item is dropped, answer frequencies and missing answers. Items are
            scored as keyed (reverse-keyed items reversed). Each scale is computed over
            its complete cases (respondents who answered all its items). Forced-choice
            (ipsative) scales, such as the ДДО's, get no α. Warnings on standard error
            point at the key entry of an item that correlates negatively with its scale
            (usually a mis-keyed item) or hardly varies. The numbers agree with R's
            psych::alpha (see docs/analysis.md).
            """,
            ru: """
            Анализ пунктов и надёжности по пилотной выборке (бланки ответов — как для
            profscore score; «-» — стандартный ввод). Для каждой шкалы: α Кронбаха (по
            ковариациям и стандартизированная), средняя корреляция между пунктами, среднее
            и СО балла; для каждого её пункта: среднее, СО, скорректированная корреляция
            с итогом (r.drop), α без пункта, частоты ответов и пропуски. Пункты оцениваются
            по ключу (обратные — в обратном порядке). Каждая шкала считается по полным
            наблюдениям (респондентам, ответившим на все её пункты). Для шкал с
            вынужденным выбором (ипсативных), как в ДДО, α не приводится. Предупреждения в
            потоке ошибок указывают на запись ключа пункта, который отрицательно
            коррелирует со шкалой (обычно ошибка в ключе) или почти не варьирует. Числа
            совпадают с psych::alpha в R (см. docs/analysis.md).
            """),
        options: [
            .instrument, .missing,
            OptionSpec("format", choices: AnalysisFormat.self, default: .table, help: Message(
                en: "Output format (default: {default}). CSV and JSON carry full precision.",
                ru: "Формат вывода (по умолчанию {default}). В CSV и JSON — полная точность.")),
            .output,
            .diagnostics,
            .lang(en: "Language of headings and messages", ru: "Язык заголовков и сообщений"),
        ],
        exitCodes: Message(
            en: "0 done (warnings, if any, on standard error), 64 usage error, 65 invalid instrument or a sheet that could not be read at all, 1 other failure.",
            ru: "0 готово (предупреждения, если есть, — в потоке ошибок), 64 ошибка в командной строке, 65 неверный инструмент или бланк, который не удалось прочитать, 1 иной сбой."))

    static func run(_ arguments: Arguments, terminal: Terminal) -> ExitCode {
        let format: AnalysisFormat
        do {
            format = try arguments.choice("format")
        } catch {
            terminal.error(error.message.text(in: terminal.language))
            return .usage
        }
        guard let (instrumentName, inputs) = arguments.instrumentAndSheets(terminal: terminal) else { return .usage }
        guard terminal.check({ (files: inout RunFiles) throws(ProfScoreError) in
            try files.addInput(instrumentName, .instrument)
            try files.addInputs(inputs, .sheet)
            try files.addOutput(arguments.values["output"], .output)
            try files.addOutput(arguments.values["diagnostics"], .diagnostics)
        }) else { return .usage }
        let instrument: Instrument
        do {
            instrument = try arguments.instrument(named: instrumentName)
        } catch {
            terminal.error(error.rendered(in: terminal.language))
            return ExitCode.forFailure(error)
        }
        guard terminal.openDiagnostics(arguments) else { return .failure }
        defer { terminal.finishDiagnostics() }
        let analyzer = SampleAnalyzer(instrument: instrument)
        let failures = analyzer.read(paths: inputs, report: terminal.diagnostic, failed: terminal.report)
        let ioFailures = failures.filter { if case .io = $0.error { true } else { false } }.count
        let dataFailures = failures.count - ioFailures
        let analysis = analyzer.result(instrumentFile: instrumentName)
        for warning in analysis.warnings { terminal.diagnostic(warning) }
        // A sheet refused after its rows were counted (see ScoreCommand): the analysis would hold them.
        let spoiled = failures.contains { $0.error.spoilsOutput }
        let written = spoiled ? ExitCode.success : InstrumentLoading.write(analysis.rendered(as: format, language: terminal.language),
                                                                         to: arguments.values["output"], terminal: terminal)
        let flagged = analysis.warnings.filter { $0.severity == .warning }.count
        terminal.message(
            en: "\(instrument.id): \(analyzer.respondentCount) respondent(s) from \(inputs.count - dataFailures - ioFailures) of \(inputs.count) file(s); \(analyzer.unreadableCellCount) unreadable cell(s) counted as missing; \(flagged) item warning(s)" + (spoiled ? "; the analysis was not written" : ""),
            ru: "\(instrument.id): респондентов: \(analyzer.respondentCount), файлов: \(inputs.count - dataFailures - ioFailures) из \(inputs.count); нечитаемых ячеек (считаются пропусками): \(analyzer.unreadableCellCount); предупреждений по пунктам: \(flagged)" + (spoiled ? "; анализ не записан" : ""))
        if written != .success { return written }
        if dataFailures > 0 { return .dataError }
        if ioFailures > 0 { return .failure }
        return .success
    }
}
