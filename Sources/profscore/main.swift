import ProfScoreKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// profscore: a thin command line over ProfScoreKit. It parses arguments,
// calls the library and prints; all the work is in the library.

struct Command {
    var spec: CommandSpec
    var run: (Arguments, Terminal) -> ExitCode
}

/// The commands, in the order the main help lists them.
let commandList: [Command] = [
    Command(spec: ScoreCommand.spec, run: ScoreCommand.run),
    Command(spec: ReportCommand.spec, run: ReportCommand.run),
    Command(spec: MergeCommand.spec, run: MergeCommand.run),
    Command(spec: ValidateCommand.spec, run: ValidateCommand.run),
    Command(spec: DescribeCommand.spec, run: DescribeCommand.run),
    Command(spec: TemplateCommand.spec, run: TemplateCommand.run),
    Command(spec: AnalyzeCommand.spec, run: AnalyzeCommand.run),
    Command(spec: NormsCommand.spec, run: NormsCommand.run),
    Command(spec: InstrumentsCommand.spec, run: InstrumentsCommand.run),
    Command(spec: KeyCommand.spec, run: KeyCommand.run),
]

let commands = Dictionary(uniqueKeysWithValues: commandList.map { ($0.spec.name, $0) })

/// The commands' names, in the order of the main help, for messages.
let commandNames = commandList.map(\.spec.name).joined(separator: ", ")

/// The main help: the commands with their one-line summaries.
@MainActor
func mainHelp(in language: Language) -> String {
    let english = language == .english
    let rows = commandList.map { ($0.spec.name, $0.spec.summary.text(in: language)) } + [
        ("version", english ? "Show the version of profscore (also --version)." : "Показать версию profscore (также --version)."),
        ("help", english ? "Show help for a command." : "Показать справку по команде."),
    ]
    let width = rows.map(\.0.count).max()! + 2
    let indent = String(repeating: " ", count: 2 + width)
    let list = rows.flatMap { row in
        let lines = HelpLayout.wrap(row.1, indent: indent)
        return ["  " + row.0 + String(repeating: " ", count: width - row.0.count) + lines[0].dropFirst(indent.count)] + lines.dropFirst()
    }
    let text = english ? [
        "profscore — scores school career-guidance questionnaires defined as data files.",
        "", "USAGE: profscore <command> [options]", "", "COMMANDS:",
    ] + list + ["", "Run 'profscore <command> --help' for a command's options. Add --lang en for English."]
    : [
        "profscore — подсчёт результатов профориентационных опросников, заданных файлами данных.",
        "", "ИСПОЛЬЗОВАНИЕ: profscore <команда> [параметры]", "", "КОМАНДЫ:",
    ] + list + ["", "Параметры команды: 'profscore <команда> --help'. Для английского добавьте --lang en."]
    return text.joined(separator: "\n") + "\n"
}

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
        terminal.error(String(mainHelp(in: language).dropLast()))
        return .usage
    }
    switch name {
    case "-h", "--help":
        Terminal.output(mainHelp(in: language))
        return .success
    case "--version", "version":
        Terminal.output("profscore \(ProfScoreVersion.current)\n")
        return .success
    case "help":
        let topics = arguments.dropFirst().filter { !$0.hasPrefix("-") && $0 != "en" && $0 != "ru" }
        guard let topic = topics.first else {
            Terminal.output(mainHelp(in: language))
            return .success
        }
        guard let command = commands[topic] else {
            terminal.message(en: "no help on '\(topic)'; commands: \(commandNames)",
                             ru: "нет справки по «\(topic)»; команды: \(commandNames)")
            return .usage
        }
        Terminal.output(command.spec.help(in: language))
        return .success
    default:
        break
    }
    guard let command = commands[name] else {
        terminal.message(en: "unknown command '\(name)'; commands: \(commandNames), version, help",
                         ru: "неизвестная команда «\(name)»; команды: \(commandNames), version, help")
        return .usage
    }
    let parsed: Arguments
    do {
        parsed = try Arguments.parse(Array(arguments.dropFirst()), command: command.spec)
        _ = try parsed.language()
    } catch {
        terminal.error(error.message.text(in: language))
        terminal.message(en: "see profscore \(name) --help", ru: "см. profscore \(name) --help")
        return .usage
    }
    if parsed.flags.contains("help") {
        Terminal.output(command.spec.help(in: language))
        return .success
    }
    let code = command.run(parsed, terminal)
    // A --diagnostics file that could not be written fails the run.
    if code == .success && terminal.log.writeFailed { return .failure }
    return code
}

exit(runMain().rawValue)
