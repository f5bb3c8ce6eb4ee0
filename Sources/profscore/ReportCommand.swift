import Foundation
import ProfScoreKit

/// `profscore report`: group reports of classes, a school or a set of schools.
enum ReportCommand {
    static let spec = CommandSpec(
        name: "report",
        summary: Message(en: "Group reports of classes and schools, the share diagnosed, summaries.",
                         ru: "Групповые отчёты по классам и школам, доля охвата, сводки."),
        usage: Message(
            en: """
            --instrument ID|FILE FILE... [--roster FILE] [--year YEAR]
            [--group-by school,grade,class] [--bands 5-9,9-11,5-11]
            [--target 80] [--targets FILE] [--min-cell 5]
            [--format md|table|csv|json|html] [--output PATH] [--excel]
            [--individual FOLDER] [--threads N] [--lang ru|en]
            """,
            ru: """
            --instrument ID|ФАЙЛ ФАЙЛ... [--roster ФАЙЛ] [--year ГОД]
            [--group-by school,grade,class] [--bands 5-9,9-11,5-11]
            [--target 80] [--targets ФАЙЛ] [--min-cell 5]
            [--format md|table|csv|json|html] [--output ПУТЬ] [--excel]
            [--individual ПАПКА] [--threads N] [--lang ru|en]
            """),
        description: Message(
            en: """
            Scores answer sheets and writes a group report: for the whole set and for each
            school, grade and class, how many sheets were scored, the distribution of leading
            types and study profiles (ties shown as ties), levels and mean / SD / median / range
            per scale, and the sheets with problems. With --roster, the share of students
            diagnosed per class, grade, band and school, and for students with disabilities
            (ОВЗ), against the target. Group reports contain no names or ids; the results of a
            group with fewer than --min-cell scored sheets are not shown. --format json writes
            the summary that 'profscore merge' combines.
            """,
            ru: """
            Подсчитывает бланки и пишет групповой отчёт: по всем и по каждой школе, параллели и
            классу — сколько бланков подсчитано, распределение ведущих типов и профилей (равенство
            баллов показано как равенство), уровни и среднее / ст. откл. / медиана / размах по
            шкалам, бланки с замечаниями. Со списком (--roster) — доля прошедших диагностику по
            классам, параллелям, диапазонам и школам, и для обучающихся с ОВЗ, в сравнении с целью.
            В групповых отчётах нет имён и кодов; результаты групп, где подсчитано меньше
            --min-cell бланков, не показываются. --format json — сводка для 'profscore merge'.
            """),
        options: [
            .instrument,
            OptionSpec("roster", value: "FILE", "ФАЙЛ", help: Message(
                en: "Students (id, school, class, grade, ОВЗ) or classes (school, class, grade, enrolled, ОВЗ) enrolled, for the share diagnosed.",
                ru: "Список учащихся (код, школа, класс, параллель, ОВЗ) или классов (школа, класс, параллель, численность, ОВЗ) для доли охвата.")),
            OptionSpec("year", value: "YEAR", "ГОД", default: Message(en: "the current one", ru: "текущий"), help: Message(
                en: "School year of the sheets, e.g. 2025/26 (default: {default}).",
                ru: "Учебный год бланков, напр. 2025/26 (по умолчанию {default}).")),
            OptionSpec("individual", value: "FOLDER", "ПАПКА", help: Message(
                en: "Also write one printable HTML page per student into FOLDER (personal data: for the student or parent, on request).",
                ru: "Также записать в ПАПКУ отдельную страницу HTML на каждого ученика (персональные данные: для ученика или родителей, по запросу).")),
            OptionSpec("threads", value: "N", "N", default: Message(en: "one per core", ru: "по числу ядер"), help: Message(
                en: "Score a large sheet on at most N threads (default: {default}); 1 reads every sheet in one go. The report is the same.",
                ru: "Подсчитывать большой бланк не более чем в N потоков (по умолчанию — {default}); 1 — читать каждый бланк целиком. Отчёт тот же.")),
        ] + ReportOptions.options,
        exitCodes: nil)

