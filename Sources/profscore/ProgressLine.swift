import Dispatch
import Foundation
import ProfScoreKit
import Synchronization

/// A line on standard error that shows how far a long run has got — sheets
/// scored, megabytes read, the rate — redrawn four times a second from half
/// a second on, when standard error is a terminal. Otherwise (a file, a
/// pipe, a test) nothing is shown. Other text on standard error first clears
/// the line (``whileCleared(_:)``); the next redraw brings it back.
final class ProgressLine: Sendable {
    private struct State {
        var timer: DispatchSourceTimer?
        /// Whether the line is on the screen.
        var shown = false
    }

    private let state = Mutex(State())
    private let isTerminal = isatty(STDERR_FILENO) == 1

    /// Starts showing a run's progress.
    /// - Parameter totalBytes: the size of the files to read (0 when unknown).
    func start(_ progress: ScoringProgress, totalBytes: Int, language: Language) {
        guard isTerminal else { return }
        let started = DispatchTime.now().uptimeNanoseconds
        state.withLock { state in
            let timer = DispatchSource.makeTimerSource(queue: .global())
            timer.schedule(deadline: .now() + 0.5, repeating: 0.25)
            timer.setEventHandler { [weak self] in
                let (rows, bytes) = progress.current
                guard rows > 0 || bytes > 0 else { return }
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
                self?.draw(Self.text(rows: rows, bytes: bytes, totalBytes: totalBytes, seconds: seconds, language: language))
            }
            timer.resume()
            state.timer = timer
        }
    }

    /// Stops and clears the line.
    func stop() {
        state.withLock { state in
            state.timer?.cancel()
            state.timer = nil
        }
        whileCleared {}
    }

    /// Runs `body` (which writes to standard error) with the line cleared.
    func whileCleared(_ body: () -> Void) {
        state.withLock { state in
            if state.shown {
                Self.write("\r\u{1B}[K")
                state.shown = false
            }
            body()
        }
    }

    private func draw(_ text: String) {
        state.withLock { state in
            guard state.timer != nil else { return }
            Self.write("\r" + text + "\u{1B}[K")
            state.shown = true
        }
    }

    private static func write(_ text: String) {
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(STDERR_FILENO, raw.baseAddress! + offset, raw.count - offset)
                if n <= 0 { return }
                offset += n
            }
        }
    }

    /// The total size of the files at these paths (standard input and what
    /// cannot be looked at count 0).
    static func totalSize(of paths: [String]) -> Int {
        paths.reduce(0) { total, path in
            var info = stat()
            guard path != "-", stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return total }
            return total + Int(info.st_size)
        }
    }

    /// The line's text: `412,000 sheets scored · 26 of 63 MB · 0.9 M sheets/s`.
    static func text(rows: Int, bytes: Int, totalBytes: Int, seconds: Double, language: Language) -> String {
        let russian = language == .russian
        func grouped(_ value: Int) -> String {
            var digits = Array(String(value))
            var index = digits.count - 3
            while index > 0 {
                digits.insert(russian ? " " : ",", at: index)
                index -= 3
            }
            return String(digits)
        }
        let megabytes = (bytes + (1 << 19)) >> 20
        let total = (totalBytes + (1 << 19)) >> 20
        let read = totalBytes > 0 ? (russian ? "\(megabytes) из \(total) МБ" : "\(megabytes) of \(total) MB")
                                  : "\(megabytes) " + (russian ? "МБ" : "MB")
        let rate = seconds > 0 ? Double(rows) / seconds : 0
        let rateText = rate >= 1e6
            ? String(format: "%.1f", rate / 1e6).replacingOccurrences(of: ".", with: russian ? "," : ".") + (russian ? " млн бланков/с" : " M sheets/s")
            : "\(grouped(Int(rate)))" + (russian ? " бланков/с" : " sheets/s")
        return russian
            ? "подсчитано бланков: \(grouped(rows)) · прочитано \(read) · \(rateText)"
            : "\(grouped(rows)) sheets scored · \(read) read · \(rateText)"
    }
}
