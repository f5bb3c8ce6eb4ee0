extension ReportDocument {
    /// Lays out the group report of a summary.
    /// - Parameters:
    ///   - summary: the summary (from scoring, or merged).
    ///   - language: the language of the texts.
    ///   - date: the day the report is made (`2026-12-01`), said under the title; `nil`: not said.
    public init(summary: Summary, language: Language, date: String? = nil) {
        let t = ReportTexts(language: language)
        let instrument = summary.instrument
        let settings = summary.settings
        self.language = language
        let years = summary.schoolYears
        // The schools, as the sheets or the roster name them (a region's report counts them).
        let schools = Set(summary.groups.compactMap(\.key.school)).sorted()
        // The heading says whose report it is and for when: «…: ДДО — Школа № 1, 2025/26».
        let whose = (schools.count == 1 ? [schools[0]] : []) + [years.joined(separator: ", ")].filter { !$0.isEmpty }
        title = t("Group report: ", "Групповой отчёт: ") + instrument.title.text(in: language)
            + (whose.isEmpty ? "" : " — " + whose.joined(separator: ", "))
        let sheets = summary.groups.reduce(0) { $0 + $1.results.sheets }
        let scored = summary.groups.reduce(0) { $0 + $1.results.scored }
        meta = [
            t("Instrument", "Инструмент") + ": \(instrument.id) \(instrument.version)",
            t("School year", "Учебный год") + ": " + years.joined(separator: ", "),
            t("Sheets read: \(sheets), scored: \(scored)", "Бланков прочитано: \(sheets), подсчитано: \(scored)"),
            t("Results of groups with fewer than \(settings.minCell) scored sheets are not shown, nor those of other groups they could be computed from by subtraction. The report contains no names or ids.",
              "Результаты групп, где подсчитано меньше \(settings.minCell) бланков, не показываются, как и результаты других групп, из которых их можно было бы вычислить вычитанием. В отчёте нет имён и кодов учащихся."),
        ]
        switch schools.count {
        case 0: break
        case 1: meta.insert(t("School", "Школа") + ": " + schools[0], at: 2)
        case 2...3: meta.insert(t("Schools", "Школы") + ": " + schools.joined(separator: ", "), at: 2)
        default: meta.insert(t("Schools: \(schools.count)", "Школ: \(schools.count)"), at: 2)
        }
        if let date { meta.insert(t("Made on", "Сформирован") + ": " + date, at: 2) }
        let countsLine = meta.count - 2
        sections = []
        let builder = SectionBuilder(summary: summary, texts: t)
        var yearTotalHidden = false
        var coverageTables: [SectionBuilder.CoverageTable] = []
        for year in years {
            let suffix = years.count > 1 ? " — \(year)" : ""
            let groups = summary.groups.filter { $0.schoolYear == year }
            let (table, coverageTable) = builder.tables(groups)
            coverageTables.append(coverageTable)
            sections.append(builder.overview(table, coverage: coverageTable, year: year, suffix: suffix))
            if groups.contains(where: { $0.coverage != nil }) {
                sections.append(builder.coverage(coverageTable, year: year, suffix: suffix))
            }
            sections += builder.results(table, suffix: suffix)
            sections.append(builder.problems(table, suffix: suffix))
            yearTotalHidden = yearTotalHidden || table.sheets.suppressed[table.hierarchy.total]
        }
        if yearTotalHidden {
            // The counts over every year would give a hidden year's counts (or be them).
            meta[countsLine] = t("Sheets read: …, scored: … (hidden: a school year has fewer than \(settings.minCell) sheets)",
                        "Бланков прочитано: …, подсчитано: … (скрыто: в одном из учебных лет меньше \(settings.minCell) бланков)")
        }
        if years.count > 1, summary.groups.contains(where: { $0.coverage != nil }) {
            sections.append(builder.dynamics(years: years, tables: coverageTables))
        }
    }
}

/// Builds the sections of a report.
private struct SectionBuilder {
    let summary: Summary
    let t: ReportTexts
    var instrument: InstrumentSnapshot { summary.instrument }
    var settings: ReportSettings { summary.settings }

