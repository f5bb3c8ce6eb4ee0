/// Renders a report as one self-contained HTML file: inline CSS and SVG
/// charts, no scripts, no fonts or images fetched from anywhere (schools are
/// often offline), laid out for printing on A4.
public enum HTMLRenderer {
    public static func render(_ document: ReportDocument) -> String {
        let t = ReportTexts(language: document.language)
        var body = "<h1>\(escape(document.title))</h1>\n<ul class=\"meta\">\n"
        for line in document.meta { body += "<li>\(escape(line))</li>\n" }
        body += "</ul>\n"
        for (index, section) in document.sections.enumerated() {
            let breakClass = section.startsPage && index > 0 ? " class=\"chapter\"" : ""
            body += "<section\(breakClass)>\n<h\(section.level + 1)>\(escape(section.title))</h\(section.level + 1)>\n"
            for block in section.blocks {
                switch block {
                case .paragraph(let text): body += "<p>\(escape(text))</p>\n"
                case .note(let text): body += "<p class=\"note\">\(escape(text))</p>\n"
                case .notice(let text): body += "<p class=\"notice\">\(escape(text))</p>\n"
                case .table(let table): body += tableHTML(table, t)
                case .bars(let chart): body += barChart(chart, t)
                case .stackedBars(let chart): body += stackedChart(chart)
                }
            }
            body += "</section>\n"
        }
        return """
        <!DOCTYPE html>
        <html lang="\(document.language.rawValue)">
        <head>
        <meta charset="utf-8">
        <title>\(escape(document.title))</title>
        <style>
        @page { size: A4; margin: 14mm 12mm; }
        body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10.5pt; color: #1a1a1a; max-width: 186mm; margin: 0 auto; }
        h1 { font-size: 17pt; margin: 0 0 6pt; }
        h2 { font-size: 14pt; margin: 14pt 0 6pt; border-bottom: 1.5pt solid #345; }
        h3 { font-size: 12pt; margin: 12pt 0 4pt; }
        ul.meta { padding-left: 14pt; color: #333; }
        table { border-collapse: collapse; margin: 4pt 0 10pt; break-inside: avoid; max-width: 100%; }
        caption { text-align: left; font-weight: bold; padding: 2pt 0; }
        th, td { border: 0.5pt solid #999; padding: 2pt 5pt; font-size: 9.5pt; }
        td:first-child { min-width: 32mm; }
        th { background: #e8edf2; font-weight: 600; font-size: 9pt; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        td.met { background: #d7f0d7; white-space: nowrap; }
        td.notmet { background: #f8d4d4; font-weight: bold; white-space: nowrap; }
        p.notice { border-left: 3pt solid #c70; padding: 3pt 6pt; background: #fff4e0; }
        figure { margin: 4pt 0 10pt; break-inside: avoid; }
        figcaption { font-weight: bold; padding-bottom: 2pt; }
        svg text { font-family: inherit; font-size: 9pt; fill: #1a1a1a; }
        svg { overflow: visible; }
        p.note { font-size: 9pt; color: #444; margin: 2pt 0; }
        section { break-inside: auto; }
        section.chapter { break-before: page; }
        h2, h3 { break-after: avoid; }
        @media screen { body { padding: 12pt; } }
        @media print { body { max-width: none; margin: 0; } }
        </style>
        </head>
        <body>
        \(body)</body>
        </html>

        """
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    static func tableHTML(_ table: ReportDocument.Table, _ t: ReportTexts) -> String {
        var html = "<table>\n<caption>\(escape(table.caption))</caption>\n<thead><tr>"
        for column in table.columns { html += "<th>\(escape(column))</th>" }
        html += "</tr></thead>\n<tbody>\n"
        for row in table.rows {
            html += "<tr>"
            for cell in row {
                var classes: [String] = []
                if cell.isNumeric { classes.append("num") }
                if case .status(let met?) = cell { classes.append(met ? "met" : "notmet") }
                let attribute = classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\""
                html += "<td\(attribute)>\(escape(cell.text(t)))</td>"
            }
            html += "</tr>\n"
        }
        html += "</tbody>\n</table>\n"
        if let footnote = table.footnote { html += "<p class=\"note\">\(escape(footnote))</p>\n" }
        return html
    }

    static let palette = ["#c0392b", "#e67e22", "#f1c40f", "#27ae60", "#2980b9", "#8e44ad"]

    /// Room for labels of this many characters at 9 pt (DejaVu Sans needs about 7.4 px a Cyrillic character), within limits.
    static func labelWidth(_ labels: [String]) -> Double {
        min(320, max(120, Double(labels.map { min($0.count, 40) }.max() ?? 0) * 7.6 + 14))
    }

    static func barChart(_ chart: ReportDocument.BarChart, _ t: ReportTexts) -> String {
        let labelWidth = labelWidth(chart.bars.map(\.label)), rowHeight = 20.0
        let barWidth = 680 - labelWidth - 110
        let height = Double(chart.bars.count) * rowHeight + 6
        var svg = "<figure>\n<figcaption>\(escape(chart.caption))</figcaption>\n"
        svg += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"680\" height=\"\(Int(height))\" viewBox=\"0 0 680 \(Int(height))\" role=\"img\" aria-label=\"\(escape(chart.caption))\">\n"
        for (index, bar) in chart.bars.enumerated() {
            let y = Double(index) * rowHeight + 3
            let fraction = chart.total > 0 ? Double(bar.value) / Double(chart.total) : 0
            let width = max(fraction * barWidth, bar.value > 0 ? 1 : 0)
            svg += "<text x=\"\(Int(labelWidth - 6))\" y=\"\(format(y + 13))\" text-anchor=\"end\">\(escape(shorten(bar.label, 40)))</text>\n"
            svg += "<rect x=\"\(Int(labelWidth))\" y=\"\(format(y + 2))\" width=\"\(format(width))\" height=\"\(format(rowHeight - 6))\" fill=\"#2f6f9f\"/>\n"
            svg += "<text x=\"\(format(labelWidth + width + 5))\" y=\"\(format(y + 13))\">\(bar.value) (\(t.percent(fraction * 100)) %)</text>\n"
        }
        return svg + "</svg>\n</figure>\n"
    }

    static func stackedChart(_ chart: ReportDocument.StackedBarChart) -> String {
        let labelWidth = labelWidth(chart.rows.map(\.label)), rowHeight = 20.0
        let barWidth = 680 - labelWidth - 20
        var legendRows = 1.0, probe = 0.0
        for label in chart.segmentLabels {
            let step = 24 + Double(min(label.count, 30)) * 7.6
            if probe > 0 && probe + step > 680 { legendRows += 1; probe = 0 }
            probe += step
        }
        let height = Double(chart.rows.count) * rowHeight + legendRows * 16 + 12
        var svg = "<figure>\n<figcaption>\(escape(chart.caption))</figcaption>\n"
        svg += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"680\" height=\"\(Int(height))\" viewBox=\"0 0 680 \(Int(height))\" role=\"img\" aria-label=\"\(escape(chart.caption))\">\n"
        let colours = colourScale(chart.segmentLabels.count)
        for (index, row) in chart.rows.enumerated() {
            let y = Double(index) * rowHeight + 3
            let total = row.values.reduce(0, +)
            svg += "<text x=\"\(Int(labelWidth - 6))\" y=\"\(format(y + 13))\" text-anchor=\"end\">\(escape(shorten(row.label, 40)))</text>\n"
            var x = labelWidth
            for (segment, value) in row.values.enumerated() where value > 0 && total > 0 {
                let width = Double(value) / Double(total) * barWidth
                svg += "<rect x=\"\(format(x))\" y=\"\(format(y + 2))\" width=\"\(format(width))\" height=\"\(format(rowHeight - 6))\" fill=\"\(colours[segment])\"><title>\(escape(chart.segmentLabels[segment])): \(value)</title></rect>\n"
                if width >= 16 {
                    let ink = ["#f1c40f", "#e67e22", "#27ae60"].contains(colours[segment]) ? "#1a1a1a" : "#fff"
                    svg += "<text x=\"\(format(x + width / 2))\" y=\"\(format(y + 13))\" text-anchor=\"middle\" style=\"fill:\(ink)\">\(value)</text>\n"
                }
                x += width
            }
        }
        var legendX = 0.0
        var legendY = Double(chart.rows.count) * rowHeight + 8
        for (index, label) in chart.segmentLabels.enumerated() {
            let step = 24 + Double(min(label.count, 30)) * 7.6
            if legendX > 0 && legendX + step > 680 {
                legendX = 0
                legendY += 16
            }
            svg += "<rect x=\"\(format(legendX))\" y=\"\(format(legendY))\" width=\"10\" height=\"10\" fill=\"\(colours[index])\"/>\n"
            svg += "<text x=\"\(format(legendX + 14))\" y=\"\(format(legendY + 9))\">\(escape(shorten(label, 30)))</text>\n"
            legendX += step
        }
        return svg + "</svg>\n</figure>\n"
    }

    /// Colours from low to high: red through green, or the palette's first ones.
    static func colourScale(_ count: Int) -> [String] {
        switch count {
        case 0: return []
        case 1: return ["#2f6f9f"]
        case 2: return ["#e67e22", "#27ae60"]
        case 3: return ["#c0392b", "#f1c40f", "#27ae60"]
        default: return (0..<count).map { palette[$0 % palette.count] }
        }
    }

    static func shorten(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }

    static func format(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
