extension ReportDocument {
    /// Lays out the group report of a summary.
    /// - Parameters:
    ///   - summary: the summary (from scoring, or merged).
    ///   - language: the language of the texts.
    public init(summary: Summary, language: Language) {
        let t = ReportTexts(language: language)
        let instrument = summary.instrument
        let settings = summary.settings
        self.language = language
        title = t("Group report: ", "Групповой отчёт: ") + instrument.title.text(in: language)
        let years = summary.schoolYears
        let sheets = summary.groups.reduce(0) { $0 + $1.results.sheets }
        let scored = summary.groups.reduce(0) { $0 + $1.results.scored }
        meta = [
            t("Instrument", "Инструмент") + ": \(instrument.id) \(instrument.version)",
            t("School year", "Учебный год") + ": " + years.joined(separator: ", "),
            t("Sheets read: \(sheets), scored: \(scored)", "Бланков прочитано: \(sheets), подсчитано: \(scored)"),
            t("Results of groups with fewer than \(settings.minCell) scored sheets are not shown. The report contains no names or ids.",
              "Результаты групп, где подсчитано меньше \(settings.minCell) бланков, не показываются. В отчёте нет имён и кодов учащихся."),
        ]
        sections = []
        let builder = SectionBuilder(summary: summary, texts: t)
        for year in years {
            let suffix = years.count > 1 ? " — \(year)" : ""
            let groups = summary.groups.filter { $0.schoolYear == year }
            if groups.contains(where: { $0.coverage != nil }) {
                sections.append(builder.coverage(groups, year: year, suffix: suffix))
            }
            sections += builder.results(groups, suffix: suffix)
            sections.append(builder.problems(groups, suffix: suffix))
        }
        if years.count > 1, summary.groups.contains(where: { $0.coverage != nil }) {
            sections.append(builder.dynamics(years: years))
        }
    }
}

/// Builds the sections of a report.
private struct SectionBuilder {
    let summary: Summary
    let t: ReportTexts
    var instrument: InstrumentSnapshot { summary.instrument }
    var settings: ReportSettings { summary.settings }

    init(summary: Summary, texts: ReportTexts) {
        self.summary = summary
        self.t = texts
    }

    // MARK: - Labels

    func label(_ key: GroupKey, levels: [GroupLevel]) -> String {
        var parts: [String] = []
        let multipleSchools = Set(summary.groups.map(\.key.school)).count > 1
        if levels.contains(.school) || (multipleSchools && levels.contains(.className)) {
            parts.append(key.school ?? t("school not given", "школа не указана"))
        }
        if levels.contains(.className) {
            parts.append(key.className ?? t("class not given", "класс не указан"))
        } else if levels.contains(.grade) {
            parts.append(key.grade.map { t("grade \($0)", "\($0) класс") } ?? t("grade not given", "параллель не указана"))
        }
        return parts.joined(separator: ", ")
    }

    /// Groups aggregated to the given levels, in order.
    func aggregate(_ groups: [Summary.Group], levels: [GroupLevel]) -> [(key: GroupKey, results: GroupResults, coverage: Coverage?)] {
        var table: [GroupKey: (GroupResults, Coverage?)] = [:]
        for group in groups {
            let key = group.key.restricted(to: levels)
            var entry = table[key] ?? (instrument.emptyResults(), nil)
            entry.0.merge(group.results)
            if let coverage = group.coverage {
                var combined = entry.1 ?? Coverage()
                combined.merge(coverage)
                entry.1 = combined
            }
            table[key] = entry
        }
        return table.keys.sorted().map { ($0, table[$0]!.0, table[$0]!.1) }
    }

    // MARK: - Coverage

    func share(_ part: Int?, _ whole: Int?) -> Double? {
        guard let part, let whole, whole > 0 else { return nil }
        return Double(part) * 100 / Double(whole)
    }

