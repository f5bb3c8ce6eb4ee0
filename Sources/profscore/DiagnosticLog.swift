import Foundation
import ProfScoreKit

/// Keeps standard error readable on a bad file without losing anything: the
/// first ``Terminal/shownLimit`` diagnostics of a run are printed, the rest
/// are counted, and all of them go to the `--diagnostics FILE` when one is
/// given. One summary line at the end says how many were not shown and where
/// they are.
final class DiagnosticLog {
    /// Diagnostics reported so far.
    private(set) var total = 0
    /// Diagnostics printed on standard error so far.
    private(set) var shown = 0
    /// Every diagnostic goes here too (`--diagnostics FILE`).
    private var file: OutputSink?
    private var filePath: String?
    /// `--diagnostics -`: print every diagnostic on standard error.
    private var showAll = false
    private var finished = false
    /// Whether the `--diagnostics` file could not be written (the run then fails).
    private(set) var writeFailed = false

    /// Records one diagnostic; returns whether to print it.
    func record(_ line: String) -> Bool {
        total += 1
        file?.write(line + "\n")
        guard showAll || shown < Terminal.shownLimit else { return false }
        shown += 1
        return true
    }

    /// Starts writing every diagnostic to `path` (`-`: all on standard error).
    func open(_ path: String) throws(ProfScoreError) {
        if path == "-" { showAll = true; return }
        file = try OutputSink.file(path)
        filePath = path
    }

    /// Writes the diagnostics file into place and returns the summary line of
    /// what was not shown, if anything was held back.
    func finish(language: Language) -> String? {
        guard !finished else { return nil }
        finished = true
        var failure: ProfScoreError?
        if let file {
            do { try file.commit() } catch { failure = error }
            self.file = nil
        }
        if let failure {
            writeFailed = true
            return failure.rendered(in: language)
        }
        let hidden = total - shown
        guard hidden > 0 else { return nil }
        if let filePath {
            return language == .russian
                ? "…и ещё замечаний: \(hidden) (всего \(total)); полный список — в \(filePath)"
                : "… and \(hidden) more diagnostic(s) not shown (\(total) in all); the full list is in \(filePath)"
        }
        return language == .russian
            ? "…и ещё замечаний: \(hidden) (всего \(total)) не показаны; чтобы получить все, добавьте --diagnostics ФАЙЛ (или --diagnostics - для вывода всех здесь)"
            : "… and \(hidden) more diagnostic(s) not shown (\(total) in all); to get them all, add --diagnostics FILE (or --diagnostics - to print them all here)"
    }
}
