/// The formats of an instrument's description (`profscore describe`).
public enum DescriptionFormat: String, Sendable, CaseIterable {
    /// Plain text with aligned tables, for the terminal.
    case table
    /// Markdown, for documentation and methodological notes.
    case md
}

extension Instrument {
    /// What the instrument is, for a reader who has not opened its file: its
    /// source, answer formats, scales with their items (reverse-keyed items
    /// marked, option-keyed entries shown as item and option), the possible
    /// score ranges, the levels, the leading-type rule, the mapping to study
    /// profiles and the test vectors.
    /// - Parameters:
    ///   - format: terminal text or Markdown.
    ///   - language: the language of the headings and texts.
    /// - Returns: the description, ending with a newline.
    public func describe(format: DescriptionFormat = .table, language: Language = .russian) -> String {
        let document = descriptionDocument(language: language)
        switch format {
        case .table: return TerminalRenderer.render(document)
        case .md: return MarkdownRenderer.render(document)
        }
    }

    /// The description laid out as a document of sections and tables.
    func descriptionDocument(language: Language) -> ReportDocument {
        let t = ReportTexts(language: language)
        var meta = [
            t("id: \(id), version \(version)", "идентификатор: \(id), версия \(version)"),
            t("Authors: \(source.authors)", "Авторы: \(source.authors)"),
            t("Source: \(source.citation)", "Источник: \(source.citation)"),
            t("Licence: \(source.licence.en)", "Условия использования: \(source.licence.ru)"),
        ]
        if let url = source.url { meta.append(t("More: \(url)", "Подробнее: \(url)")) }
        if let grades { meta.append(t("Grades: \(grades.lowerBound)–\(grades.upperBound)", "Классы: \(grades.lowerBound)–\(grades.upperBound)")) }
        meta.append(t("\(items.count) items, \(scales.count) scales, \(testVectors.count) test vector(s)",
                      "пунктов: \(items.count), шкал: \(scales.count), контрольных примеров: \(testVectors.count)"))

        var sections: [ReportDocument.Section] = []
        var about: [ReportDocument.Block] = []
        if let description { about.append(.paragraph(description.text(in: language))) }
        if let notes = source.notes { about.append(.note(notes.text(in: language))) }
        if !about.isEmpty { sections.append(.init(title: t("About", "Об инструменте"), level: 1, blocks: about)) }
        sections.append(.init(title: t("Answer formats", "Форматы ответов"), level: 1, blocks: answerFormats.map { formatBlock($0, t) }))
        sections.append(scalesSection(t))
        if scales.contains(where: { !$0.levels.isEmpty }) { sections.append(levelsSection(t)) }
        if let leadingType { sections.append(leadingSection(leadingType, t)) }
        if let profiles { sections.append(profilesSection(profiles, t)) }
        if items.contains(where: { $0.label != nil }) { sections.append(itemsSection(t)) }
        if let norms { sections.append(normsSection(norms, t)) }
        sections.append(testVectorSection(t))
        return ReportDocument(language: language, title: title.text(in: language), meta: meta, sections: sections)
    }

    private func formatBlock(_ format: AnswerFormat, _ t: ReportTexts) -> ReportDocument.Block {
        let hasValues = format.options.contains { $0.value != nil }
        let hasTokens = format.options.contains { !$0.tokens.isEmpty }
        let hasLabels = format.options.contains { $0.label != nil }
        var columns = [t("code", "код")]
        if hasTokens { columns.append(t("also accepted", "также принимается")) }
        if hasValues { columns.append(t("value", "число")) }
        if hasLabels { columns.append(t("meaning", "смысл")) }
        let rows: [[ReportDocument.Cell]] = format.options.enumerated().map { index, option in
            var row: [ReportDocument.Cell] = [.text(option.code + (format.blankOption == index ? t(" (empty cell)", " (пустая ячейка)") : ""))]
            if hasTokens { row.append(.text(option.tokens.joined(separator: ", "))) }
            if hasValues { row.append(.text(option.value.map(ScoreFormatting.plain) ?? "")) }
            if hasLabels { row.append(.text(option.label?.text(in: t.language) ?? "")) }
            return row
        }
        let users = items.filter { answerFormats[$0.format].id == format.id }.count
        return .table(.init(caption: t("\(format.id) (\(format.kind.rawValue)), \(users) item(s)", "\(format.id) (\(format.kind.rawValue)), пунктов: \(users)"),
                            columns: columns, rows: rows))
    }

    /// A key entry as written in descriptions: `7`, `19 (rev.)`, `1а`, `R1:2 ×2`.
    func keyText(_ entry: Scale.KeyEntry, _ t: ReportTexts) -> String {
        let item = items[entry.item]
        switch entry.scoring {
        case .value(let reversed):
            return reversed ? item.id + t(" (rev.)", " (обр.)") : item.id
        case .option(let option, let points):
            let code = answerFormats[item.format].options[option].code
            // «1а» reads as the printed key does; «R1:2» keeps digits apart.
            let joined = (item.id.last?.isNumber == true && code.first?.isNumber == true) || (item.id.last?.isLetter == true && code.first?.isLetter == true)
                ? item.id + ":" + code : item.id + code
            return points == 1 ? joined : joined + " ×" + ScoreFormatting.plain(points)
        }
    }

