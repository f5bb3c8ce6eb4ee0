/// Collects a pilot sample, one respondent at a time, for item and
/// reliability analysis (`profscore analyze`).
///
/// ```swift
/// let analyzer = SampleAnalyzer(instrument: try Instrument.named("my.json"))
/// try analyzer.read(path: "pilot.csv", report: { print($0) })
/// let analysis = analyzer.result()
/// for scale in analysis.scales { print(scale.scaleID, scale.alpha ?? .nan) }
/// ```
///
/// Sheets are read row by row, as `profscore score` reads them, and nothing
/// is kept per respondent (only the ids, to flag repeated ones): each scale
/// keeps the running means and covariances of its items over its complete
/// cases, each item its answer counts. Memory depends on the instrument, not
/// on the sample size.
///
/// **Missing answers**: every statistic of a scale is computed over its
/// complete cases — respondents with a usable answer to every item of the
/// scale (an empty cell counts as the format's `blank` option when it has
/// one). This equals `psych::alpha` on `na.omit()` of the scale's items, and
/// differs from psych's default `use = "pairwise"` when answers are missing.
public final class SampleAnalyzer {
    /// The instrument analysed.
    public let instrument: Instrument
    /// Counts of the sheets read so far.
    private var counts = (unreadableCells: 0, errors: 0, warnings: 0)
    private var scales: [ScaleState]
    private var optionCounts: [[Int]]
    private var missingCounts: [Int]
    private let blankOption: [Int32]
    /// Reads answers given by item id as a sheet's cells are read.
    private let scorer: Scorer
    private var codes: [Int32] = []
    /// Respondents added so far.
    public private(set) var respondentCount = 0

    /// Cells that could not be read so far (they count as missing).
    public var unreadableCellCount: Int { counts.unreadableCells }
    /// Errors reported so far while reading sheets.
    public var errorCount: Int { counts.errors }
    /// Warnings reported so far while reading sheets.
    public var warningCount: Int { counts.warnings }

    /// What one scale accumulates.
    private struct ScaleState {
        var items: [Int]
        /// Per item: index of its first entry in the scale's key.
        var keyEntry: [Int]
        /// Per item, per option: the keyed item score.
        var score: [[Double]]
        var reversed: [Bool]
        var keyedOptions: [[String]]
        var forcedChoice: Bool
        var accumulator: CovarianceAccumulator
        /// Per item, per option: answers among the complete cases.
        var completeCounts: [[Int]]
        var values: [Double]
    }

    /// Prepares an analysis.
    /// - Parameter instrument: the instrument the sample answered.
    public init(instrument: Instrument) {
        self.instrument = instrument
        let forced = ForcedChoice.scales(of: instrument)
        let formats = instrument.answerFormats
        scales = instrument.scales.enumerated().map { index, scale in
            let contributions = scale.contributions(items: instrument.items, formats: formats)
            let items = WarningCheck.items(of: scale)
            return ScaleState(
                items: items,
                keyEntry: items.map { item in scale.key.firstIndex { $0.item == item }! },
                score: items.map { contributions[$0]! },
                reversed: items.map { item in scale.key.contains { $0.item == item && $0.scoring == .value(reversed: true) } },
                keyedOptions: items.map { item in
                    scale.key.compactMap { entry in
                        guard entry.item == item, case .option(let option, _) = entry.scoring else { return nil }
                        return formats[instrument.items[item].format].options[option].code
                    }
                },
                forcedChoice: forced.contains(index),
                accumulator: CovarianceAccumulator(variables: items.count),
                completeCounts: items.map { Array(repeating: 0, count: formats[instrument.items[$0].format].options.count) },
                values: Array(repeating: 0, count: items.count))
        }
        optionCounts = instrument.items.map { Array(repeating: 0, count: formats[$0.format].options.count) }
        missingCounts = Array(repeating: 0, count: instrument.items.count)
        blankOption = instrument.items.map { Int32(formats[$0.format].blankOption ?? -1) }
        scorer = Scorer(instrument: instrument)
    }

