import ProfScoreKit

/// What the instrument-centred commands (describe, template, analyze) share.
enum InstrumentLoading {
    /// Writes text to `--output` (atomically) or standard output.
    static func write(_ text: String, to output: String?, terminal: Terminal) -> ExitCode {
        write(Array(text.utf8), to: output, terminal: terminal)
    }

    /// Writes bytes to `--output` (atomically) or standard output.
    static func write(_ bytes: [UInt8], to output: String?, terminal: Terminal) -> ExitCode {
        do {
            let sink = try output.flatMap { $0 == "-" ? nil : $0 }.map(OutputSink.file) ?? .standardOutput()
            sink.write(bytes)
            try sink.commit()
            return .success
        } catch {
            terminal.error(error.rendered(in: terminal.language))
            return .failure
        }
    }
}
