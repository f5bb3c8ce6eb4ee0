/// The output formats of `profscore analyze`.
public enum AnalysisFormat: String, Sendable, CaseIterable {
    /// Aligned tables for the terminal.
    case table
    /// Markdown tables.
    case md
    /// One row per scale and per item of each scale, numbers at full precision.
    case csv
    /// A JSON document (`docs/analysis.md`).
    case json
}

extension SampleAnalysis {
    /// The analysis as text.
    /// - Parameters:
    ///   - format: table, Markdown, CSV or JSON.
    ///   - language: language of headings and messages (CSV column names and JSON keys are always English).
    public func rendered(as format: AnalysisFormat, language: Language = .russian) -> String {
        switch format {
        case .table: TerminalRenderer.render(document(language: language))
        case .md: MarkdownRenderer.render(document(language: language))
        case .csv: csv()
        case .json: json(language: language)
        }
    }

    /// The option codes of the formats the scales' items use, in order of first use: the frequency columns.
    private var frequencyCodes: [String] {
        var codes: [String] = []
        for scale in scales {
            for item in scale.items {
                for option in instrument.answerFormats[instrument.items[item.itemIndex].format].options where !codes.contains(option.code) {
                    codes.append(option.code)
                }
            }
        }
        return codes
    }

    private func frequencies(_ item: ItemAnalysis) -> [String: Int] {
        let options = instrument.answerFormats[instrument.items[item.itemIndex].format].options
        return Dictionary(uniqueKeysWithValues: zip(options.map(\.code), item.frequencies))
    }

    // MARK: - CSV

    /// Column names of the CSV output.
    static let csvColumns = ["scale", "item", "reversed", "option", "n", "mean", "sd", "r_drop", "alpha_if_dropped", "missing"]

