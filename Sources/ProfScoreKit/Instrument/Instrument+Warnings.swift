import Foundation

extension Instrument {
    /// Things an instrument file may contain but that are probably mistakes:
    /// what `profscore validate` prints as warnings beside errors.
    ///
    /// The instrument loads and scores whatever these say. Checked:
    /// - a scale with fewer than three items;
    /// - an answer format that no item uses, and an option that no key entry
    ///   names on a format whose items are keyed by option only (choosing it
    ///   scores nothing on any scale);
    /// - a level that no possible answer pattern reaches. The possible scores
    ///   are enumerated exactly, by dynamic programming over the items of the
    ///   scale (the set of sums after each item, per number of items left
    ///   unanswered as the scale's `missing` rule allows), for `sum`, prorated
    ///   and `mean` scales alike; when the points are not multiples of 10⁻⁶ or
    ///   there are more than ``reachableScoreLimit`` possible sums, the
    ///   scale's levels are not checked and a note says so;
    /// - no test vectors, or a scale that no test vector checks.
    ///
    /// - Parameters:
    ///   - file: the name used in the diagnostics.
    ///   - json: the file's bytes; when given, each diagnostic also carries the
    ///     line and column of the value its JSON path names.
    /// - Returns: warnings (and notes), each with a JSON path, in file order.
    public func warnings(file: String, json: [UInt8]? = nil) -> [Diagnostic] {
        var check = WarningCheck(instrument: self)
        check.run()
        var diagnostics = check.found.map { Diagnostic($0.severity, file: file, path: $0.path, $0.message) }
        if let json { diagnostics = Self.locate(diagnostics, json: json) }
        return diagnostics.enumerated().sorted {
            ($0.element.line ?? 0, $0.element.column ?? 0, $0.offset) < ($1.element.line ?? 0, $1.element.column ?? 0, $1.offset)
        }.map(\.element)
    }

    /// Loads a bundled instrument by id or an instrument file by path, as
    /// ``named(_:)`` does, and returns it with its ``warnings(file:json:)``.
    /// - Throws: what ``named(_:)`` throws.
    public static func namedWithWarnings(_ name: String) throws(ProfScoreError) -> (instrument: Instrument, warnings: [Diagnostic]) {
        let (file, bytes) = try sourceJSON(named: name)
        let instrument = try load(json: bytes, file: file)
        return (instrument, instrument.warnings(file: file, json: bytes))
    }

    /// The file name used in diagnostics and the bytes of a bundled id or an
    /// instrument file, found as ``named(_:)`` finds them.
    static func sourceJSON(named name: String) throws(ProfScoreError) -> (file: String, bytes: [UInt8]) {
        let looksLikePath = name.contains("/") || name.hasSuffix(".json")
        if !looksLikePath, let json = BundledInstruments.json(name) {
            return ("Instruments/\(name).json", Array(json.utf8))
        }
        if looksLikePath || FileManager.default.fileExists(atPath: name) {
            try checkFileSize(name)
            guard let data = FileManager.default.contents(atPath: name) else {
                throw .io(path: name, reason: FileManager.default.fileExists(atPath: name) ? "cannot be read" : "no such file")
            }
            return (name, [UInt8](data))
        }
        throw .unknownInstrument(name, available: BundledInstruments.ids)
    }

    /// Adds the line and column of the JSON path of each diagnostic that has
    /// one, from the instrument file's bytes.
    static func locate(_ diagnostics: [Diagnostic], json: [UInt8]) -> [Diagnostic] {
        guard let root = try? JSONParser.parse(json) else { return diagnostics }
        var located = diagnostics
        var found: [(diagnostic: Int, position: JSONNode.Position)] = []
        for (index, diagnostic) in diagnostics.enumerated() {
            guard diagnostic.line == nil, let path = diagnostic.path, let position = root.node(atPath: path)?.position else { continue }
            found.append((index, position))
        }
        let columns = JSONNode.Position.columns(of: found.map(\.position), in: json)
        for (entry, column) in zip(found, columns) {
            located[entry.diagnostic].line = entry.position.line
            located[entry.diagnostic].column = column
        }
        return located
    }

    /// Above this many possible sums (per number of unanswered items) a
    /// scale's levels are not checked for reachability.
    public static let reachableScoreLimit = 200_000
}

/// The checks behind ``Instrument/warnings(file:json:)``.
struct WarningCheck {
    struct Finding {
        var severity: Diagnostic.Severity
        var path: String
        var message: Message
    }

    let instrument: Instrument
    var found: [Finding] = []

    init(instrument: Instrument) { self.instrument = instrument }

    mutating func run() {
        checkScaleSizes()
        checkFormatsAndOptions()
        checkLevelsReachable()
        checkTestVectors()
    }

    private mutating func warn(_ path: String, en: String, ru: String, severity: Diagnostic.Severity = .warning) {
        found.append(Finding(severity: severity, path: path, message: Message(en: en, ru: ru)))
    }

