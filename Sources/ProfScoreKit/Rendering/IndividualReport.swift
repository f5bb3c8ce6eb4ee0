/// One student's printable result page (HTML, self-contained): scores with
/// their levels as bars, the interpretation texts of the instrument, the
/// leading type and the study profile it points to.
///
/// Unlike group reports this page is personal: it carries the student's id
/// and the other columns of their sheet. It is what a psychologist hands to a
/// student or parent on request.
public enum IndividualReport {
    /// Renders one page.
    /// - Parameters:
    ///   - instrument: the instrument scored.
    ///   - info: the respondent columns (names and values) of the sheet.
    ///   - score: the student's result.
    ///   - language: the page's language.
    public static func render(instrument: Instrument, info: [(name: String, value: String)], score: RespondentScore, language: Language) -> String {
        let t = ReportTexts(language: language)
        let e = HTMLRenderer.escape
        var body = "<h1>\(e(instrument.title.text(in: language)))</h1>\n<table class=\"who\">\n"
        for (name, value) in info where !value.isEmpty {
            body += "<tr><th>\(e(name))</th><td>\(e(value))</td></tr>\n"
        }
        body += "</table>\n"
        if instrument.leadingType != nil {
            let text: String
            switch score.leading {
            case .types(let types):
                let titles = types.map { instrument.scales[$0].title.text(in: language) }
                text = titles.count > 1
                    ? t("Leading types (equal scores): ", "Ведущие типы (баллы равны): ") + titles.joined(separator: ", ")
                    : t("Leading type: ", "Ведущий тип: ") + titles[0]
            case .noPronouncedInterest:
                text = t("No pronounced interest: no scale reaches the threshold.", "Выраженный интерес не выявлен: ни одна шкала не достигает порога.")
            case .undetermined, .notApplicable:
                text = t("The leading type could not be determined: some answers are missing or unreadable.",
                         "Ведущий тип определить не удалось: часть ответов пропущена или не прочитана.")
            }
            body += "<p class=\"lead\">\(e(text))</p>\n"
        }
        if let profiles = instrument.profiles, !score.categories.isEmpty {
            body += "<p class=\"lead\">\(e(t("Study profile it points to: ", "Профиль обучения, на который указывает результат: ")))"
            body += e(score.categories.map { profiles.categories[$0].title.text(in: language) }.joined(separator: ", ")) + "</p>\n"
        }
        if let code = score.hollandCode {
            body += "<p>\(e(t("Holland code: ", "Код Холланда: ")))<b>\(e(code))</b></p>\n"
        }
        body += "<table class=\"scores\">\n<thead><tr><th>\(e(t("Scale", "Шкала")))</th><th>\(e(t("Score", "Балл")))</th><th>\(e(t("Level", "Уровень")))</th><th></th></tr></thead>\n<tbody>\n"
        var interpretations: [(String, String, String)] = []
        for (index, scale) in instrument.scales.enumerated() {
            let range = scale.possibleRange(items: instrument.items, formats: instrument.answerFormats)
            let value = score.scores[index]
            let level = score.levels[index].map { scale.levels[$0] }
            body += "<tr><td>\(e(scale.title.text(in: language)))</td><td class=\"num\">\(value.map(ScoreFormatting.plain) ?? "—")</td>"
            body += "<td class=\"level\">\(e(level?.label.text(in: language) ?? (value == nil ? t("not scored", "не подсчитано") : "")))</td>"
            body += "<td>\(bar(value: value, range: range, levels: scale.levels))</td></tr>\n"
            if let level, let text = level.text {
                interpretations.append((scale.title.text(in: language), level.label.text(in: language), text.text(in: language)))
            }
        }
        body += "</tbody>\n</table>\n"
        if instrument.scales.contains(where: { !$0.levels.isEmpty }) {
            body += "<p class=\"bands\">\(e(t("The bar shows the score within its possible range; the coloured bands behind it are the levels, from low (left) to high (right).", "Полоса показывает балл в пределах возможного диапазона; цветные участки за ней — уровни, от низкого (слева) к высокому (справа).")))</p>\n"
        }
        if !interpretations.isEmpty {
            body += "<h2>\(e(t("What the results mean", "Что означают результаты")))</h2>\n"
            for (scale, level, text) in interpretations {
                body += "<p><b>\(e(scale)) — \(e(level)).</b> \(e(text))</p>\n"
            }
        }
        body += "<p class=\"small\">\(e(t("A questionnaire result is a starting point for a conversation with the school psychologist, not a verdict.", "Результат опросника — повод для беседы со школьным психологом, а не приговор."))) "
        let citation = instrument.source.citation.hasSuffix(".") ? instrument.source.citation : instrument.source.citation + "."
        body += "\(e(instrument.source.authors)). \(e(citation))</p>\n"
        return """
        <!DOCTYPE html>
        <html lang="\(language.rawValue)">
        <head>
        <meta charset="utf-8">
        <title>\(e(instrument.title.text(in: language)))</title>
        <style>
        @page { size: A4; margin: 15mm; }
        body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 11pt; color: #1a1a1a; max-width: 185mm; margin: 0 auto; }
        h1 { font-size: 16pt; }
        h2 { font-size: 13pt; margin-top: 14pt; }
        table { border-collapse: collapse; margin: 6pt 0; }
        table.who th { text-align: left; padding-right: 10pt; font-weight: normal; color: #555; }
        table.scores th, table.scores td { border-bottom: 0.5pt solid #bbb; padding: 3pt 6pt; text-align: left; }
        table.scores td.num { text-align: right; }
        table.scores td.level { white-space: nowrap; }
        p.bands { font-size: 9pt; color: #555; }
        @media screen { body { padding: 12pt; } }
        p.lead { font-size: 12pt; font-weight: bold; }
        p.small { font-size: 9pt; color: #555; margin-top: 16pt; }
        svg { vertical-align: middle; }
        </style>
        </head>
        <body>
        \(body)</body>
        </html>

        """
    }

    /// A bar showing the score within the possible range, over the level bands.
    static func bar(value: Double?, range: ClosedRange<Double>, levels: [Scale.Level]) -> String {
        let width = 180.0, height = 12.0
        let span = range.upperBound - range.lowerBound
        func x(_ v: Double) -> Double { span > 0 ? (v - range.lowerBound) / span * width : 0 }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\">"
        let shades = levels.count <= 3 ? ["#f5d5d1", "#fcefc0", "#cdebd8"] : ["#f5d5d1", "#fbe2c4", "#fcefc0", "#e3f1c9", "#cdebd8", "#c9dff0"]
        for (index, level) in levels.enumerated() {
            // Bands meet halfway between one band's end and the next one's start.
            let start = index == 0 ? 0 : (x(levels[index - 1].to) + x(level.from)) / 2
            let end = index == levels.count - 1 ? width : (x(level.to) + x(levels[index + 1].from)) / 2
            svg += "<rect x=\"\(HTMLRenderer.format(start))\" y=\"0\" width=\"\(HTMLRenderer.format(max(end - start, 1)))\" height=\"\(Int(height))\" fill=\"\(shades[index % shades.count])\" stroke=\"#999\" stroke-width=\"0.5\"/>"
        }
        if levels.isEmpty { svg += "<rect x=\"0\" y=\"0\" width=\"\(Int(width))\" height=\"\(Int(height))\" fill=\"#eef2f6\"/>" }
        if let value {
            svg += "<rect x=\"0\" y=\"3\" width=\"\(HTMLRenderer.format(max(x(value), 1)))\" height=\"6\" fill=\"#2f6f9f\"/>"
        }
        return svg + "</svg>"
    }
}
