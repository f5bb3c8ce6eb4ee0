extension Summary {
    /// The report in a format, as bytes ready to write.
    /// - Parameters:
    ///   - format: the output format; `json` is the mergeable summary itself.
    ///   - language: the language of the texts.
    ///   - excel: for CSV, what Russian Excel opens directly.
    public func rendered(as format: ReportFormat, language: Language, excel: Bool = false) -> [UInt8] {
        switch format {
        case .json: return Array(jsonData()) + [0x0A]
        case .md: return Array(MarkdownRenderer.render(ReportDocument(summary: self, language: language)).utf8)
        case .table: return Array(TerminalRenderer.render(ReportDocument(summary: self, language: language)).utf8)
        case .csv: return CSVReportRenderer.render(ReportDocument(summary: self, language: language), excel: excel)
        case .html: return Array(HTMLRenderer.render(ReportDocument(summary: self, language: language)).utf8)
        }
    }
}
