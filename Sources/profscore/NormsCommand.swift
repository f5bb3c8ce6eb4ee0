import Foundation
import ProfScoreKit

/// `profscore norms`: builds norm tables from a sample and writes them into a new instrument file.
enum NormsCommand {
    static let spec = CommandSpec(
        name: "norms",
        summary: Message(en: "Build norm tables (percentile ranks, stens, T) from a sample into a new instrument file.",
                         ru: "Построить нормы (процентильные ранги, стены, T) по выборке в новый файл инструмента."),
        usage: Message(
            en: """
            --instrument ID|FILE FILE... --output NEW.json [--by grade,sex]
            [--missing CELL,CELL] [--sex-codes CODE=SEX,…] [--min-n N]
            [--sample TEXT] [--diagnostics FILE] [--lang ru|en]
            """,
            ru: """
            --instrument ID|ФАЙЛ ФАЙЛ... --output НОВЫЙ.json [--by grade,sex]
            [--missing ЯЧЕЙКА,ЯЧЕЙКА] [--sex-codes КОД=ПОЛ,…] [--min-n N]
            [--sample ТЕКСТ] [--diagnostics ФАЙЛ] [--lang ru|en]
            """),
        description: Message(
            en: """
            Builds norm tables from a sample of answer sheets (read as profscore score reads
            them; - is standard input) and writes a NEW instrument file: the instrument as it
            was, byte for byte, with a 'norms' section added (or replaced). The instrument
            file itself is never written. For every norm group and scale, each possible raw
            score gets:
              percentile rank PR = (respondents below + ½ respondents equal) ÷ n × 100,
              z = Φ⁻¹(PR/100) (PR kept within ½ ÷ n … 1 − ½ ÷ n of n respondents),
              sten = round(2z + 5.5) within 1…10, T = round(10z + 50).
            A respondent counts when every scale is scored and the grouping values are known.
            Groups smaller than --min-n are refused and left out. Standard output lists every
            group with its n and the raw scores of each sten; see docs/instrument-format.md.
            """,
            ru: """
            Строит таблицы норм по выборке бланков ответов (читаются, как в profscore score;
            «-» — стандартный ввод) и записывает НОВЫЙ файл инструмента: инструмент как был,
            байт в байт, с добавленным (или заменённым) разделом «norms». Сам файл инструмента
            никогда не перезаписывается. Для каждой нормативной группы и шкалы каждый
            возможный сырой балл получает:
              процентильный ранг PR = (респондентов ниже + ½ респондентов с тем же баллом) ÷ n × 100,
              z = Φ⁻¹(PR/100) (PR в пределах ½ ÷ n … 1 − ½ ÷ n при n респондентах),
              стен = round(2z + 5,5) в пределах 1…10, T = round(10z + 50).
            Респондент учитывается, если подсчитаны все шкалы и известны признаки группы.
            Группы меньше --min-n отклоняются и не входят в нормы. В стандартный вывод —
            все группы с их n и сырые баллы каждого стена; см. docs/instrument-format.md.
            """),
        options: [
            .instrument, .missing,
            OptionSpec("output", value: "NEW.json", "НОВЫЙ.json", help: Message(
                en: "The new instrument file (required; not the instrument file or an input).",
                ru: "Новый файл инструмента (обязателен; не файл инструмента и не входной файл).")),
            OptionSpec("by", value: "grade,sex", "grade,sex",
                       default: Message(en: "one group of everybody", ru: "одна группа на всех"), help: Message(
                en: """
                What norm groups are told apart by: grade, sex, or grade,sex (default: {default}). The grade comes \
                from a grade column (параллель, grade) or the number a class name starts with (класс, class); the sex \
                from a column пол, sex or gender (м/ж, male/female).
                """,
                ru: """
                По чему различаются нормативные группы: grade (параллель), sex (пол) или grade,sex (по умолчанию — \
                {default}). Параллель берётся из столбца «параллель»/grade или из числа в начале названия класса \
                («класс»/class); пол — из столбца «пол», sex или gender (м/ж, male/female).
                """)),
            OptionSpec("min-n", value: "N", "N", default: Message(en: "\(Norms.defaultMinimumN)", ru: "\(Norms.defaultMinimumN)"), help: Message(
                en: "The smallest norm group (default {default}, at least \(Norms.lowestMinimumN)).",
                ru: "Наименьшая нормативная группа (по умолчанию {default}, не меньше \(Norms.lowestMinimumN)).")),
            OptionSpec("sex-codes", value: "CODE=SEX,…", "КОД=ПОЛ,…", help: Message(
                en: "Codes of the sex column besides the words, e.g. 1=male,2=female (or 1=м,2=ж); written into the norms, so that scoring reads sheets coded the same way.",
                ru: "Коды столбца пола помимо слов, напр. 1=м,2=ж (или 1=male,2=female); записываются в нормы, чтобы при подсчёте бланки с теми же кодами читались так же.")),
            OptionSpec("sample", value: "TEXT", "ТЕКСТ", help: Message(
                en: "Who the sample was (where, when, how chosen); written into the norms before the counts.",
                ru: "Какой была выборка (где, когда, как отбиралась); записывается в нормы перед численностями.")),
            .diagnostics,
            .lang(en: "Language of messages and headings", ru: "Язык сообщений и заголовков"),
        ],
        exitCodes: Message(
            en: """
            0 written (refused groups, if any, on standard error), 64 usage error, 65 invalid instrument, \
            a sheet that could not be read or has no column for a grouping, or no group large enough (nothing \
            written); 1 other failure.
            """,
            ru: """
            0 записано (отклонённые группы, если есть, — в потоке ошибок), 64 ошибка в командной строке, \
            65 неверный инструмент, бланк не прочитан или в нём нет столбца для группировки, или нет ни одной \
            достаточно большой группы (ничего не записано); 1 иной сбой.
            """))

