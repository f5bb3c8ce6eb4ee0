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

    static let valueOptions = ["format", "output", "group-by", "bands", "target", "targets", "min-cell", "lang", "diagnostics"]
    static let flagOptions = ["excel"]

    static let helpEN = """
          --group-by LEVELS     Levels shown below the total, from: school, grade, class (default: school,grade,class;
                                levels with a single group are left out). "none" for the total only.
          --bands BANDS         Grade bands for coverage, may overlap (default: 5-11), e.g. 5-9,9-11,5-11.
          --target PERCENT      Target share for every indicator without a line in --targets (default: 80).
          --targets FILE        Targets by indicator, band and year: CSV with columns indicator, band, year, target
                                (indicators: diagnosed, diagnosed-ovz, profile; * for any band or year).
          --min-cell N          Hide the results of groups with fewer than N scored sheets, and of the groups they
                                could be computed from by subtraction (default: 5).
          --format md|table|csv|json|html
                                Output format (default: md). json is the mergeable summary.
          --output PATH         Write to PATH (whole or not at all) instead of standard output.
          --excel               CSV for Russian Excel: UTF-8 with BOM, ';', decimal comma.
          --diagnostics FILE    Write every diagnostic to FILE (standard error shows the first 20 and
                                a count); - shows them all on standard error.
          --lang ru|en          Language of the report and messages (default: ru).
    """
    static let helpRU = """
          --group-by УРОВНИ     Уровни под итогом, из: school, grade, class (по умолчанию school,grade,class;
                                уровни с одной группой опускаются). "none" — только итог.
          --bands ДИАПАЗОНЫ     Диапазоны классов для охвата, могут пересекаться (по умолчанию 5-11), напр. 5-9,9-11,5-11.
          --target ПРОЦЕНТ      Целевая доля для показателей без строки в --targets (по умолчанию 80).
          --targets ФАЙЛ        Цели по показателю, диапазону и году: CSV со столбцами indicator, band, year, target
                                (показатели: diagnosed, diagnosed-ovz, profile; * — любой диапазон или год).
          --min-cell N          Не показывать результаты групп, где подсчитано меньше N бланков, и групп, из которых
                                их можно вычислить вычитанием (по умолчанию 5).
          --format md|table|csv|json|html
                                Формат (по умолчанию md). json — сводка для объединения.
          --output ПУТЬ         Записать в ПУТЬ (целиком или никак) вместо стандартного вывода.
          --excel               CSV для русского Excel: UTF-8 с BOM, «;», десятичная запятая.
          --diagnostics ФАЙЛ    Записать все замечания в ФАЙЛ (в потоке ошибок — первые 20 и их число);
                                «-» — показать все в потоке ошибок.
          --lang ru|en          Язык отчёта и сообщений (по умолчанию ru).
    """

    /// Reads and checks the options.
    static func parse(_ arguments: Arguments) throws(UsageError) -> ReportOptions {
        let format = try arguments.choice("format", default: ReportFormat.md, allowed: ReportFormat.allCases)
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

    /// Writes a rendered summary to the output.
    func write(_ summary: Summary, terminal: Terminal) -> ExitCode {
        do {
            let sink = try outputPath.map(OutputSink.file) ?? .standardOutput()
            sink.write(summary.rendered(as: format, language: terminal.language, excel: excel))
            try sink.commit()
            return .success
        } catch {
            terminal.report(error)
            return .failure
        }
    }
}
