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
}

/// Writes diagnostics and messages to standard error, in colour only when it
/// is a terminal and `NO_COLOR` is not set.
struct Terminal {
    let language: Language
    private let colour = isatty(STDERR_FILENO) == 1 && getenv("NO_COLOR") == nil

    init(language: Language) { self.language = language }

    func diagnostic(_ diagnostic: Diagnostic) {
        var line = diagnostic.rendered(in: language)
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
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = write(STDERR_FILENO, raw.baseAddress! + offset, raw.count - offset)
                if n <= 0 { return }
                offset += n
            }
        }
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
