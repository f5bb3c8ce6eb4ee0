import Foundation
import ProfScoreKit

/// A command line split into options and operands: `--name value`,
/// `--name=value`, flags, `-` for standard input, `--` ending the options.
struct Arguments {
    /// The command whose options these are.
    var command: CommandSpec
    var values: [String: String] = [:]
    var flags: Set<String> = []
    var operands: [String] = []

    /// Parses the arguments of one subcommand by its declaration.
    static func parse(_ arguments: [String], command: CommandSpec) throws(UsageError) -> Arguments {
        var result = Arguments(command: command)
        var index = 0
        var optionsEnded = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if optionsEnded || argument == "-" || !argument.hasPrefix("-") {
                result.operands.append(argument)
                continue
            }
            if argument == "--" { optionsEnded = true; continue }
            if argument == "-h" { result.flags.insert("help"); continue }
            guard argument.hasPrefix("--") else {
                throw UsageError(en: "unknown option '\(argument)'", ru: "неизвестный параметр «\(argument)»")
            }
            var name = String(argument.dropFirst(2))
            var inlineValue: String?
            if let equals = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            let option = command.option(name)
            if name == "help" || option?.takesValue == false {
                guard inlineValue == nil else {
                    throw UsageError(en: "--\(name) takes no value", ru: "--\(name) не принимает значения")
                }
                result.flags.insert(name)
            } else if option != nil {
                let value: String
                if let inlineValue {
                    value = inlineValue
                } else {
                    guard index < arguments.count else {
                        throw UsageError(en: "--\(name) needs a value", ru: "для --\(name) нужно значение")
                    }
                    value = arguments[index]
                    index += 1
                }
                guard result.values[name] == nil else {
                    throw UsageError(en: "--\(name) is given twice", ru: "--\(name) указан дважды")
                }
                result.values[name] = value
            } else {
                let known = (command.options.map(\.name) + ["help"]).map { "--" + $0 }.joined(separator: ", ")
                throw UsageError(en: "unknown option '--\(name)'; this command takes \(known)",
                                 ru: "неизвестный параметр «--\(name)»; у этой команды есть \(known)")
            }
        }
        return result
    }

    /// The value of an option with allowed values: one of those its
    /// declaration lists, or its declared default when it is not given.
    func choice<T: RawRepresentable>(_ name: String) throws(UsageError) -> T where T.RawValue == String {
        guard let option = command.option(name), let fallback = option.defaultValue.flatMap({ T(rawValue: $0.english) }) else {
            preconditionFailure("--\(name) of \(command.name) is not declared with allowed values and a default")
        }
        guard let raw = values[name] else { return fallback }
        guard option.allowed.contains(raw), let value = T(rawValue: raw) else {
            let list = option.allowed.joined(separator: ", ")
            throw UsageError(en: "--\(name) '\(raw)' is not one of: \(list)", ru: "--\(name) «\(raw)» — не одно из: \(list)")
        }
        return value
    }

    /// The `--threads` option: how many threads may score a large sheet
    /// (default: one per core; 1 reads every sheet in one go).
    func threads() throws(UsageError) -> Int {
        guard let text = values["threads"] else { return max(1, ProcessInfo.processInfo.activeProcessorCount) }
        guard let value = Int(text), (1...256).contains(value) else {
            throw UsageError(en: "--threads '\(text)' is not a whole number from 1 to 256", ru: "--threads «\(text)» — не целое число от 1 до 256")
        }
        return value
    }

    /// The `--lang` option (Russian unless `en` is asked for).
    func language() throws(UsageError) -> Language {
        try choice("lang")
    }
}

/// A mistake on the command line; the message says what to do instead.
struct UsageError: Error {
    var message: Message
    init(en: String, ru: String) { message = Message(en: en, ru: ru) }
}

/// A command step that stopped the command with this exit code (the reason
/// already said on standard error).
struct CommandExit: Error {
    var code: ExitCode
}
