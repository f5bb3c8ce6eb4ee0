import Foundation
import ProfScoreKit

/// A command line split into options and operands: `--name value`,
/// `--name=value`, flags, `-` for standard input, `--` ending the options.
struct Arguments {
    var values: [String: String] = [:]
    var flags: Set<String> = []
    var operands: [String] = []

    /// Parses the arguments of one subcommand.
    /// - Parameters:
    ///   - valueOptions: options that take a value (without `--`).
    ///   - flagOptions: options that take none.
    static func parse(_ arguments: [String], valueOptions: [String], flagOptions: [String]) throws(UsageError) -> Arguments {
        var result = Arguments()
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
            if flagOptions.contains(name) || name == "help" {
                guard inlineValue == nil else {
                    throw UsageError(en: "--\(name) takes no value", ru: "--\(name) не принимает значения")
                }
                result.flags.insert(name)
            } else if valueOptions.contains(name) {
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
                let known = (valueOptions + flagOptions + ["help"]).map { "--" + $0 }.joined(separator: ", ")
                throw UsageError(en: "unknown option '--\(name)'; this command takes \(known)",
                                 ru: "неизвестный параметр «--\(name)»; у этой команды есть \(known)")
            }
        }
        return result
    }

    /// The value of an option that must be one of `allowed`.
    func choice<T: RawRepresentable>(_ name: String, default defaultValue: T, allowed: [T]) throws(UsageError) -> T where T.RawValue == String {
        guard let raw = values[name] else { return defaultValue }
        guard let value = allowed.first(where: { $0.rawValue == raw }) else {
            let list = allowed.map(\.rawValue).joined(separator: ", ")
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
        try choice("lang", default: .russian, allowed: Language.allCases)
    }
}

/// A mistake on the command line; the message says what to do instead.
struct UsageError: Error {
    var message: Message
    init(en: String, ru: String) { message = Message(en: en, ru: ru) }
}