    /// Reads every row of answer sheets into the sample (through one
    /// ``ScoringRun``: repeated respondent ids are warned about across the files).
    /// - Parameters:
    ///   - paths: the sheets, `-` for standard input.
    ///   - report: receives every diagnostic (unreadable cells, which count as
    ///     missing; header problems; repeated respondent ids).
    ///   - failed: receives the error of each sheet that cannot be read at all; the others are read.
    /// - Returns: the sheets that could not be read, with the reason.
    @discardableResult
    public func read(paths: [String], report: (Diagnostic) -> Void,
                     failed: (ProfScoreError) -> Void = { _ in }) -> [(file: String, error: ProfScoreError)] {
        let run = ScoringRun(instrument: instrument, inputs: paths, options: .init(appliesNorms: false))
        run.forEachRow(report: report, failed: failed) { add(codes: $0.row.codes) }
        counts.unreadableCells += run.unreadableCellCount
        counts.errors += run.errorCount
        counts.warnings += run.warningCount
        return run.failures
    }

    /// Reads every row of an answer sheet into the sample.
    /// - Parameters:
    ///   - path: the sheet, or `-` for standard input.
    ///   - report: receives every diagnostic (unreadable cells, which count as
    ///     missing; header problems; repeated respondent ids).
    /// - Throws: ``ProfScoreError`` when the sheet cannot be read at all.
    public func read(path: String, report: (Diagnostic) -> Void) throws(ProfScoreError) {
        if let failure = read(paths: [path], report: report).first { throw failure.error }
    }

    /// Adds one respondent's answers.
    /// - Parameter answers: item id → answer as typed on a sheet; items not
    ///   given and empty answers are missing, answers that match no option
    ///   count as missing too.
    public func add(answers: [String: String]) {
        add(codes: scorer.codes(answers: answers))
    }

    /// Adds one respondent from option indices per item (``ScoringPlan/missing``
    /// and ``ScoringPlan/unreadable`` where there is no usable answer).
    func add(codes raw: [Int32]) {
        respondentCount += 1
        codes = raw
        for item in codes.indices {
            if codes[item] == ScoringPlan.missing { codes[item] = blankOption[item] }
            if codes[item] >= 0 { optionCounts[item][Int(codes[item])] += 1 } else { missingCounts[item] += 1 }
        }
        for s in scales.indices {
            var complete = true
            for (position, item) in scales[s].items.enumerated() {
                let code = codes[item]
                guard code >= 0 else { complete = false; break }
                scales[s].values[position] = scales[s].score[position][Int(code)]
            }
            guard complete else { continue }
            scales[s].accumulator.add(scales[s].values)
            for (position, item) in scales[s].items.enumerated() { scales[s].completeCounts[position][Int(codes[item])] += 1 }
        }
    }

    /// The share of complete cases at which an item counts as hardly varying.
    public static let almostNoVarianceShare = 0.95

