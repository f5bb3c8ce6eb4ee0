/// Scores answer sheets file after file, keeping the counts of a run and
/// flagging respondent ids seen twice.
public final class BatchScorer {
    /// The scorer applied to every row.
    public let scorer: Scorer
    /// Respondents scored so far.
    public private(set) var respondentCount = 0
    /// Cells that could not be read so far.
    public private(set) var unreadableCellCount = 0
    /// Files that could not be scored at all, with the reason.
    public private(set) var failures: [(file: String, error: ProfScoreError)] = []
    /// Files that could not be scored at all.
    public var failedFiles: [String] { failures.map(\.file) }
    /// Errors and warnings reported so far.
    public private(set) var errorCount = 0
    public private(set) var warningCount = 0
    private var seenIDs: [String: (file: String, line: Int)] = [:]

    /// Whether respondent ids seen twice are flagged (this keeps every id in memory).
    public let detectsDuplicateIDs: Bool

    /// Creates a batch for one instrument.
    /// - Parameters:
    ///   - scorer: the instrument's scorer.
    ///   - detectsDuplicateIDs: flag respondent ids seen twice (`duplicate-id`);
    ///     this keeps every id, so memory grows with the number of sheets.
    public init(scorer: Scorer, detectsDuplicateIDs: Bool = true) {
        self.scorer = scorer
        self.detectsDuplicateIDs = detectsDuplicateIDs
    }

    /// Scores every row of one sheet.
    /// - Parameters:
    ///   - path: the file, or `-` for standard input.
    ///   - displayName: the name in diagnostics and in ``failedFiles`` (default: the path).
    ///   - report: receives every diagnostic (unreadable cells, header problems, duplicate ids).
    ///   - each: receives each row, its score and the reader (for its column names).
    /// - Throws: ``ProfScoreError`` when the file cannot be scored at all; the
    ///   file is also listed in ``failedFiles``.
    public func score(
        path: String,
        displayName: String? = nil,
        report: (Diagnostic) -> Void,
        each: (SheetRow, RespondentScore, SheetReader) -> Void
    ) throws(ProfScoreError) {
        let name = displayName ?? path
        func counting(_ diagnostic: Diagnostic) {
            switch diagnostic.severity {
            case .error: errorCount += 1
            case .warning: warningCount += 1
            case .note: break
            }
            report(diagnostic)
        }
        do {
            let reader = try SheetReader(path: path, displayName: name, scorer: scorer, report: counting)
            var row = SheetRow(line: 0, codes: [], info: [], hasUnreadableCells: false)
            var result = scorer.emptyScore()
            var workspace = ScoreWorkspace(scorer: scorer)
            while try reader.nextRow(&row, report: { diagnostic in
                if diagnostic.severity == .error && diagnostic.column != nil { unreadableCellCount += 1 }
                counting(diagnostic)
            }) {
                scorer.score(codes: row.codes, into: &result, workspace: &workspace)
                let id = row.id
                if detectsDuplicateIDs && !id.isEmpty {
                    if let first = seenIDs[id] {
                        result.flags.insert(.duplicateID)
                        counting(Diagnostic(.warning, file: name, line: row.line, column: 1, Message(
                            en: "respondent id '\(id)' already appeared at \(first.file):\(first.line); both sheets are scored and this one is flagged duplicate-id — check which one is right",
                            ru: "код респондента «\(id)» уже встречался в \(first.file):\(first.line); оба бланка подсчитаны, этот отмечен duplicate-id — проверьте, какой из них верный")))
                    } else {
                        seenIDs[id] = (name, row.line)
                    }
                }
                respondentCount += 1
                each(row, result, reader)
            }
        } catch {
            failures.append((name, error))
            errorCount += 1
            throw error
        }
    }
}
