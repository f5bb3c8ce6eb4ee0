import ProfScoreKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// profscore: a thin command line over ProfScoreKit. It parses arguments,
// calls the library and prints; all the work is in the library.

let mainHelp = Message(
    en: """
    profscore — scores school career-guidance questionnaires defined as data files.

    USAGE: profscore <command> [options]

    COMMANDS:
      score        Score answer sheets with an instrument (one row per student).
      report       Group reports of classes and schools, the share diagnosed, summaries.
      merge        Combine summaries of schools or years into one report.
      validate     Check instrument files and list every problem.
      describe     Describe an instrument: scales, items, keys, ranges, levels.
      template     Write a blank answer sheet for an instrument.
      analyze      Item and reliability analysis (Cronbach's α) of a pilot sample.
      norms        Build norm tables (percentile ranks, stens, T) from a sample into a new instrument file.
      instruments  List the bundled instruments.
      help         Show help for a command.

    Run 'profscore <command> --help' for a command's options. Add --lang en for English.
    """,
    ru: """
    profscore — подсчёт результатов профориентационных опросников, заданных файлами данных.

    ИСПОЛЬЗОВАНИЕ: profscore <команда> [параметры]

    КОМАНДЫ:
      score        Подсчитать бланки ответов по инструменту (строка на ученика).
      report       Групповые отчёты по классам и школам, доля охвата, сводки.
      merge        Объединить сводки школ или лет в один отчёт.
      validate     Проверить файлы инструментов и перечислить все ошибки.
      describe     Описать инструмент: шкалы, пункты, ключи, диапазоны, уровни.
      template     Создать пустой бланк ответов для инструмента.
      analyze      Анализ пунктов и надёжности (α Кронбаха) по пилотной выборке.
      norms        Построить нормы (процентильные ранги, стены, T) по выборке в новый файл инструмента.
      instruments  Перечислить встроенные инструменты.
      help         Показать справку по команде.

    Параметры команды: 'profscore <команда> --help'. Для английского добавьте --lang en.
    """)

struct Command {
    var help: Message
    var valueOptions: [String]
    var flagOptions: [String]
    var run: (Arguments, Terminal) -> ExitCode
}

let commands: [String: Command] = [
    "score": Command(help: ScoreCommand.help, valueOptions: ["instrument", "format", "output", "lang", "pseudonymize", "keep-columns", "diagnostics", "threads"],
                     flagOptions: ["strict", "excel"], run: ScoreCommand.run),
    "report": Command(help: ReportCommand.help, valueOptions: ReportCommand.valueOptions,
                      flagOptions: ReportCommand.flagOptions, run: ReportCommand.run),
    "merge": Command(help: MergeCommand.help, valueOptions: ReportOptions.valueOptions,
                     flagOptions: ReportOptions.flagOptions, run: MergeCommand.run),
    "validate": Command(help: ValidateCommand.help, valueOptions: ["lang"], flagOptions: [], run: ValidateCommand.run),
    "instruments": Command(help: InstrumentsCommand.help, valueOptions: ["lang"], flagOptions: [], run: InstrumentsCommand.run),
    "describe": Command(help: DescribeCommand.help, valueOptions: DescribeCommand.valueOptions,
                        flagOptions: DescribeCommand.flagOptions, run: DescribeCommand.run),
    "template": Command(help: TemplateCommand.help, valueOptions: TemplateCommand.valueOptions,
                        flagOptions: TemplateCommand.flagOptions, run: TemplateCommand.run),
    "analyze": Command(help: AnalyzeCommand.help, valueOptions: AnalyzeCommand.valueOptions,
                       flagOptions: AnalyzeCommand.flagOptions, run: AnalyzeCommand.run),
    "norms": Command(help: NormsCommand.help, valueOptions: NormsCommand.valueOptions,
                     flagOptions: NormsCommand.flagOptions, run: NormsCommand.run),
]

/// The language asked for anywhere on the command line, for messages printed
/// before the arguments are parsed.
func requestedLanguage(_ arguments: [String]) -> Language {
    for (index, argument) in arguments.enumerated() {
        if argument == "--lang=en" || (argument == "--lang" && index + 1 < arguments.count && arguments[index + 1] == "en") {
            return .english
        }
    }
    return .russian
}

