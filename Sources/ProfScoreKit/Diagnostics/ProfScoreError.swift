import Foundation
/// The errors that ProfScoreKit throws.
///
/// Problems inside the data (a cell that cannot be read, a wrong level range)
/// are ``Diagnostic``s; an error is thrown only when the work cannot go on.
public enum ProfScoreError: Error, Sendable, Equatable {
    /// An instrument file was refused; every problem found is listed.
    case invalidInstrument(file: String, diagnostics: [Diagnostic])
    /// No bundled instrument has this id and no file has this path.
    case unknownInstrument(String, available: [String])
    /// A file could not be opened, read or written.
    case io(path: String, reason: String)
    /// An answer sheet cannot be scored at all (no item columns, an empty file…).
    case unreadableSheet(Diagnostic)
    /// A summary file cannot be read or merged.
    case invalidSummary(file: String, reason: Message)
    /// The files named on the command line clash: an output is an input or
    /// another output, a counted file is given twice, a page folder holds files.
    case conflictingFiles(Message)
    /// An input changed (was written, truncated or replaced) while it was read.
    case changedWhileRead(path: String)
    /// A sheet that does not look like answers to the instrument (``SheetFit``):
    /// most item columns missing, a header that fits another bundled
    /// instrument better, or most answer cells unreadable. With
    /// `rowsHandedOut`, the file's rows were already handed out before it
    /// was refused, so whatever was made from them is wrong.
    case wrongInstrument(Diagnostic, rowsHandedOut: Bool)
}

extension ProfScoreError {
    /// The error as user-facing lines in the given language.
    public func rendered(in language: Language) -> String {
        switch self {
        case .invalidInstrument(let file, let diagnostics):
            let errors = diagnostics.filter { $0.severity == .error }.count
            let head = language == .russian
                ? "\(file): инструмент отклонён, ошибок: \(errors)"
                : "\(file): instrument refused, \(errors) error\(errors == 1 ? "" : "s")"
            return ([head] + diagnostics.map { $0.rendered(in: language) }).joined(separator: "\n")
        case .unknownInstrument(let name, let available):
            return language == .russian
                ? "нет встроенного инструмента «\(name)» и нет такого файла; встроенные: \(available.joined(separator: ", "))"
                : "no bundled instrument '\(name)' and no such file; bundled: \(available.joined(separator: ", "))"
        case .io(let path, let reason):
            return language == .russian
                ? "\(path): ошибка: файл недоступен: \(Self.russianReason(reason))"
                : "\(path): error: the file cannot be used: \(reason)"
        case .unreadableSheet(let diagnostic), .wrongInstrument(let diagnostic, _):
            return diagnostic.rendered(in: language)
        case .invalidSummary(let file, let reason):
            return "\(file): \(language == .russian ? "ошибка" : "error"): \(reason.text(in: language))"
        case .conflictingFiles(let message):
            return message.text(in: language)
        case .changedWhileRead(let path):
            return language == .russian
                ? "\(path): ошибка: файл изменился, пока его читали, и результаты по нему были бы неполными; запустите снова, когда запись в файл закончится"
                : "\(path): error: the file changed while it was read, so its results would be incomplete; run again once nothing writes to it"
        }
    }
}

extension ProfScoreError {
    /// Whether this is ``changedWhileRead(path:)``: the file's results would be incomplete.
    public var isChangedWhileRead: Bool {
        if case .changedWhileRead = self { true } else { false }
    }

    /// Whether the rows of the failed file were handed out before it failed
    /// (it changed while read, or most of its cells could not be read): an
    /// output made from the run would hold them, so it is not written.
    public var spoilsOutput: Bool {
        switch self {
        case .changedWhileRead: true
        case .wrongInstrument(_, let rowsHandedOut): rowsHandedOut
        default: false
        }
    }
}

extension ProfScoreError: CustomStringConvertible {
    public var description: String { rendered(in: .english) }
}

extension ProfScoreError {
    /// An I/O reason in Russian: ProfScore's own reasons and the system's
    /// messages (`strerror`, English on most systems) for the errors a user
    /// meets; anything else as it is.
    static func russianReason(_ reason: String) -> String {
        if let known = russianReasons[reason] { return known }
        if reason.hasPrefix("more than "), reason.hasSuffix("save it as a file and give the file instead") {
            let size = reason.dropFirst("more than ".count).prefix { $0.isNumber }
            return "из этого потока пришло больше \(size) ГиБ; сохраните его в файл и дайте файл"
        }
        return reason
    }

    private static let russianReasons: [String: String] = {
        var table = [
            "no such file": "такого файла нет",
            "cannot be read": "не читается",
            "is a folder, not a file": "это папка, а не файл",
            "this is not a text sheet (it has NUL bytes and no UTF-16 byte-order mark); give a CSV or TSV file":
                "это не текстовый бланк (в нём нулевые байты и нет метки порядка байтов UTF-16); дайте файл CSV или TSV",
            "standard input is a terminal; pipe a sheet into it (profscore … - < sheet.csv) or name the file instead of -":
                "стандартный ввод — терминал; подайте бланк через него (profscore … - < бланк.csv) или назовите файл вместо «-»",
        ]
        // The system's messages, as strerror gives them here.
        let system: [(Int32, String)] = [
            (ENOENT, "такого файла или папки нет"), (EACCES, "нет прав доступа"), (EPERM, "действие не разрешено"),
            (EISDIR, "это папка"), (ENOTDIR, "часть пути — не папка"), (ENOSPC, "на диске нет места"),
            (EROFS, "диск только для чтения"), (EEXIST, "файл уже есть"), (ENAMETOOLONG, "слишком длинное имя"),
            (ELOOP, "слишком много символических ссылок"), (EIO, "ошибка ввода-вывода"), (EFBIG, "файл слишком велик"),
            (EMFILE, "открыто слишком много файлов"), (EPIPE, "канал закрыт"), (ETXTBSY, "файл занят"),
            (EDQUOT, "превышена дисковая квота"), (ENXIO, "нет такого устройства или адреса"),
        ]
        for (code, russian) in system { table[String(cString: strerror(code))] = russian }
        return table
    }()
}
