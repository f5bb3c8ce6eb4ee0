/// A sheet of a run as its rows refer to it: its name, its respondent
/// columns, and what happens to their cells before a row is handed out.
public final class SheetHeader: Sendable {
    /// The file's name in diagnostics.
    public let file: String
    /// The respondent columns, in the sheet's order; the first is the respondent id.
    public let columns: [String]
    /// Per column of ``columns``: its position among the run's columns
    /// (``ScoringRun/columns``); `nil` when the run's columns were not asked for.
    let runPositions: [Int?]?
    /// Whether ``columns`` are the run's columns, in the same order.
    let isInRunOrder: Bool
    /// With `--pseudonymize`: the key, and what it does with each column.
    let pseudonymizer: Pseudonymizer?
    let treatments: [Pseudonymizer.ColumnTreatment]
    /// With norms: the norms and where the sheet's grouping columns are.
    let norms: Norms?
    let normColumns: NormColumns?
    /// The grades the instrument is meant for, and where the sheet gives a
    /// respondent's grade (`nil` when it has no grade or class column).
    let grades: ClosedRange<Int>?
    let gradeColumns: NormColumns?

    init(file: String, columns: [String], runColumns: [String]?, rules: RowRules, grades: ClosedRange<Int>?) {
        self.file = file
        self.columns = columns
        if let runColumns {
            // By a table of the run's columns: a sheet of 100,000 columns costs no more than its length.
            var positionOf: [String: Int] = [:]
            for (index, name) in runColumns.enumerated() where positionOf[name] == nil { positionOf[name] = index }
            runPositions = columns.map { positionOf[$0] }
        } else {
            runPositions = nil
        }
        isInRunOrder = columns == runColumns
        pseudonymizer = rules.pseudonymizer
        treatments = rules.pseudonymizer == nil ? [] : Pseudonymizer.classify(columns: columns, keeping: rules.keptColumns)
        norms = rules.norms
        normColumns = rules.norms.map { NormColumns(infoColumnNames: columns, sexCodes: $0.sexCodes) }
        self.grades = grades
        let gradeColumns = grades == nil ? nil : NormColumns(infoColumnNames: columns)
        self.gradeColumns = gradeColumns?.missing([.grade]).isEmpty == true ? gradeColumns : nil
    }

    /// The respondent columns a row must carry for the checks of the whole
    /// sheet (its grade or class), added to those the caller needs.
    /// - Returns: the columns to read, and those added (emptied again once
    ///   counted, so that rows carry only what the caller asked for).
    func needing(_ needed: [Bool]?) -> (read: [Bool]?, added: [Int]) {
        guard var needed, let gradeColumns else { return (needed, []) }
        var added: [Int] = []
        for position in [gradeColumns.grade, gradeColumns.className].compactMap({ $0 })
            where position < needed.count && !needed[position] {
            needed[position] = true
            added.append(position)
        }
        return (needed, added)
    }
}

/// What a run does to every row after scoring it, the same on every path:
/// the norm group matched, then personal cells pseudonymised.
struct RowRules: Sendable {
    var pseudonymizer: Pseudonymizer?
    /// Columns kept in clear (`--keep-columns`).
    var keptColumns: [String] = []
    /// The norms to match respondents to (`nil`: none).
    var norms: Norms?

    /// Counts the row in the sheet's tally, matches the norm group and
    /// pseudonymises a scored row (in place).
    func apply(to scored: inout ScoredRow, tally: inout SheetTally) {
        let header = scored.header
        tally.add(scored.row, header: header)
        if let norms = header.norms, let columns = header.normColumns {
            let match = norms.match(info: scored.row.info, columns: columns)
            scored.norm = match
            tally.norms.add(match)
        }
        header.pseudonymizer?.apply(header.treatments, to: &scored.row.info)
    }
}

/// One scored respondent, as a run hands it out. Its storage is reused for
/// the next row: copy what you keep.
public struct ScoredRow: Sendable {
    /// The sheet the row is from.
    public let header: SheetHeader
    /// The row as read: its line and respondent cells (in the sheet's
    /// columns, ``SheetHeader/columns``; pseudonymised with a key; empty
    /// where the caller said a column is not needed).
    public internal(set) var row: SheetRow
    /// The scores, levels, leading type, profile and flags.
    public internal(set) var score: RespondentScore
    /// With norms: the respondent's norm group, or why none applies.
    public internal(set) var norm: NormMatch?
    /// The hash of the id as read, for a part whose ids are checked after
    /// the parts before it (`nil`: no id, or not asked for).
    var idHash: UInt64?

    /// The file's name in diagnostics.
    public var file: String { header.file }
    /// The 1-based line where the row starts.
    public var line: Int { row.line }
    /// The respondent id (the first respondent column), or an empty string.
    public var id: String { row.id }
    /// The respondent cells with their column names, in the sheet's order.
    public var namedInfo: [(name: String, value: String)] {
        zip(header.columns, row.info).map { (name: $0, value: $1) }
    }

    /// The respondent cells in the run's columns (``ScoringRun/columns``,
    /// which must have been read before scoring): the sheet's cell where it
    /// has the column, empty where not.
    /// - Parameter buffer: reused from row to row; as many cells as the run has columns.
    public func runInfo(reusing buffer: inout [String]) -> [String] {
        if header.isInRunOrder && row.info.count == buffer.count { return row.info }
        guard let runPositions = header.runPositions else {
            preconditionFailure("ScoringRun.columns must be read before scoring to lay rows out in them")
        }
        for index in buffer.indices { buffer[index] = "" }
        for (index, position) in runPositions.enumerated() where index < row.info.count {
            if let position, position < buffer.count { buffer[position] = row.info[index] }
        }
        return buffer
    }
}
