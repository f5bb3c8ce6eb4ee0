/// Builds norms from a sample, one sheet at a time (`profscore norms`).
///
/// ```swift
/// let instrument = try Instrument.named("pilot.json")
/// let builder = NormBuilder(instrument: instrument, groupBy: [.grade, .sex])
/// try builder.read(path: "sample.csv", report: { print($0) })
/// let built = builder.result(minimumN: 30, file: "pilot.json")
/// if let norms = built.norms {
///     let bytes = try Instrument.json(named: "pilot.json", with: norms)   // a new instrument file
/// }
/// ```
///
/// Each respondent goes to the group of their values (grade from the grade
/// column or the class name, sex from the sex column), and counts in the
/// norms only when every normed scale was scored: so every table of a group
/// comes from the same `n` respondents. A scale is normed when its possible
/// scores can be listed (see `profscore validate`); the tables give a row
/// for each of them, built by ``Norms/normalizedTable(sample:possibleScores:)``.
/// Memory depends on the groups and the scales' ranges, not on the sample size.
public final class NormBuilder {
    /// The instrument the sample answered.
    public let instrument: Instrument
    /// The variables that define the norm groups.
    public let groupBy: [Norms.Variable]
    /// Codes of the sex column besides the words.
    public let sexCodes: [String: Norms.Sex]
    /// Cells that could not be read so far.
    public private(set) var unreadableCellCount = 0
    /// Per scale: its possible scores, ascending, or `nil` when they cannot be listed.
    private let possibleScores: [[Double]?]
    /// Scales that cannot be normed, with the reason.
    public let skippedScales: [(scale: Int, reason: Message)]
    /// Per group: respondents, and per scale per possible score the number of them.
    private var tallies: [Norms.Values: (n: Int, counts: [[Int]])] = [:]
    private var files: [String] = []

    /// Rows read.
    public private(set) var respondentCount = 0
    /// Respondents left out because a normed scale was not scored for them.
    public private(set) var notScoredCount = 0
    /// Respondents left out because a grouping value (grade, sex) was missing or unreadable.
    public private(set) var noValueCount = 0

    /// Prepares norms for an instrument.
    /// - Parameters:
    ///   - instrument: the instrument the sample answered.
    ///   - groupBy: the variables that define the norm groups, in order;
    ///     empty for one group of everybody.
    ///   - sexCodes: codes of the sample's sex column besides the words
    ///     (`"1": .male`, `"2": .female`), written into the norms for scoring.
    public init(instrument: Instrument, groupBy: [Norms.Variable], sexCodes: [String: Norms.Sex] = [:]) {
        self.instrument = instrument
        self.groupBy = groupBy
        self.sexCodes = sexCodes
        var possible: [[Double]?] = []
        var skipped: [(Int, Message)] = []
        for (index, scale) in instrument.scales.enumerated() {
            switch ReachableScores.compute(scale: scale, instrument: instrument) {
            case .scores(let scores):
                possible.append(scores)
            case .notChecked(let reason):
                possible.append(nil)
                skipped.append((index, reason))
            }
        }
        possibleScores = possible
        skippedScales = skipped
    }

    /// Adds one respondent.
    /// - Parameters:
    ///   - score: the respondent's scores.
    ///   - values: the respondent's grade and sex (only the ``groupBy`` ones are used).
    /// - Returns: whether the respondent counts in the norms (every grouping
    ///   value known and every normed scale scored).
    @discardableResult
    public func add(_ score: RespondentScore, values: Norms.Values) -> Bool {
        respondentCount += 1
        let key = values.restricted(to: groupBy)
        if (groupBy.contains(.grade) && key.grade == nil) || (groupBy.contains(.sex) && key.sex == nil) {
            noValueCount += 1
            return false
        }
        var positions = [Int](repeating: -1, count: possibleScores.count)
        for (scale, scores) in possibleScores.enumerated() {
            guard let scores else { continue }
            guard let raw = score.scores[scale], let position = Norms.position(of: raw, in: scores) else {
                notScoredCount += 1
                return false
            }
            positions[scale] = position
        }
        var tally = tallies[key] ?? (0, possibleScores.map { [Int](repeating: 0, count: $0?.count ?? 0) })
        tally.n += 1
        for (scale, position) in positions.enumerated() where position >= 0 { tally.counts[scale][position] += 1 }
        tallies[key] = tally
        return true
    }

