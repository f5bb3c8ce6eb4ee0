import ProfScoreKit

/// One option of a command, declared once: the parser, the value checks
/// and the help text all read this declaration.
struct OptionSpec: Sendable {
    /// The name without `--`.
    var name: String
    /// The value's name in help (FILE/ФАЙЛ); `nil` for a flag. For an option
    /// with allowed values the name is the list of them (`csv|json|table`).
    var value: Message?
    /// The values the option accepts; empty when any value is accepted.
    var allowed: [String] = []
    /// The default: for an option with allowed values, the value used when
    /// the option is not given; in help it replaces `{default}`.
    var defaultValue: Message?
    /// What the option does; `{default}` stands for the default.
    var help: Message

    /// An option that takes a value.
    init(_ name: String, value en: String, _ ru: String, default defaultValue: Message? = nil, help: Message) {
        self.name = name
        self.value = Message(en: en, ru: ru)
        self.defaultValue = defaultValue
        self.help = help
    }

    /// An option that takes no value.
    init(flag name: String, help: Message) {
        self.name = name
        self.help = help
    }

    /// An option whose value is one of the cases of `T`, in their order.
    init<T: RawRepresentable & CaseIterable>(_ name: String, choices: T.Type, default defaultValue: T, help: Message)
    where T.RawValue == String {
        self.name = name
        allowed = T.allCases.map(\.rawValue)
        value = Message(en: allowed.joined(separator: "|"), ru: allowed.joined(separator: "|"))
        self.defaultValue = Message(en: defaultValue.rawValue, ru: defaultValue.rawValue)
        self.help = help
    }

    var takesValue: Bool { value != nil }

    /// `--name VALUE` as help shows it.
    func label(in language: Language) -> String {
        "--" + name + (value.map { " " + $0.text(in: language) } ?? "")
    }

    /// The help text with the default filled in.
    func description(in language: Language) -> String {
        let text = help.text(in: language)
        guard let defaultValue else { return text }
        return text.replacingOccurrences(of: "{default}", with: defaultValue.text(in: language))
    }
}

/// A command's declaration: what it is called, its usage, what it does, its
/// options and its exit codes. `--help` is generated from it.
struct CommandSpec: Sendable {
    var name: String
    /// One line for the list of commands in the main help.
    var summary: Message
    /// The usage after `profscore NAME `; further lines are indented under the first.
    var usage: Message
    /// What the command does, as written (line breaks kept).
    var description: Message
    var options: [OptionSpec]
    /// The exit codes paragraph after `EXIT CODES:`, if the description does not say them.
    var exitCodes: Message?

    /// The option called `name`, if the command has one.
    func option(_ name: String) -> OptionSpec? {
        options.first { $0.name == name }
    }

    /// The help text, ending with a line break.
    func help(in language: Language) -> String {
        let english = language == .english
        let usagePrefix = (english ? "USAGE: " : "ИСПОЛЬЗОВАНИЕ: ") + "profscore \(name) "
        let indent = String(repeating: " ", count: usagePrefix.count)
        var lines = usage.text(in: language).split(separator: "\n", omittingEmptySubsequences: false).enumerated().map {
            ($0.offset == 0 ? usagePrefix : indent) + $0.element
        }
        lines.append("")
        lines.append(description.text(in: language))
        lines.append("")
        lines.append(english ? "OPTIONS:" : "ПАРАМЕТРЫ:")
        lines += HelpLayout.options(options, in: language)
        if let exitCodes {
            lines.append("")
            lines += HelpLayout.wrap((english ? "EXIT CODES: " : "КОДЫ ВЫХОДА: ") + exitCodes.text(in: language), indent: "")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// How help text is laid out: option labels in a column, text wrapped.
enum HelpLayout {
    /// The width help text is wrapped at.
    static let width = 100
    /// Labels longer than this go on a line of their own.
    static let longestLabel = 20

    /// The option lines, `-h, --help` last, descriptions aligned in one column.
    static func options(_ options: [OptionSpec], in language: Language) -> [String] {
        let help = (label: "-h, --help", text: language == .english ? "Show this help." : "Показать эту справку.")
        let rows = options.map { (label: $0.label(in: language), text: $0.description(in: language)) } + [help]
        let column = 2 + (rows.map(\.label.count).filter { $0 <= longestLabel }.max() ?? longestLabel) + 2
        let indent = String(repeating: " ", count: column)
        var lines: [String] = []
        for row in rows {
            let label = "  " + row.label
            if label.count + 2 <= column {
                let text = wrap(row.text, indent: indent)
                lines.append(label + String(repeating: " ", count: column - label.count) + text[0].dropFirst(column))
                lines += text.dropFirst()
            } else {
                lines.append(label)
                lines += wrap(row.text, indent: indent)
            }
        }
        return lines
    }

    /// Words of `text` in lines of at most `width` characters, each line
    /// starting with `indent`; a line break in `text` starts a new line.
    static func wrap(_ text: String, indent: String) -> [String] {
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = indent
            for word in unbreakable(paragraph) {
                if line.count > indent.count && line.count + 1 + word.count > width {
                    lines.append(line)
                    line = indent
                }
                line += (line.count > indent.count ? " " : "") + word
            }
            lines.append(line)
        }
        return lines
    }

    /// The words of a line, with a dash kept on the line of the word before it
    /// and a number or «(default:» on the line of the word after it («65 invalid», «ФАЙЛ —»).
    static func unbreakable(_ line: Substring) -> [String] {
        var words: [String] = []
        var joinNext = false
        for word in line.split(separator: " ").map(String.init) {
            if let last = words.last, joinNext || word == "—" {
                words[words.count - 1] = last + " " + word
            } else {
                words.append(word)
            }
            joinNext = word.allSatisfy(\.isNumber) || word.hasSuffix("default:")
        }
        return words
    }
}
