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
            [--individual FOLDER] [--missing CELL,CELL]
            [--diagnostics FILE] [--threads N] [--lang ru|en]
            """,
            ru: """
            --instrument ID|ФАЙЛ ФАЙЛ... [--roster ФАЙЛ] [--year ГОД]
            [--group-by school,grade,class] [--bands 5-9,9-11,5-11]
            [--target 80] [--targets ФАЙЛ] [--min-cell 5]
            [--format md|table|csv|json|html] [--output ПУТЬ] [--excel]
            [--individual ПАПКА] [--missing ЯЧЕЙКА,ЯЧЕЙКА]
            [--diagnostics ФАЙЛ] [--threads N] [--lang ru|en]
            """),
        description: Message(
            en: """
            Scores answer sheets and writes a group report: for the whole set and for each
            school, grade and class, how many sheets were scored, the distribution of leading
            types and study profiles (ties shown as ties), levels and mean / SD / median / range
            per scale, and the sheets with problems. With --roster, the share of students
            diagnosed per class, grade, band and school, and for students with disabilities
            (ОВЗ), against the target. Group reports contain no names or ids; the results of a
            group with fewer than --min-cell scored sheets are not shown, nor those of the groups
            they could be computed from by subtraction. --format json writes the summary that
            'profscore merge' combines (for the municipality only: it is not suppressed).
            """,
            ru: """
            Подсчитывает бланки и пишет групповой отчёт: по всем и по каждой школе, параллели и
            классу — сколько бланков подсчитано, распределение ведущих типов и профилей (равенство
            баллов показано как равенство), уровни и среднее / ст. откл. / медиана / размах по
            шкалам, бланки с замечаниями. Со списком (--roster) — доля прошедших диагностику по
            классам, параллелям, диапазонам и школам, и для обучающихся с ОВЗ, в сравнении с целью.
            В групповых отчётах нет имён и кодов; результаты групп, где подсчитано меньше
            --min-cell бланков, не показываются, как и результаты групп, из которых их можно
            вычислить вычитанием. --format json — сводка для 'profscore merge' (только для
            муниципалитета: в ней ничего не скрыто).
            """),
        options: [
            .instrument, .missing,
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
        guard let (instrumentName, inputs) = arguments.instrumentAndSheets(terminal: terminal) else { return .usage }
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

        let instrument: Instrument, settings: ReportSettings, roster: Roster?
        switch load(instrumentName, arguments: arguments, options: options, terminal: terminal) {
        case .success(let loaded): (instrument, settings, roster) = loaded
        case .failure(let exit): return exit.code
        }
        let builder = SummaryBuilder(instrument: instrument, roster: roster, schoolYear: year, settings: settings)
        // Repeated students are found through the roster; without one nothing
        // is kept per student, so memory does not grow with the sheets.
        let run = ScoringRun(instrument: instrument, inputs: inputs,
                             options: ScoringRun.Options(threads: threads, findsDuplicateIDs: false, appliesNorms: false))
        let progress = ScoringProgress()
        run.progress = progress
        terminal.progressLine.start(progress, totalBytes: ProgressLine.totalSize(of: run.paths), language: terminal.language)
        let pages = individualFolder.map { IndividualPages(folder: $0, instrument: instrument, language: terminal.language) }
        score(run, into: builder, perStudent: roster != nil, pages: pages, warnAboutLevels: options.groupBy != nil, terminal: terminal)
        terminal.progressLine.stop()
        let summary = builder.finish(report: terminal.diagnostic)
        // A sheet refused after its rows were counted (see ScoreCommand): the report would hold them.
        let spoiled = run.failures.contains { $0.error.spoilsOutput }
        let exit = spoiled ? .success : options.write(summary, terminal: terminal)
        let dataFailures = run.failures.filter { ExitCode.forFailure($0.error) == .dataError }.count
        let ioFailures = run.failures.count - dataFailures
        terminal.finishDiagnostics()
        summarize(run, pages: pages, written: !spoiled, terminal: terminal)
        if exit != .success { return exit }
        if dataFailures > 0 { return .dataError }
        if ioFailures > 0 || (pages?.failures ?? 0) > 0 { return .failure }
        return .success
    }

    /// The instrument, the report settings (with `--targets`) and the roster, or the exit code when one cannot be read.
    private static func load(_ instrumentName: String, arguments: Arguments, options: ReportOptions,
                             terminal: Terminal) -> Result<(Instrument, ReportSettings, Roster?), CommandExit> {
        do {
            let instrument = try arguments.instrument(named: instrumentName)
            let settings = try options.settings(over: ReportSettings(), terminal: terminal)
            let roster = try arguments.values["roster"].map { path throws(ProfScoreError) in try Roster.load(path: path, report: terminal.diagnostic) }
            return .success((instrument, settings, roster))
        } catch {
            terminal.report(error)
            return .failure(CommandExit(code: .forFailure(error)))
        }
    }

    /// Scores the sheets into the report (and its students' pages). Without a
    /// roster or pages nothing per student is needed, and a large sheet is
    /// scored on every core.
    private static func score(_ run: ScoringRun, into builder: SummaryBuilder, perStudent: Bool, pages: IndividualPages?,
                              warnAboutLevels: Bool, terminal: Terminal) {
        if !perStudent && pages == nil {
            run.scoreInParts(
                makePart: { _ in builder.makePart() },
                prepare: { builder.columns(of: $0, warnAboutMissingLevels: warnAboutLevels, report: terminal.diagnostic).needed },
                report: terminal.diagnostic,
                failed: terminal.report,
                each: { part, scored in
                    part.add(scored, report: { _ in })
                    return 0
                },
                finish: { part, _ in builder.merge(part) })
            return
        }
        var columns = SummaryBuilder.SheetColumns()
        run.forEachRow(prepare: { header in
            columns = builder.columns(of: header, warnAboutMissingLevels: warnAboutLevels, report: terminal.diagnostic)
            // Individual pages show every respondent column.
            return pages == nil ? columns.needed : nil
        }, report: terminal.diagnostic, failed: terminal.report) { scored in
            builder.add(row: scored.row, score: scored.score, columns: columns, file: scored.file, report: terminal.diagnostic)
            pages?.write(scored, terminal: terminal)
        }
    }

    /// The summary line on standard error: sheets and files read, cells
    /// unreadable, and with `--individual` the pages written.
    private static func summarize(_ run: ScoringRun, pages: IndividualPages?, written: Bool, terminal: Terminal) {
        let (read, total) = (run.inputs.count - run.failures.count, run.inputs.count)
        terminal.message(
            en: "\(run.instrument.id): \(run.respondentCount) sheet(s) read from \(read) of \(total) file(s); \(run.unreadableCellCount) cell(s) could not be read"
                + (pages.map { "; \($0.names.count - $0.failures) individual page(s) in \($0.folder)" } ?? "")
                + (written ? "" : "; the report was not written"),
            ru: "\(run.instrument.id): прочитано бланков: \(run.respondentCount), файлов: \(read) из \(total); нечитаемых ячеек: \(run.unreadableCellCount)"
                + (pages.map { "; индивидуальных страниц: \($0.names.count - $0.failures) в \($0.folder)" } ?? "")
                + (written ? "" : "; отчёт не записан"))
    }

    /// `--individual FOLDER`: one printable page per student, with the
    /// names given so far and the pages that could not be written.
    private final class IndividualPages {
        let folder: String
        let instrument: Instrument
        let language: Language
        var names: Set<String> = []
        var failures = 0

        init(folder: String, instrument: Instrument, language: Language) {
            self.folder = folder
            self.instrument = instrument
            self.language = language
        }

        /// Writes the page of one respondent; a page that cannot be written is reported and counted.
        func write(_ scored: ScoredRow, terminal: Terminal) {
            let page = IndividualReport.render(instrument: instrument, info: scored.namedInfo, score: scored.score, language: language)
            let name = pageName(scored.id.isEmpty ? "line-\(scored.line)" : scored.id, taken: &names)
            do throws(ProfScoreError) {
                let sink = try OutputSink.file(folder + "/" + name + ".html")
                sink.write(page)
                try sink.commit()
            } catch {
                terminal.error(error.rendered(in: terminal.language))
                failures += 1
            }
        }
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
