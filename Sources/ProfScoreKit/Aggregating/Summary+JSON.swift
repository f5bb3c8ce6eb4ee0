import Foundation

/// The JSON form of a summary (`docs/report-format.md`).
struct SummaryFile: Codable {
    struct Text: Codable { var ru: String; var en: String }
    struct ScaleInfo: Codable { var id: String; var title: Text; var levels: [Text] }
    struct Category: Codable { var id: String; var title: Text }
    struct InstrumentInfo: Codable {
        var id: String
        var version: String
        var title: Text
        var scales: [ScaleInfo]
        var categories: [Category]
        var hasLeadingType: Bool
    }
    struct Target: Codable { var indicator: String; var band: String?; var year: String?; var target: Double }
    struct Settings: Codable {
        var groupBy: [String]
        var bands: [String]
        var minCell: Int
        var defaultTarget: Double
        var targets: [Target]
    }
    struct ScaleResults: Codable {
        var id: String
        var n: Int
        var sum: Double
        var sumOfSquares: Double
        var mean: Double?
        var sd: Double?
        var median: Double?
        var min: Double?
        var max: Double?
        /// Pairs `[score, count]`, ascending by score.
        var histogram: [[Double]]
        /// Scored sheets per level, low to high.
        var levels: [Int]
        /// With norms: scored sheets per sten 1…10 (absent without norms).
        var stens: [Int]?
    }
    struct Results: Codable {
        var sheets: Int
        var scored: Int
        var withProfile: Int
        var flags: [String: Int]
        var leading: [String: Int]
        var categories: [String: Int]
        var scales: [ScaleResults]
    }
    struct CoverageCounts: Codable {
        var enrolled: Int
        var enrolledOVZ: Int?
        var diagnosed: Int
        var diagnosedOVZ: Int?
        var withProfile: Int
    }
    struct Group: Codable {
        var schoolYear: String
        var school: String?
        var grade: Int?
        var `class`: String?
        var results: Results
        var coverage: CoverageCounts?
    }
    struct Header: Codable { var format: String; var formatVersion: Int }

    var format = "profscore-summary"
    var formatVersion = Summary.formatVersion
    var instrument: InstrumentInfo
    var settings: Settings
    var groups: [Group]
}

