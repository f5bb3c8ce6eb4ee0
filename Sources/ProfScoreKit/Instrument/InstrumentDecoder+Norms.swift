extension InstrumentDecoder {
    /// Decodes and checks the `norms` section of an instrument that is
    /// otherwise valid: known method and grouping variables, every group
    /// defined by each grouping variable and listed once, `n` not below the
    /// minimum, tables only for known scales, each with a row for every
    /// possible score of its scale (and none for impossible ones), raw scores
    /// ascending, percentile ranks, stens and T-scores never decreasing.
    /// - Returns: the norms, or `nil` with the problems in ``diagnostics``.
    mutating func decodeNorms(_ node: JSONNode, instrument: Instrument) -> Norms? {
        let path = "$.norms"
        guard let members = object(node, path, required: ["method", "sample", "groups"],
                                   optional: ["notes", "minimumN", "groupBy", "sexCodes"]) else { return nil }
        let before = diagnostics.count
        var method: Norms.Method?
        if let methodNode = members["method"], let name = string(methodNode, path + ".method") {
            method = Norms.Method(rawValue: name)
            if method == nil {
                let allowed = Norms.Method.allCases.map(\.rawValue).joined(separator: ", ")
                error(methodNode, path + ".method", en: "unknown method '\(name)'; allowed: \(allowed)",
                      ru: "неизвестный метод «\(name)»; допустимы: \(allowed)")
            }
        }
        let sample = text(members["sample"], path + ".sample", both: false)
        let notes = text(members["notes"], path + ".notes", both: false)
        let minimumN = members["minimumN"].map {
            integer($0, path + ".minimumN", range: Norms.lowestMinimumN...1_000_000_000)
        } ?? Norms.defaultMinimumN

        var groupBy: [Norms.Variable] = []
        var groupByOK = true
        if let variableNodes = array(members["groupBy"], path + ".groupBy") {
            for (index, variableNode) in variableNodes.enumerated() {
                let variablePath = path + ".groupBy[\(index)]"
                guard let name = string(variableNode, variablePath) else { groupByOK = false; continue }
                guard let variable = Norms.Variable(rawValue: name) else {
                    let allowed = Norms.Variable.allCases.map(\.rawValue).joined(separator: ", ")
                    error(variableNode, variablePath, en: "unknown grouping '\(name)'; allowed: \(allowed)",
                          ru: "неизвестная группировка «\(name)»; допустимы: \(allowed)")
                    groupByOK = false
                    continue
                }
                if groupBy.contains(variable) {
                    error(variableNode, variablePath, en: "'\(name)' is listed twice", ru: "«\(name)» указано дважды")
                    groupByOK = false
                    continue
                }
                groupBy.append(variable)
            }
        } else if members["groupBy"] != nil {
            groupByOK = false
        }

        var possible: [Int: ReachableScores.Outcome] = [:]
        var groups: [Norms.Group] = []
        for (index, groupNode) in (array(members["groups"], path + ".groups", nonEmpty: true) ?? []).enumerated() where groupByOK {
            let groupPath = path + ".groups[\(index)]"
            guard let fields = object(groupNode, groupPath, required: groupBy.map(\.rawValue) + ["n", "scales"], optional: []) else { continue }
            var values = Norms.Values()
            var valuesOK = true
            if let gradeNode = fields["grade"] {
                values.grade = integer(gradeNode, groupPath + ".grade", range: 0...13)
                if values.grade == nil { valuesOK = false }
            }
            if let sexNode = fields["sex"] {
                if let name = string(sexNode, groupPath + ".sex"), let sex = Norms.Sex(rawValue: name) {
                    values.sex = sex
                } else {
                    if case .string(let name) = sexNode.value {
                        error(sexNode, groupPath + ".sex", en: "unknown sex '\(name)'; write male or female",
                              ru: "неизвестный пол «\(name)»; пишите male или female")
                    }
                    valuesOK = false
                }
            }
            let n = integer(fields["n"], groupPath + ".n", range: 1...1_000_000_000)
            if let n, let minimumN, n < minimumN {
                error(fields["n"]!, groupPath + ".n",
                      en: "n = \(n) is below the minimum of \(minimumN) ('minimumN'): the percentile ranks of so few respondents are too coarse to be norms; merge this group with another or collect more sheets",
                      ru: "n = \(n) меньше минимума \(minimumN) («minimumN»): процентильные ранги по столь малой группе слишком грубы для норм; объедините группу с другой или соберите больше бланков")
            }
            if valuesOK, groups.contains(where: { $0.values == values }) {
                error(groupNode, groupPath, en: "a second norm group for \(values.label); each group may appear once",
                      ru: "вторая нормативная группа для \(values.label); каждая группа может быть указана только один раз")
            }
            var tables = [Norms.Table?](repeating: nil, count: instrument.scales.count)
            if let scalesNode = fields["scales"] {
                guard case .object(let entries) = scalesNode.value else {
                    error(scalesNode, groupPath + ".scales", en: "expected an object of scale id → norm table, found \(scalesNode.typeName)",
                          ru: "ожидался объект «шкала → таблица норм», а не \(scalesNode.typeName)")
                    continue
                }
                if entries.isEmpty {
                    error(scalesNode, groupPath + ".scales", en: "the group has no norm table; give at least one scale's",
                          ru: "у группы нет ни одной таблицы норм; укажите хотя бы одну шкалу")
                }
                for entry in entries {
                    let tablePath = groupPath + ".scales.\(entry.key)"
                    guard let scaleIndex = instrument.scales.firstIndex(where: { $0.id == entry.key }) else {
                        error(at: entry.keyPosition, tablePath,
                              en: "unknown scale '\(entry.key)'; scales: \(instrument.scales.map(\.id).joined(separator: ", "))",
                              ru: "неизвестная шкала «\(entry.key)»; шкалы: \(instrument.scales.map(\.id).joined(separator: ", "))")
                        continue
                    }
                    if tables[scaleIndex] != nil {
                        error(at: entry.keyPosition, tablePath, en: "the scale '\(entry.key)' has two tables in this group",
                              ru: "у шкалы «\(entry.key)» две таблицы в этой группе")
                        continue
                    }
                    if possible[scaleIndex] == nil {
                        possible[scaleIndex] = ReachableScores.compute(scale: instrument.scales[scaleIndex], instrument: instrument)
                    }
                    tables[scaleIndex] = decodeNormTable(entry.value, tablePath, scale: instrument.scales[scaleIndex], possible: possible[scaleIndex]!)
                }
            }
            guard let n, valuesOK else { continue }
            groups.append(Norms.Group(values: values, n: n, tables: tables))
        }
        let sexCodes = members["sexCodes"].map { decodeSexCodes($0, path + ".sexCodes") } ?? [:]
        guard diagnostics.count == before, let method, let sample, let minimumN else { return nil }
        return Norms(method: method, sample: sample, notes: notes, minimumN: minimumN, groupBy: groupBy, groups: groups,
                     sexCodes: sexCodes)
    }

    /// `"sexCodes": {"1": "male", "2": "female"}`: a code of the sex column → a sex.
    private mutating func decodeSexCodes(_ node: JSONNode, _ path: String) -> [String: Norms.Sex] {
        guard case .object(let entries) = node.value else {
            error(node, path, en: "expected an object such as {\"1\": \"male\", \"2\": \"female\"}, found \(node.typeName)",
                  ru: "ожидался объект вида {\"1\": \"male\", \"2\": \"female\"}, а не \(node.typeName)")
            return [:]
        }
        var codes: [String: Norms.Sex] = [:]
        for entry in entries {
            let entryPath = path + "." + entry.key
            guard let name = string(entry.value, entryPath) else { continue }
            guard let sex = Norms.Sex(cell: name) else {
                error(entry.value, entryPath, en: "'\(name)' is not a sex; write male or female",
                      ru: "«\(name)» — не пол; пишите male или female")
                continue
            }
            codes[entry.key] = sex
        }
        return codes
    }

    /// One scale's norm table: rows `{raw, pr, sten, t}` by ascending raw
    /// score, covering exactly the scale's possible scores.
    private mutating func decodeNormTable(_ node: JSONNode, _ path: String, scale: Scale, possible: ReachableScores.Outcome) -> Norms.Table? {
        guard let rowNodes = array(node, path, nonEmpty: true) else { return nil }
        let before = diagnostics.count
        var rows: [Norms.Row] = []
        var rawNodes: [(node: JSONNode, path: String)] = []
        for (index, rowNode) in rowNodes.enumerated() {
            let rowPath = path + "[\(index)]"
            guard let fields = object(rowNode, rowPath, required: ["raw", "pr", "sten", "t"], optional: []) else { continue }
            let raw = number(fields["raw"], rowPath + ".raw")
            var percentile = number(fields["pr"], rowPath + ".pr")
            if let value = percentile, !(0...100).contains(value) {
                error(fields["pr"]!, rowPath + ".pr", en: "a percentile rank lies between 0 and 100, not \(format(value))",
                      ru: "процентильный ранг лежит между 0 и 100, а не \(format(value))")
                percentile = nil
            }
            let sten = integer(fields["sten"], rowPath + ".sten", range: 1...10)
            let t = integer(fields["t"], rowPath + ".t", range: 0...100)
            guard let raw, let percentile, let sten, let t else { continue }
            let row = Norms.Row(raw: raw, percentile: percentile, sten: sten, t: t)
            if let previous = rows.last {
                if raw <= previous.raw + Norms.Table.tolerance {
                    error(fields["raw"]!, rowPath + ".raw",
                          en: "raw score \(format(raw)) follows \(format(previous.raw)): list the raw scores in ascending order, each once",
                          ru: "сырой балл \(format(raw)) идёт после \(format(previous.raw)): перечислите сырые баллы по возрастанию, каждый по одному разу")
                    continue
                }
                let decreases: [(key: String, en: String, ru: String, now: Double, before: Double)] = [
                    ("pr", "percentile rank", "процентильный ранг", percentile, previous.percentile),
                    ("sten", "sten", "стен", Double(sten), Double(previous.sten)),
                    ("t", "T-score", "T-балл", Double(t), Double(previous.t)),
                ]
                for check in decreases where check.now < check.before {
                    error(fields[check.key]!, rowPath + "." + check.key,
                          en: "\(check.en) \(format(check.now)) at raw score \(format(raw)) is below the \(format(check.before)) of raw score \(format(previous.raw)): it must not decrease as the raw score rises",
                          ru: "\(check.ru) \(format(check.now)) при сыром балле \(format(raw)) меньше, чем \(format(check.before)) при балле \(format(previous.raw)): с ростом сырого балла он не может убывать")
                }
            }
            rows.append(row)
            rawNodes.append((fields["raw"]!, rowPath + ".raw"))
        }
        switch possible {
        case .notChecked(let reason):
            error(node, path,
                  en: "norms need the list of scale '\(scale.id)'s possible scores, which cannot be made: \(reason.english)",
                  ru: "для норм нужен список возможных баллов шкалы «\(scale.id)», а его не составить: \(reason.russian)")
        case .scores(let scores):
            var covered = [Bool](repeating: false, count: scores.count)
            for (row, rawNode) in zip(rows, rawNodes) {
                if let position = Norms.position(of: row.raw, in: scores) {
                    covered[position] = true
                } else {
                    error(rawNode.node, rawNode.path,
                          en: "no answer pattern gives scale '\(scale.id)' the raw score \(format(row.raw)); its possible scores are \(WarningCheck.sampleList(scores))",
                          ru: "ни при каких ответах шкала «\(scale.id)» не даёт сырой балл \(format(row.raw)); её возможные баллы: \(WarningCheck.sampleList(scores))")
                }
            }
            let lacking = scores.indices.filter { !covered[$0] }.map { scores[$0] }
            if !lacking.isEmpty && diagnostics.count == before {
                error(node, path,
                      en: "the table has no row for the possible raw score(s) \(WarningCheck.sampleList(lacking)) of scale '\(scale.id)'; a norm table needs a row for every possible score (\(WarningCheck.sampleList(scores)))",
                      ru: "в таблице нет строк для возможных сырых баллов \(WarningCheck.sampleList(lacking)) шкалы «\(scale.id)»; в таблице норм нужна строка для каждого возможного балла (\(WarningCheck.sampleList(scores)))")
            }
        }
        return diagnostics.count == before ? Norms.Table(rows: rows) : nil
    }
}