    /// Whether the groups are of more than one school (class labels then name the school).
    let multipleSchools: Bool

    init(summary: Summary, texts: ReportTexts) {
        self.summary = summary
        self.t = texts
        multipleSchools = Set(summary.groups.map(\.key.school)).count > 1
    }

    // MARK: - Labels

    func label(_ key: GroupKey, levels: [GroupLevel]) -> String {
        var parts: [String] = []
        // One school's report names it once, under the title, not in every group.
        if levels.last == .school || (multipleSchools && (levels.contains(.school) || levels.contains(.className))) {
            parts.append(key.school ?? t("school not given", "школа не указана"))
        }
        if levels.contains(.className) {
            parts.append(key.className ?? t("class not given", "класс не указан"))
        } else if levels.contains(.grade) {
            parts.append(key.grade.map { t("grade \($0)", "\($0) класс") } ?? t("grade not given", "параллель не указана"))
        }
        return parts.joined(separator: ", ")
    }

    /// A year's groups for the results and the sheets with problems, with
    /// what each of those tables hides (``Suppression``).
    struct ResultTable {
        let hierarchy: GroupHierarchy
        /// Sheets read, scored and flagged, hidden by sheets read.
        let sheets: Suppression
        /// Results: hidden by scored sheets, with the groups whose counts are
        /// hidden (results show the number scored) and whose study-profile
        /// count is hidden in coverage taken as small too, and the rule applied
        /// again over them.
        let results: [Bool]
        /// Median, minimum and maximum, hidden in hidden groups and in groups that hold one.
        let extremes: [Bool]
    }

    /// The tables of one school year. Students with a study profile are in
    /// the results (as «no study profile») and in coverage (of roster students
    /// only): a group hidden in one is hidden in the other too, until both agree.
    func tables(_ groups: [Summary.Group]) -> (results: ResultTable, coverage: CoverageTable) {
        let hierarchy = GroupHierarchy(groups: groups, settings: settings, instrument: instrument)
        let covered = GroupHierarchy(groups: groups, settings: settings, instrument: instrument, coverage: true)
        let toCoverage = hierarchy.counterparts(in: covered), toResults = covered.counterparts(in: hierarchy)
        let sheets = hierarchy.suppression(minCell: settings.minCell) { $0.results.sheets }
        var forcedResults = sheets.suppressed
        var forcedProfile = Array(repeating: false, count: covered.nodes.count)
        // Nobody diagnosed: «0 with a profile» follows from the coverage table's 0, so there is nothing to hide.
        let diagnosed: (GroupHierarchy.Node) -> Int = { $0.coverage.diagnosed == 0 ? Int.max : $0.coverage.diagnosed }
        while true {
            let scored = hierarchy.suppression(minCell: settings.minCell, size: { $0.results.scored }, forced: forcedResults)
            let profile = covered.suppression(minCell: settings.minCell, size: diagnosed, forced: forcedProfile)
            var changed = false
            // Only groups with students in both tables pass their hiding on.
            for (node, other) in toCoverage.enumerated() where scored.suppressed[node] && hierarchy.nodes[node].results.scored > 0 {
                if let other, covered.nodes[other].coverage.diagnosed > 0, !forcedProfile[other] { forcedProfile[other] = true; changed = true }
            }
            for (node, other) in toResults.enumerated() where profile.suppressed[node] && covered.nodes[node].coverage.diagnosed > 0 {
                if let other, hierarchy.nodes[other].results.scored > 0, !forcedResults[other] { forcedResults[other] = true; changed = true }
            }
            guard !changed else { continue }
            let results = scored.suppressed
            return (ResultTable(hierarchy: hierarchy, sheets: sheets, results: results, extremes: hierarchy.holdsHidden(results)),
                    CoverageTable(hierarchy: covered,
                                  ovz: covered.suppression(minCell: settings.minCell, size: { $0.coverage.enrolledOVZ ?? Int.max },
                                                           known: { $0.coverage.enrolledOVZ != nil }),
                                  profile: profile))
        }
    }