extension Summary {
    /// The summary as JSON: keys sorted, one value per line, so that files diff well.
    public func jsonData() -> Data {
        func text(_ value: LocalizedText) -> SummaryFile.Text { .init(ru: value.ru, en: value.en) }
        func results(_ value: GroupResults) -> SummaryFile.Results {
            .init(sheets: value.sheets, scored: value.scored, withProfile: value.withProfile, flags: value.flags,
                  leading: value.leading, categories: value.categories,
                  scales: zip(instrument.scales, zip(value.scales, value.levels)).enumerated().map { index, element in
                      let (info, (stats, levels)) = element
                      return .init(id: info.id, n: stats.count, sum: stats.sum, sumOfSquares: stats.sumOfSquares,
                                   mean: stats.mean, sd: stats.standardDeviation, median: stats.median,
                                   min: stats.minimum, max: stats.maximum,
                                   histogram: stats.sortedHistogram.map { [$0.score, Double($0.count)] }, levels: levels,
                                   stens: value.stens.flatMap { index < $0.count ? $0[index] : nil })
                  })
        }
        let file = SummaryFile(
            instrument: .init(id: instrument.id, version: instrument.version, title: text(instrument.title),
                              scales: instrument.scales.map { .init(id: $0.id, title: text($0.title), levels: $0.levels.map(text)) },
                              categories: instrument.categories.map { .init(id: $0.id, title: text($0.title)) },
                              hasLeadingType: instrument.hasLeadingType),
            settings: .init(groupBy: settings.groupBy.map(\.rawValue), bands: settings.bands.map(\.description),
                            minCell: settings.minCell, defaultTarget: settings.targets.defaultPercent,
                            targets: settings.targets.entries.map {
                                .init(indicator: $0.indicator.rawValue, band: $0.band?.description, year: $0.year, target: $0.percent)
                            }),
            groups: groups.map { group in
                .init(schoolYear: group.schoolYear, school: group.key.school, grade: group.key.grade, class: group.key.className,
                      results: results(group.results),
                      coverage: group.coverage.map {
                          .init(enrolled: $0.enrolled, enrolledOVZ: $0.enrolledOVZ, diagnosed: $0.diagnosed,
                                diagnosedOVZ: $0.diagnosedOVZ, withProfile: $0.withProfile)
                      })
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return (try? encoder.encode(file)) ?? Data()
    }

    /// The largest count a summary may hold (sheets, scores in a histogram
    /// bin, pupils enrolled…): far more than any school system has, and small
    /// enough that adding up billions of summaries cannot overflow.
    public static let maximumCount = 1_000_000_000

    /// Reads a summary written by ``jsonData()``.
    /// - Throws: ``ProfScoreError/invalidSummary(file:reason:)`` naming what is wrong.
    public static func load(data: Data, file: String) throws(ProfScoreError) -> Summary {
        func fail(_ en: String, _ ru: String) -> ProfScoreError { .invalidSummary(file: file, reason: Message(en: en, ru: ru)) }
        let decoder = JSONDecoder()
        guard let header = try? decoder.decode(SummaryFile.Header.self, from: data), header.format == "profscore-summary" else {
            throw fail("not a ProfScore summary (made by profscore report --format json)",
                       "это не сводка ProfScore (её делает profscore report --format json)")
        }
        guard header.formatVersion <= Summary.formatVersion else {
            throw fail("summary format version \(header.formatVersion) is newer than this ProfScore reads (up to \(Summary.formatVersion)); update ProfScore",
                       "версия формата сводки \(header.formatVersion) новее, чем читает эта версия ProfScore (до \(Summary.formatVersion)); обновите ProfScore")
        }
        let fileValue: SummaryFile
        do {
            fileValue = try decoder.decode(SummaryFile.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            let path = (context.codingPath + [key]).map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            throw fail("missing key at $\(path)", "нет ключа $\(path)")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            throw fail("wrong type of value at $\(path)", "значение неверного типа в $\(path)")
        } catch {
            throw fail("not valid JSON", "это не JSON")
        }
        func text(_ value: SummaryFile.Text) -> LocalizedText { LocalizedText(ru: value.ru, en: value.en) }
        // Counts are added up by merge: a count no school can have (Int64.max
        // in an edited file) is refused here instead of overflowing there.
        func checkCount(_ value: Int, at path: String) throws(ProfScoreError) {
            if (0...Summary.maximumCount).contains(value) { return }
            throw fail("\(path) is \(value), but a count in a summary is a whole number from 0 to \(Summary.maximumCount); the file was edited or damaged — make it again with profscore report --format json",
                       "\(path) равно \(value), а число в сводке — целое от 0 до \(Summary.maximumCount); файл изменён или повреждён — сделайте его заново: profscore report --format json")
        }
        let info = fileValue.instrument
        let snapshot = InstrumentSnapshot(
            id: info.id, version: info.version, title: text(info.title),
            scales: info.scales.map { .init(id: $0.id, title: text($0.title), levels: $0.levels.map(text)) },
            categories: info.categories.map { .init(id: $0.id, title: text($0.title)) },
            hasLeadingType: info.hasLeadingType)
        func results(_ value: SummaryFile.Results, at path: String) throws(ProfScoreError) -> GroupResults {
            try checkCount(value.sheets, at: path + ".sheets")
            try checkCount(value.scored, at: path + ".scored")
            try checkCount(value.withProfile, at: path + ".withProfile")
            for (name, counts) in [("flags", value.flags), ("leading", value.leading), ("categories", value.categories)] {
                for key in counts.keys.sorted() { try checkCount(counts[key]!, at: path + ".\(name).\(key)") }
            }
            for (index, scale) in value.scales.enumerated() {
                let scalePath = path + ".scales[\(index)]"
                try checkCount(scale.n, at: scalePath + ".n")
                for (pairIndex, pair) in scale.histogram.enumerated() where pair.count == 2 && !(pair[1] <= Double(Summary.maximumCount)) {
                    throw fail("\(scalePath).histogram[\(pairIndex)] counts \(pair[1]), but a count in a summary is a whole number from 0 to \(Summary.maximumCount); the file was edited or damaged — make it again with profscore report --format json",
                               "\(scalePath).histogram[\(pairIndex)] содержит число \(pair[1]), а число в сводке — целое от 0 до \(Summary.maximumCount); файл изменён или повреждён — сделайте его заново: profscore report --format json")
                }
                for (levelIndex, count) in scale.levels.enumerated() { try checkCount(count, at: scalePath + ".levels[\(levelIndex)]") }
                for (stenIndex, count) in (scale.stens ?? []).enumerated() { try checkCount(count, at: scalePath + ".stens[\(stenIndex)]") }
            }
            var result = snapshot.emptyResults()
            result.sheets = value.sheets
            result.scored = value.scored
            result.withProfile = value.withProfile
            result.flags = value.flags
            result.leading = value.leading
            result.categories = value.categories
            guard value.scales.map(\.id) == snapshot.scales.map(\.id) else {
                throw fail("\(path).scales do not match the instrument's scales", "\(path).scales не совпадают со шкалами инструмента")
            }
            for (index, scale) in value.scales.enumerated() {
                for pair in scale.histogram {
                    guard pair.count == 2, pair[1] >= 0, pair[1] == pair[1].rounded() else {
                        throw fail("\(path).scales[\(index)].histogram has an entry that is not [score, count]",
                                   "в \(path).scales[\(index)].histogram запись не вида [балл, число]")
                    }
                    result.scales[index].add(pair[0], times: Int(pair[1]))
                }
                guard result.scales[index].count == scale.n, scale.levels.count == snapshot.scales[index].levels.count else {
                    throw fail("\(path).scales[\(index)]: the histogram does not add up to n, or the levels do not match",
                               "\(path).scales[\(index)]: гистограмма не даёт n или уровни не совпадают")
                }
                result.levels[index] = scale.levels
                if let stens = scale.stens {
                    guard stens.count == 10, stens.allSatisfy({ $0 >= 0 }), stens.reduce(0, +) <= scale.n else {
                        throw fail("\(path).scales[\(index)].stens must give 10 counts (stens 1…10), together at most n",
                                   "\(path).scales[\(index)].stens должны давать 10 чисел (стены 1…10), в сумме не больше n")
                    }
                    if result.stens == nil { result.stens = snapshot.scales.map { _ in [Int](repeating: 0, count: 10) } }
                    result.stens![index] = stens
                }
            }
            return result
        }
        var groups: [Group] = []
        for (index, group) in fileValue.groups.enumerated() {
            let path = "$.groups[\(index)]"
            if let coverage = group.coverage {
                try checkCount(coverage.enrolled, at: path + ".coverage.enrolled")
                try checkCount(coverage.enrolledOVZ ?? 0, at: path + ".coverage.enrolledOVZ")
                try checkCount(coverage.diagnosed, at: path + ".coverage.diagnosed")
                try checkCount(coverage.diagnosedOVZ ?? 0, at: path + ".coverage.diagnosedOVZ")
                try checkCount(coverage.withProfile, at: path + ".coverage.withProfile")
            }
            groups.append(Group(
                schoolYear: group.schoolYear, key: GroupKey(school: group.school, grade: group.grade, className: group.class),
                results: try results(group.results, at: path + ".results"),
                coverage: group.coverage.map {
                    var coverage = Coverage()
                    coverage.enrolled = $0.enrolled
                    coverage.enrolledOVZ = $0.enrolledOVZ
                    coverage.diagnosed = $0.diagnosed
                    coverage.diagnosedOVZ = $0.diagnosedOVZ
                    coverage.withProfile = $0.withProfile
                    return coverage
                }))
        }
        let settingsValue = fileValue.settings
        var targets = Targets(defaultPercent: settingsValue.defaultTarget)
        for target in settingsValue.targets {
            guard let indicator = Targets.Indicator(rawValue: target.indicator) else { continue }
            targets.entries.append(.init(indicator: indicator, band: target.band.flatMap(GradeBand.init), year: target.year, percent: target.target))
        }
        let settings = ReportSettings(
            groupBy: settingsValue.groupBy.compactMap(GroupLevel.init(rawValue:)),
            bands: settingsValue.bands.compactMap(GradeBand.init), targets: targets, minCell: settingsValue.minCell)
        return Summary(instrument: snapshot, groups: groups, settings: settings)
    }

    /// Combines summaries of the same instrument: results of the same group
    /// are added; a group's roster counts may come from one summary only.
    /// - Parameters:
    ///   - summaries: the summaries with the files they came from.
    ///   - minCell: the smallest group shown that the caller asks for (the
    ///     default when `nil`). A summary's own `minCell` may raise it, never
    ///     lower it: a file that says 1 does not undo the threshold.
    /// - Returns: the combined summary, with the first summary's settings
    ///   and the highest of the thresholds.
    /// - Throws: ``ProfScoreError/invalidSummary(file:reason:)`` for another
    ///   instrument or version, or a class counted in two summaries.
    public static func merge(_ summaries: [(file: String, summary: Summary)], minCell: Int? = nil) throws(ProfScoreError) -> Summary {
        guard let first = summaries.first else {
            throw .invalidSummary(file: "-", reason: Message(en: "nothing to merge", ru: "нечего объединять"))
        }
        var merged = first.summary
        var index: [String: Int] = [:]
        func key(_ group: Group) -> String {
            [group.schoolYear, group.key.school ?? "", group.key.grade.map(String.init) ?? "", group.key.className ?? ""].joined(separator: "\u{1F}")
        }
        var coverageSource: [String: String] = [:]
        for (position, group) in merged.groups.enumerated() {
            index[key(group)] = position
            if group.coverage != nil { coverageSource[key(group)] = first.file }
        }
        for (file, summary) in summaries.dropFirst() {
            guard summary.instrument.id == merged.instrument.id, summary.instrument.version == merged.instrument.version else {
                throw .invalidSummary(file: file, reason: Message(
                    en: "made with \(summary.instrument.id) \(summary.instrument.version), but \(first.file) with \(merged.instrument.id) \(merged.instrument.version); merge summaries of one instrument version",
                    ru: "сделана по \(summary.instrument.id) \(summary.instrument.version), а \(first.file) — по \(merged.instrument.id) \(merged.instrument.version); объединяйте сводки одной версии инструмента"))
            }
            for group in summary.groups {
                let groupKey = key(group)
                guard let position = index[groupKey] else {
                    index[groupKey] = merged.groups.count
                    merged.groups.append(group)
                    if group.coverage != nil { coverageSource[groupKey] = file }
                    continue
                }
                merged.groups[position].results.merge(group.results)
                if let coverage = group.coverage {
                    if let earlier = coverageSource[groupKey] {
                        let name = [group.key.school, group.key.className].compactMap { $0 }.joined(separator: " ")
                        throw .invalidSummary(file: file, reason: Message(
                            en: "class \(name) (\(group.schoolYear)) has roster counts here and in \(earlier); each class may be counted in one summary only",
                            ru: "класс \(name) (\(group.schoolYear)) со списочной численностью есть и здесь, и в \(earlier); каждый класс учитывается только в одной сводке"))
                    }
                    merged.groups[position].coverage = coverage
                    coverageSource[groupKey] = file
                }
            }
        }
        merged.groups.sort { ($0.schoolYear, $0.key) < ($1.schoolYear, $1.key) }
        merged.settings.minCell = summaries.map(\.summary.settings.minCell).reduce(minCell ?? ReportSettings.defaultMinCell, max)
        return merged
    }
}