    static func run(_ arguments: Arguments, terminal: Terminal) -> ExitCode {
        // Check the command line before doing any work.
        guard let (instrumentName, inputs) = arguments.instrumentAndSheets(terminal: terminal, noSheets: Message(
            en: "norms needs at least one answer-sheet file of the norm sample, or - for standard input",
            ru: "для norms нужен хотя бы один файл бланков нормативной выборки или «-» для стандартного ввода")) else { return .usage }
        guard let outputPath = arguments.values["output"], outputPath != "-" else {
            terminal.message(en: "norms needs --output NEW.json: the new instrument file with the norms (the instrument file itself is never overwritten)",
                             ru: "для norms нужен --output НОВЫЙ.json — новый файл инструмента с нормами (сам файл инструмента не перезаписывается)")
            return .usage
        }
        guard terminal.check({ (files: inout RunFiles) throws(ProfScoreError) in
            try files.addInput(instrumentName, .instrument)
            try files.addInputs(inputs, .sheet)
            try files.addOutput(outputPath, .output)
            try files.addOutput(arguments.values["diagnostics"], .diagnostics)
        }) else { return .usage }
        guard let groupBy = groupVariables(arguments, terminal: terminal),
              let minimumN = minimumN(arguments, terminal: terminal),
              let sexCodes = sexCodes(arguments, terminal: terminal) else { return .usage }

        let instrument: Instrument
        do {
            instrument = try arguments.instrument(named: instrumentName)
        } catch {
            terminal.report(error)
            return ExitCode.forFailure(error)
        }
        guard terminal.openDiagnostics(arguments) else { return .failure }
        defer { terminal.finishDiagnostics() }

        let builder = NormBuilder(instrument: instrument, groupBy: groupBy, sexCodes: sexCodes)
        let (dataFailures, ioFailures) = readSample(inputs, into: builder, terminal: terminal)
        let built = builder.result(minimumN: minimumN, description: arguments.values["sample"], file: instrumentName)
        for warning in built.warnings { terminal.diagnostic(warning) }
        Terminal.output(built.rendered(instrument: instrument, language: terminal.language))

        let read = inputs.count - dataFailures - ioFailures
        guard dataFailures == 0 && ioFailures == 0, let norms = built.norms else {
            let why: (en: String, ru: String) = built.norms == nil && dataFailures + ioFailures == 0
                ? ("no norm group has \(minimumN) or more respondents", "ни в одной нормативной группе нет \(minimumN) респондентов")
                : ("\(inputs.count - read) of \(inputs.count) file(s) could not be used, and norms of part of a sample would mislead",
                   "\(inputs.count - read) из \(inputs.count) файлов не удалось использовать, а нормы по части выборки ввели бы в заблуждение")
            terminal.finishDiagnostics()
            terminal.message(en: "\(instrument.id): \(outputPath) was not written: \(why.en)",
                             ru: "\(instrument.id): \(outputPath) не записан: \(why.ru)")
            return ioFailures > 0 && dataFailures == 0 ? .failure : .dataError
        }
        let bytes: [UInt8]
        do {
            bytes = try Instrument.json(named: instrumentName, with: norms)
        } catch {
            terminal.report(error)
            return .failure
        }
        let written = InstrumentLoading.write(bytes, to: outputPath, terminal: terminal)
        guard written == .success else { return written }
        notes(about: norms, in: outputPath, from: instrumentName, instrument: instrument, terminal: terminal)
        terminal.finishDiagnostics()
        let refused = built.groups.filter { !$0.accepted }.count
        terminal.message(
            en: "\(instrument.id): wrote \(outputPath): \(norms.groups.count) norm group(s), \(built.normed) of \(built.respondents) respondent(s) from \(read) file(s); \(refused) group(s) refused as smaller than \(built.minimumN)",
            ru: "\(instrument.id): записан \(outputPath): нормативных групп: \(norms.groups.count), респондентов: \(built.normed) из \(built.respondents), файлов: \(read); отклонено групп меньше \(built.minimumN): \(refused)")
        return .success
    }