    /// The analysis of the respondents added so far.
    /// - Parameter instrumentFile: the instrument's file (or bundled id), for
    ///   the warnings' locations: each points at the item's key entry, with its
    ///   line when the file can be read (default: the instrument's id).
    public func result(instrumentFile: String? = nil) -> SampleAnalysis {
        let source = try? Instrument.sourceJSON(named: instrumentFile ?? instrument.id)
        let file = source?.file ?? instrumentFile ?? instrument.id
        var warnings: [Diagnostic] = []
        var results: [ScaleAnalysis] = []
        for (index, state) in scales.enumerated() {
            let scale = instrument.scales[index]
            let n = state.accumulator.count
            let k = state.items.count
            let covariance = state.accumulator.covariance
            var items: [ItemAnalysis] = state.items.enumerated().map { position, item in
                ItemAnalysis(
                    itemID: instrument.items[item].id, itemIndex: item, reversed: state.reversed[position],
                    keyedOptions: state.keyedOptions[position],
                    mean: n > 0 ? state.accumulator.means[position] : nil,
                    standardDeviation: covariance.map { $0[position][position].squareRoot() },
                    correctedItemTotal: nil, alphaIfDropped: nil,
                    frequencies: optionCounts[item], missing: missingCounts[item], flags: [])
            }
            // Items without variance are left out of α, as psych::alpha deletes them.
            var varying: [Int] = []
            for position in 0..<k {
                guard let covariance, n >= 2 else { continue }
                if covariance[position][position] > 0 {
                    varying.append(position)
                    if modalShare(state, position) >= Self.almostNoVarianceShare { items[position].flags.append(.almostNoVariance) }
                } else {
                    items[position].flags.append(.noVariance)
                }
            }
            var analysis = ScaleAnalysis(
                scaleID: scale.id, scaleIndex: index, itemCount: k, completeCases: n,
                alpha: nil, standardizedAlpha: nil, averageInterItemCorrelation: nil,
                scoreMean: nil, scoreStandardDeviation: nil, omission: nil, items: items)
            if n > 0 {
                let sum = state.accumulator.means.reduce(0, +)
                analysis.scoreMean = scale.combine == .mean ? sum / Double(k) : sum
            }
            if let covariance {
                let variance = covariance.joined().reduce(0, +)
                analysis.scoreStandardDeviation = (scale.combine == .mean ? variance / Double(k * k) : variance).squareRoot()
            }
            if state.forcedChoice {
                analysis.omission = .forcedChoice
            } else if n < 2 {
                analysis.omission = .tooFewCases
            } else if varying.count < 2 {
                analysis.omission = .tooFewItems
            } else if let covariance {
                let reduced = varying.map { i in varying.map { j in covariance[i][j] } }
                let reliability = ReliabilityAnalysis.analyse(covariance: reduced)
                analysis.alpha = reliability.alpha
                analysis.standardizedAlpha = reliability.standardizedAlpha
                analysis.averageInterItemCorrelation = reliability.averageCorrelation
                for (reducedIndex, position) in varying.enumerated() {
                    analysis.items[position].correctedItemTotal = reliability.correctedItemTotal[reducedIndex]
                    analysis.items[position].alphaIfDropped = reliability.alphaIfDropped[reducedIndex]
                    if let r = reliability.correctedItemTotal[reducedIndex], r < 0 {
                        analysis.items[position].flags.insert(.negativeCorrelation, at: 0)
                    }
                }
            }
            warnings += itemWarnings(analysis, state: state, file: file)
            if let omission = analysis.omission, let note = omissionNote(omission, analysis, file: file) {
                warnings.append(note)
            }
            results.append(analysis)
        }
        let forced = results.filter { $0.omission == .forcedChoice }.map(\.scaleID)
        if !forced.isEmpty {
            warnings.insert(Diagnostic(.note, file: file, path: "$.scales", Message(
                en: "scales \(forced.joined(separator: ", ")) are forced-choice: each item scores one of them by the option chosen, so their scores are ipsative (they sum to a constant) and Cronbach's α and item–total correlations would be misleading; they are not reported (item means and answer frequencies are)",
                ru: "шкалы \(forced.joined(separator: ", ")) — с вынужденным выбором: каждый пункт даёт балл одной из них в зависимости от выбранного варианта, поэтому баллы ипсативны (в сумме постоянны), и α Кронбаха и корреляции пункта с итогом вводили бы в заблуждение; они не приводятся (средние по пунктам и частоты ответов приводятся)"
            )), at: 0)
        }
        if let source { warnings = Instrument.locate(warnings, json: source.bytes) }
        return SampleAnalysis(instrument: instrument, respondentCount: respondentCount, scales: results, warnings: warnings)
    }

    /// The share of the complete cases whose keyed score of an item is the most common one.
    private func modalShare(_ state: ScaleState, _ position: Int) -> Double {
        var byScore: [Double: Int] = [:]
        for (option, count) in state.completeCounts[position].enumerated() { byScore[state.score[position][option], default: 0] += count }
        let total = byScore.values.reduce(0, +)
        return total == 0 ? 0 : Double(byScore.values.max() ?? 0) / Double(total)
    }

