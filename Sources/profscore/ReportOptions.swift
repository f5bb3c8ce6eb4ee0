import Foundation
import ProfScoreKit

/// The options `report` and `merge` share: grouping, bands, targets,
/// small-cell threshold, format and output.
struct ReportOptions {
    var format: ReportFormat
    var excel: Bool
    var outputPath: String?
    var groupBy: [GroupLevel]?
    var bands: [GradeBand]?
    var targetPercent: Double?
    var targetsFile: String?
    var minCell: Int?

    /// The options of `report` and `merge`, in the order help lists them.
    static let options: [OptionSpec] = [
        OptionSpec("group-by", value: "LEVELS", "УРОВНИ",
                   default: Message(en: "school,grade,class", ru: "school,grade,class"), help: Message(
            en: "Levels shown below the total, from: school, grade, class (default: {default}; levels with a single group are left out). \"none\" for the total only.",
            ru: "Уровни под итогом, из: school, grade, class (по умолчанию {default}; уровни с одной группой опускаются). \"none\" — только итог.")),
        OptionSpec("bands", value: "BANDS", "ДИАПАЗОНЫ", default: Message(en: "5-11", ru: "5-11"), help: Message(
            en: "Grade bands for coverage, may overlap (default: {default}), e.g. 5-9,9-11,5-11.",
            ru: "Диапазоны классов для охвата, могут пересекаться (по умолчанию {default}), напр. 5-9,9-11,5-11.")),
        OptionSpec("target", value: "PERCENT", "ПРОЦЕНТ", default: Message(en: "80", ru: "80"), help: Message(
            en: "Target share for every indicator without a line in --targets (default: {default}).",
            ru: "Целевая доля для показателей без строки в --targets (по умолчанию {default}).")),
        OptionSpec("targets", value: "FILE", "ФАЙЛ", help: Message(
            en: "Targets by indicator, band and year: CSV with columns indicator, band, year, target (indicators: diagnosed, diagnosed-ovz, profile; * for any band or year).",
            ru: "Цели по показателю, диапазону и году: CSV со столбцами indicator, band, year, target (показатели: diagnosed, diagnosed-ovz, profile; * — любой диапазон или год).")),
        OptionSpec("min-cell", value: "N", "N", default: Message(en: "5", ru: "5"), help: Message(
            en: "Hide the results of groups with fewer than N scored sheets, and of the groups they could be computed from by subtraction (default: {default}).",
            ru: "Не показывать результаты групп, где подсчитано меньше N бланков, и групп, из которых их можно вычислить вычитанием (по умолчанию {default}).")),
        OptionSpec("format", choices: ReportFormat.self, default: .md, help: Message(
            en: "Output format (default: {default}). json is the mergeable summary.",
            ru: "Формат (по умолчанию {default}). json — сводка для объединения.")),
        .output,
        .excel,
        .diagnostics,
        .lang(en: "Language of the report and messages", ru: "Язык отчёта и сообщений"),
    ]

    /// Reads and checks the options.
    static func parse(_ arguments: Arguments) throws(UsageError) -> ReportOptions {
        let format: ReportFormat = try arguments.choice("format")
        let excel = arguments.flags.contains("excel")
        if excel && format != .csv {
            throw UsageError(en: "--excel applies to --format csv only", ru: "--excel относится только к --format csv")
        }
        var options = ReportOptions(format: format, excel: excel)
        options.outputPath = arguments.values["output"] == "-" ? nil : arguments.values["output"]
        if let text = arguments.values["group-by"] {
            if text == "none" {
                options.groupBy = []
            } else {
                var levels: [GroupLevel] = []
                for name in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
                    guard let level = GroupLevel(rawValue: name) else {
                        throw UsageError(en: "--group-by '\(name)' is not one of: school, grade, class, none",
                                         ru: "--group-by «\(name)» — не одно из: school, grade, class, none")
                    }
                    if !levels.contains(level) { levels.append(level) }
                }
                options.groupBy = levels
            }
        }
        if let text = arguments.values["bands"] {
            guard let bands = GradeBand.list(text) else {
                throw UsageError(en: "--bands '\(text)' is not a list of grade bands such as 5-9,9-11,5-11",
                                 ru: "--bands «\(text)» — не список диапазонов классов вида 5-9,9-11,5-11")
            }
            options.bands = bands
        }
        if let text = arguments.values["target"] {
            guard let value = Double(text.replacingOccurrences(of: ",", with: ".")), (0...100).contains(value) else {
                throw UsageError(en: "--target '\(text)' is not a percentage from 0 to 100", ru: "--target «\(text)» — не процент от 0 до 100")
            }
            options.targetPercent = value
        }
        options.targetsFile = arguments.values["targets"]
        if let text = arguments.values["min-cell"] {
            guard let value = Int(text), (1...1000).contains(value) else {
                throw UsageError(en: "--min-cell '\(text)' is not a whole number from 1 to 1000", ru: "--min-cell «\(text)» — не целое число от 1 до 1000")
            }
            options.minCell = value
        }
        return options
    }

    /// Settings from these options over a base (the defaults, or a summary's).
    func settings(over base: ReportSettings, terminal: Terminal) throws(ProfScoreError) -> ReportSettings {
        var settings = base
        if let groupBy { settings.groupBy = groupBy }
        if let bands { settings.bands = bands }
        if let minCell { settings.minCell = minCell }
        if let targetPercent { settings.targets.defaultPercent = targetPercent }
        if let targetsFile {
            settings.targets = try Targets.load(path: targetsFile, defaultPercent: settings.targets.defaultPercent, report: terminal.diagnostic)
        }
        return settings
    }

    /// Today's date in local time, as the report says it (`2026-12-01`).
    static func today() -> String {
        let day = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return String(format: "%04d-%02d-%02d", day.year ?? 0, day.month ?? 0, day.day ?? 0)
    }

    /// Writes a rendered summary to the output.
    func write(_ summary: Summary, terminal: Terminal) -> ExitCode {
        do {
            let sink = try outputPath.map(OutputSink.file) ?? .standardOutput()
            sink.write(summary.rendered(as: format, language: terminal.language, excel: excel, date: Self.today()))
            try sink.commit()
            return .success
        } catch {
            terminal.report(error)
            return .failure
        }
    }
}