    /// A year's groups with roster counts, bands included, with what the coverage tables hide.
    struct CoverageTable {
        let hierarchy: GroupHierarchy
        /// ОВЗ counts (health data), hidden by students with ОВЗ enrolled.
        let ovz: Suppression
        /// Students with a study profile (a result), hidden by students
        /// diagnosed and wherever the same group's results are hidden.
        let profile: Suppression
    }

    // MARK: - At a glance

    /// The first page: the programme's indicators against their targets, and
    /// the leading types and study profiles of all sheets as charts.
    func overview(_ table: ResultTable, coverage: CoverageTable, year: String, suffix: String) -> ReportDocument.Section {
        var blocks: [ReportDocument.Block] = []
        if summary.groups.contains(where: { $0.schoolYear == year && $0.coverage != nil }) {
            let rows = indicators.flatMap { indicator in
                bands.indices.map { position in
                    [.text(indicatorTitle(indicator)), .text(bandTitle(bands[position]))]
                        + indicatorCells(indicator, band: position, year: year, table: coverage)
                }
            }
            blocks.append(.table(.init(caption: t("Programme indicators", "Показатели программы"),
                                       columns: [t("Indicator", "Показатель"), t("Grades", "Классы"), t("Share, %", "Доля, %"),
                                                 t("Target, %", "Цель, %"), t("Met", "Выполнена")],
                                       rows: rows, footnote: footnote(rows))))
        }
        let total = table.hierarchy.total
        let results = table.hierarchy.nodes[total].results
        if table.results[total] {
            blocks.append(.notice(t("Results are not shown: fewer than \(settings.minCell) scored sheets (--min-cell); so that no child can be recognised.",
                                    "Результаты не показаны: подсчитано меньше \(settings.minCell) бланков (--min-cell); так нельзя узнать отдельного ребёнка.")))
        } else {
            if instrument.hasLeadingType {
                // All ties make one bar; the table of «Results: all» lists each.
                let order = leadingOrder(results.leading)
                let ties = order.filter { $0.contains("+") }.reduce(0) { $0 + results.leading[$1]! }
                var bars = order.filter { !$0.contains("+") }.map { (label: leadingLabel($0), value: results.leading[$0]!) }
                if ties > 0 { bars.insert((t("tie (equal highest scores)", "равенство баллов"), ties), at: bars.count - (results.leading["none"] != nil ? 1 : 0)) }
                blocks.append(.bars(.init(caption: t("Leading type, all sheets", "Ведущий тип, все бланки"), bars: bars, total: results.scored)))
            }
            if !instrument.categories.isEmpty {
                blocks.append(.bars(.init(caption: t("Study profile, all sheets", "Профиль склонностей, все бланки"),
                                          bars: instrument.categories.map { ($0.title.text(in: t.language), results.categories[$0.id] ?? 0) },
                                          total: results.scored)))
            }
            // Levels as a chart when every scale has the same ones.
            let withLevels = instrument.scales.indices.filter { !instrument.scales[$0].levels.isEmpty }
            if !withLevels.isEmpty, Set(withLevels.map { instrument.scales[$0].levels }).count == 1 {
                blocks.append(.stackedBars(.init(caption: t("Levels, all sheets", "Уровни, все бланки"),
                                                 segmentLabels: instrument.scales[withLevels[0]].levels.map { $0.text(in: t.language) },
                                                 rows: withLevels.map { (instrument.scales[$0].title.text(in: t.language), results.levels[$0]) })))
            }
        }
        return .init(title: t("At a glance", "Коротко") + suffix, level: 1, blocks: blocks)
    }

    /// The indicators of the programmes: the share diagnosed, of students with ОВЗ diagnosed, with a study profile.
    var indicators: [Targets.Indicator] {
        Targets.Indicator.allCases.filter { $0 != .profile || !instrument.categories.isEmpty }
    }

    /// All grades, then each band of the settings.
    var bands: [GradeBand?] { [nil] + settings.bands.map { Optional($0) } }

    func bandTitle(_ band: GradeBand?) -> String {
        band.map { t("grades \($0.from)–\($0.to)", "\($0.from)–\($0.to) классы") } ?? t("all", "все")
    }