    static func run(_ arguments: Arguments, terminal: Terminal) -> ExitCode {
        let options: ReportOptions
        let threads: Int
        do {
            options = try ReportOptions.parse(arguments)
            threads = try arguments.threads()
        } catch {
            terminal.error(error.message.text(in: terminal.language))
            return .usage
        }
        guard let instrumentName = arguments.values["instrument"] else {
            terminal.message(en: "report needs --instrument ID|FILE; see profscore instruments for the bundled ids",
                             ru: "для report нужен --instrument ID|ФАЙЛ; встроенные идентификаторы: profscore instruments")
            return .usage
        }
        let inputs = arguments.operands
        guard !inputs.isEmpty else {
            terminal.message(en: "report needs at least one answer-sheet file, or - for standard input",
                             ru: "для report нужен хотя бы один файл бланков или «-» для стандартного ввода")
            return .usage
        }
        guard inputs.filter({ $0 == "-" }).count <= 1 else {
            terminal.message(en: "standard input (-) can be read only once", ru: "стандартный ввод («-») можно прочитать только один раз")
            return .usage
        }
        let individualFolder = arguments.values["individual"]
        guard terminal.check({ (files: inout RunFiles) throws(ProfScoreError) in
            try files.addInput(instrumentName, .instrument)
            try files.addInputs(inputs, .sheet)
            if let roster = arguments.values["roster"] { try files.addInput(roster, .roster) }
            if let targets = options.targetsFile { try files.addInput(targets, .targets) }
            try files.addOutput(options.outputPath, .output)
            try files.addOutput(arguments.values["diagnostics"], .diagnostics)
            if let individualFolder { try files.addOutputFolder(individualFolder, .pages) }
        }) else { return .usage }
        guard terminal.openDiagnostics(arguments) else { return .failure }
        defer { terminal.finishDiagnostics() }
        let year = arguments.values["year"].map(SchoolYear.normalize) ?? SchoolYear.containing(Date())

        let instrument: Instrument
        let settings: ReportSettings
        var roster: Roster?
        do {
            instrument = try Instrument.named(instrumentName)
            settings = try options.settings(over: ReportSettings(), terminal: terminal)
            if let rosterPath = arguments.values["roster"] {
                roster = try Roster.load(path: rosterPath, report: terminal.diagnostic)
            }
        } catch {
            terminal.report(error)
            return .forFailure(error)
        }
        let scorer = Scorer(instrument: instrument)
        let builder = SummaryBuilder(instrument: instrument, roster: roster, schoolYear: year, settings: settings)
        // Repeated students are found through the roster; without one nothing
        // is kept per student, so memory does not grow with the sheets.
        let batch = BatchScorer(scorer: scorer, detectsDuplicateIDs: false)
        batch.progress = ScoringProgress()
        terminal.progressLine.start(batch.progress!, totalBytes: ProgressLine.totalSize(of: inputs), language: terminal.language)
        var ioFailures = 0
        var pageNames: Set<String> = []
        var pageFailures = 0
        for input in inputs {
            let spooled: SpooledInput
            do {
                spooled = try SpooledInput(input)
            } catch {
                terminal.report(error)
                ioFailures += 1
                continue
            }
            let warnAboutLevels = options.groupBy != nil
            do throws(ProfScoreError) {
                if roster == nil && individualFolder == nil {
                    // Nothing per student is needed: score large files on every core.
                    let name = spooled.displayName
                    let parts = try batch.scoreConcurrently(
                        path: spooled.path, displayName: name, threads: threads,
                        makePartial: { builder.makePart() },
                        prepare: { reader in
                            reader.neededInfoColumns = builder.columns(of: reader, warnAboutMissingLevels: warnAboutLevels, report: terminal.diagnostic).needed
                        },
                        report: terminal.diagnostic
                    ) { part, row, score, reader in
                        part.add(row: row, score: score, reader: reader, file: name, report: { _ in })
                    }
                    for part in parts { builder.merge(part) }
                    continue
                }
                var columns = SummaryBuilder.SheetColumns()
                try batch.score(path: spooled.path, displayName: spooled.displayName, prepare: { reader in
                    columns = builder.columns(of: reader, warnAboutMissingLevels: warnAboutLevels, report: terminal.diagnostic)
                    // Individual pages show every respondent column.
                    if individualFolder == nil { reader.neededInfoColumns = columns.needed }
                }, report: terminal.diagnostic) { row, score, reader in
                    builder.add(row: row, score: score, columns: columns, file: spooled.displayName, report: terminal.diagnostic)
                    if let individualFolder {
                        let info = zip(reader.infoColumnNames, row.info).map { (name: $0, value: $1) }
                        let page = IndividualReport.render(instrument: instrument, info: info, score: score, language: terminal.language)
                        let name = pageName(row.id.isEmpty ? "line-\(row.line)" : row.id, taken: &pageNames)
                        do throws(ProfScoreError) {
                            let sink = try OutputSink.file(individualFolder + "/" + name + ".html")
                            sink.write(page)
                            try sink.commit()
                        } catch {
                            terminal.error(error.rendered(in: terminal.language))
                            pageFailures += 1
                        }
                    }
                }
            } catch {
                terminal.error(error.rendered(in: terminal.language))
            }
        }
        terminal.progressLine.stop()
        let summary = builder.finish(report: terminal.diagnostic)
        let exit = options.write(summary, terminal: terminal)
        let dataFailures = batch.failures.filter { ExitCode.forFailure($0.error) == .dataError }.count
        ioFailures += batch.failures.count - dataFailures
        terminal.finishDiagnostics()
        terminal.message(
            en: "\(instrument.id): \(batch.respondentCount) sheet(s) read from \(inputs.count - ioFailures - dataFailures) of \(inputs.count) file(s); \(batch.unreadableCellCount) cell(s) could not be read"
                + (individualFolder.map { "; \(pageNames.count - pageFailures) individual page(s) in \($0)" } ?? ""),
            ru: "\(instrument.id): прочитано бланков: \(batch.respondentCount), файлов: \(inputs.count - ioFailures - dataFailures) из \(inputs.count); нечитаемых ячеек: \(batch.unreadableCellCount)"
                + (individualFolder.map { "; индивидуальных страниц: \(pageNames.count - pageFailures) в \($0)" } ?? ""))
        if exit != .success { return exit }
        if dataFailures > 0 { return .dataError }
        if ioFailures > 0 || pageFailures > 0 { return .failure }
        return .success
    }

    /// A file name for a student's page: the id with unsafe characters replaced, made unique.
    static func pageName(_ id: String, taken: inout Set<String>) -> String {
        var base = String(id.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" }.prefix(80))
        if base.isEmpty || base.hasPrefix(".") { base = "student" }
        var name = base
        var counter = 2
        while !taken.insert(name).inserted {
            name = "\(base)-\(counter)"
            counter += 1
        }
        return name
    }

}