    /// Distinct items of a scale, in key order.
    static func items(of scale: Scale) -> [Int] {
        var seen = Set<Int>(), result: [Int] = []
        for entry in scale.key where seen.insert(entry.item).inserted { result.append(entry.item) }
        return result
    }

    private mutating func checkScaleSizes() {
        for (index, scale) in instrument.scales.enumerated() {
            let count = Self.items(of: scale).count
            guard count < 3 else { continue }
            warn("$.scales[\(index)].key",
                 en: "scale '\(scale.id)' has \(count) item(s); with fewer than three items a score is coarse and its reliability cannot be estimated (profscore analyze needs at least two items for α, three for α if an item is dropped)",
                 ru: "в шкале «\(scale.id)» пунктов: \(count); при менее чем трёх пунктах балл груб, а надёжность не оценить (profscore analyze нужно хотя бы два пункта для α и три — для α без пункта)")
        }
    }

    private mutating func checkFormatsAndOptions() {
        let items = instrument.items
        for (formatIndex, format) in instrument.answerFormats.enumerated() {
            let users = items.indices.filter { items[$0].format == formatIndex }
            guard !users.isEmpty else {
                warn("$.answerFormats[\(formatIndex)]",
                     en: "answer format '\(format.id)' is used by no item; remove it, or set it as the 'format' of the items that use it",
                     ru: "формат ответа «\(format.id)» не используется ни одним пунктом; удалите его или укажите его в «format» нужных пунктов")
                continue
            }
            let userSet = Set(users)
            var valueKeyed = false
            var named = Set<Int>()
            for scale in instrument.scales {
                for entry in scale.key where userSet.contains(entry.item) {
                    switch entry.scoring {
                    case .value: valueKeyed = true
                    case .option(let option, _): named.insert(option)
                    }
                }
            }
            // With a value-keyed entry every option's value counts.
            guard !valueKeyed else { continue }
            for (optionIndex, option) in format.options.enumerated()
            where !named.contains(optionIndex) && format.blankOption != optionIndex {
                warn("$.answerFormats[\(formatIndex)].options[\(optionIndex)]",
                     en: "option '\(option.code)' of answer format '\(format.id)' is named in no scale's key, and the format's items are keyed by option only: choosing it scores nothing on any scale (it still counts as answered). If that is meant, as for a «no» that scores nothing, ignore this; otherwise add it to a key",
                     ru: "вариант «\(option.code)» формата ответа «\(format.id)» не указан ни в одном ключе, а пункты этого формата оцениваются только по вариантам: его выбор не даёт баллов ни по одной шкале (ответ при этом засчитан). Если так и задумано, как для «нет» без баллов, не обращайте внимания; иначе добавьте его в ключ")
            }
        }
    }

    private mutating func checkLevelsReachable() {
        for (index, scale) in instrument.scales.enumerated() where !scale.levels.isEmpty {
            switch ReachableScores.compute(scale: scale, instrument: instrument) {
            case .scores(let scores):
                var reached = Set<Int>()
                for score in scores { if let level = scale.levelIndex(of: score) { reached.insert(level) } }
                let sample = Self.sampleList(scores)
                for (levelIndex, level) in scale.levels.enumerated() where !reached.contains(levelIndex) {
                    let band = "\(ScoreFormatting.plain(level.from))–\(ScoreFormatting.plain(level.to))"
                    warn("$.scales[\(index)].levels[\(levelIndex)]",
                         en: "no possible answer pattern gives scale '\(scale.id)' a score in the band \(band) «\(level.label.en)»; the possible scores are \(sample). Move the band's bounds or merge it with a neighbour",
                         ru: "ни при каких ответах балл шкалы «\(scale.id)» не попадает в уровень \(band) «\(level.label.ru)»; возможные баллы: \(sample). Сдвиньте границы уровня или объедините его с соседним")
                }
            case .notChecked(let reason):
                warn("$.scales[\(index)].levels", en: "the levels of scale '\(scale.id)' were not checked for scores that never occur: \(reason.english)",
                     ru: "уровни шкалы «\(scale.id)» не проверены на недостижимые баллы: \(reason.russian)", severity: .note)
            }
        }
    }

    /// The possible scores, shortened for a message: `0, 2, 4, …, 16 (9 scores)`.
    static func sampleList(_ scores: [Double]) -> String {
        let texts = scores.map(ScoreFormatting.plain)
        if texts.count <= 12 { return texts.joined(separator: ", ") }
        return texts.prefix(6).joined(separator: ", ") + ", …, " + texts.suffix(3).joined(separator: ", ") + " (\(texts.count))"
    }

