import ProfScoreKit

/// What `score` keeps while writing the rows of one sheet, or of one part
/// of a large sheet scored on its own thread.
struct ScorePart {
    let writer: ScoreWriter
    /// For a later part of a sheet: the scratch file its writer fills.
    let scratch: OutputSink?
    /// A row's cells in the run's columns, reused from row to row.
    private var info: [String]

    init(columnCount: Int, writer: ScoreWriter, scratch: OutputSink?) {
        self.writer = writer
        self.scratch = scratch
        info = Array(repeating: "", count: columnCount)
    }

    /// Writes one respondent.
    /// - Returns: the writer's ``ScoreWriter/duplicateFlagToken`` for the row.
    mutating func write(_ scored: ScoredRow) -> Int {
        writer.write(info: scored.runInfo(reusing: &info), file: scored.file, line: scored.line, result: scored.score, norm: scored.norm)
        return writer.duplicateFlagToken
    }
}