    func coverageRow(_ label: String, _ coverage: Coverage, band: GradeBand?, year: String)
        -> (all: [ReportDocument.Cell], profile: [ReportDocument.Cell], ovz: [ReportDocument.Cell]) {
        let diagnosedShare = share(coverage.diagnosed, coverage.enrolled)
        let diagnosedTarget = settings.targets.target(.diagnosed, band: band, year: year)
        let profileShare = share(coverage.withProfile, coverage.enrolled)
        let profileTarget = settings.targets.target(.profile, band: band, year: year)
        let ovzShare = share(coverage.diagnosedOVZ, coverage.enrolledOVZ)
        let ovzTarget = settings.targets.target(.diagnosedOVZ, band: band, year: year)
        let all: [ReportDocument.Cell] = [
            .text(label), .integer(coverage.enrolled), .integer(coverage.diagnosed), .percent(diagnosedShare),
            .decimal(diagnosedTarget, digits: 0), .status(diagnosedShare.map { $0 >= diagnosedTarget }),
        ]
        let profile: [ReportDocument.Cell] = [
            .text(label), .integer(coverage.enrolled), .integer(coverage.withProfile), .percent(profileShare),
            .decimal(profileTarget, digits: 0), .status(profileShare.map { $0 >= profileTarget }),
        ]
        let ovz: [ReportDocument.Cell] = [
            .text(label), coverage.enrolledOVZ.map { .integer($0) } ?? .text("—"),
            coverage.diagnosedOVZ.map { .integer($0) } ?? .text("—"), .percent(ovzShare),
            .decimal(ovzTarget, digits: 0), .status(ovzShare.map { $0 >= ovzTarget }),
        ]
        return (all, profile, ovz)
    }

    func coverage(_ groups: [Summary.Group], year: String, suffix: String) -> ReportDocument.Section {
        let covered = groups.filter { $0.coverage != nil }
        var rows: [(String, Coverage, GradeBand?)] = []
        var total = Coverage()
        for group in covered { total.merge(group.coverage!) }
        rows.append((t("All", "Всего"), total, nil))
        for band in settings.bands {
            var sum = Coverage()
            for group in covered where group.key.grade.map(band.contains) == true { sum.merge(group.coverage!) }
            rows.append((t("grades \(band.from)–\(band.to)", "\(band.from)–\(band.to) классы"), sum, band))
        }
        for position in settings.groupBy.indices {
            let levels = Array(settings.groupBy[...position])
            let aggregated = aggregate(covered, levels: levels)
            if aggregated.count <= 1 && position < settings.groupBy.count - 1 { continue }
            for entry in aggregated {
                rows.append((label(entry.key, levels: levels), entry.coverage ?? Coverage(), nil))
            }
        }
        let made = rows.map { coverageRow($0.0, $0.1, band: $0.2, year: year) }
        let allColumns = [t("Group", "Группа"), t("Enrolled", "Обучающихся"), t("Diagnosed", "Прошли диагностику"),
                          t("Share, %", "Доля, %"), t("Target, %", "Цель, %"), t("Target", "Цель")]
        var blocks: [ReportDocument.Block] = [
            .paragraph(t("Share diagnosed = enrolled students with a scored sheet ÷ enrolled students; each student counts once.",
                         "Доля прошедших диагностику = обучающиеся с подсчитанным бланком ÷ все обучающиеся; каждый ученик учитывается один раз.")),
            .table(.init(caption: t("Coverage", "Охват диагностикой"), columns: allColumns, rows: made.map(\.all))),
        ]
        if !instrument.categories.isEmpty {
            blocks.append(.table(.init(
                caption: t("Study profile determined", "Профиль склонностей определён"),
                columns: [t("Group", "Группа"), t("Enrolled", "Обучающихся"), t("With a study profile", "С профилем склонностей"),
                          t("Share, %", "Доля, %"), t("Target, %", "Цель, %"), t("Target", "Цель")],
                rows: made.map(\.profile))))
        }
        if total.enrolledOVZ != nil {
            blocks.append(.table(.init(
                caption: t("Students with disabilities (ОВЗ)", "Обучающиеся с ОВЗ"),
                columns: [t("Group", "Группа"), t("Enrolled with ОВЗ", "Обучающихся с ОВЗ"), t("Diagnosed", "Прошли диагностику"),
                          t("Share, %", "Доля, %"), t("Target, %", "Цель, %"), t("Target", "Цель")],
                rows: made.map(\.ovz))))
            if total.diagnosedOVZ == nil {
                blocks.append(.notice(t("How many students with ОВЗ were diagnosed is not known: give a roster with one row per student and an ОВЗ column, or an ОВЗ column in the sheets.",
                                        "Сколько обучающихся с ОВЗ прошли диагностику, неизвестно: дайте список с отдельной строкой на ученика и столбцом ОВЗ или столбец ОВЗ в бланках.")))
            }
        }
        return .init(title: t("Coverage", "Охват диагностикой") + suffix, level: 1, blocks: blocks)
    }

    // MARK: - Results