/// Standard input, output and error open before anything else: a closed
/// one would otherwise be taken by the first file opened, and diagnostics
/// meant for standard error would go into an output file.
func openStandardDescriptors() {
    for descriptor in STDIN_FILENO...STDERR_FILENO where fcntl(descriptor, F_GETFD) == -1 {
        _ = open("/dev/null", descriptor == STDIN_FILENO ? O_RDONLY : O_WRONLY)
    }
}

/// The first argument that is not valid UTF-8 (a file name in another
/// encoding), which Swift would silently change into another name.
func invalidArgument() -> Int? {
    for index in 1..<Int(CommandLine.argc) {
        guard let raw = CommandLine.unsafeArgv[index] else { continue }
        if String(validatingCString: raw) == nil { return index }
    }
    return nil
}

@MainActor
func runMain() -> ExitCode {
    openStandardDescriptors()
    var arguments = Array(CommandLine.arguments.dropFirst())
    let language = requestedLanguage(arguments)
    let terminal = Terminal(language: language)
    if let index = invalidArgument() {
        terminal.message(
            en: "argument \(index) («\(CommandLine.arguments[index])») is not valid UTF-8 — probably a file name in another encoding; rename the file (e.g. convmv -f cp1251 -t utf8 --notest FILE) and run again",
            ru: "аргумент \(index) («\(CommandLine.arguments[index])») — не текст UTF-8, вероятно, имя файла в другой кодировке; переименуйте файл (напр. convmv -f cp1251 -t utf8 --notest ФАЙЛ) и запустите снова")
        return .usage
    }
    // `--lang` may also come before the command: `profscore --lang en score …`.
    if let first = arguments.first, first == "--lang" || first.hasPrefix("--lang=") {
        let lang = arguments.removeFirst()
        if lang == "--lang", !arguments.isEmpty {
            let value = arguments.removeFirst()
            arguments.append(contentsOf: ["--lang", value])
        } else {
            arguments.append(lang)
        }
        if arguments.first?.hasPrefix("--lang") == true { arguments = ["--help"] }
    }
    guard let name = arguments.first else {
        terminal.message(en: "profscore needs a command", ru: "profscore нужна команда")
        terminal.error(mainHelp.text(in: language))
        return .usage
    }
    switch name {
    case "-h", "--help":
        Terminal.output(mainHelp.text(in: language) + "\n")
        return .success
    case "help":
        let topics = arguments.dropFirst().filter { !$0.hasPrefix("-") && $0 != "en" && $0 != "ru" }
        guard let topic = topics.first else {
            Terminal.output(mainHelp.text(in: language) + "\n")
            return .success
        }
        guard let command = commands[topic] else {
            terminal.message(en: "no help on '\(topic)'; commands: score, report, merge, validate, instruments, describe, template, analyze, norms",
                             ru: "нет справки по «\(topic)»; команды: score, report, merge, validate, instruments, describe, template, analyze, norms")
            return .usage
        }
        Terminal.output(command.help.text(in: language) + "\n")
        return .success
    default:
        break
    }
    guard let command = commands[name] else {
        terminal.message(en: "unknown command '\(name)'; commands: score, report, merge, validate, instruments, describe, template, analyze, norms, help",
                         ru: "неизвестная команда «\(name)»; команды: score, report, merge, validate, instruments, describe, template, analyze, norms, help")
        return .usage
    }
    let parsed: Arguments
    do {
        parsed = try Arguments.parse(Array(arguments.dropFirst()), valueOptions: command.valueOptions, flagOptions: command.flagOptions)
        _ = try parsed.language()
    } catch {
        terminal.error(error.message.text(in: language))
        terminal.message(en: "see profscore \(name) --help", ru: "см. profscore \(name) --help")
        return .usage
    }
    if parsed.flags.contains("help") {
        Terminal.output(command.help.text(in: language) + "\n")
        return .success
    }
    let code = command.run(parsed, terminal)
    // A --diagnostics file that could not be written fails the run.
    if code == .success && terminal.log.writeFailed { return .failure }
    return code
}

exit(runMain().rawValue)
