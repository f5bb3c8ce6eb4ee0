/// The output formats of `profscore score`.
public enum ScoreFormat: String, Sendable, CaseIterable {
    /// One row per respondent, comma-separated, UTF-8 (with `excel`: BOM, `;`, decimal comma).
    case csv
    /// A JSON document with one object per respondent (`docs/score-format.md`).
    case json
    /// An aligned table for the terminal.
    case table
}