    private func scalesSection(_ t: ReportTexts) -> ReportDocument.Section {
        let hasLetters = scales.contains { $0.letter != nil }
        // The id is the scale's column in plain CSV and JSON (and in the instrument file).
        var columns = [t("CSV column", "столбец CSV"), t("scale", "шкала")]
        if hasLetters { columns.append(t("letter", "буква")) }
        columns += [t("items", "пункты"), t("key", "ключ"), t("score", "балл"), t("possible range", "возможный диапазон"), t("missing answers", "пропуски")]
        let rows: [[ReportDocument.Cell]] = scales.map { scale in
            var row: [ReportDocument.Cell] = [.text(scale.id), .text(scale.title.text(in: t.language))]
            if hasLetters { row.append(.text(scale.letter ?? "")) }
            let range = scale.possibleRange(items: items, formats: answerFormats)
            row.append(.integer(WarningCheck.items(of: scale).count))
            row.append(.text(scale.key.map { keyText($0, t) }.joined(separator: ", ")))
            row.append(.text(scale.combine == .mean ? t("mean", "среднее") : t("sum", "сумма")))
            row.append(.text("\(ScoreFormatting.plain(range.lowerBound))–\(ScoreFormatting.plain(range.upperBound))"))
            row.append(.text(missingText(scale, t)))
            return row
        }
        var blocks: [ReportDocument.Block] = []
        let reversed = scales.contains { $0.key.contains { if case .value(true) = $0.scoring { true } else { false } } }
        let optionKeyed = scales.contains { $0.key.contains { if case .option = $0.scoring { true } else { false } } }
        var legend: [String] = []
        if reversed {
            legend.append(t("(rev.) — reverse-keyed: the item scores min + max − value of its answer",
                            "(обр.) — обратный ключ: пункт даёт min + max − значение ответа"))
        }
        if optionKeyed {
            legend.append(t("1а — item 1 scores when option «а» is chosen (1 point unless ×N says otherwise)",
                            "1а — пункт 1 даёт балл, если выбран вариант «а» (1 балл, если не указано ×N)"))
        }
        if !legend.isEmpty { blocks.append(.note(legend.joined(separator: "; "))) }
        blocks.append(.table(.init(caption: t("Scales and their keys", "Шкалы и их ключи"), columns: columns, rows: rows)))
        let forcedChoice = ForcedChoice.scales(of: self)
        if !forcedChoice.isEmpty {
            blocks.append(.note(t(
                "Forced choice: the items of \(forcedChoice.sorted().map { scales[$0].name(in: .english) }.joined(separator: ", ")) score different scales by the option chosen, so these scores are ipsative (one scale's gain is another's loss).",
                "Вынужденный выбор: пункты шкал \(forcedChoice.sorted().map { "«\(scales[$0].name(in: .russian))»" }.joined(separator: ", ")) дают балл разным шкалам в зависимости от выбранного варианта, поэтому баллы ипсативны (прибавка одной шкалы — потеря другой).")))
        }
        return .init(title: t("Scales", "Шкалы"), level: 1, blocks: blocks)
    }

    private func missingText(_ scale: Scale, _ t: ReportTexts) -> String {
        let allowed = scale.missing.maxMissing
        if allowed == 0 { return t("none allowed", "не допускаются") }
        let rule = scale.combine == .mean
            ? t("mean of the answered", "среднее по отвеченным")
            : scale.missing.prorate ? t("sum scaled up to all items", "сумма пересчитывается на все пункты") : t("counted as 0", "считаются за 0")
        return t("up to \(allowed), \(rule)", "до \(allowed), \(rule)")
    }

    private func levelsSection(_ t: ReportTexts) -> ReportDocument.Section {
        var rows: [[ReportDocument.Cell]] = []
        for scale in scales {
            for level in scale.levels {
                rows.append([.text(scale.name(in: t.language)), .text("\(ScoreFormatting.plain(level.from))–\(ScoreFormatting.plain(level.to))"),
                             .text(level.label.text(in: t.language))])
            }
        }
        var blocks: [ReportDocument.Block] = []
        if scales.contains(where: { !$0.levels.isEmpty && !$0.isIntegerValued(items: items, formats: answerFormats) }) {
            blocks.append(.note(t("Where bands share a bound, a score on it belongs to the upper band.",
                                  "Если уровни имеют общую границу, балл на ней относится к верхнему уровню.")))
        }
        blocks.append(.table(.init(caption: t("Score bands", "Границы уровней"), columns: [t("scale", "шкала"), t("scores", "баллы"), t("level", "уровень")], rows: rows)))
        return .init(title: t("Levels", "Уровни"), level: 1, blocks: blocks)
    }