    private mutating func checkTestVectors() {
        guard !instrument.testVectors.isEmpty else {
            warn("$",
                 en: "the instrument has no test vectors; add 'testVectors' with answer patterns whose scores you worked out by hand from the published key, so that a mistake in the key is caught on loading",
                 ru: "в инструменте нет контрольных примеров; добавьте «testVectors» — наборы ответов с баллами, подсчитанными вручную по опубликованному ключу, чтобы ошибка в ключе обнаруживалась при загрузке")
            return
        }
        let checked = Set(instrument.testVectors.flatMap { $0.expectedScores.keys })
        for (index, scale) in instrument.scales.enumerated() where !checked.contains(scale.id) {
            warn("$.scales[\(index)].id",
                 en: "no test vector checks scale '\(scale.id)'; add its expected score to the 'expect.scores' of a test vector",
                 ru: "ни один контрольный пример не проверяет шкалу «\(scale.id)»; добавьте её ожидаемый балл в «expect.scores» какого-нибудь примера")
        }
    }
}

/// Every score a scale can take, for some complete or allowed-incomplete
/// answer pattern.
enum ReachableScores {
    enum Outcome {
        /// The possible scores, ascending.
        case scores([Double])
        /// Why they were not enumerated.
        case notChecked(Message)
    }

    /// Enumerates the scale's possible scores exactly.
    ///
    /// Contributions are scaled to integers (by 10^d, d ≤ 6) so that sums are
    /// exact; the sets of sums are built item by item, one set per number of
    /// unanswered items (up to `missing.maxMissing`; items whose format has a
    /// `blank` option are never unanswered). Each (sum, unanswered) pair then
    /// gives the score the scorer would compute: the sum, the sum scaled up
    /// (prorating) or the mean.
    /// - Complexity: O(items × options × possible sums × (maxMissing + 1)).
    static func compute(scale: Scale, instrument: Instrument, limit: Int = Instrument.reachableScoreLimit) -> Outcome {
        let contributions = scale.contributions(items: instrument.items, formats: instrument.answerFormats)
        let items = WarningCheck.items(of: scale)
        let all = contributions.values.flatMap { $0 }
        var scaleDigits: Int?
        for digits in 0...6 {
            let factor = pow(10.0, Double(digits))
            if all.allSatisfy({ abs($0 * factor - ($0 * factor).rounded()) < 1e-6 }) { scaleDigits = digits; break }
        }
        guard let digits = scaleDigits else {
            return .notChecked(Message(en: "its points are not multiples of 0.000001", ru: "баллы пунктов не кратны 0,000001"))
        }
        let factor = pow(10.0, Double(digits))
        let maxMissing = scale.missing.maxMissing
        // sums[m]: the possible sums with m items unanswered.
        var sums: [Set<Int>] = [[0]] + Array(repeating: [], count: maxMissing)
        for item in items {
            let points = Set((contributions[item] ?? []).map { Int(($0 * factor).rounded()) })
            let canBeMissing = instrument.answerFormats[instrument.items[item].format].blankOption == nil
            var next: [Set<Int>] = Array(repeating: [], count: maxMissing + 1)
            for m in 0...maxMissing {
                for sum in sums[m] { for p in points { next[m].insert(sum + p) } }
                if canBeMissing && m > 0 { next[m].formUnion(sums[m - 1]) }
                if next[m].count > limit {
                    return .notChecked(Message(en: "it has more than \(limit) possible sums", ru: "у неё больше \(limit) возможных сумм"))
                }
            }
            sums = next
        }
        let n = items.count
        var scores = Set<Double>()
        for m in 0...maxMissing where n - m > 0 {
            let answered = Double(n - m)
            for sum in sums[m] {
                let raw = Double(sum) / factor
                switch scale.combine {
                case .mean: scores.insert(raw / answered)
                case .sum where scale.missing.prorate && m > 0: scores.insert(raw * Double(n) / answered)
                case .sum: scores.insert(raw)
                }
            }
        }
        return .scores(scores.sorted())
    }
}

extension JSONNode {
    /// The node a JSON path such as `$.scales[2].levels[0]` names, if any.
    func node(atPath path: String) -> JSONNode? {
        guard path.hasPrefix("$") else { return nil }
        var node = self
        var rest = Substring(path.dropFirst())
        while !rest.isEmpty {
            if rest.hasPrefix("[") {
                guard let close = rest.firstIndex(of: "]"), let index = Int(rest[rest.index(after: rest.startIndex)..<close]),
                      case .array(let elements) = node.value, elements.indices.contains(index) else { return nil }
                node = elements[index]
                rest = rest[rest.index(after: close)...]
            } else if rest.hasPrefix(".") {
                rest = rest.dropFirst()
                let end = rest.firstIndex { $0 == "." || $0 == "[" } ?? rest.endIndex
                let key = String(rest[..<end])
                guard case .object(let members) = node.value, let member = members.first(where: { $0.key == key }) else { return nil }
                node = member.value
                rest = rest[end...]
            } else {
                return nil
            }
        }
        return node
    }
}