    func results(_ groups: [Summary.Group], suffix: String) -> [ReportDocument.Section] {
        var total = instrument.emptyResults()
        for group in groups { total.merge(group.results) }
        var sections = [ReportDocument.Section(title: t("Results: all", "Результаты: все") + suffix, level: 1,
                                               blocks: resultBlocks(total))]
        let levelNames: [GroupLevel: (String, String)] = [
            .school: ("by school", "по школам"), .grade: ("by grade", "по параллелям"), .className: ("by class", "по классам"),
        ]
        for (position, level) in settings.groupBy.enumerated() {
            let levels = Array(settings.groupBy[...position])
            let aggregated = aggregate(groups, levels: levels).filter { $0.results.sheets > 0 }
            if aggregated.count <= 1 { continue }
            let names = levelNames[level]!
            sections.append(.init(title: t("Results ", "Результаты ") + t(names.0, names.1) + suffix, level: 1, blocks: []))
            for entry in aggregated {
                sections.append(.init(title: label(entry.key, levels: levels), level: 2, blocks: resultBlocks(entry.results)))
            }
        }
        return sections
    }

    func resultBlocks(_ results: GroupResults) -> [ReportDocument.Block] {
        var blocks: [ReportDocument.Block] = [
            .paragraph(t("Scored sheets: \(results.scored) of \(results.sheets) read.", "Подсчитано бланков: \(results.scored) из \(results.sheets) прочитанных.")),
        ]
        guard results.scored >= settings.minCell else {
            blocks.append(.notice(t("Results are not shown: fewer than \(settings.minCell) scored sheets (--min-cell), so that no child can be recognised.",
                                    "Результаты не показаны: подсчитано меньше \(settings.minCell) бланков (--min-cell), чтобы нельзя было узнать отдельного ребёнка.")))
            return blocks
        }
        let n = results.scored
        if instrument.hasLeadingType {
            let order = leadingOrder(results.leading)
            let rows = order.map { key -> [ReportDocument.Cell] in
                [.text(leadingLabel(key)), .integer(results.leading[key]!), .percent(share(results.leading[key]!, n))]
            }
            blocks.append(.table(.init(caption: t("Leading type", "Ведущий тип"),
                                       columns: [t("Leading type", "Ведущий тип"), t("Sheets", "Бланков"), "%"], rows: rows)))
            // In the chart all ties make one bar; the table lists each.
            let ties = order.filter { $0.contains("+") }.reduce(0) { $0 + results.leading[$1]! }
            var bars = order.filter { !$0.contains("+") }.map { (label: leadingLabel($0), value: results.leading[$0]!) }
            if ties > 0 { bars.insert((t("tie (equal highest scores)", "равенство баллов"), ties), at: bars.count - (results.leading["none"] != nil ? 1 : 0)) }
            blocks.append(.bars(.init(caption: t("Leading type", "Ведущий тип"), bars: bars, total: n)))
        }
        if !instrument.categories.isEmpty {
            let rows = instrument.categories.map { category -> [ReportDocument.Cell] in
                let count = results.categories[category.id] ?? 0
                return [.text(category.title.text(in: t.language)), .integer(count), .percent(share(count, n))]
            } + [[.text(t("no study profile", "профиль не определён")), .integer(n - results.withProfile), .percent(share(n - results.withProfile, n))]]
            blocks.append(.note(t("A student whose leading types are tied counts in each of their study profiles.",
                                  "При равенстве баллов ученик учитывается в каждом из профилей.")))
            blocks.append(.table(.init(caption: t("Study profile", "Профиль склонностей"),
                                       columns: [t("Study profile", "Профиль"), t("Sheets", "Бланков"), "%"], rows: rows)))
            blocks.append(.bars(.init(caption: t("Study profile", "Профиль склонностей"),
                                      bars: instrument.categories.map { ($0.title.text(in: t.language), results.categories[$0.id] ?? 0) }, total: n)))
        }
        let statRows = instrument.scales.indices.map { index -> [ReportDocument.Cell] in
            let stats = results.scales[index]
            return [.text(instrument.scales[index].title.text(in: t.language)), .integer(stats.count),
                    .decimal(stats.mean, digits: 2), .decimal(stats.standardDeviation, digits: 2), .decimal(stats.median, digits: 2),
                    .decimal(stats.minimum, digits: 2), .decimal(stats.maximum, digits: 2)]
        }
        blocks.append(.table(.init(caption: t("Scale scores", "Баллы по шкалам"),
                                   columns: [t("Scale", "Шкала"), "n", t("Mean", "Среднее"), t("SD", "Ст. откл."), t("Median", "Медиана"),
                                             t("Min", "Мин."), t("Max", "Макс.")], rows: statRows)))
        let withLevels = instrument.scales.indices.filter { !instrument.scales[$0].levels.isEmpty }
        if !withLevels.isEmpty {
            let labelsAlike = Set(withLevels.map { instrument.scales[$0].levels }).count == 1
            if labelsAlike {
                let labels = instrument.scales[withLevels[0]].levels.map { $0.text(in: t.language) }
                blocks.append(.table(.init(caption: t("Levels (sheets)", "Уровни (бланков)"), columns: [t("Scale", "Шкала")] + labels,
                                           rows: withLevels.map { index in
                                               [.text(instrument.scales[index].title.text(in: t.language))] + results.levels[index].map { .integer($0) }
                                           })))
                blocks.append(.stackedBars(.init(caption: t("Levels", "Уровни"), segmentLabels: labels,
                                                 rows: withLevels.map { (instrument.scales[$0].title.text(in: t.language), results.levels[$0]) })))
            } else {
                blocks.append(.table(.init(caption: t("Levels (sheets)", "Уровни (бланков)"), columns: [t("Scale", "Шкала"), t("Level", "Уровень"), t("Sheets", "Бланков")],
                                           rows: withLevels.flatMap { index in
                                               instrument.scales[index].levels.enumerated().map { level, label in
                                                   [.text(instrument.scales[index].title.text(in: t.language)), .text(label.text(in: t.language)), .integer(results.levels[index][level])]
                                               }
                                           })))
            }
        }
        if let stens = results.stens { blocks += stenBlocks(stens, scored: n) }
        return blocks
    }