    private func leadingSection(_ rule: LeadingTypeRule, _ t: ReportTexts) -> ReportDocument.Section {
        let compared = rule.scales.map { scales[$0].name(in: t.language) }.joined(separator: ", ")
        var lines = [t("The leading type is the scale with the highest score among: \(compared).",
                       "Ведущий тип — шкала с наибольшим баллом среди: \(compared)."),
                     t("Ties are not broken: all scales sharing the highest score are reported and the result is flagged «tie» (tie in CSV). If a compared scale is not scored, no leading type is reported («type undetermined», incomplete in CSV).",
                       "Равенство не разрешается: указываются все шкалы с наибольшим баллом, результат отмечается «равные баллы». Если одна из сравниваемых шкал не подсчитана, ведущий тип не указывается («тип не определён»).")]
        if let minimum = rule.minimum {
            lines.append(t("If the highest score is below \(ScoreFormatting.plain(minimum)), the result is «no pronounced interest» (none).",
                           "Если наибольший балл ниже \(ScoreFormatting.plain(minimum)), результат — «интерес не выражен»."))
        }
        if rule.hollandCode {
            lines.append(t("A three-letter Holland code is reported from the letters \(rule.scales.compactMap { scales[$0].letter }.joined()); tied letters are bracketed.",
                           "Сообщается трёхбуквенный код Холланда из букв \(rule.scales.compactMap { scales[$0].letter }.joined()); равные по баллу буквы заключаются в скобки."))
        }
        return .init(title: t("Leading type", "Ведущий тип"), level: 1, blocks: lines.map { .paragraph($0) })
    }

    private func profilesSection(_ profiles: ProfileMapping, _ t: ReportTexts) -> ReportDocument.Section {
        let rows: [[ReportDocument.Cell]] = scales.indices.map { index in
            let categories = (profiles.categoriesOfScale[index] ?? []).map {
                profiles.categories[$0].title.text(in: t.language)
            }
            return [.text(scales[index].name(in: t.language)), .text(categories.isEmpty ? "—" : categories.joined(separator: ", "))]
        }
        return .init(title: t("Study profiles", "Профили обучения"), level: 1, blocks: [
            .paragraph(t("A respondent's study profile is the union of the categories of their leading type(s).",
                         "Профиль обучения респондента — объединение категорий его ведущих типов.")),
            .table(.init(caption: t("Scale → study-profile categories", "Шкала → категории профиля обучения"),
                         columns: [t("scale", "шкала"), t("categories", "категории")], rows: rows)),
        ], startsPage: false)
    }

    private func itemsSection(_ t: ReportTexts) -> ReportDocument.Section {
        var scalesOfItem: [Int: [String]] = [:]
        for scale in scales {
            for entry in scale.key {
                let mark: String
                switch entry.scoring {
                case .value(let reversed): mark = reversed ? t(" (rev.)", " (обр.)") : ""
                case .option(let option, _): mark = " «\(answerFormats[items[entry.item].format].options[option].code)»"
                }
                scalesOfItem[entry.item, default: []].append(scale.id + mark)
            }
        }
        let severalFormats = answerFormats.count > 1
        let rows: [[ReportDocument.Cell]] = items.enumerated().map { index, item in
            [.text(item.id)] + (severalFormats ? [.text(answerFormats[item.format].id)] : [])
                + [.text((scalesOfItem[index] ?? []).joined(separator: ", ")), .text(item.label?.text(in: t.language) ?? "")]
        }
        let columns = [t("item", "пункт")] + (severalFormats ? [t("format", "формат")] : []) + [t("scales", "шкалы"), t("label", "формулировка")]
        return .init(title: t("Items", "Пункты"), level: 1, blocks: [
            .table(.init(caption: t("Items and their scales", "Пункты и их шкалы"), columns: columns, rows: rows)),
        ])
    }

    private func testVectorSection(_ t: ReportTexts) -> ReportDocument.Section {
        guard !testVectors.isEmpty else {
            return .init(title: t("Test vectors", "Контрольные примеры"), level: 1, blocks: [
                .notice(t("None: nothing checks the key when the file is loaded.", "Нет: ключ при загрузке файла ничем не проверяется.")),
            ], startsPage: false)
        }
        let rows: [[ReportDocument.Cell]] = testVectors.map { vector in
            [.text(vector.name), .integer(vector.expectedScores.count), .text(vector.expectedLeading.map { $0.isEmpty ? "—" : $0.joined(separator: "+") } ?? "")]
        }
        return .init(title: t("Test vectors", "Контрольные примеры"), level: 1, blocks: [
            .paragraph(t("Checked every time the file is loaded; all passed.", "Проверяются при каждой загрузке файла; все пройдены.")),
            .table(.init(caption: t("Test vectors", "Контрольные примеры"),
                         columns: [t("name", "название"), t("scales checked", "проверено шкал"), t("leading type", "ведущий тип")], rows: rows)),
        ], startsPage: false)
    }
}
