/// A problem found in an input file, with where it is and what to do about it.
///
/// Recoverable data problems are diagnostics, not thrown errors: the reader and
/// the loader collect them and carry on with the rest of the input.
public struct Diagnostic: Sendable, Hashable {
    /// How serious a diagnostic is.
    public enum Severity: String, Sendable, Hashable, Codable {
        /// The input (or part of it) could not be used.
        case error
        /// The input was used, but something looks wrong.
        case warning
        /// Additional information about a previous diagnostic.
        case note
    }

    /// How serious the problem is.
    public var severity: Severity
    /// The file the problem is in, as the user named it (`-` for standard input).
    public var file: String
    /// 1-based line, when known.
    public var line: Int?
    /// 1-based column, when known. In answer sheets this is the field number
    /// (the spreadsheet column), in JSON files the character column.
    public var column: Int?
    /// JSON path of the offending value in an instrument file, such as
    /// `$.scales[2].levels[0].to`.
    public var path: String?
    /// The worksheet of a workbook (`.xlsx`, `.ods`) the problem is in; line
    /// and column are then the spreadsheet's row and column.
    public var sheet: String?
    /// What is wrong and what to do, in English and Russian.
    public var message: Message

    /// Creates a diagnostic.
    public init(
        _ severity: Severity, file: String, line: Int? = nil, column: Int? = nil,
        path: String? = nil, _ message: Message
    ) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.path = path
        self.message = message
    }

    /// The diagnostic as one line, `file:line:column: severity: path: message`;
    /// in a workbook `file:sheet!K8 (row 8, column 11): severity: message`, as
    /// a spreadsheet names the cell.
    /// - Parameter language: the language of the message.
    public func rendered(in language: Language = .english) -> String {
        var out = file
        if let sheet {
            out += ":" + sheet
            let english = language == .english
            switch (line, column) {
            case let (line?, column?):
                out += "!\(SpreadsheetCell.name(row: line, column: column)) ("
                    + (english ? "row \(line), column \(column)" : "строка \(line), столбец \(column)") + ")"
            case let (line?, nil):
                out += english ? ", row \(line)" : ", строка \(line)"
            default:
                break
            }
        } else if let line {
            out += ":\(line)"
            if let column { out += ":\(column)" }
        }
        let severityWord: String
        switch (severity, language) {
        case (.error, .english): severityWord = "error"
        case (.warning, .english): severityWord = "warning"
        case (.note, .english): severityWord = "note"
        case (.error, .russian): severityWord = "ошибка"
        case (.warning, .russian): severityWord = "предупреждение"
        case (.note, .russian): severityWord = "примечание"
        }
        out += ": \(severityWord): "
        if let path { out += "\(path): " }
        out += message.text(in: language)
        return out
    }
}

extension Diagnostic: CustomStringConvertible {
    public var description: String { rendered(in: .english) }
}

/// The languages of user-facing texts.
public enum Language: String, Sendable, Hashable, CaseIterable, Codable {
    case russian = "ru"
    case english = "en"
}

/// A user-facing message in English and Russian.
public struct Message: Sendable, Hashable {
    /// The English text.
    public var english: String
    /// The Russian text.
    public var russian: String

    /// Creates a message from its two versions.
    public init(en english: String, ru russian: String) {
        self.english = english
        self.russian = russian
    }

    /// The text in the given language.
    public func text(in language: Language) -> String {
        language == .russian ? russian : english
    }
}
