/// One run of an instrument over answer sheets: the one way from files to
/// scored rows, used by every command and by library users.
///
/// A run opens its inputs (standard input and pipes copied first, see
/// ``SpooledInput``), reads each sheet's header, scores every row — a large
/// sheet in parts on several threads, everything else in one go —, flags
/// respondent ids seen twice, matches norm groups and pseudonymises, and
/// hands the rows out as ``ScoredRow``s. A file that cannot be opened or
/// scored is passed to `failed` in its place and the others are scored.
/// A run scores its inputs once: call one of its scoring methods once.
///
/// ```swift
/// let run = ScoringRun(instrument: instrument, inputs: ["7a.csv", "7b.csv"])
/// run.forEachRow(report: { print($0) }) { scored in
///     print(scored.id, scored.score.scores)
/// }
/// ```
public final class ScoringRun {
    /// How a run scores.
    public struct Options: Sendable {
        /// The most threads a large sheet is scored on (``scoreInParts(makePart:prepare:report:failed:each:finish:)`` only).
        public var threads: Int
        /// Sheets smaller than this are scored in one go.
        public var minimumSplitSize: Int
        /// Whether respondent ids seen twice are flagged (`duplicate-id`);
        /// this keeps a hash of every id, so memory grows with the sheets.
        public var findsDuplicateIDs: Bool
        /// With a key: the respondent id and names are replaced by keyed
        /// codes, and other personal columns emptied (``Pseudonymizer/classify(columns:keeping:)``).
        public var pseudonymizer: Pseudonymizer?
        /// Columns kept in clear when pseudonymising.
        public var keptColumns: [String]
        /// Whether rows are matched to the instrument's norm groups (when it has norms).
        public var appliesNorms: Bool

        public init(threads: Int = 1, findsDuplicateIDs: Bool = true, pseudonymizer: Pseudonymizer? = nil,
                    keptColumns: [String] = [], appliesNorms: Bool = true, minimumSplitSize: Int = 4 << 20) {
            self.threads = max(threads, 1)
            self.findsDuplicateIDs = findsDuplicateIDs
            self.pseudonymizer = pseudonymizer
            self.keptColumns = keptColumns
            self.appliesNorms = appliesNorms
            self.minimumSplitSize = minimumSplitSize
        }
    }

    /// The instrument scored.
    public let instrument: Instrument
    public let options: Options
    /// The inputs as given (`-` for standard input).
    public let inputs: [String]
    private let engine: BatchScorer
    /// Per input: where it can be read, or why it cannot.
    private let opened: [Result<SpooledInput, ProfScoreError>]

    /// Opens the inputs (a copy of standard input and pipes is made here).
    public init(instrument: Instrument, inputs: [String], options: Options = Options()) {
        self.instrument = instrument
        self.options = options
        self.inputs = inputs
        engine = BatchScorer(scorer: Scorer(instrument: instrument), detectsDuplicateIDs: options.findsDuplicateIDs,
                             rules: RowRules(pseudonymizer: options.pseudonymizer, keptColumns: options.keptColumns,
                                             norms: options.appliesNorms ? instrument.norms : nil))
        opened = inputs.map { input in Result { () throws(ProfScoreError) in try SpooledInput(input) } }
    }

    /// The respondent columns of all sheets that can be read, in order of
    /// first appearance: the columns of ``ScoredRow/runInfo(reusing:)``.
    /// Finding them reads every sheet's header once more; rows are laid out
    /// in them only when they were asked for before scoring.
    public var columns: [String] { sheetColumns().all }

    /// The columns of all sheets and those that are some sheet's first
    /// column (its respondent id), from one reading of the headers, kept.
    private func sheetColumns() -> (all: [String], ids: Set<String>) {
        if let knownColumns { return knownColumns }
        var columns: [String] = []
        var seen: Set<String> = [], ids: Set<String> = []
        for case .success(let input) in opened {
            if let reader = try? SheetReader(path: input.path, displayName: input.displayName, scorer: engine.scorer, report: { _ in }) {
                for name in reader.infoColumnNames where seen.insert(name).inserted { columns.append(name) }
                if let first = reader.infoColumnNames.first { ids.insert(first) }
            }
        }
        knownColumns = (columns, ids)
        return (columns, ids)
    }
    private var knownColumns: (all: [String], ids: Set<String>)?

    /// With a key: what pseudonymisation does with each of ``columns`` (a
    /// column that is some sheet's first column is that sheet's respondent id).
    public var treatments: [Pseudonymizer.ColumnTreatment] {
        guard options.pseudonymizer != nil else { return [] }
        let (columns, ids) = sheetColumns()
        var treatments = Pseudonymizer.classify(columns: columns, keeping: options.keptColumns)
        for (index, name) in columns.enumerated() where ids.contains(name) && !treatments[index].keepsValue {
            treatments[index] = .idCode
        }
        return treatments
    }