    /// Reads sheets of the sample (through one ``ScoringRun``: repeated
    /// respondent ids are warned about across the files).
    /// - Parameters:
    ///   - paths: the sheets, `-` for standard input.
    ///   - report: receives every diagnostic: unreadable cells as when
    ///     scoring, and a warning for each respondent whose grade or sex
    ///     cannot be told (left out of the norms).
    ///   - failed: receives the error of each sheet that cannot be read at
    ///     all, or that has no column for a grouping variable
    ///   (``ProfScoreError/unreadableSheet(_:)``: none of its rows is used).
    /// - Returns: the sheets that failed, with the reason.
    @discardableResult
    public func read(paths: [String], report: (Diagnostic) -> Void,
                     failed: (ProfScoreError) -> Void = { _ in }) -> [(file: String, error: ProfScoreError)] {
        let run = ScoringRun(instrument: instrument, inputs: paths, options: .init(appliesNorms: false))
        var columns = NormColumns(infoColumnNames: [], sexCodes: sexCodes)
        var missing: [Norms.Variable] = []
        // A sheet's rows are kept apart until it is known to have every grouping column.
        run.forEachRow(prepare: { header in
            columns = NormColumns(infoColumnNames: header.columns, sexCodes: sexCodes)
            missing = columns.missing(groupBy)
            if groupBy.contains(.sex), let used = columns.sex, !columns.otherSexColumns.isEmpty {
                let others = columns.otherSexColumns.map { "«\(header.columns[$0])»" }.joined(separator: ", ")
                report(Diagnostic(.warning, file: header.file, line: 1, column: used + 1, Message(
                    en: "two columns could give the sex: «\(header.columns[used])» is used, \(others) is not; delete or rename the one that is not the sex",
                    ru: "пол могут давать два столбца: используется «\(header.columns[used])», а не \(others); удалите или переименуйте тот, что не пол")))
            }
            return nil
        }, report: report, failed: failed, finishSheet: { header throws(ProfScoreError) in
            guard missing.isEmpty else { throw missingColumns(missing, file: header.file) }
            files.append(header.file.split(separator: "/").last.map(String.init) ?? header.file)
        }) { scored in
            guard missing.isEmpty else { return }
            let values = columns.values(of: scored.row.info)
            for variable in groupBy {
                let known = variable == .grade ? values.grade != nil : values.sex != nil
                guard !known else { continue }
                let cell = columns.cell(variable, of: scored.row.info)
                report(Diagnostic(.warning, file: scored.file, line: scored.line, column: nil, Message(
                    en: "respondent '\(scored.id)': " + (variable == .sex
                        ? (cell.map { "the sex «\($0)» cannot be read (write м or ж, male or female)" } ?? "no sex given")
                        : (cell.map { "no grade column, and the class «\($0)» does not start with the grade" } ?? "no grade or class given"))
                        + "; the sheet is left out of the norms",
                    ru: "респондент «\(scored.id)»: " + (variable == .sex
                        ? (cell.map { "пол «\($0)» не распознан (пишите м или ж, male или female)" } ?? "пол не указан")
                        : (cell.map { "нет столбца параллели, а название класса «\($0)» не начинается с неё" } ?? "не указаны ни параллель, ни класс"))
                        + "; бланк не входит в нормы")))
            }
            add(scored.score, values: values)
        }
        unreadableCellCount += run.unreadableCellCount
        return run.failures
    }

    /// Reads one sheet of the sample, as ``read(paths:report:failed:)``.
    /// - Throws: ``ProfScoreError`` when the file cannot be read at all, or
    ///   ``ProfScoreError/unreadableSheet(_:)`` when it has no column for a
    ///   grouping variable (none of its rows is used).
    public func read(path: String, report: (Diagnostic) -> Void) throws(ProfScoreError) {
        if let failure = read(paths: [path], report: report).first { throw failure.error }
    }

    /// The error of a sheet without a column for some grouping variables.
    private func missingColumns(_ missing: [Norms.Variable], file: String) -> ProfScoreError {
        let names = missing.flatMap(NormColumns.names(of:)).joined(separator: ", ")
        return .unreadableSheet(Diagnostic(.error, file: file, line: 1, column: nil, Message(
            en: "no column for \(missing.map(\.rawValue).joined(separator: ", ")) (looked for: \(names)); norms by \(groupBy.map(\.rawValue).joined(separator: ", ")) need it in every sheet: add the column, or leave \(missing.map(\.rawValue).joined(separator: ", ")) out of --by",
            ru: "нет столбца для \(NormMatchTally.russian(missing, genitive: true)) (искали: \(names)); для норм по \(NormMatchTally.russian(groupBy, genitive: false)) он нужен в каждом бланке: добавьте столбец или уберите \(missing.map(\.rawValue).joined(separator: ", ")) из --by")))
    }

