import Foundation
import ProfScoreKit

/// `profscore merge`: combines summaries into one report.
enum MergeCommand {
    static let spec = CommandSpec(
        name: "merge",
        summary: Message(en: "Combine summaries of schools or years into one report.",
                         ru: "Объединить сводки школ или лет в один отчёт."),
        usage: Message(
            en: """
            SUMMARY... [--format md|table|csv|json|html] [--output PATH]
            [--group-by …] [--bands …] [--target …] [--targets FILE]
            [--min-cell N] [--excel] [--diagnostics FILE] [--lang ru|en]
            """,
            ru: """
            СВОДКА... [--format md|table|csv|json|html] [--output ПУТЬ]
            [--group-by …] [--bands …] [--target …] [--targets ФАЙЛ]
            [--min-cell N] [--excel] [--diagnostics ФАЙЛ] [--lang ru|en]
            """),
        description: Message(
            en: """
            Combines summaries written by 'profscore report --format json' (one per school, or one
            per year) into the report that scoring all their sheets together would give. Summaries
            of several school years add a table of the change per indicator and year («динамика»).
            The settings of the first summary are used unless given here; groups smaller than
            --min-cell (default 5) or than any summary's own threshold are hidden, whatever a
            summary file says.
            """,
            ru: """
            Объединяет сводки, записанные 'profscore report --format json' (по одной на школу или на
            год), в отчёт, который дал бы подсчёт всех их бланков вместе. Сводки нескольких учебных
            лет добавляют таблицу динамики по показателям и годам. Настройки берутся из первой
            сводки, если не заданы здесь; группы меньше --min-cell (по умолчанию 5) или порога
            любой из сводок скрываются, что бы ни было записано в файле сводки.
            """),
        options: ReportOptions.options,
        exitCodes: nil)

    static func run(_ arguments: Arguments, terminal: Terminal) -> ExitCode {
        let options: ReportOptions
        do {
            options = try ReportOptions.parse(arguments)
        } catch {
            terminal.error(error.message.text(in: terminal.language))
            return .usage
        }
        guard !arguments.operands.isEmpty else {
            terminal.message(en: "merge needs at least one summary file (profscore report --format json)",
                             ru: "для merge нужен хотя бы один файл сводки (profscore report --format json)")
            return .usage
        }
        guard terminal.check({ (files: inout RunFiles) throws(ProfScoreError) in
            try files.addInputs(arguments.operands, .summary)
            if let targets = options.targetsFile { try files.addInput(targets, .targets) }
            try files.addOutput(options.outputPath, .output)
            try files.addOutput(arguments.values["diagnostics"], .diagnostics)
        }) else { return .usage }
        guard terminal.openDiagnostics(arguments) else { return .failure }
        defer { terminal.finishDiagnostics() }
        var summaries: [(file: String, summary: Summary)] = []
        do {
            for file in arguments.operands {
                let spooled = try SpooledInput(file)
                guard let data = FileManager.default.contents(atPath: spooled.path) else {
                    throw ProfScoreError.io(path: file, reason: "cannot be read")
                }
                summaries.append((file, try Summary.load(data: data, file: file)))
            }
            var merged = try Summary.merge(summaries, minCell: options.minCell)
            // The threshold is merge's (never lower than --min-cell or the default), not the option's alone.
            let minCell = merged.settings.minCell
            merged.settings = try options.settings(over: merged.settings, terminal: terminal)
            merged.settings.minCell = minCell
            return options.write(merged, terminal: terminal)
        } catch let error as ProfScoreError {
            terminal.report(error)
            return ExitCode.forFailure(error)
        } catch {
            terminal.error("\(error)")
            return .failure
        }
    }
}