    private func csv() -> String {
        let codes = frequencyCodes
        var out: [UInt8] = []
        // Texts are quoted and guarded against formulas; numbers are written as they are.
        func row(_ texts: [String], _ numbers: [String], _ tail: [String] = []) {
            for (index, cell) in (texts + numbers + tail).enumerated() {
                if index > 0 { out.append(0x2C) }
                if index >= texts.count && index < texts.count + numbers.count {
                    out.append(contentsOf: cell.utf8)
                } else {
                    CSVCell.appendText(cell, delimiter: 0x2C, to: &out)
                }
            }
            out.append(0x0A)
        }
        row(Self.csvColumns + codes.map { "freq_" + $0 } + ["alpha", "alpha_std", "average_r", "flags"], [])
        let noFrequencies = [String](repeating: "", count: codes.count)
        for scale in scales {
            row([scale.scaleID, "", "", ""],
                [String(scale.completeCases), Self.number(scale.scoreMean), Self.number(scale.scoreStandardDeviation), "", "", ""]
                    + noFrequencies
                    + [Self.number(scale.alpha), Self.number(scale.standardizedAlpha), Self.number(scale.averageInterItemCorrelation)],
                [scale.omission?.rawValue ?? ""])
            for item in scale.items {
                let counts = frequencies(item)
                row([scale.scaleID, item.itemID, item.reversed ? "1" : "0", item.keyedOptions.joined(separator: " ")],
                    [String(scale.completeCases), Self.number(item.mean), Self.number(item.standardDeviation),
                     Self.number(item.correctedItemTotal), Self.number(item.alphaIfDropped), String(item.missing)]
                        + codes.map { counts[$0].map(String.init) ?? "" } + ["", "", ""],
                    [item.flags.map(\.rawValue).joined(separator: " ")])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A number at full precision (the shortest text that reads back as the same `Double`); empty for none.
    static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        return "\(value)"
    }

    // MARK: - JSON

    private func json(language: Language) -> String {
        var out: [UInt8] = []
        func key(_ name: String) { JSONText.appendString(name, to: &out); out.append(0x3A) }
        func string(_ text: String) { JSONText.appendString(text, to: &out) }
        func number(_ value: Double?) { out.append(contentsOf: (value.flatMap { $0.isFinite ? "\($0)" : nil } ?? "null").utf8) }
        func comma() { out.append(0x2C) }
        out.append(contentsOf: "{\"format\":\"profscore-analysis\",\"formatVersion\":1,".utf8)
        key("instrument"); out.append(0x7B)
        key("id"); string(instrument.id); comma()
        key("version"); string(instrument.version); comma()
        key("title"); string(instrument.title.text(in: language)); out.append(0x7D); comma()
        key("respondents"); out.append(contentsOf: String(respondentCount).utf8); comma()
        key("missingAnswers"); string("complete cases per scale"); comma()
        key("scales"); out.append(0x5B)
        for (scaleIndex, scale) in scales.enumerated() {
            if scaleIndex > 0 { comma() }
            out.append(contentsOf: "\n{".utf8)
            key("id"); string(scale.scaleID); comma()
            key("title"); string(instrument.scales[scale.scaleIndex].title.text(in: language)); comma()
            key("items"); out.append(contentsOf: String(scale.itemCount).utf8); comma()
            key("completeCases"); out.append(contentsOf: String(scale.completeCases).utf8); comma()
            key("alpha"); number(scale.alpha); comma()
            key("alphaStandardized"); number(scale.standardizedAlpha); comma()
            key("averageInterItemCorrelation"); number(scale.averageInterItemCorrelation); comma()
            key("scoreMean"); number(scale.scoreMean); comma()
            key("scoreSD"); number(scale.scoreStandardDeviation); comma()
            key("omitted"); if let omission = scale.omission { string(omission.rawValue) } else { out.append(contentsOf: "null".utf8) }; comma()
            key("itemStatistics"); out.append(0x5B)
            for (itemIndex, item) in scale.items.enumerated() {
                if itemIndex > 0 { comma() }
                out.append(contentsOf: "\n {".utf8)
                key("item"); string(item.itemID); comma()
                key("reversed"); out.append(contentsOf: (item.reversed ? "true" : "false").utf8); comma()
                key("options"); JSONText.appendStrings(item.keyedOptions, to: &out); comma()
                key("mean"); number(item.mean); comma()
                key("sd"); number(item.standardDeviation); comma()
                key("rDrop"); number(item.correctedItemTotal); comma()
                key("alphaIfDropped"); number(item.alphaIfDropped); comma()
                key("missing"); out.append(contentsOf: String(item.missing).utf8); comma()
                key("frequencies"); out.append(0x7B)
                let options = instrument.answerFormats[instrument.items[item.itemIndex].format].options
                for (optionIndex, option) in options.enumerated() {
                    if optionIndex > 0 { comma() }
                    key(option.code); out.append(contentsOf: String(item.frequencies[optionIndex]).utf8)
                }
                out.append(0x7D); comma()
                key("flags"); JSONText.appendStrings(item.flags.map(\.rawValue), to: &out)
                out.append(0x7D)
            }
            out.append(contentsOf: "]}".utf8)
        }
        out.append(contentsOf: "],\n".utf8)
        key("warnings"); out.append(0x5B)
        for (index, warning) in warnings.enumerated() {
            if index > 0 { comma() }
            out.append(contentsOf: "\n{".utf8)
            key("severity"); string(warning.severity.rawValue); comma()
            key("path"); if let path = warning.path { string(path) } else { out.append(contentsOf: "null".utf8) }; comma()
            key("message"); string(warning.message.text(in: language))
            out.append(0x7D)
        }
        out.append(contentsOf: "]}\n".utf8)
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: - Tables

    func document(language: Language) -> ReportDocument {
        let t = ReportTexts(language: language)
        let meta = [
            t("Instrument: \(instrument.id) \(instrument.version)", "Инструмент: \(instrument.id) \(instrument.version)"),
            t("Respondents: \(respondentCount)", "Респондентов: \(respondentCount)"),
            t("Missing answers: each scale over its complete cases (n: respondents who answered all its items); left out: respondents with an item of the scale empty, unreadable or marked as no answer",
              "Пропуски: каждая шкала — по полным наблюдениям (n: респонденты, ответившие на все её пункты); не вошли — респонденты, у которых хотя бы один пункт шкалы пуст, не читается или отмечен как «нет ответа»"),
            t("Items scored as keyed: reverse-keyed items as min + max − value", "Пункты оценены по ключу: обратные — как min + max − значение"),
        ]
        var summaryRows: [[ReportDocument.Cell]] = []
        for scale in scales {
            summaryRows.append([
                .text(instrument.scales[scale.scaleIndex].name(in: language)), .integer(scale.itemCount), .integer(scale.completeCases),
                .integer(respondentCount - scale.completeCases),
                .decimal(scale.alpha, digits: 3), .decimal(scale.standardizedAlpha, digits: 3), .decimal(scale.averageInterItemCorrelation, digits: 3),
                .decimal(scale.scoreMean, digits: 2), .decimal(scale.scoreStandardDeviation, digits: 2), .text(omissionText(scale.omission, t)),
            ])
        }
        var sections: [ReportDocument.Section] = [
            .init(title: t("Reliability", "Надёжность"), level: 1, blocks: [
                .note(t("α — Cronbach's alpha from covariances; std α — from correlations; mean r — mean inter-item correlation; score — the scale score as the instrument computes it (sum or mean).",
                        "α — альфа Кронбаха по ковариациям; ст. α — по корреляциям; ср. r — средняя корреляция между пунктами; балл — балл шкалы, как его считает инструмент (сумма или среднее).")),
                .table(.init(caption: t("Scales", "Шкалы"), columns: [
                    t("scale", "шкала"), t("items", "пунктов"), "n", t("left out", "не вошли"), "α", t("std α", "ст. α"), t("mean r", "ср. r"),
                    t("score mean", "ср. балл"), t("SD", "СО"), t("note", "примечание"),
                ], rows: summaryRows)),
            ]),
        ]
        for scale in scales {
            let rows: [[ReportDocument.Cell]] = scale.items.map { item in
                let counts = instrument.answerFormats[instrument.items[item.itemIndex].format].options.enumerated()
                    .map { "\($0.element.code):\(item.frequencies[$0.offset])" }.joined(separator: " ")
                var key = item.reversed ? t("rev.", "обр.") : ""
                if !item.keyedOptions.isEmpty { key = item.keyedOptions.joined(separator: " ") }
                return [.text(item.itemID), .text(key), .decimal(item.mean, digits: 2), .decimal(item.standardDeviation, digits: 2),
                        .decimal(item.correctedItemTotal, digits: 3), .decimal(item.alphaIfDropped, digits: 3), .integer(item.missing),
                        .text(counts), .text(item.flags.map { flagText($0, t) }.joined(separator: ", "))]
            }
            let title = instrument.scales[scale.scaleIndex].title.text(in: language)
            var blocks: [ReportDocument.Block] = []
            if let omission = scale.omission { blocks.append(.notice(omissionText(omission, t))) }
            var caption = "n = \(scale.completeCases)"
            if let alpha = scale.alpha {
                caption += ", α = \(t.number(alpha, digits: 3))"
                if let std = scale.standardizedAlpha { caption += t(" (std \(t.number(std, digits: 3)))", " (ст. \(t.number(std, digits: 3)))") }
                if let r = scale.averageInterItemCorrelation { caption += t(", mean r = ", ", ср. r = ") + t.number(r, digits: 3) }
            }
            blocks.append(.table(.init(caption: caption, columns: [
                t("item", "пункт"), t("key", "ключ"), t("mean", "среднее"), t("SD", "СО"), "r.drop", t("α if dropped", "α без пункта"),
                t("missing", "пропуски"), t("answers", "ответы"), t("warning", "предупреждение"),
            ], rows: rows)))
            sections.append(.init(title: "\(scale.scaleID) — \(title)", level: 2, blocks: blocks))
        }
        sections.append(.init(title: t("Items", "Пункты"), level: 1, blocks: [
            .note(t("r.drop — correlation of the item with the sum of the scale's other items (corrected item–total correlation); α if dropped — raw α without the item; answers — how many chose each option, over all respondents; missing — no usable answer. Mean, SD and correlations are over the scale's complete cases.",
                    "r.drop — корреляция пункта с суммой остальных пунктов шкалы (скорректированная корреляция пункта с итогом); α без пункта — α шкалы без этого пункта; ответы — сколько респондентов выбрали каждый вариант, по всем респондентам; пропуски — нет пригодного ответа. Среднее, СО и корреляции — по полным наблюдениям шкалы.")),
        ], startsPage: false))
        // Put the explanation before the per-scale tables.
        let explanation = sections.removeLast()
        sections.insert(explanation, at: 1)
        if !warnings.isEmpty {
            sections.append(.init(title: t("Warnings", "Предупреждения"), level: 1, blocks: warnings.map { warning in
                .paragraph((warning.path.map { $0 + ": " } ?? "") + warning.message.text(in: language))
            }))
        }
        let title = t("Item analysis", "Анализ пунктов") + ": " + instrument.title.text(in: language)
        return ReportDocument(language: language, title: title, meta: meta, sections: sections)
    }

    private func omissionText(_ omission: ScaleAnalysis.Omission?, _ t: ReportTexts) -> String {
        switch omission {
        case nil: ""
        case .forcedChoice?: t("forced choice (ipsative): α not reported", "вынужденный выбор (ипсативная): α не приводится")
        case .tooFewItems?: t("fewer than two items vary", "варьируют меньше двух пунктов")
        case .tooFewCases?: t("fewer than two complete cases", "меньше двух полных наблюдений")
        }
    }

    private func flagText(_ flag: ItemAnalysis.Flag, _ t: ReportTexts) -> String {
        switch flag {
        case .negativeCorrelation: t("negative r.drop: mis-keyed?", "r.drop < 0: ошибка в ключе?")
        case .noVariance: t("no variance", "нет разброса")
        case .almostNoVariance: t("almost no variance", "почти нет разброса")
        }
    }
}