    /// `--by`: what norm groups are told apart by; `nil` (with the reason said) when it names something else or a variable twice.
    private static func groupVariables(_ arguments: Arguments, terminal: Terminal) -> [Norms.Variable]? {
        var groupBy: [Norms.Variable] = []
        guard let by = arguments.values["by"] else { return groupBy }
        for name in by.split(separator: ",", omittingEmptySubsequences: false).map({ $0.trimmingCharacters(in: .whitespaces) }) {
            guard let variable = Norms.Variable(rawValue: name) else {
                terminal.message(en: "--by '\(by)': '\(name)' is not one of: grade, sex (write --by grade, --by sex or --by grade,sex)",
                                 ru: "--by «\(by)»: «\(name)» — не одно из: grade, sex (пишите --by grade, --by sex или --by grade,sex)")
                return nil
            }
            guard !groupBy.contains(variable) else {
                terminal.message(en: "--by '\(by)' names \(name) twice", ru: "--by «\(by)»: \(name) указано дважды")
                return nil
            }
            groupBy.append(variable)
        }
        return groupBy
    }

    /// `--sex-codes 1=м,2=ж`: codes of the sex column; `nil` (with the reason said) when one cannot be read.
    private static func sexCodes(_ arguments: Arguments, terminal: Terminal) -> [String: Norms.Sex]? {
        guard let text = arguments.values["sex-codes"] else { return [:] }
        var codes: [String: Norms.Sex] = [:]
        for pair in text.split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, let sex = Norms.Sex(cell: parts[1]) else {
                terminal.message(en: "--sex-codes '\(pair)' is not CODE=SEX with a sex such as male, female, м or ж (e.g. --sex-codes 1=male,2=female)",
                                 ru: "--sex-codes «\(pair)» — не КОД=ПОЛ с полом вроде м, ж, male или female (напр. --sex-codes 1=м,2=ж)")
                return nil
            }
            codes[parts[0]] = sex
        }
        return codes
    }

    /// `--min-n`: the smallest norm group; `nil` (with the reason said) when it is too small or not a number.
    private static func minimumN(_ arguments: Arguments, terminal: Terminal) -> Int? {
        guard let text = arguments.values["min-n"] else { return Norms.defaultMinimumN }
        guard let value = Int(text), value >= Norms.lowestMinimumN, value <= 1_000_000_000 else {
            terminal.message(en: "--min-n '\(text)' is not a whole number of at least \(Norms.lowestMinimumN): percentile ranks of fewer respondents are too coarse to be norms",
                             ru: "--min-n «\(text)» — не целое число не меньше \(Norms.lowestMinimumN): процентильные ранги по меньшему числу респондентов слишком грубы для норм")
            return nil
        }
        return value
    }

    /// Reads every sheet of the sample; returns how many files had bad data and how many could not be read.
    private static func readSample(_ inputs: [String], into builder: NormBuilder, terminal: Terminal) -> (data: Int, io: Int) {
        let failures = builder.read(paths: inputs, report: terminal.diagnostic, failed: terminal.report)
        let io = failures.filter { if case .io = $0.error { true } else { false } }.count
        return (failures.count - io, io)
    }

    /// Notes on the written file: norms replaced, the sample, and the version to raise.
    private static func notes(about norms: Norms, in outputPath: String, from instrumentName: String,
                              instrument: Instrument, terminal: Terminal) {
        if instrument.norms != nil {
            terminal.diagnostic(Diagnostic(.note, file: outputPath, Message(
                en: "the norms of \(instrumentName) are replaced by the new ones in this file",
                ru: "нормы из \(instrumentName) в этом файле заменены новыми")))
        }
        terminal.diagnostic(Diagnostic(.note, file: outputPath, Message(
            en: "sample: " + norms.sample.en, ru: "выборка: " + norms.sample.ru)))
        terminal.diagnostic(Diagnostic(.note, file: outputPath, Message(
            en: "version \(instrument.version) is kept as it was; raise \"version\" before you give the file to others, so that scored results say which norms they used",
            ru: "версия \(instrument.version) оставлена как была; повысьте «version», прежде чем передавать файл другим, чтобы по результатам было видно, какие нормы использованы")))
    }
}