    /// An indicator's share, target and whether it is met, for all grades
    /// (`band` 0) or a band of the settings, hidden where the coverage tables hide it.
    func indicatorCells(_ indicator: Targets.Indicator, band position: Int, year: String, table: CoverageTable) -> [ReportDocument.Cell] {
        let band = bands[position]
        let node = position == 0 ? table.hierarchy.total : table.hierarchy.bandNodes[position - 1]
        let target = settings.targets.target(indicator, band: band, year: year)
        let hidden = switch indicator {
        case .diagnosed: false
        case .diagnosedOVZ: table.ovz.suppressed[node]
        case .profile: table.profile.suppressed[node]
        }
        if hidden { return [.hidden, .decimal(target, digits: 0), .hidden] }
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
        return [.percent(any ? value : nil), .decimal(target, digits: 0), .status(any ? value.map { $0 >= target } : nil)]
    }

    // MARK: - Coverage

    func share(_ part: Int?, _ whole: Int?) -> Double? {
        guard let part, let whole, whole > 0 else { return nil }
        return Double(part) * 100 / Double(whole)
    }

    func coverageRow(_ label: String, _ coverage: Coverage, band: GradeBand?, year: String, hideOVZ: Bool, hideProfile: Bool)
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
        let profile: [ReportDocument.Cell] = hideProfile
            ? [.text(label), .integer(coverage.enrolled), .hidden, .hidden, .decimal(profileTarget, digits: 0), .hidden]
            : [.text(label), .integer(coverage.enrolled), .integer(coverage.withProfile), .percent(profileShare),
               .decimal(profileTarget, digits: 0), .status(profileShare.map { $0 >= profileTarget })]
        let ovz: [ReportDocument.Cell] = hideOVZ
            ? [.text(label), .hidden, coverage.diagnosedOVZ == nil ? .text("—") : .hidden, .hidden, .decimal(ovzTarget, digits: 0), .hidden]
            : [.text(label), coverage.enrolledOVZ.map { .integer($0) } ?? .text("—"),
               coverage.diagnosedOVZ.map { .integer($0) } ?? .text("—"), .percent(ovzShare),
               .decimal(ovzTarget, digits: 0), .status(ovzShare.map { $0 >= ovzTarget })]
        return (all, profile, ovz)
    }

    func coverage(_ table: CoverageTable, year: String, suffix: String) -> ReportDocument.Section {
        let hierarchy = table.hierarchy
        let total = hierarchy.nodes[hierarchy.total].coverage
        var rows: [(String, Int, GradeBand?)] = [(t("All", "Всего"), hierarchy.total, nil)]
        for (band, index) in zip(settings.bands, hierarchy.bandNodes) {
            rows.append((t("grades \(band.from)–\(band.to)", "\(band.from)–\(band.to) классы"), index, band))
        }
        for position in settings.groupBy.indices {
            let levels = Array(settings.groupBy[...position])
            let indices = hierarchy.levelNodes[position]
            if indices.count <= 1 && position < settings.groupBy.count - 1 { continue }
            for index in indices { rows.append((label(hierarchy.nodes[index].key!, levels: levels), index, nil)) }
        }
        let made = rows.map {
            coverageRow($0.0, hierarchy.nodes[$0.1].coverage, band: $0.2, year: year,
                        hideOVZ: table.ovz.suppressed[$0.1], hideProfile: table.profile.suppressed[$0.1])
        }
        let allColumns = [t("Group", "Группа"), t("Enrolled", "Обучающихся"), t("Diagnosed", "Прошли диагностику"),
                          t("Share, %", "Доля, %"), t("Target, %", "Цель, %"), t("Met", "Выполнена")]
        var blocks: [ReportDocument.Block] = [
            .paragraph(t("Share diagnosed = enrolled students with a scored sheet ÷ enrolled students; each student counts once (how this differs from the sheets scored: «Sheets with problems»).",
                         "Доля прошедших диагностику = обучающиеся с подсчитанным бланком ÷ все обучающиеся; каждый ученик учитывается один раз (чем это число отличается от числа подсчитанных бланков — в разделе «Бланки с замечаниями»).")),
            .table(.init(caption: t("Coverage", "Охват диагностикой"), columns: allColumns, rows: made.map(\.all))),
        ]
        if !instrument.categories.isEmpty {
            blocks.append(.table(.init(
                caption: t("Study profile determined", "Профиль склонностей определён"),
                columns: [t("Group", "Группа"), t("Enrolled", "Обучающихся"), t("With a study profile", "С профилем склонностей"),
                          t("Share, %", "Доля, %"), t("Target, %", "Цель, %"), t("Met", "Выполнена")],
                rows: made.map(\.profile), footnote: footnote(made.map(\.profile)))))
        }
        if total.enrolledOVZ != nil {
            blocks.append(.table(.init(
                caption: t("Students with disabilities (ОВЗ)", "Обучающиеся с ОВЗ"),
                columns: [t("Group", "Группа"), t("Enrolled with ОВЗ", "Обучающихся с ОВЗ"), t("Diagnosed", "Прошли диагностику"),
                          t("Share, %", "Доля, %"), t("Target, %", "Цель, %"), t("Met", "Выполнена")],
                rows: made.map(\.ovz), footnote: footnote(made.map(\.ovz)))))
            if total.diagnosedOVZ == nil {
                blocks.append(.notice(t("How many students with ОВЗ were diagnosed is not known: give a roster with one row per student and an ОВЗ column, or an ОВЗ column in the sheets.",
                                        "Сколько обучающихся с ОВЗ прошли диагностику, неизвестно: дайте список с отдельной строкой на ученика и столбцом ОВЗ или столбец ОВЗ в бланках.")))
            }
        }
        return .init(title: t("Coverage", "Охват диагностикой") + suffix, level: 1, blocks: blocks)
    }

    // MARK: - Results

    func results(_ table: ResultTable, suffix: String) -> [ReportDocument.Section] {
        let hierarchy = table.hierarchy
        let groups = hierarchy.comparisonOrder
        var sections = [ReportDocument.Section(
            title: t("Results: all", "Результаты: все") + suffix, level: 1,
            blocks: resultBlocks(hierarchy.nodes[hierarchy.total].results, hidden: table.results[hierarchy.total],
                                 countsHidden: table.sheets.suppressed[hierarchy.total], extremesHidden: table.extremes[hierarchy.total],
                                 compared: !groups.isEmpty))]
        if !groups.isEmpty { sections.append(comparison(table, groups: groups, suffix: suffix)) }
        return sections
    }

    // MARK: - Groups side by side

    /// The groups of `--group-by` side by side, the total first: one column
    /// per group, at most ``comparisonWidth`` groups and the total in a table.
    func comparison(_ table: ResultTable, groups: [Int], suffix: String) -> ReportDocument.Section {
        let hierarchy = table.hierarchy
        let nodes = [hierarchy.total] + groups
        var blocks: [ReportDocument.Block] = [
            .paragraph(t("Each column is a group; «All» is every sheet of the report. A grade with a single class is shown once, as the class. The counts are scored sheets; how many each group has is in «Sheets with problems».",
                         "Каждый столбец — группа; «Всего» — все бланки отчёта. Параллель из одного класса показана один раз, как класс. Числа — подсчитанные бланки; сколько их в каждой группе — в разделе «Бланки с замечаниями».")),
        ]
        /// One row per label; `value` gives a group's cell when its results are shown.
        func rows(_ labels: [String], _ value: (GroupResults, Int) -> ReportDocument.Cell) -> [[ReportDocument.Cell]] {
            labels.enumerated().map { row, label in
                [.text(label)] + nodes.map { node in table.results[node] ? .hidden : value(hierarchy.nodes[node].results, row) }
            }
        }
        var tables: [(caption: String, rows: [[ReportDocument.Cell]])] = []
        if instrument.hasLeadingType {
            let ids = instrument.scales.map(\.id)
            let none = hierarchy.nodes.contains { $0.results.leading["none"] != nil }
            let labels = ids.map(leadingLabel) + [t("tie (equal highest scores)", "равенство баллов")]
                + (none ? [leadingLabel("none")] : [])
            tables.append((t("Leading type by group (sheets)", "Ведущий тип по группам (бланков)"), rows(labels) { results, row in
                if row < ids.count { return .integer(results.leading[ids[row]] ?? 0) }
                if row == ids.count { return .integer(results.leading.filter { $0.key.contains("+") }.reduce(0) { $0 + $1.value }) }
                return .integer(results.leading["none"] ?? 0)
            }))
        }
        if !instrument.categories.isEmpty {
            let labels = instrument.categories.map { $0.title.text(in: t.language) } + [t("no study profile", "профиль не определён")]
            tables.append((t("Study profile by group (sheets)", "Профиль склонностей по группам (бланков)"), rows(labels) { results, row in
                row < instrument.categories.count
                    ? .integer(results.categories[instrument.categories[row].id] ?? 0)
                    : .integer(results.scored - results.withProfile)
            }))
        }
        let scaleTitles = instrument.scales.map { $0.title.text(in: t.language) }
        tables.append((t("Mean scale score by group", "Средний балл по шкале по группам"), rows(scaleTitles) { results, row in
            .decimal(results.scales[row].mean, digits: 2)
        }))
        let levelRows = instrument.scales.indices.flatMap { scale in instrument.scales[scale].levels.indices.map { (scale, $0) } }
        if !levelRows.isEmpty {
            let labels = levelRows.map { scaleTitles[$0.0] + ": " + instrument.scales[$0.0].levels[$0.1].text(in: t.language) }
            tables.append((t("Levels by group (sheets)", "Уровни по группам (бланков)"), rows(labels) { results, row in
                .integer(results.levels[levelRows[row].0][levelRows[row].1])
            }))
        }
        if hierarchy.nodes[hierarchy.total].results.stens != nil {
            tables.append((t("Mean sten by group", "Средний стен по группам"), rows(scaleTitles) { results, row in
                guard let stens = results.stens, row < stens.count else { return .decimal(nil, digits: 1) }
                let n = stens[row].reduce(0, +)
                let sum = stens[row].enumerated().reduce(0) { $0 + ($1.offset + 1) * $1.element }
                return .decimal(n > 0 ? Double(sum) / Double(n) : nil, digits: 1)
            }))
        }
        if instrument.hasLeadingType || !instrument.categories.isEmpty {
            blocks.append(.note(t("Tied leading types count once, as a tie; in study profiles a student with tied types counts in each of their profiles.",
                                  "Равные ведущие типы учитываются один раз, как равенство; в профилях ученик с равными типами учитывается в каждом из своих профилей.")))
        }
        let labels = nodes.map { $0 == hierarchy.total ? t("All", "Всего") : label(hierarchy.nodes[$0].key!, levels: hierarchy.nodes[$0].levels) }
        // Wide reports: the total and the next groups, table after table.
        for start in stride(from: 1, to: nodes.count, by: Self.comparisonWidth) {
            let columns = [0] + Array(start..<min(start + Self.comparisonWidth, nodes.count))
            for (caption, rows) in tables {
                let cut = rows.map { row in [row[0]] + columns.map { row[$0 + 1] } }
                blocks.append(.table(.init(caption: caption, columns: [""] + columns.map { labels[$0] }, rows: cut, footnote: footnote(cut))))
            }
        }
        return .init(title: t("Groups side by side", "Группы рядом") + suffix, level: 1, blocks: blocks)
    }

    /// Groups in one table besides the total: a page's width at 9 pt.
    static let comparisonWidth = 7

    /// The footnote of a table with hidden cells.
    func footnote(_ rows: [[ReportDocument.Cell]]) -> String? {
        rows.contains { $0.contains(.hidden) } ? t.hiddenFootnote(minCell: settings.minCell) : nil
    }

    /// A group's results.
    /// - Parameters:
    ///   - hidden: the results are hidden (``Suppression``).
    ///   - countsHidden: the counts of sheets read and scored are hidden.
    ///   - extremesHidden: the median, minimum and maximum are hidden.
    ///   - compared: the groups are side by side, «All» among them: the
    ///     study profiles and levels are there and not repeated here.
    func resultBlocks(_ results: GroupResults, hidden: Bool, countsHidden: Bool, extremesHidden: Bool, compared: Bool) -> [ReportDocument.Block] {
        var blocks: [ReportDocument.Block] = []
        if !countsHidden {
            blocks.append(.paragraph(t("Scored sheets: \(results.scored) of \(results.sheets) read.", "Подсчитано бланков: \(results.scored) из \(results.sheets) прочитанных.")))
        }
        guard !hidden else {
            blocks.append(.notice(t("Results are not shown: fewer than \(settings.minCell) scored sheets (--min-cell) here, or in a group whose results could be computed from these by subtraction; so that no child can be recognised.",
                                    "Результаты не показаны: подсчитано меньше \(settings.minCell) бланков (--min-cell) здесь или в группе, результаты которой можно было бы вычислить из этих вычитанием; так нельзя узнать отдельного ребёнка.")))
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
        }
        if !instrument.categories.isEmpty && !compared {
            let rows = instrument.categories.map { category -> [ReportDocument.Cell] in
                let count = results.categories[category.id] ?? 0
                return [.text(category.title.text(in: t.language)), .integer(count), .percent(share(count, n))]
            } + [[.text(t("no study profile", "профиль не определён")), .integer(n - results.withProfile), .percent(share(n - results.withProfile, n))]]
            blocks.append(.note(t("A student whose leading types are tied counts in each of their study profiles.",
                                  "При равенстве баллов ученик учитывается в каждом из профилей.")))
            blocks.append(.table(.init(caption: t("Study profile", "Профиль склонностей"),
                                       columns: [t("Study profile", "Профиль"), t("Sheets", "Бланков"), "%"], rows: rows)))
        }
        let statRows = instrument.scales.indices.map { index -> [ReportDocument.Cell] in
            let stats = results.scales[index]
            let extremes: [ReportDocument.Cell] = extremesHidden
                ? [.hidden, .hidden, .hidden]
                : [stats.median, stats.minimum, stats.maximum].map { value in
                    // A whole number is written whole («6», not «6,00»).
                    .decimal(value, digits: value.map { $0 == $0.rounded() } == true ? 0 : 2)
                }
            return [.text(instrument.scales[index].title.text(in: t.language)), .integer(stats.count),
                    .decimal(stats.mean, digits: 2), .decimal(stats.standardDeviation, digits: 2)] + extremes
        }
        blocks.append(.table(.init(caption: t("Scale scores", "Баллы по шкалам"),
                                   columns: [t("Scale", "Шкала"), "n", t("Mean", "Среднее"), t("SD", "Ст. откл."), t("Median", "Медиана"),
                                             t("Min", "Мин."), t("Max", "Макс.")], rows: statRows,
                                   footnote: extremesHidden ? t.extremesFootnote(minCell: settings.minCell) : nil)))
        let withLevels = instrument.scales.indices.filter { !instrument.scales[$0].levels.isEmpty }
        if !withLevels.isEmpty && !compared {
            let labelsAlike = Set(withLevels.map { instrument.scales[$0].levels }).count == 1
            if labelsAlike {
                let labels = instrument.scales[withLevels[0]].levels.map { $0.text(in: t.language) }
                blocks.append(.table(.init(caption: t("Levels (sheets)", "Уровни (бланков)"), columns: [t("Scale", "Шкала")] + labels,
                                           rows: withLevels.map { index in
                                               [.text(instrument.scales[index].title.text(in: t.language))] + results.levels[index].map { .integer($0) }
                                           })))
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
                         columns: [t("Scale", "Шкала"), "n", t("Mean sten by group", "Средний стен по группам")] + (1...10).map(String.init), rows: rows)),
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

    func problems(_ table: ResultTable, suffix: String) -> ReportDocument.Section {
        let shown: QualityFlags = [.blank, .tooManyMissing, .unreadable, .sameAnswer]
        let named = QualityFlags.named.filter { shown.contains($0.flag) }
        var flags = named.map(\.name)
        var flagTitles = named.map { $0.label.text(in: t.language) }
        let hierarchy = table.hierarchy
        // With a roster of students: the sheets that are read (or scored) but count for no student.
        let total = hierarchy.nodes[hierarchy.total].results
        let rosterCounts = [(GroupResults.secondSheet, t("student's second sheet", "второй бланк ученика")),
                            (GroupResults.notInRoster, t("not in the roster", "нет в списке"))]
            .filter { name, _ in hierarchy.nodes.contains { $0.results.flags[name] != nil } }
        flags += rosterCounts.map(\.0)
        flagTitles += rosterCounts.map(\.1)
        func row(_ label: String, _ index: Int) -> [ReportDocument.Cell] {
            let results = hierarchy.nodes[index].results
            guard !table.sheets.suppressed[index] else { return [.text(label)] + Array(repeating: .hidden, count: 2 + flags.count) }
            return [.text(label), .integer(results.sheets), .integer(results.scored)] + flags.map { .integer(results.flags[$0] ?? 0) }
        }
        // The groups of «Groups side by side», so that each column's counts are here.
        let rows = [row(t("All", "Всего"), hierarchy.total)]
            + hierarchy.comparisonOrder.map { row(label(hierarchy.nodes[$0].key!, levels: hierarchy.nodes[$0].levels), $0) }
        var blocks: [ReportDocument.Block] = [
            .paragraph(t("A sheet is scored when it is not blank and every scale could be scored. The diagnostics of «profscore score» say which cells to correct.",
                         "Бланк подсчитан, если он не пустой и все шкалы удалось подсчитать. Какие ячейки исправить, показывает команда «profscore score».")),
            .table(.init(caption: t("Sheets read and scored", "Прочитано и подсчитано"),
                         columns: [t("Group", "Группа"), t("Read", "Прочитано"), t("Scored", "Подсчитано")] + flagTitles, rows: rows,
                         footnote: footnote(rows))),
        ]
        if !rosterCounts.isEmpty && !table.sheets.suppressed[hierarchy.total] {
            // How the counts add up, for everyone (never ids).
            let second = total.flags[GroupResults.secondSheet] ?? 0, outside = total.flags[GroupResults.notInRoster] ?? 0
            let notScored = total.sheets - total.scored - second
            blocks.insert(.paragraph(t(
                "How the counts add up: \(total.sheets) sheets read = \(total.scored) scored + \(second) second sheets of a student (read, not counted again) + \(notScored) not scored (blank, or an answer missing or unreadable). Students diagnosed (coverage) = \(total.scored) scored − \(outside) sheets of students not in the roster = \(total.scored - outside).",
                "Как сходятся числа: прочитано бланков \(total.sheets) = подсчитано \(total.scored) + вторых бланков ученика \(second) (прочитаны, повторно не учитываются) + не подсчитано \(notScored) (пустые, с пропусками или нечитаемыми ответами). Прошли диагностику (охват) = подсчитано \(total.scored) − бланков учеников, которых нет в списке, \(outside) = \(total.scored - outside).")),
                at: 1)
        }
        return .init(title: t("Sheets with problems", "Бланки с замечаниями") + suffix, level: 1, blocks: blocks, startsPage: false)
    }

    func dynamics(years: [String], tables: [CoverageTable]) -> ReportDocument.Section {
        // Each year's shares hide what that year's coverage tables hide.
        let rows = indicators.flatMap { indicator in
            bands.indices.map { position in
                [.text(indicatorTitle(indicator)), .text(bandTitle(bands[position]))]
                    + zip(years, tables).flatMap { indicatorCells(indicator, band: position, year: $0, table: $1) }
            }
        }
        let columns = [t("Indicator", "Показатель"), t("Grades", "Классы")]
            + years.flatMap { [$0 + t(": share, %", ": доля, %"), $0 + t(": target, %", ": цель, %"), $0 + t(": met", ": выполнена")] }
        return .init(title: t("Change over the years", "Динамика по годам"), level: 1, blocks: [
            .table(.init(caption: t("Change over the years", "Динамика по годам"), columns: columns, rows: rows, footnote: footnote(rows))),
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