    /// With norms: per scale, the sheets per sten 1…10 and the mean sten.
    func stenBlocks(_ stens: [[Int]], scored: Int) -> [ReportDocument.Block] {
        let rows = instrument.scales.indices.compactMap { index -> [ReportDocument.Cell]? in
            guard index < stens.count else { return nil }
            let counts = stens[index]
            let n = counts.reduce(0, +)
            guard n > 0 else { return nil }
            let mean = Double(counts.enumerated().reduce(0) { $0 + ($1.offset + 1) * $1.element }) / Double(n)
            return [.text(instrument.scales[index].title.text(in: t.language)), .integer(n), .decimal(mean, digits: 1)]
                + counts.map { .integer($0) }
        }
        guard !rows.isEmpty else {
            return [.notice(t("Stens: no scored sheet had a norm group of the instrument's norms (see the norm_group column of profscore score).",
                              "Стены: ни у одного подсчитанного бланка нет нормативной группы в нормах инструмента (см. столбец norm_group в profscore score)."))]
        }
        return [
            .note(t("Stens (1–10; mean 5.5, SD 2 in the norm sample) from each student's norm group, as the instrument's norms give them. A sheet without a norm group is not counted; n is the number with one, of \(scored) scored.",
                    "Стены (1–10; в нормативной выборке среднее 5,5, ст. откл. 2) по нормативной группе каждого ученика, как их дают нормы инструмента. Бланки без нормативной группы не учитываются; n — число бланков с группой из \(scored) подсчитанных.")),
            .table(.init(caption: t("Stens (sheets)", "Стены (бланков)"),
                         columns: [t("Scale", "Шкала"), "n", t("Mean sten", "Средний стен")] + (1...10).map(String.init), rows: rows)),
        ]
    }

    /// Single types in the instrument's order, then ties, then «none».
    func leadingOrder(_ leading: [String: Int]) -> [String] {
        let ids = instrument.scales.map(\.id)
        let singles = ids.filter { leading[$0] != nil }
        let ties = leading.keys.filter { $0.contains("+") }.sorted { lhs, rhs in
            let l = lhs.split(separator: "+").map { ids.firstIndex(of: String($0)) ?? 0 }
            let r = rhs.split(separator: "+").map { ids.firstIndex(of: String($0)) ?? 0 }
            return l.lexicographicallyPrecedes(r)
        }
        return singles + ties + (leading["none"] != nil ? ["none"] : [])
    }

    func leadingLabel(_ key: String) -> String {
        if key == "none" { return t("no pronounced interest", "интерес не выражен") }
        let titles = key.split(separator: "+").map { id in
            instrument.scales.first { $0.id == id }?.title.text(in: t.language) ?? String(id)
        }
        return titles.count > 1 ? t("tie: ", "равенство: ") + titles.joined(separator: " = ") : titles[0]
    }