    /// The names of ``Options/keptColumns`` that are none of ``columns``.
    public var unmatchedKeptColumns: [String] { Pseudonymizer.unmatched(options.keptColumns, in: columns) }

    /// The paths read (copies for standard input and pipes), for a progress display.
    public var paths: [String] { opened.compactMap { try? $0.get().path } }

    /// Where rows scored and bytes read are added as the run goes (`nil`: not counted).
    public var progress: ScoringProgress? {
        get { engine.progress }
        set { engine.progress = newValue }
    }

    /// Respondents scored so far.
    public var respondentCount: Int { engine.respondentCount }
    /// Cells that could not be read so far.
    public var unreadableCellCount: Int { engine.unreadableCellCount }
    /// Errors so far: every diagnostic of that severity, and every file not scored.
    public var errorCount: Int { engine.errorCount }
    /// Warnings so far.
    public var warningCount: Int { engine.warningCount }
    /// Files that could not be opened or scored, with the reason, in order.
    public var failures: [(file: String, error: ProfScoreError)] { engine.failures }

    /// Scores every sheet and hands out every row in file order, on the
    /// calling thread (one thread: ``Options/threads`` is not used).
    /// - Parameters:
    ///   - prepare: given each sheet's header before its rows; returns which
    ///     respondent columns the rows need (`nil`: all), so that the others
    ///     are not made.
    ///   - report: receives every diagnostic, in file order.
    ///   - failed: receives the error of each file that cannot be opened or scored.
    ///   - finishSheet: called after a sheet's last row; what it throws
    ///     fails the sheet (it is then passed to `failed` and counted in ``failures``).
    ///   - body: receives each row; its storage is reused for the next.
    public func forEachRow(
        prepare: (SheetHeader) -> [Bool]? = { _ in nil },
        report: (Diagnostic) -> Void,
        failed: (ProfScoreError) -> Void = { _ in },
        finishSheet: (SheetHeader) throws(ProfScoreError) -> Void = { _ in },
        _ body: (ScoredRow) -> Void
    ) {
        engine.runColumns = knownColumns?.all
        forEachInput(failed: failed) { input throws(ProfScoreError) in
            try engine.score(path: input.path, displayName: input.displayName, prepare: prepare, report: report,
                             each: body, finish: finishSheet)
        }
    }

    /// Scores every sheet, a large one in parts on several threads, each
    /// part into a state of its own; the states come back in file order on
    /// the calling thread (`finish`). This is how an output too large to go
    /// through one thread is made (the scores file, a group report).
    ///
    /// With ``Options/findsDuplicateIDs``, the first part's rows are
    /// checked as they come and later parts' once the parts before them
    /// are done: `each` returns a token per row, and `finish` gets the tokens
    /// of the rows found to be repeats (to flag them in the part's output).
    /// - Parameters:
    ///   - makePart: a part's empty state; `true` for a sheet's first part (or its only one).
    ///   - each: adds a row to its part's state, on the part's thread; returns its token.
    ///   - finish: takes a part in file order, on the calling thread, with
    ///     the tokens of its rows to flag `duplicate-id`.
    public func scoreInParts<Part>(
        makePart: (_ isFirst: Bool) throws(ProfScoreError) -> Part,
        prepare: (SheetHeader) -> [Bool]? = { _ in nil },
        report: (Diagnostic) -> Void,
        failed: (ProfScoreError) -> Void = { _ in },
        each: @escaping @Sendable (inout Part, ScoredRow) -> Int,
        finish: (inout Part, _ repeatedRows: [Int]) throws(ProfScoreError) -> Void
    ) {
        engine.runColumns = knownColumns?.all
        forEachInput(failed: failed) { input throws(ProfScoreError) in
            try engine.scoreParts(path: input.path, name: input.displayName, threads: options.threads,
                                  minimumSplitSize: options.minimumSplitSize, checksDuplicates: options.findsDuplicateIDs,
                                  makePart: makePart, prepare: prepare, report: report, each: each, finish: finish)
        }
    }

    /// Each input in order: scored, or its failure passed on.
    private func forEachInput(failed: (ProfScoreError) -> Void, _ score: (SpooledInput) throws(ProfScoreError) -> Void) {
        for (index, input) in opened.enumerated() {
            switch input {
            case .failure(let error):
                failed(engine.failed(inputs[index], error))
            case .success(let input):
                do { try score(input) } catch { failed(error) }
            }
        }
    }
}