    private func itemWarnings(_ analysis: ScaleAnalysis, state: ScaleState, file: String) -> [Diagnostic] {
        var result: [Diagnostic] = []
        for (position, item) in analysis.items.enumerated() {
            let path = "$.scales[\(analysis.scaleIndex)].key[\(state.keyEntry[position])]"
            let scale = analysis.scaleID
            for flag in item.flags {
                let message: Message
                switch flag {
                case .negativeCorrelation:
                    let r = ScoreFormatting.plain(((item.correctedItemTotal ?? 0) * 1000).rounded() / 1000)
                    message = item.reversed
                        ? Message(en: "item \(item.itemID) correlates negatively with the rest of scale '\(scale)' (r.drop = \(r)): the usual sign of a mis-keyed item — check whether it should really be reverse-keyed (\"reverse\": true)",
                                  ru: "пункт \(item.itemID) отрицательно коррелирует с остальными пунктами шкалы «\(scale)» (r.drop = \(r)): обычный признак ошибки в ключе — проверьте, действительно ли он обратный («reverse»: true)")
                        : Message(en: "item \(item.itemID) correlates negatively with the rest of scale '\(scale)' (r.drop = \(r)): the usual sign of a mis-keyed item — check whether it should be reverse-keyed (add \"reverse\": true to this key entry)",
                                  ru: "пункт \(item.itemID) отрицательно коррелирует с остальными пунктами шкалы «\(scale)» (r.drop = \(r)): обычный признак ошибки в ключе — проверьте, не должен ли он быть обратным (добавьте «reverse»: true в эту запись ключа)")
                case .noVariance:
                    message = Message(en: "item \(item.itemID) has the same score for all \(analysis.completeCases) complete cases of scale '\(scale)': it tells respondents apart in no way and is left out of α and the correlations (as psych::alpha does)",
                                      ru: "пункт \(item.itemID) даёт один и тот же балл всем \(analysis.completeCases) полным наблюдениям шкалы «\(scale)»: он никак не различает респондентов и исключён из расчёта α и корреляций (как в psych::alpha)")
                case .almostNoVariance:
                    message = Message(en: "item \(item.itemID) has almost no variance in scale '\(scale)': at least \(Int(Self.almostNoVarianceShare * 100)) % of the \(analysis.completeCases) complete cases score it the same; it hardly tells respondents apart",
                                      ru: "пункт \(item.itemID) почти не варьирует в шкале «\(scale)»: не менее \(Int(Self.almostNoVarianceShare * 100)) % из \(analysis.completeCases) полных наблюдений получают по нему один и тот же балл; он почти не различает респондентов")
                }
                result.append(Diagnostic(.warning, file: file, path: path, message))
            }
        }
        return result
    }

    /// The note on a scale without α; forced-choice scales share one note, made by ``result(instrumentFile:)``.
    private func omissionNote(_ omission: ScaleAnalysis.Omission, _ analysis: ScaleAnalysis, file: String) -> Diagnostic? {
        let scale = analysis.scaleID
        switch omission {
        case .tooFewCases:
            return Diagnostic(.note, file: file, path: "$.scales[\(analysis.scaleIndex)]", Message(
                en: "scale '\(scale)' has \(analysis.completeCases) complete case(s); α needs at least two respondents who answered all its items",
                ru: "у шкалы «\(scale)» полных наблюдений: \(analysis.completeCases); для α нужно хотя бы два респондента, ответивших на все её пункты"))
        case .forcedChoice:
            return nil
        case .tooFewItems:
            return Diagnostic(.note, file: file, path: "$.scales[\(analysis.scaleIndex)].key", Message(
                en: "scale '\(scale)' has fewer than two items that vary; α is not defined",
                ru: "в шкале «\(scale)» меньше двух варьирующих пунктов; α не определена"))
        }
    }
}
