/// Whether a sheet looks like answers to the instrument it is scored with:
/// the one place of the rules that stop a file scored with the wrong
/// instrument (docs/answer-sheets.md, "A sheet of another instrument").
///
/// - At the header: the file is refused when more than half of the
///   instrument's item columns are missing, or when a bundled instrument
///   fits the header clearly better (see ``misfit``).
/// - After the rows: the file is refused when more than half of its filled
///   answer cells, and at least ``minimumUnreadableCells`` of them, cannot be read.
enum SheetFit {
    /// The fewest unreadable cells that can refuse a file, so that a sheet
    /// of one or two rows with a typo or two is still scored.
    static let minimumUnreadableCells = 10

    /// How well a header fits an instrument.
    struct Measure {
        /// The instrument's items that have a column.
        var present: Int
        /// The instrument's items without a column.
        var missing: Int
        /// Columns that look like item numbers but are no item of the instrument.
        var stray: Int
        /// Columns that do not fit: items missing plus stray number-like columns.
        var misfit: Int { missing + stray }
        var items: Int { present + missing }

        /// Measures a header (normalised names, each counted once) against an
        /// instrument's normalised item ids, matched as the reader matches
        /// them (``FormHeader``).
        init(names: Set<[UInt8]>, itemKeys: Set<[UInt8]>) {
            var matched: Set<[UInt8]> = []
            var unmatched: [[UInt8]] = []
            for name in names {
                if let key = FormHeader.itemKey(name, isItem: itemKeys.contains) { matched.insert(key) } else { unmatched.append(name) }
            }
            present = matched.count
            missing = itemKeys.count - present
            stray = unmatched.filter(SheetReader.looksLikeItemNumber).count
        }
    }

    /// A bundled instrument as the header check sees it.
    struct Candidate: Sendable {
        let id: String
        let title: LocalizedText
        let itemKeys: Set<[UInt8]>
    }

    /// The bundled instruments, read once.
    static let bundled: [Candidate] = BundledInstruments.ids.compactMap { id in
        guard let instrument = try? Instrument.bundled(id) else { return nil }
        return Candidate(id: id, title: instrument.title, itemKeys: Set(instrument.items.map { TokenNormalizer.normalize($0.id) }))
    }

    /// Checks a sheet's header.
    /// - Parameters:
    ///   - names: the header's cells, normalised as item ids are.
    ///   - instrument: the instrument the sheet is scored with.
    /// - Returns: the error that refuses the file, or `nil` when the header fits.
    static func checkHeader(names: [[UInt8]], instrument: Instrument, file: String, line: Int) -> Diagnostic? {
        let names = Set(names.filter { !$0.isEmpty })
        let current = Measure(names: names, itemKeys: Set(instrument.items.map { TokenNormalizer.normalize($0.id) }))
        // A header that fits perfectly (the usual case) is not compared with
        // the bundled instruments, which are then never read.
        if current.misfit == 0 { return nil }
        let best = lookalike(names: names, instrument: instrument, current: current)
        let mostMissing = current.missing * 2 > current.items
        // Clearly better: fewer than half as many columns misfit it.
        let clearlyBetter = best.map { $0.measure.misfit * 2 < current.misfit } ?? false
        guard mostMissing || clearlyBetter else { return nil }
        let id = instrument.id
        var en = "the header has \(current.present) of the \(current.items) item columns of '\(id)'"
        var ru = "в заголовке \(current.present) из \(current.items) столбцов пунктов «\(id)»"
        if current.stray > 0 {
            en += ", and \(current.stray) column(s) look like item numbers it does not have"
            ru += ", а столбцов, похожих на номера пунктов, которых в нём нет: \(current.stray)"
        }
        if let best {
            let advice = advice(best.candidate)
            en += "; " + advice.english
            ru += "; " + advice.russian
        } else {
            en += "; check that the sheet is for this instrument and name its answer columns by the item ids"
            ru += "; проверьте, что бланк для этого инструмента, и назовите столбцы ответов номерами пунктов"
        }
        return Diagnostic(.error, file: file, line: line, column: nil, Message(
            en: en + "; the file is not scored", ru: ru + "; файл не подсчитан"))
    }

    /// The bundled instrument other than `instrument` that a header fits
    /// best, if one fits better than `instrument`: most of its items have a
    /// column and fewer columns misfit it. The best has the fewest misfits,
    /// then the most items present.
    static func lookalike(names: Set<[UInt8]>, instrument: Instrument, current: Measure) -> (candidate: Candidate, measure: Measure)? {
        bundled.lazy.filter { $0.id != instrument.id }
            .map { (candidate: $0, measure: Measure(names: names, itemKeys: $0.itemKeys)) }
            .filter { $0.measure.present * 2 > $0.measure.items && $0.measure.misfit < current.misfit }
            .min { ($0.measure.misfit, -$0.measure.present, $0.candidate.id) < ($1.measure.misfit, -$1.measure.present, $1.candidate.id) }
    }

    /// The advice of a header without any item column of `instrument`: the
    /// bundled instrument it looks like, if one has most of its items there.
    static func noItemColumnAdvice(names: [[UInt8]], instrument: Instrument) -> Message? {
        let names = Set(names.filter { !$0.isEmpty })
        let current = Measure(names: names, itemKeys: Set(instrument.items.map { TokenNormalizer.normalize($0.id) }))
        return lookalike(names: names, instrument: instrument, current: current).map { advice($0.candidate) }
    }

    /// "This sheet looks like … : use --instrument …".
    private static func advice(_ other: Candidate) -> Message {
        Message(en: "this sheet looks like \(quoted(other.title.en)) (\(other.id)): use --instrument \(other.id)",
                ru: "бланк похож на \(quoted(other.title.ru)) (\(other.id)): укажите --instrument \(other.id)")
    }

    /// A title in «», unless it has quotes of its own.
    private static func quoted(_ title: String) -> String {
        title.contains("«") ? title : "«\(title)»"
    }

    /// Checks a sheet's answer cells once all its rows are read.
    /// - Parameters:
    ///   - unreadable: the answer cells that could not be read.
    ///   - filled: the answer cells that were not empty.
    ///   - line: the end of the file.
    /// - Returns: the error that refuses the file, or `nil`.
    static func checkCells(unreadable: Int, filled: Int, instrument: Instrument, file: String, line: Int) -> Diagnostic? {
        guard unreadable >= minimumUnreadableCells, unreadable * 2 > filled else { return nil }
        return Diagnostic(.error, file: file, line: line, column: nil, Message(
            en: "\(unreadable) of the \(filled) filled answer cells cannot be read as answers to '\(instrument.id)' (more than half); check that the sheet is for this instrument and saved in the right encoding; the file is refused and no results of this run are written",
            ru: "\(unreadable) из \(filled) заполненных ячеек ответов не читаются как ответы «\(instrument.id)» (больше половины); проверьте, что бланк для этого инструмента и сохранён в верной кодировке; файл отклонён, результаты этого запуска не записаны"))
    }
}
