/// The engine of a ``ScoringRun``: scores its sheets file after file, each
/// in one go on the calling thread or in parts on several threads
/// (`BatchScorer+Parts`), keeping the run's counts and flagging respondent
/// ids seen twice. Both ways read and score every row with ``scoreRows``.
final class BatchScorer {
    /// The scorer applied to every row.
    let scorer: Scorer
    /// What happens to every scored row before it is handed out.
    let rules: RowRules
    /// The run's respondent columns, for ``ScoredRow/runInfo(reusing:)``
    /// (`nil`: rows are not laid out in them).
    var runColumns: [String]?
    /// Respondents scored so far.
    var respondentCount = 0
    /// Cells that could not be read so far.
    var unreadableCellCount = 0
    /// Files that could not be scored at all, with the reason.
    var failures: [(file: String, error: ProfScoreError)] = []
    /// Errors and warnings reported so far.
    var errorCount = 0
    var warningCount = 0
    /// Ids seen so far, to flag those seen twice.
    var seenIDs = DuplicateIDs()
    /// Where rows scored and bytes read are added as the run goes (`nil`: not counted).
    var progress: ScoringProgress?
    /// Whether respondent ids seen twice are flagged (this keeps every id in memory).
    let detectsDuplicateIDs: Bool
    /// Whether simple records take the fast path (tests compare with the general path).
    var usesFastPath = true
    /// Whether a sheet that does not look like the instrument's is refused
    /// (``SheetFit``; tests of reading turn it off to compare the rows of such sheets).
    var checksFit = true

    init(scorer: Scorer, detectsDuplicateIDs: Bool = true, rules: RowRules = RowRules()) {
        self.scorer = scorer
        self.detectsDuplicateIDs = detectsDuplicateIDs
        self.rules = rules
    }

    /// A sheet whose header is read: its reader (at the first row), what
    /// rows refer to, and the file as it was when opened.
    struct OpenSheet {
        let reader: SheetReader
        let header: SheetHeader
        let snapshot: FileSnapshot?
        let path: String
        /// Respondent columns read only for the sheet's checks, emptied in rows.
        let hiddenColumns: [Int]
    }

    /// Opens a sheet and reads its header (its diagnostics reported and counted).
    /// - Parameter prepare: given the header before any row; returns which
    ///   respondent columns rows need (`nil`: all).
    func open(path: String, name: String, prepare: (SheetHeader) -> [Bool]?, report: (Diagnostic) -> Void)
        throws(ProfScoreError) -> OpenSheet {
        // A file that changes while it is read fails: its results would be incomplete.
        let snapshot = FileSnapshot(path: path)
        let reader = try SheetReader(path: path, displayName: name, scorer: scorer, report: { count($0, ofRow: false); report($0) })
        if !usesFastPath { reader.usesFastPath = false }
        if checksFit, let refusal = SheetFit.checkHeader(names: reader.normalizedHeaderNames, instrument: scorer.instrument,
                                              file: name, line: reader.headerLine) {
            throw .wrongInstrument(refusal, rowsHandedOut: false)
        }
        let header = SheetHeader(file: name, columns: reader.infoColumnNames, runColumns: runColumns, rules: rules,
                                 grades: scorer.instrument.grades)
        let (needed, hidden) = header.needing(prepare(header))
        if let needed { reader.neededInfoColumns = needed }
        return OpenSheet(reader: reader, header: header, snapshot: snapshot, path: path, hiddenColumns: hidden)
    }

    /// Scores every row of one sheet in one go, on this thread.
    /// - Parameters:
    ///   - path: the file, or `-` for standard input.
    ///   - displayName: the name in diagnostics and in ``failures`` (default: the path).
    ///   - each: receives each row; its storage is reused for the next row.
    ///   - finish: called after the last row; what it throws fails the sheet.
    /// - Throws: ``ProfScoreError`` when the file cannot be scored at all; the
    ///   file is also listed in ``failures``.
    func score(
        path: String,
        displayName: String? = nil,
        prepare: (SheetHeader) -> [Bool]? = { _ in nil },
        report: (Diagnostic) -> Void,
        each: (ScoredRow) -> Void,
        finish: (SheetHeader) throws(ProfScoreError) -> Void = { _ in }
    ) throws(ProfScoreError) {
        let name = displayName ?? path
        do {
            let sheet = try open(path: path, name: name, prepare: prepare, report: report)
            try scoreWhole(sheet, checksDuplicates: detectsDuplicateIDs, report: report, each: each)
            try finish(sheet.header)
        } catch {
            throw failed(name, error)
        }
    }