    // MARK: - Problems and dynamics

    func problems(_ groups: [Summary.Group], suffix: String) -> ReportDocument.Section {
        let flags = ["blank", "missing", "unreadable", "same-answer"]
        let flagTitles = [t("blank", "пустой"), t("too many missing", "много пропусков"), t("unreadable cell", "нечитаемая ячейка"),
                          t("same answer everywhere", "везде один ответ")]
        var total = instrument.emptyResults()
        for group in groups { total.merge(group.results) }
        var rows: [[ReportDocument.Cell]] = [[.text(t("All", "Всего")), .integer(total.sheets), .integer(total.scored)] + flags.map { .integer(total.flags[$0] ?? 0) }]
        let finest = settings.groupBy.isEmpty ? [] : aggregate(groups, levels: settings.groupBy).filter { $0.results.sheets > 0 }
        let shown = finest.filter { $0.results.sheets >= settings.minCell }
        if finest.count > 1 {
            rows += shown.map { entry in
                [.text(label(entry.key, levels: settings.groupBy)), .integer(entry.results.sheets), .integer(entry.results.scored)]
                    + flags.map { .integer(entry.results.flags[$0] ?? 0) }
            }
        }
        var blocks: [ReportDocument.Block] = [
            .paragraph(t("A sheet is scored when it is not blank and every scale could be scored. The diagnostics of «profscore score» say which cells to correct.",
                         "Бланк подсчитан, если он не пустой и все шкалы удалось подсчитать. Какие ячейки исправить, показывает команда «profscore score».")),
            .table(.init(caption: t("Sheets read and scored", "Прочитано и подсчитано"),
                         columns: [t("Group", "Группа"), t("Read", "Прочитано"), t("Scored", "Подсчитано")] + flagTitles, rows: rows)),
        ]
        if finest.count > 1 && shown.count < finest.count {
            blocks.append(.paragraph(t("Groups with fewer than \(settings.minCell) sheets are counted in «All» only.",
                                       "Группы, где меньше \(settings.minCell) бланков, учтены только в строке «Всего».")))
        }
        return .init(title: t("Sheets with problems", "Бланки с замечаниями") + suffix, level: 1, blocks: blocks, startsPage: false)
    }

    func dynamics(years: [String]) -> ReportDocument.Section {
        var rows: [[ReportDocument.Cell]] = []
        let bands: [GradeBand?] = [nil] + settings.bands.map { Optional($0) }
        for indicator in Targets.Indicator.allCases {
            if indicator == .profile && instrument.categories.isEmpty { continue }
            for band in bands {
                var cells: [ReportDocument.Cell] = [
                    .text(indicatorTitle(indicator)),
                    .text(band.map { t("grades \($0.from)–\($0.to)", "\($0.from)–\($0.to) классы") } ?? t("all", "все")),
                ]
                for year in years {
                    var sum = Coverage()
                    var any = false
                    for group in summary.groups where group.schoolYear == year {
                        guard let coverage = group.coverage else { continue }
                        if let band, group.key.grade.map(band.contains) != true { continue }
                        sum.merge(coverage)
                        any = true
                    }
                    let value: Double? = switch indicator {
                    case .diagnosed: share(sum.diagnosed, sum.enrolled)
                    case .diagnosedOVZ: share(sum.diagnosedOVZ, sum.enrolledOVZ)
                    case .profile: share(sum.withProfile, sum.enrolled)
                    }
                    let target = settings.targets.target(indicator, band: band, year: year)
                    cells += [.percent(any ? value : nil), .decimal(target, digits: 0), .status(any ? value.map { $0 >= target } : nil)]
                }
                rows.append(cells)
            }
        }
        let columns = [t("Indicator", "Показатель"), t("Grades", "Классы")] + years.flatMap { [$0 + ", %", t("target", "цель"), ""] }
        return .init(title: t("Change over the years", "Динамика по годам"), level: 1, blocks: [
            .table(.init(caption: t("Change over the years", "Динамика по годам"), columns: columns, rows: rows)),
        ])
    }

    func indicatorTitle(_ indicator: Targets.Indicator) -> String {
        switch indicator {
        case .diagnosed: t("share diagnosed", "доля прошедших диагностику")
        case .diagnosedOVZ: t("share of students with ОВЗ diagnosed", "доля обучающихся с ОВЗ, прошедших диагностику")
        case .profile: t("share with a study profile", "доля с определённым профилем склонностей")
        }
    }
}
