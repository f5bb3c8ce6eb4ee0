extension InstrumentDecoder {
    /// Decodes the whole file; returns `nil` when a problem prevents building
    /// the instrument (the problems are in ``diagnostics``).
    mutating func decodeInstrument(_ root: JSONNode) -> Instrument? {
        // The version comes first: a newer file may have keys this version does not know.
        if case .object(let members) = root.value, let versionNode = members.first(where: { $0.key == "formatVersion" })?.value,
           case .number(let version) = versionNode.value, version > Double(Instrument.supportedFormatVersion) {
            error(versionNode, "$.formatVersion",
                  en: "format version \(ScoreFormatting.plain(version)) is newer than this ProfScore reads (up to \(Instrument.supportedFormatVersion)); update ProfScore",
                  ru: "версия формата \(ScoreFormatting.plain(version)) новее, чем читает эта версия ProfScore (до \(Instrument.supportedFormatVersion)); обновите ProfScore")
            return nil
        }
        guard let top = object(root, "$", required: [
            "formatVersion", "id", "version", "title", "source", "answerFormats", "items", "scales",
        ], optional: ["description", "grades", "leadingType", "profiles", "testVectors", "norms"]) else { return nil }

        if let versionNode = top["formatVersion"], integer(versionNode, "$.formatVersion", range: 1...Instrument.supportedFormatVersion) == nil {
            return nil
        }
        let id = identifier(top["id"], "$.id", pattern: .instrument)
        let version = string(top["version"], "$.version")
        let title = text(top["title"], "$.title", both: true)
        let description = text(top["description"], "$.description", both: false)
        let source = decodeSource(top["source"])
        let grades = decodeGrades(top["grades"])
        let formats = decodeAnswerFormats(top["answerFormats"])
        let items = decodeItems(top["items"], formats: formats)
        let scales = decodeScales(top["scales"], items: items, formats: formats)
        if let items, let scales { checkEveryItemScored(items: items, scales: scales) }
        let leading = decodeLeadingType(top["leadingType"], scales: scales)
        let profiles = decodeProfiles(top["profiles"], scales: scales)
        let vectors = decodeTestVectors(top["testVectors"])

        guard diagnostics.isEmpty, let id, let version, let title, let source, let formats, let items, let scales else {
            return nil
        }
        var instrument = Instrument(
            id: id, version: version, title: title, description: description, source: source, grades: grades,
            answerFormats: formats.list.map(\.format), items: items.list.map(\.item), scales: scales,
            leadingType: leading, profiles: profiles, testVectors: vectors)
        // Norm tables are checked against the scales' possible scores, so they come last.
        if let normsNode = top["norms"] {
            instrument.norms = decodeNorms(normsNode, instrument: instrument)
            guard diagnostics.isEmpty else { return nil }
        }
        return instrument
    }

    private mutating func decodeSource(_ node: JSONNode?) -> Instrument.Source? {
        guard let node, let members = object(node, "$.source", required: ["authors", "citation", "licence"],
                                             optional: ["url", "notes"]) else { return nil }
        let authors = string(members["authors"], "$.source.authors")
        let citation = string(members["citation"], "$.source.citation")
        // A string (either language) or a text in both.
        let licence: LocalizedText? = if case .string(let plain)? = members["licence"]?.value {
            LocalizedText(ru: plain, en: plain)
        } else {
            text(members["licence"], "$.source.licence", both: true)
        }
        let url = string(members["url"], "$.source.url")
        let notes = text(members["notes"], "$.source.notes", both: false)
        guard let authors, let citation, let licence else { return nil }
        return Instrument.Source(authors: authors, citation: citation, licence: licence, url: url, notes: notes)
    }

    private mutating func decodeGrades(_ node: JSONNode?) -> ClosedRange<Int>? {
        guard let node, let members = object(node, "$.grades", required: ["from", "to"], optional: []) else { return nil }
        guard let from = integer(members["from"], "$.grades.from", range: 0...13),
              let to = integer(members["to"], "$.grades.to", range: 0...13) else { return nil }
        guard from <= to else {
            error(node, "$.grades", en: "'from' (\(from)) is above 'to' (\(to))", ru: "«from» (\(from)) больше «to» (\(to))")
            return nil
        }
        return from...to
    }

    struct DecodedFormats {
        var list: [(format: AnswerFormat, lookup: AnswerLookup)] = []
        var indexByID: [String: Int] = [:]
    }

    struct DecodedItems {
        var list: [(item: Item, node: JSONNode)] = []
        /// Normalised id → index, as answer-sheet headers are matched.
        var indexByKey: [[UInt8]: Int] = [:]
        /// Ids of items that are declared but could not be decoded; references
        /// to them are not reported again.
        var brokenIDs: Set<[UInt8]> = []

        func index(of id: String) -> Int? { indexByKey[TokenNormalizer.normalize(id)] }
    }

    private mutating func decodeAnswerFormats(_ node: JSONNode?) -> DecodedFormats? {
        guard let elements = array(node, "$.answerFormats", nonEmpty: true) else { return nil }
        var result = DecodedFormats()
        var ok = true
        for (index, element) in elements.enumerated() {
            let path = "$.answerFormats[\(index)]"
            guard let members = object(element, path, required: ["id", "kind", "options"], optional: ["blank", "missing"]) else {
                ok = false; continue
            }
            let id = identifier(members["id"], path + ".id", pattern: .label)
            var kind: AnswerFormat.Kind?
            if let kindName = string(members["kind"], path + ".kind") {
                kind = AnswerFormat.Kind(rawValue: kindName)
                if kind == nil {
                    let allowed = AnswerFormat.Kind.allCases.map(\.rawValue).joined(separator: ", ")
                    error(members["kind"]!, path + ".kind", en: "unknown kind '\(kindName)'; allowed: \(allowed)",
                          ru: "неизвестный вид «\(kindName)»; допустимы: \(allowed)")
                }
            }
            var options: [AnswerFormat.Option] = []
            var optionsOK = true
            if let optionNodes = array(members["options"], path + ".options") {
                if optionNodes.count < 2 {
                    error(members["options"]!, path + ".options", en: "an answer format needs at least two options",
                          ru: "в формате ответа нужно хотя бы два варианта")
                    optionsOK = false
                }
                var codes: Set<String> = []
                for (optionIndex, optionNode) in optionNodes.enumerated() {
                    let optionPath = path + ".options[\(optionIndex)]"
                    guard let option = decodeOption(optionNode, optionPath) else { optionsOK = false; continue }
                    if !codes.insert(option.code).inserted {
                        error(optionNode, optionPath + ".code", en: "the option code '\(option.code)' appears twice",
                              ru: "код варианта «\(option.code)» встречается дважды")
                        optionsOK = false
                    }
                    options.append(option)
                }
                let valued = options.filter { $0.value != nil }.count
                if valued != 0 && valued != options.count {
                    error(members["options"]!, path + ".options",
                          en: "either every option has a 'value' or none has; \(valued) of \(options.count) have one",
                          ru: "«value» должно быть у всех вариантов или ни у одного; сейчас у \(valued) из \(options.count)")
                    optionsOK = false
                }
            } else {
                optionsOK = false
            }
            guard let id, let kind, optionsOK else { ok = false; continue }
            var format = AnswerFormat(id: id, kind: kind, options: options, blankOption: nil)
            if let missingNode = members["missing"], let tokens = array(missingNode, path + ".missing") {
                for (tokenIndex, tokenNode) in tokens.enumerated() {
                    guard let token = string(tokenNode, path + ".missing[\(tokenIndex)]") else { ok = false; continue }
                    let spelling = TokenNormalizer.normalize(token)
                    if spelling.isEmpty {
                        error(tokenNode, path + ".missing[\(tokenIndex)]", en: "an empty cell is always a missing answer; give the cells that also mean one, such as \"NA\"",
                              ru: "пустая ячейка — всегда пропуск; укажите ячейки, которые тоже означают пропуск, напр. «NA»")
                        ok = false
                    } else if let option = options.firstIndex(where: { ([$0.code] + $0.tokens).contains { TokenNormalizer.normalize($0) == spelling } }) {
                        error(tokenNode, path + ".missing[\(tokenIndex)]", en: "'\(token)' is an answer (option '\(options[option].code)'); it cannot also mean a missing answer",
                              ru: "«\(token)» — ответ (вариант «\(options[option].code)»); он не может означать и пропуск")
                        ok = false
                    } else {
                        format.missingTokens.append(token)
                    }
                }
            }
            let lookup = AnswerLookup(format: format)
            for collision in lookup.collisions {
                error(members["options"]!, path + ".options",
                      en: "the spelling '\(collision.spelling)' selects both '\(options[collision.first].code)' and '\(options[collision.second].code)' after normalisation (see docs/instrument-format.md); remove it from one of them",
                      ru: "написание «\(collision.spelling)» после нормализации выбирает и «\(options[collision.first].code)», и «\(options[collision.second].code)» (см. docs/instrument-format.md); уберите его из одного из вариантов")
                ok = false
            }
            if let blankNode = members["blank"], let blank = string(blankNode, path + ".blank") {
                if let optionIndex = options.firstIndex(where: { $0.code == blank }) {
                    format.blankOption = optionIndex
                } else {
                    error(blankNode, path + ".blank", en: "'\(blank)' is not a code of this format's options (\(options.map(\.code).joined(separator: ", ")))",
                          ru: "«\(blank)» — не код варианта этого формата (\(options.map(\.code).joined(separator: ", ")))")
                    ok = false
                }
            }
            if result.indexByID[id] != nil {
                error(members["id"]!, path + ".id", en: "the answer format id '\(id)' appears twice",
                      ru: "идентификатор формата ответа «\(id)» встречается дважды")
                ok = false
                continue
            }
            result.indexByID[id] = result.list.count
            result.list.append((format, lookup))
        }
        return ok ? result : nil
    }

    private mutating func decodeOption(_ node: JSONNode, _ path: String) -> AnswerFormat.Option? {
        guard let members = object(node, path, required: ["code"], optional: ["tokens", "value", "label"]) else { return nil }
        let code = identifier(members["code"], path + ".code", pattern: .label)
        var tokens: [String] = []
        if let tokenNodes = array(members["tokens"], path + ".tokens") {
            for (index, tokenNode) in tokenNodes.enumerated() {
                if let token = string(tokenNode, path + ".tokens[\(index)]") { tokens.append(token) }
            }
        }
        let value = number(members["value"], path + ".value")
        let label = text(members["label"], path + ".label", both: false)
        guard let code else { return nil }
        if members["value"] != nil && value == nil { return nil }
        return AnswerFormat.Option(code: code, tokens: tokens, value: value, label: label)
    }

    private mutating func decodeItems(_ node: JSONNode?, formats: DecodedFormats?) -> DecodedItems? {
        guard let elements = array(node, "$.items", nonEmpty: true) else { return nil }
        if elements.count > Instrument.maximumItemCount {
            error(node!, "$.items", en: "\(elements.count) items; ProfScore reads at most \(Instrument.maximumItemCount) (the largest questionnaire in use has 174) — is this the right file?",
                  ru: "пунктов: \(elements.count); ProfScore читает не больше \(Instrument.maximumItemCount) (в самом большом опроснике в ходу 174) — тот ли это файл?")
            return nil
        }
        // Items that decode are kept even when others fail, so that scale
        // keys can still be checked against them; problems are in `diagnostics`.
        var result = DecodedItems()
        for (index, element) in elements.enumerated() {
            let path = "$.items[\(index)]"
            guard let members = object(element, path, required: ["id", "format"], optional: ["label"]) else { continue }
            let id = identifier(members["id"], path + ".id", pattern: .label)
            let formatID = string(members["format"], path + ".format")
            let label = text(members["label"], path + ".label", both: false)
            var formatIndex: Int?
            if let formatID, let formats {
                formatIndex = formats.indexByID[formatID]
                if formatIndex == nil {
                    error(members["format"]!, path + ".format",
                          en: "unknown answer format '\(formatID)'; defined: \(formats.list.map(\.format.id).joined(separator: ", "))",
                          ru: "неизвестный формат ответа «\(formatID)»; определены: \(formats.list.map(\.format.id).joined(separator: ", "))")
                }
            }
            guard let id, let formatIndex else {
                if let id { result.brokenIDs.insert(TokenNormalizer.normalize(id)) }
                continue
            }
            let key = TokenNormalizer.normalize(id)
            if let existing = result.indexByKey[key] {
                let other = result.list[existing].item.id
                error(members["id"]!, path + ".id",
                      en: other == id ? "the item id '\(id)' appears twice" : "the item id '\(id)' reads the same as '\(other)' on an answer sheet",
                      ru: other == id ? "идентификатор пункта «\(id)» встречается дважды" : "идентификатор пункта «\(id)» на бланке не отличить от «\(other)»")
                continue
            }
            result.indexByKey[key] = result.list.count
            result.list.append((Item(id: id, format: formatIndex, label: label), element))
        }
        return result
    }

    private mutating func decodeScales(_ node: JSONNode?, items: DecodedItems?, formats: DecodedFormats?) -> [Scale]? {
        guard let elements = array(node, "$.scales", nonEmpty: true) else { return nil }
        if elements.count > Instrument.maximumScaleCount {
            error(node!, "$.scales", en: "\(elements.count) scales; ProfScore reads at most \(Instrument.maximumScaleCount) — is this the right file?",
                  ru: "шкал: \(elements.count); ProfScore читает не больше \(Instrument.maximumScaleCount) — тот ли это файл?")
            return nil
        }
        var scales: [Scale] = []
        var ids: Set<String> = []
        var ok = true
        for (index, element) in elements.enumerated() {
            let path = "$.scales[\(index)]"
            guard let members = object(element, path, required: ["id", "title", "key"],
                                       optional: ["label", "letter", "combine", "missing", "levels"]) else { ok = false; continue }
            let id = identifier(members["id"], path + ".id", pattern: .scale)
            let title = text(members["title"], path + ".title", both: true)
            let label = members["label"].flatMap { text($0, path + ".label", both: true) }
            let letter = string(members["letter"], path + ".letter")
            if let letter, letter.count != 1 {
                error(members["letter"]!, path + ".letter", en: "a letter must be one character", ru: "буква должна быть одним символом")
                ok = false
            }
            var combine = Scale.Combine.sum
            if let combineNode = members["combine"], let name = string(combineNode, path + ".combine") {
                if let value = Scale.Combine(rawValue: name) {
                    combine = value
                } else {
                    error(combineNode, path + ".combine", en: "unknown combine rule '\(name)'; allowed: sum, mean",
                          ru: "неизвестное правило «\(name)»; допустимы: sum, mean")
                    ok = false
                }
            }
            let key = decodeKey(members["key"], path + ".key", items: items, formats: formats)
            let missing = decodeMissingRule(members["missing"], path + ".missing", itemCount: key.map { Set($0.map(\.item)).count })
            if let id, !ids.insert(id).inserted {
                error(members["id"]!, path + ".id", en: "the scale id '\(id)' appears twice", ru: "идентификатор шкалы «\(id)» встречается дважды")
                ok = false
            }
            guard let id, let title, let key, let missing, let formats, let items else { ok = false; continue }
            var scale = Scale(id: id, title: title, label: label, letter: letter, combine: combine, key: key, missing: missing, levels: [])
            if let levelsNode = members["levels"] {
                let range = scale.possibleRange(items: items.list.map(\.item), formats: formats.list.map(\.format))
                guard let levels = decodeLevels(levelsNode, path + ".levels", range: range,
                                                integer: scale.isIntegerValued(items: items.list.map(\.item), formats: formats.list.map(\.format))) else {
                    ok = false; continue
                }
                scale.levels = levels
            }
            scales.append(scale)
        }
        return ok ? scales : nil
    }

    private mutating func decodeKey(_ node: JSONNode?, _ path: String, items: DecodedItems?, formats: DecodedFormats?) -> [Scale.KeyEntry]? {
        guard let elements = array(node, path, nonEmpty: true), !elements.isEmpty else { return nil }
        var entries: [Scale.KeyEntry] = []
        var seen: [Int: Set<Int>] = [:]  // item → options keyed; -1 for value-keyed
        var ok = true
        for (index, element) in elements.enumerated() {
            let entryPath = path + "[\(index)]"
            guard let members = object(element, entryPath, required: ["item"], optional: ["option", "points", "reverse"]) else {
                ok = false; continue
            }
            guard let itemID = string(members["item"], entryPath + ".item"), let items, let formats else { ok = false; continue }
            guard let itemIndex = items.index(of: itemID) else {
                if items.brokenIDs.contains(TokenNormalizer.normalize(itemID)) { ok = false; continue }
                error(members["item"]!, entryPath + ".item", en: "unknown item '\(itemID)'", ru: "неизвестный пункт «\(itemID)»")
                ok = false; continue
            }
            let item = items.list[itemIndex].item
            let (format, lookup) = formats.list[item.format]
            if let optionNode = members["option"] {
                if members["reverse"] != nil {
                    error(members["reverse"]!, entryPath + ".reverse",
                          en: "'reverse' applies to value-keyed entries only; remove it or remove 'option'",
                          ru: "«reverse» относится только к записям по значению; уберите его или «option»")
                    ok = false
                }
                guard let spelling = string(optionNode, entryPath + ".option") else { ok = false; continue }
                guard let optionIndex = lookup.option(for: spelling) else {
                    error(optionNode, entryPath + ".option",
                          en: "item '\(item.id)' has no option '\(spelling)'; its options: \(format.options.map(\.code).joined(separator: ", "))",
                          ru: "у пункта «\(item.id)» нет варианта «\(spelling)»; его варианты: \(format.options.map(\.code).joined(separator: ", "))")
                    ok = false; continue
                }
                let points = members["points"].map { number($0, entryPath + ".points") } ?? 1
                guard let points else { ok = false; continue }
                if seen[itemIndex, default: []].contains(-1) || !seen[itemIndex, default: []].insert(optionIndex).inserted {
                    error(element, entryPath, en: "item '\(item.id)' is already keyed for this scale with this option or by value",
                          ru: "пункт «\(item.id)» уже входит в ключ этой шкалы с этим вариантом или по значению")
                    ok = false; continue
                }
                entries.append(Scale.KeyEntry(item: itemIndex, scoring: .option(optionIndex, points: points)))
            } else {
                if members["points"] != nil {
                    error(members["points"]!, entryPath + ".points", en: "'points' applies to option-keyed entries only; add 'option' or remove 'points'",
                          ru: "«points» относится только к записям по варианту; добавьте «option» или уберите «points»")
                    ok = false
                }
                let reversed = members["reverse"].map { bool($0, entryPath + ".reverse") } ?? false
                guard let reversed else { ok = false; continue }
                guard format.valueBounds != nil else {
                    error(element, entryPath,
                          en: "item '\(item.id)' is keyed by value, but the options of its format '\(format.id)' have no 'value'; give the options values or key an 'option'",
                          ru: "пункт «\(item.id)» оценивается по значению, но у вариантов его формата «\(format.id)» нет «value»; задайте значения или укажите «option»")
                    ok = false; continue
                }
                if !seen[itemIndex, default: []].isEmpty {
                    error(element, entryPath, en: "item '\(item.id)' appears twice in this scale's key",
                          ru: "пункт «\(item.id)» дважды входит в ключ этой шкалы")
                    ok = false; continue
                }
                seen[itemIndex] = [-1]
                entries.append(Scale.KeyEntry(item: itemIndex, scoring: .value(reversed: reversed)))
            }
        }
        return ok ? entries : nil
    }

    private mutating func decodeMissingRule(_ node: JSONNode?, _ path: String, itemCount: Int?) -> Scale.MissingRule? {
        guard let node else { return Scale.MissingRule(maxMissing: 0, prorate: false) }
        guard let members = object(node, path, required: [], optional: ["maxMissing", "prorate"]) else { return nil }
        let maxMissing = members["maxMissing"].map { integer($0, path + ".maxMissing", range: 0...1_000_000) } ?? 0
        let prorate = members["prorate"].map { bool($0, path + ".prorate") } ?? false
        guard let maxMissing, let prorate else { return nil }
        if let itemCount, maxMissing >= itemCount {
            error(members["maxMissing"]!, path + ".maxMissing",
                  en: "the scale has \(itemCount) item(s); at most \(itemCount - 1) may be missing so that one answer is left",
                  ru: "в шкале пунктов: \(itemCount); пропущено может быть не больше \(itemCount - 1), чтобы остался хотя бы один ответ")
            return nil
        }
        return Scale.MissingRule(maxMissing: maxMissing, prorate: prorate)
    }

    private mutating func decodeLevels(_ node: JSONNode, _ path: String, range: ClosedRange<Double>, integer isInteger: Bool) -> [Scale.Level]? {
        guard let elements = array(node, path, nonEmpty: true) else { return nil }
        var levels: [Scale.Level] = []
        var fromNodes: [JSONNode] = [], toNodes: [JSONNode] = []
        for (index, element) in elements.enumerated() {
            let levelPath = path + "[\(index)]"
            guard let members = object(element, levelPath, required: ["from", "to", "label"], optional: ["text"]) else { continue }
            let from = number(members["from"], levelPath + ".from")
            let to = number(members["to"], levelPath + ".to")
            let label = text(members["label"], levelPath + ".label", both: true)
            let interpretation = text(members["text"], levelPath + ".text", both: false)
            guard let from, let to, let label else { continue }
            if from > to {
                error(element, levelPath, en: "'from' (\(format(from))) is above 'to' (\(format(to)))",
                      ru: "«from» (\(format(from))) больше «to» (\(format(to)))")
            }
            levels.append(Scale.Level(from: from, to: to, label: label, text: interpretation))
            fromNodes.append(members["from"]!)
            toNodes.append(members["to"]!)
        }
        guard levels.count == elements.count else { return nil }
        let before = diagnostics.count
        let rangeText = "\(format(range.lowerBound))…\(format(range.upperBound))"
        if let first = levels.first, first.from != range.lowerBound {
            error(fromNodes[0], path + "[0].from",
                  en: first.from < range.lowerBound
                    ? "the first band starts at \(format(first.from)), below the lowest possible score \(format(range.lowerBound)) (possible range \(rangeText))"
                    : "the first band starts at \(format(first.from)), but scores from \(format(range.lowerBound)) are possible (possible range \(rangeText)); start it at \(format(range.lowerBound))",
                  ru: first.from < range.lowerBound
                    ? "первый уровень начинается с \(format(first.from)), ниже наименьшего возможного балла \(format(range.lowerBound)) (возможный диапазон \(rangeText))"
                    : "первый уровень начинается с \(format(first.from)), но возможны баллы от \(format(range.lowerBound)) (возможный диапазон \(rangeText)); начните его с \(format(range.lowerBound))")
        }
        if let last = levels.last, last.to != range.upperBound {
            let lastIndex = levels.count - 1
            error(toNodes[lastIndex], path + "[\(lastIndex)].to",
                  en: last.to > range.upperBound
                    ? "the last band ends at \(format(last.to)), above the highest possible score \(format(range.upperBound)) (possible range \(rangeText))"
                    : "the last band ends at \(format(last.to)), but scores up to \(format(range.upperBound)) are possible (possible range \(rangeText)); end it at \(format(range.upperBound))",
                  ru: last.to > range.upperBound
                    ? "последний уровень кончается на \(format(last.to)), выше наибольшего возможного балла \(format(range.upperBound)) (возможный диапазон \(rangeText))"
                    : "последний уровень кончается на \(format(last.to)), но возможны баллы до \(format(range.upperBound)) (возможный диапазон \(rangeText)); закончите его на \(format(range.upperBound))")
        }
        for index in levels.indices.dropFirst() {
            let previous = levels[index - 1], current = levels[index]
            let expected = isInteger ? previous.to + 1 : previous.to
            guard current.from != expected else { continue }
            let levelPath = path + "[\(index)].from"
            if current.from < expected {
                error(fromNodes[index], levelPath,
                      en: "this band (from \(format(current.from))) overlaps the previous one (to \(format(previous.to))); start it at \(format(expected))",
                      ru: "этот уровень (от \(format(current.from))) пересекается с предыдущим (до \(format(previous.to))); начните его с \(format(expected))")
            } else {
                error(fromNodes[index], levelPath,
                      en: "a gap: the previous band ends at \(format(previous.to)) and this one starts at \(format(current.from)); start it at \(format(expected))",
                      ru: "пропуск: предыдущий уровень кончается на \(format(previous.to)), а этот начинается с \(format(current.from)); начните его с \(format(expected))")
            }
        }
        return diagnostics.count == before ? levels : nil
    }

    private mutating func checkEveryItemScored(items: DecodedItems, scales: [Scale]) {
        var scored = Set<Int>()
        for scale in scales { for entry in scale.key { scored.insert(entry.item) } }
        for (index, (item, node)) in items.list.enumerated() where !scored.contains(index) {
            error(node, "$.items[\(index)]", en: "item '\(item.id)' is scored by no scale; add it to a scale's key or remove it",
                  ru: "пункт «\(item.id)» не входит ни в одну шкалу; добавьте его в ключ шкалы или удалите")
        }
    }

    private mutating func decodeLeadingType(_ node: JSONNode?, scales: [Scale]?) -> LeadingTypeRule? {
        guard let node, let members = object(node, "$.leadingType", required: [], optional: ["scales", "minimum", "hollandCode"]) else {
            return nil
        }
        let minimum = number(members["minimum"], "$.leadingType.minimum")
        let holland = members["hollandCode"].map { bool($0, "$.leadingType.hollandCode") } ?? false
        guard let scales else { return nil }
        var indices: [Int] = []
        if let scaleNodes = array(members["scales"], "$.leadingType.scales", nonEmpty: true) {
            for (index, scaleNode) in scaleNodes.enumerated() {
                let path = "$.leadingType.scales[\(index)]"
                guard let id = string(scaleNode, path) else { continue }
                guard let scaleIndex = scales.firstIndex(where: { $0.id == id }) else {
                    error(scaleNode, path, en: "unknown scale '\(id)'", ru: "неизвестная шкала «\(id)»")
                    continue
                }
                if indices.contains(scaleIndex) {
                    error(scaleNode, path, en: "the scale '\(id)' is listed twice", ru: "шкала «\(id)» указана дважды")
                    continue
                }
                indices.append(scaleIndex)
            }
        } else {
            indices = Array(scales.indices)
        }
        guard let holland else { return nil }
        if holland {
            if indices.count < 3 {
                error(node, "$.leadingType.hollandCode", en: "a Holland code needs at least three compared scales",
                      ru: "для кода Холланда нужно хотя бы три сравниваемые шкалы")
            }
            var letters: Set<String> = []
            for index in indices {
                guard let letter = scales[index].letter else {
                    error(node, "$.leadingType.hollandCode", en: "scale '\(scales[index].id)' has no 'letter', which the Holland code needs",
                          ru: "у шкалы «\(scales[index].id)» нет «letter», а она нужна для кода Холланда")
                    continue
                }
                if !letters.insert(letter).inserted {
                    error(node, "$.leadingType.hollandCode", en: "the letter '\(letter)' is used by two compared scales",
                          ru: "буква «\(letter)» используется двумя сравниваемыми шкалами")
                }
            }
        }
        return LeadingTypeRule(scales: indices, minimum: minimum, hollandCode: holland)
    }

    private mutating func decodeProfiles(_ node: JSONNode?, scales: [Scale]?) -> ProfileMapping? {
        guard let node, let members = object(node, "$.profiles", required: ["categories", "map"], optional: []) else { return nil }
        var categories: [ProfileMapping.Category] = []
        for (index, categoryNode) in (array(members["categories"], "$.profiles.categories", nonEmpty: true) ?? []).enumerated() {
            let path = "$.profiles.categories[\(index)]"
            guard let fields = object(categoryNode, path, required: ["id", "title"], optional: ["label"]) else { continue }
            let id = identifier(fields["id"], path + ".id", pattern: .scale)
            let title = text(fields["title"], path + ".title", both: true)
            let label = fields["label"].flatMap { text($0, path + ".label", both: true) }
            guard let id, let title else { continue }
            if categories.contains(where: { $0.id == id }) {
                error(fields["id"]!, path + ".id", en: "the category id '\(id)' appears twice", ru: "идентификатор категории «\(id)» встречается дважды")
                continue
            }
            categories.append(ProfileMapping.Category(id: id, title: title, label: label))
        }
        var map: [Int: [Int]] = [:]
        if let mapNode = members["map"] {
            if case .object(let entries) = mapNode.value {
                for entry in entries {
                    let path = "$.profiles.map.\(entry.key)"
                    guard let scales else { break }
                    guard let scaleIndex = scales.firstIndex(where: { $0.id == entry.key }) else {
                        error(at: entry.keyPosition, path, en: "unknown scale '\(entry.key)'", ru: "неизвестная шкала «\(entry.key)»")
                        continue
                    }
                    if map[scaleIndex] != nil {
                        error(at: entry.keyPosition, path, en: "the scale '\(entry.key)' is mapped twice", ru: "шкала «\(entry.key)» сопоставлена дважды")
                        continue
                    }
                    var targets: [Int] = []
                    for (index, categoryNode) in (array(entry.value, path) ?? []).enumerated() {
                        guard let id = string(categoryNode, path + "[\(index)]") else { continue }
                        guard let categoryIndex = categories.firstIndex(where: { $0.id == id }) else {
                            error(categoryNode, path + "[\(index)]",
                                  en: "unknown category '\(id)'; defined: \(categories.map(\.id).joined(separator: ", "))",
                                  ru: "неизвестная категория «\(id)»; определены: \(categories.map(\.id).joined(separator: ", "))")
                            continue
                        }
                        if !targets.contains(categoryIndex) { targets.append(categoryIndex) }
                    }
                    map[scaleIndex] = targets.sorted()
                }
            } else {
                error(mapNode, "$.profiles.map", en: "expected an object, found \(mapNode.typeName)", ru: "ожидался объект, а не \(mapNode.typeName)")
            }
        }
        return ProfileMapping(categories: categories, categoriesOfScale: map)
    }

    private mutating func decodeTestVectors(_ node: JSONNode?) -> [TestVector] {
        var vectors: [TestVector] = []
        for (index, element) in (array(node, "$.testVectors") ?? []).enumerated() {
            let path = "$.testVectors[\(index)]"
            guard let members = object(element, path, required: ["name", "answers", "expect"], optional: []) else { continue }
            let name = string(members["name"], path + ".name")
            var answers: [String: String] = [:]
            if let answersNode = members["answers"] {
                if case .object(let entries) = answersNode.value {
                    for entry in entries {
                        if let answer = string(entry.value, path + ".answers.\(entry.key)", nonEmpty: false) { answers[entry.key] = answer }
                    }
                } else {
                    error(answersNode, path + ".answers", en: "expected an object of item id → answer", ru: "ожидался объект «пункт → ответ»")
                }
            }
            var scores: [String: Double?] = [:]
            var leading: [String]?
            if let expectNode = members["expect"],
               let expect = object(expectNode, path + ".expect", required: ["scores"], optional: ["leading"]) {
                if let scoresNode = expect["scores"] {
                    if case .object(let entries) = scoresNode.value {
                        for entry in entries {
                            if case .null = entry.value.value {
                                scores[entry.key] = .some(nil)
                            } else if let value = number(entry.value, path + ".expect.scores.\(entry.key)") {
                                scores[entry.key] = value
                            }
                        }
                    } else {
                        error(scoresNode, path + ".expect.scores", en: "expected an object of scale id → score", ru: "ожидался объект «шкала → балл»")
                    }
                }
                if let leadingNodes = array(expect["leading"], path + ".expect.leading") {
                    leading = leadingNodes.enumerated().compactMap { string($0.element, path + ".expect.leading[\($0.offset)]") }
                }
            }
            guard let name else { continue }
            vectors.append(TestVector(name: name, answers: answers, expectedScores: scores, expectedLeading: leading,
                                      line: element.position.line))
        }
        return vectors
    }

    func format(_ value: Double) -> String { ScoreFormatting.plain(value) }
}
