import ProfScoreKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Exit codes (BSD sysexits, as swift-argument-parser uses them).
enum ExitCode: Int32 {
    case success = 0
    case failure = 1
    case usage = 64
    case dataError = 65

    /// The exit code for an error that stopped a command before any work:
    /// an unknown instrument id is a usage error, a file that cannot be
    /// opened another failure, anything else bad input data.
    static func forFailure(_ error: ProfScoreError) -> ExitCode {
        switch error {
        case .unknownInstrument, .conflictingFiles: .usage
        case .io, .changedWhileRead: .failure
        default: .dataError
        }
    }
}

/// Writes diagnostics and messages to standard error, in colour only when it
/// is a terminal and `NO_COLOR` is not set.
struct Terminal {
    let language: Language
    private let colour = isatty(STDERR_FILENO) == 1 && getenv("NO_COLOR") == nil
    /// How many diagnostics a run prints before it only counts them.
    static let shownLimit = 20
    /// The run's diagnostics: counted, limited on screen, all in `--diagnostics FILE`.
    let log = DiagnosticLog()
    /// The progress of a long run, when standard error is a terminal.
    let progressLine = ProgressLine()

    init(language: Language) { self.language = language }

    /// Prints a diagnostic, unless ``shownLimit`` were printed already; it is
    /// counted, and written to the `--diagnostics` file, either way.
    func diagnostic(_ diagnostic: Diagnostic) {
        var line = diagnostic.rendered(in: language)
        guard log.record(line) else { return }
        if colour {
            let code = switch diagnostic.severity {
            case .error: "31"
            case .warning: "33"
            case .note: "36"
            }
            line = "\u{1B}[\(code)m" + line + "\u{1B}[0m"
        }
        error(line)
    }

    func error(_ text: String) {
        var bytes = Array(text.utf8)
        bytes.append(0x0A)
        progressLine.whileCleared {
            bytes.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let n = write(STDERR_FILENO, raw.baseAddress! + offset, raw.count - offset)
                    if n <= 0 { return }
                    offset += n
                }
            }
        }
    }

    /// Prints an error of the library; the diagnostics it carries (an
    /// instrument's problems, a sheet that cannot be scored) count as diagnostics.
    func report(_ failure: ProfScoreError) {
        switch failure {
        case .invalidInstrument(let file, let diagnostics):
            let errors = diagnostics.filter { $0.severity == .error }.count
            message(en: "\(file): instrument refused, \(errors) error\(errors == 1 ? "" : "s")",
                    ru: "\(file): инструмент отклонён, ошибок: \(errors)")
            diagnostics.forEach(diagnostic)
        case .unreadableSheet(let problem):
            diagnostic(problem)
        default:
            error(failure.rendered(in: language))
        }
    }

    /// Checks a command's files against each other (``RunFiles``) before any work.
    /// - Returns: `false` (after saying why) when they clash: a usage error.
    func check(_ declare: (inout RunFiles) throws(ProfScoreError) -> Void) -> Bool {
        var files = RunFiles()
        do {
            try declare(&files)
            return true
        } catch {
            self.error(error.rendered(in: language))
            return false
        }
    }

    /// Starts the `--diagnostics` file, if the option was given.
    /// - Returns: `false` (after saying why) when the file cannot be created.
    func openDiagnostics(_ arguments: Arguments) -> Bool {
        guard let path = arguments.values["diagnostics"] else { return true }
        do {
            try log.open(path)
            return true
        } catch {
            self.error(error.rendered(in: language))
            return false
        }
    }

    /// Ends the run's diagnostics: writes the `--diagnostics` file into place
    /// and prints how many diagnostics were not shown and where they are.
    func finishDiagnostics() {
        if let summary = log.finish(language: language) { error(summary) }
    }

    func message(en: String, ru: String) {
        error(language == .russian ? ru : en)
    }

    /// Prints text to standard output.
    static func output(_ text: String) {
        let sink = OutputSink.standardOutput()
        sink.write(text)
        try? sink.commit()
    }
}
