import ProfScoreKit

/// What `score` keeps while writing the rows of one sheet, or of one part
/// of a large sheet scored on its own thread: the writer, and the norm
/// groups matched.
struct ScorePart {
    /// The output's columns: the respondent columns of all sheets, id first.
    let columns: [String]
    let instrument: Instrument
    /// With --pseudonymize: the key, and what it does with each of ``columns``.
    let pseudonymizer: Pseudonymizer?
    let treatments: [Pseudonymizer.ColumnTreatment]
    let writer: ScoreWriter
    /// For a later part of a sheet: the scratch file its writer fills.
    let scratch: OutputSink?
    var normTally = NormMatchTally()
    private var normColumns: NormColumns?
    /// Per respondent column of the sheet: its position in ``columns``.
    private var positions: [Int?]?
    private var sameColumns = false
    /// The row's values in the output's columns, reused from row to row.
    private var info: [String]

    init(columns: [String], instrument: Instrument, pseudonymizer: Pseudonymizer?, treatments: [Pseudonymizer.ColumnTreatment], writer: ScoreWriter, scratch: OutputSink?) {
        self.columns = columns
        self.instrument = instrument
        self.pseudonymizer = pseudonymizer
        self.treatments = treatments
        self.writer = writer
        self.scratch = scratch
        info = Array(repeating: "", count: columns.count)
    }

    /// Writes one respondent.
    /// - Returns: the writer's ``ScoreWriter/duplicateFlagToken`` for the row.
    mutating func write(row: SheetRow, result: RespondentScore, reader: SheetReader, file: String) -> Int {
        var norm: NormMatch?
        if let norms = instrument.norms {
            if normColumns == nil { normColumns = NormColumns(infoColumnNames: reader.infoColumnNames) }
            norm = norms.match(info: row.info, columns: normColumns!)
            normTally.add(norm!)
        }
        if positions == nil {
            // By a table of the output's columns: a sheet of 100,000 columns costs no more than its length.
            var positionOf: [String: Int] = [:]
            for (index, name) in columns.enumerated() where positionOf[name] == nil { positionOf[name] = index }
            positions = reader.infoColumnNames.map { positionOf[$0] }
            sameColumns = positions! == columns.indices.map { $0 } && pseudonymizer == nil
        }
        if sameColumns && row.info.count == columns.count {
            // The sheet has the output's columns in its order: its values go as they are.
            writer.write(info: row.info, file: file, line: row.line, result: result, norm: norm)
            return writer.duplicateFlagToken
        }
        for index in info.indices { info[index] = "" }
        for (index, position) in positions!.enumerated() {
            if let position, index < row.info.count { info[position] = row.info[index] }
        }
        pseudonymizer?.apply(treatments, to: &info)
        writer.write(info: info, file: file, line: row.line, result: result, norm: norm)
        return writer.duplicateFlagToken
    }
}
