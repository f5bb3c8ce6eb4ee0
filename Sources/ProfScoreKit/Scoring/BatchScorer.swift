/// Scores answer sheets file after file, keeping the counts of a run and
/// flagging respondent ids seen twice.
public final class BatchScorer {
    /// The scorer applied to every row.
    public let scorer: Scorer
    /// Respondents scored so far.
    public internal(set) var respondentCount = 0
    /// Cells that could not be read so far.
    public internal(set) var unreadableCellCount = 0
    /// Files that could not be scored at all, with the reason.
    public internal(set) var failures: [(file: String, error: ProfScoreError)] = []
    /// Files that could not be scored at all.
    public var failedFiles: [String] { failures.map(\.file) }
    /// Errors and warnings reported so far.
    public internal(set) var errorCount = 0
    public internal(set) var warningCount = 0
    /// Ids seen so far, to flag those seen twice.
    var seenIDs = DuplicateIDs()

    /// Where rows scored and bytes read are added as the run goes, for a
    /// progress display (`nil`: not counted).
    public var progress: ScoringProgress?

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
    ///   - prepare: called with the reader once the header is read, before
    ///     any row (to choose ``SheetReader/neededInfoColumns``, say).
    ///   - report: receives every diagnostic (unreadable cells, header problems, duplicate ids).
    ///   - each: receives each row, its score and the reader (for its column
    ///     names). The row's storage is reused for the next row: copy what you keep.
    /// - Throws: ``ProfScoreError`` when the file cannot be scored at all; the
    ///   file is also listed in ``failedFiles``.
    public func score(
        path: String,
        displayName: String? = nil,
        prepare: (SheetReader) -> Void = { _ in },
        report: (Diagnostic) -> Void,
        each: (SheetRow, RespondentScore, SheetReader) -> Void
    ) throws(ProfScoreError) {
        let name = displayName ?? path
        do {
            let snapshot = FileSnapshot(path: path)
            let reader = try SheetReader(path: path, displayName: name, scorer: scorer, report: { count($0, ofRow: false); report($0) })
            prepare(reader)
            var ids: DuplicateIDs? = detectsDuplicateIDs ? takeSeenIDs() : nil
            defer { if let ids { seenIDs = ids } }
            respondentCount += try scoreRows(of: reader, name: name, ids: &ids, report: { count($0, ofRow: true); report($0) }) { row, result in
                each(row, result, reader)
            }
            try snapshot?.verify(path: path, displayName: name)
        } catch {
            failures.append((name, error))
            errorCount += 1
            throw error
        }
    }
}