    /// The norms built so far.
    /// - Parameters:
    ///   - minimumN: groups with fewer respondents are refused (at least ``Norms/lowestMinimumN``).
    ///   - description: who the sample was (where, when, how chosen); the
    ///     counts and files are added to it in the norms' `sample`.
    ///   - file: the name diagnostics give (the instrument file or id).
    /// - Returns: the norms (`nil` when no group is large enough), every
    ///   group with its size, and a warning for each refused group and
    ///   scale that cannot be normed.
    public func result(minimumN: Int, description: String? = nil, file: String) -> NormBuildResult {
        let minimum = max(minimumN, Norms.lowestMinimumN)
        var sizes: [NormBuildResult.GroupSize] = []
        var groups: [Norms.Group] = []
        var warnings: [Diagnostic] = []
        for (values, tally) in tallies.sorted(by: { $0.key < $1.key }) {
            let accepted = tally.n >= minimum
            sizes.append(.init(values: values, n: tally.n, accepted: accepted))
            guard accepted else {
                warnings.append(Diagnostic(.warning, file: file, Message(
                    en: "norm group \(values.label): n = \(tally.n), below the minimum of \(minimum) (--min-n): not normed, so its respondents will get no percentile rank or sten; group by fewer variables (--by) or collect more sheets",
                    ru: "нормативная группа \(values.label): n = \(tally.n), меньше минимума \(minimum) (--min-n): нормы не построены, её респонденты не получат процентильного ранга и стена; группируйте по меньшему числу признаков (--by) или соберите больше бланков")))
                continue
            }
            let tables = possibleScores.indices.map { scale -> Norms.Table? in
                guard let scores = possibleScores[scale] else { return nil }
                return Norms.normalizedTable(counts: tally.counts[scale], possibleScores: scores)
            }
            groups.append(Norms.Group(values: values, n: tally.n, tables: tables))
        }
        for (scale, reason) in skippedScales {
            warnings.append(Diagnostic(.warning, file: file, path: "$.scales[\(scale)]", Message(
                en: "scale '\(instrument.scales[scale].id)' is not normed: its possible scores cannot be listed (\(reason.english))",
                ru: "для шкалы «\(instrument.scales[scale].id)» нормы не построены: её возможные баллы не перечислить (\(reason.russian))")))
        }
        let used = tallies.values.reduce(0) { $0 + $1.n }
        let normed = groups.reduce(0) { $0 + $1.n }
        let byEnglish = groupBy.isEmpty ? "one group of everybody" : "groups by " + groupBy.map(\.rawValue).joined(separator: " and ")
        let byRussian = groupBy.isEmpty ? "одна группа на всех" : "группы по " + NormMatchTally.russian(groupBy, genitive: false)
        let fileList = files.joined(separator: ", ")
        var english = "\(normed) respondent(s) in \(groups.count) norm group(s) (\(byEnglish)) of \(respondentCount) read"
            + (files.isEmpty ? "" : " from " + fileList)
        var russian = "\(normed) респондент(ов) в \(groups.count) нормативных группах (\(byRussian)) из \(respondentCount) прочитанных"
            + (files.isEmpty ? "" : " в " + fileList)
        var leftOut: [(String, String)] = []
        if notScoredCount > 0 { leftOut.append(("\(notScoredCount) with a scale not scored", "\(notScoredCount) с неподсчитанной шкалой")) }
        if noValueCount > 0 { leftOut.append(("\(noValueCount) without a grade or sex", "\(noValueCount) без параллели или пола")) }
        if used > normed { leftOut.append(("\(used - normed) in groups smaller than \(minimum)", "\(used - normed) в группах меньше \(minimum)")) }
        if !leftOut.isEmpty {
            english += "; left out: " + leftOut.map(\.0).joined(separator: ", ")
            russian += "; не вошли: " + leftOut.map(\.1).joined(separator: ", ")
        }
        if let description, !description.isEmpty {
            english = description + ". " + english
            russian = description + ". " + russian
        }
        let norms = groups.isEmpty ? nil : Norms(
            method: .normalized, sample: LocalizedText(ru: russian, en: english), minimumN: minimum, groupBy: groupBy, groups: groups,
            sexCodes: groupBy.contains(.sex) ? sexCodes : [:])
        return NormBuildResult(norms: norms, groupBy: groupBy, minimumN: minimum, groups: sizes,
                               respondents: respondentCount, normed: normed, warnings: warnings)
    }
}

/// What ``NormBuilder/result(minimumN:description:file:)`` gives.
public struct NormBuildResult: Sendable {
    /// A group found in the sample, with its size and whether it was normed.
    public struct GroupSize: Sendable, Hashable {
        /// The group's values.
        public var values: Norms.Values
        /// Respondents of the sample in it (with every normed scale scored).
        public var n: Int
        /// Whether it is large enough to be normed.
        public var accepted: Bool
    }

    /// The norms, or `nil` when no group is large enough.
    public var norms: Norms?
    /// The variables the groups were told apart by.
    public var groupBy: [Norms.Variable]
    /// The smallest group normed.
    public var minimumN: Int
    /// Every group found, sorted by grade and sex.
    public var groups: [GroupSize]
    /// Respondents read.
    public var respondents: Int
    /// Respondents in the norms (in groups large enough, every scale scored).
    public var normed: Int
    /// Refused groups and scales that cannot be normed.
    public var warnings: [Diagnostic]
}
