/// Targets for the shares a school reports, by indicator, band and year.
public struct Targets: Sendable, Hashable {
    /// The shares with targets.
    public enum Indicator: String, Sendable, Hashable, CaseIterable, Codable {
        /// Students with a scored sheet, of those enrolled.
        case diagnosed
        /// Students with disabilities (ОВЗ) with a scored sheet, of those enrolled.
        case diagnosedOVZ = "diagnosed-ovz"
        /// Students whose result points to a study profile, of those enrolled.
        case profile
    }

    /// One line of a targets file.
    public struct Entry: Sendable, Hashable {
        public var indicator: Indicator
        /// `nil` for any band.
        public var band: GradeBand?
        /// School year such as `2025/26`; `nil` for any year.
        public var year: String?
        /// Target share in percent.
        public var percent: Double
    }

    /// Entries from a targets file.
    public var entries: [Entry]
    /// The target where no entry applies (`--target`, default 80 %).
    public var defaultPercent: Double

    public init(entries: [Entry] = [], defaultPercent: Double = 80) {
        self.entries = entries
        self.defaultPercent = defaultPercent
    }

    /// The target for an indicator in a band (nil: a group that is not a band) and year:
    /// the most specific entry wins (band and year, then band, then year, then any).
    public func target(_ indicator: Indicator, band: GradeBand?, year: String) -> Double {
        let candidates = entries.filter {
            $0.indicator == indicator && ($0.band == nil || $0.band == band) && ($0.year == nil || $0.year == year)
        }
        let best = candidates.max { score($0) < score($1) }
        return best?.percent ?? defaultPercent
    }

    private func score(_ entry: Entry) -> Int {
        (entry.band != nil ? 2 : 0) + (entry.year != nil ? 1 : 0)
    }

    /// Reads a targets file: columns indicator, band, year, target (CSV or TSV;
    /// `*` or empty band/year means any). Indicators: diagnosed, diagnosed-ovz, profile.
    public static func load(path: String, defaultPercent: Double, report: (Diagnostic) -> Void) throws(ProfScoreError) -> Targets {
        let table = try TextTableReader(path: path)
        guard try table.nextNonEmptyRecord() else {
            throw .unreadableSheet(Diagnostic(.error, file: path, line: 1, column: 1, Message(
                en: "the targets file is empty; expected columns indicator, band, year, target",
                ru: "файл целевых значений пуст; ожидались столбцы indicator, band, year, target")))
        }
        let header = (0..<table.scanner.fieldCount).map { table.string($0) }
        func column(_ names: [String]) -> Int? { ColumnNames.find(names, in: header) }
        guard let indicatorColumn = column(["indicator", "показатель"]), let targetColumn = column(["target", "цель", "целевое значение"]) else {
            throw .unreadableSheet(Diagnostic(.error, file: path, line: table.scanner.recordLine, column: 1, Message(
                en: "the targets file needs the columns indicator and target (and optionally band, year); found: \(header.joined(separator: ", "))",
                ru: "в файле целевых значений нужны столбцы indicator и target (и при желании band, year); найдены: \(header.joined(separator: ", "))")))
        }
        let bandColumn = column(["band", "диапазон", "классы"]), yearColumn = column(["year", "год", "учебный год"])
        var targets = Targets(defaultPercent: defaultPercent)
        while try table.nextNonEmptyRecord(reporting: report) {
            let line = table.scanner.recordLine
            func cell(_ index: Int?) -> String {
                guard let index, index < table.scanner.fieldCount else { return "" }
                return table.string(index).trimmingCharacters(in: .whitespaces)
            }
            let indicatorText = cell(indicatorColumn)
            guard let indicator = Indicator(rawValue: indicatorText) else {
                report(Diagnostic(.warning, file: path, line: line, column: indicatorColumn + 1, Message(
                    en: "unknown indicator «\(indicatorText)»; use diagnosed, diagnosed-ovz or profile; the row is ignored",
                    ru: "неизвестный показатель «\(indicatorText)»; используйте diagnosed, diagnosed-ovz или profile; строка не учитывается")))
                continue
            }
            let bandText = cell(bandColumn), yearText = cell(yearColumn)
            var band: GradeBand?
            if !bandText.isEmpty && bandText != "*" {
                band = GradeBand(bandText)
                if band == nil {
                    report(Diagnostic(.warning, file: path, line: line, column: (bandColumn ?? 0) + 1, Message(
                        en: "cannot read the band «\(bandText)»; write it as 5-9; the row is ignored",
                        ru: "не удаётся прочитать диапазон «\(bandText)»; пишите как 5-9; строка не учитывается")))
                    continue
                }
            }
            let percentText = cell(targetColumn).replacingOccurrences(of: ",", with: ".").replacingOccurrences(of: "%", with: "")
            guard let percent = Double(percentText.trimmingCharacters(in: .whitespaces)), (0...100).contains(percent) else {
                report(Diagnostic(.warning, file: path, line: line, column: targetColumn + 1, Message(
                    en: "the target «\(cell(targetColumn))» is not a percentage from 0 to 100; the row is ignored",
                    ru: "цель «\(cell(targetColumn))» — не процент от 0 до 100; строка не учитывается")))
                continue
            }
            let year = yearText.isEmpty || yearText == "*" ? nil : SchoolYear.normalize(yearText)
            targets.entries.append(Entry(indicator: indicator, band: band, year: year, percent: percent))
        }
        return targets
    }
}

/// School years such as `2025/26`.
public enum SchoolYear {
    /// The school year of a date: September to August.
    public static func containing(_ date: Date) -> String {
        let components = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "Europe/Moscow")!, from: date)
        let year = components.year!, month = components.month!
        let start = month >= 9 ? year : year - 1
        return format(start: start)
    }

    static func format(start: Int) -> String {
        "\(start)/\(String(format: "%02d", (start + 1) % 100))"
    }

    /// `2025/26`, `2025-2026`, `2025/2026` → `2025/26`; a single year `2026` is
    /// the school year that ends in it, `2025/26`. Anything else is kept as written.
    public static func normalize(_ text: String) -> String {
        let parts = text.replacingOccurrences(of: "-", with: "/").replacingOccurrences(of: "–", with: "/")
            .split(separator: "/").map { $0.trimmingCharacters(in: .whitespaces) }
        if parts.count == 2, let start = Int(parts[0]), start > 1900 { return format(start: start) }
        if parts.count == 1, let end = Int(parts[0]), end > 1900 { return format(start: end - 1) }
        return text
    }
}

import Foundation
