extension Summary {
    /// The report in a format, as bytes ready to write.
    /// - Parameters:
    ///   - format: the output format; `json` is the mergeable summary itself.
    ///   - language: the language of the texts.
    ///   - excel: for CSV, what Russian Excel opens directly.
    ///   - date: the day the report is made, said under the title (`nil`: not said).
    public func rendered(as format: ReportFormat, language: Language, excel: Bool = false, date: String? = nil) -> [UInt8] {
        let document = { ReportDocument(summary: self, language: language, date: date) }
        switch format {
        case .json: return Array(jsonData()) + [0x0A]
        case .md: return Array(MarkdownRenderer.render(document()).utf8)
        case .table: return Array(TerminalRenderer.render(document()).utf8)
        case .csv: return CSVReportRenderer.render(document(), excel: excel)
        case .html: return Array(HTMLRenderer.render(document()).utf8)
        }
    }
}