    /// Scores an open sheet in one go, on this thread: the one part of a sheet not split.
    func scoreWhole(_ sheet: OpenSheet, checksDuplicates: Bool, report: (Diagnostic) -> Void,
                    each: (ScoredRow) -> Void) throws(ProfScoreError) {
        var ids: DuplicateIDs? = checksDuplicates ? takeSeenIDs() : nil
        defer { if let ids { seenIDs = ids } }
        var tally = SheetTally()
        respondentCount += try scoreRows(of: sheet.reader, header: sheet.header, ids: &ids, tally: &tally,
                                         hiddenColumns: sheet.hiddenColumns, report: { count($0, ofRow: true); report($0) }, each: each)
        try sheet.snapshot?.verify(path: sheet.path, displayName: sheet.header.file)
        try finishSheet(sheet.header, tally: tally, endLine: sheet.reader.currentLine, report: report)
    }

    /// The end of a sheet, whole or in parts, once all its rows are counted:
    /// the sheet is refused when most of its answer cells cannot be read
    /// (``SheetFit/checkCells``); otherwise one warning about respondents
    /// without a norm group, and one about respondents outside the instrument's grades.
    /// - Throws: ``ProfScoreError/wrongInstrument(_:rowsHandedOut:)`` for a refused sheet.
    func finishSheet(_ header: SheetHeader, tally: SheetTally, endLine: Int, report: (Diagnostic) -> Void) throws(ProfScoreError) {
        if checksFit, let refusal = SheetFit.checkCells(unreadable: tally.unreadableCells, filled: tally.filledCells,
                                             instrument: scorer.instrument, file: header.file, line: endLine) {
            // Its rows were counted as they came; a refused file has no respondents scored.
            respondentCount -= tally.respondents
            throw .wrongInstrument(refusal, rowsHandedOut: true)
        }
        let warnings = [header.norms.flatMap { tally.norms.warning(file: header.file, norms: $0) },
                        tally.gradeWarning(file: header.file, instrument: scorer.instrument)]
        for case let warning? in warnings {
            count(warning, ofRow: false)
            report(warning)
        }
    }

    /// Scores every row of an open reader (no counting of diagnostics: the
    /// caller does). With `ids`, ids seen twice are flagged and warned about;
    /// with `hashesIDs`, each row carries its id's hash (``ScoredRow/idHash``),
    /// taken before pseudonymisation, for checking it later.
    /// Every way of scoring a sheet, whole or in parts, goes through here.
    /// - Returns: the number of rows scored.
    func scoreRows(
        of reader: SheetReader, header: SheetHeader, ids: inout DuplicateIDs?, tally: inout SheetTally,
        hiddenColumns: [Int] = [], hashesIDs: Bool = false, report: (Diagnostic) -> Void, each: (ScoredRow) -> Void
    ) throws(ProfScoreError) -> Int {
        var scored = ScoredRow(header: header, row: SheetRow(line: 0, codes: [], info: [], hasUnreadableCells: false),
                               score: scorer.emptyScore(), norm: nil)
        let workspace = ScoreWorkspace(scorer: scorer)
        let name = header.file
        var rows = 0
        // Progress is passed on every 4,096 rows.
        let progress = self.progress
        var rowsCounted = 0, bytesCounted = 0
        defer { progress?.add(rows: rows - rowsCounted, bytes: reader.bytesRead - bytesCounted) }
        while try reader.nextRow(&scored.row, report: report) {
            if rows & 4095 == 4095, let progress {
                let bytes = reader.bytesRead
                progress.add(rows: rows - rowsCounted, bytes: bytes - bytesCounted)
                rowsCounted = rows
                bytesCounted = bytes
            }
            scorer.score(codes: scored.row.codes, into: &scored.score, workspace: workspace)
            if hashesIDs {
                let id = scored.row.id
                scored.idHash = id.isEmpty ? nil : DuplicateIDs.hash(id)
            }
            if ids != nil {
                let id = scored.row.id
                if !id.isEmpty, let first = ids!.check(hash: DuplicateIDs.hash(id), file: name, line: scored.row.line) {
                    scored.score.flags.insert(.duplicateID)
                    report(DuplicateIDs.warning(id: id, file: name, line: scored.row.line, first: first))
                }
            }
            rules.apply(to: &scored, tally: &tally)
            for column in hiddenColumns { scored.row.info[column] = "" }
            rows += 1
            each(scored)
        }
        return rows
    }

    /// The ids seen so far, moved out (so that a thread can add to them without a copy).
    func takeSeenIDs() -> DuplicateIDs {
        var ids = DuplicateIDs()
        swap(&ids, &seenIDs)
        return ids
    }

    /// Records a file that could not be scored.
    func failed(_ name: String, _ error: ProfScoreError) -> ProfScoreError {
        failures.append((name, error))
        errorCount += 1
        return error
    }

    /// Counts a diagnostic in the run's totals: an error at a cell of a
    /// row (not of the header) is a cell that could not be read.
    func count(_ diagnostic: Diagnostic, ofRow: Bool) {
        switch diagnostic.severity {
        case .error:
            errorCount += 1
            if ofRow && diagnostic.column != nil { unreadableCellCount += 1 }
        case .warning: warningCount += 1
        case .note: break
        }
    }
}
