extension NormBuildResult {
    /// What `profscore norms` prints: every group found with its size and
    /// whether it was normed, then for each normed group the raw scores that
    /// give each sten, per scale.
    /// - Parameters:
    ///   - instrument: the instrument normed.
    ///   - language: the language of the headings.
    public func rendered(instrument: Instrument, language: Language) -> String {
        let t = ReportTexts(language: language)
        var out: [String] = []
        let by = groupBy
        out.append(t("Norms of ", "Нормы ") + "\(instrument.id) \(instrument.version): "
                   + (by.isEmpty ? t("one group of everybody", "одна группа на всех")
                      : t("groups by ", "группы по ") + (language == .russian ? NormMatchTally.russian(by, genitive: false) : by.map(\.rawValue).joined(separator: " and "))))
        out.append(t("PR = (below + ½ equal) ÷ n × 100; z = Φ⁻¹(PR/100); sten = round(2z + 5.5), 1…10; T = round(10z + 50)",
                     "PR = (ниже + ½ равных) ÷ n × 100; z = Φ⁻¹(PR/100); стен = round(2z + 5,5), 1…10; T = round(10z + 50)"))
        out.append("")
        out += Self.aligned([[t("norm group", "нормативная группа"), "n", t("normed", "нормы")]] + groups.map { group in
            [group.values.label, "\(group.n)",
             group.accepted ? t("yes", "да") : t("no: n < ", "нет: n < ") + "\(minimumN)"]
        }, rightAligned: [1])
        guard let norms else { return out.joined(separator: "\n") + "\n" }
        let normed = instrument.scales.indices.filter { index in norms.groups.contains { $0.tables[index] != nil } }
        for group in norms.groups {
            out.append("")
            out.append("\(group.values.label) — n = \(group.n): " + t("raw scores per sten", "сырые баллы по стенам"))
            var rows: [[String]] = [[t("sten", "стен")] + normed.map { instrument.scales[$0].id }]
            for sten in 1...10 {
                rows.append(["\(sten)"] + normed.map { group.rawScores(sten: sten, scale: $0) })
            }
            out += Self.aligned(rows, rightAligned: [])
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// Rows as aligned text with a rule under the first.
    static func aligned(_ rows: [[String]], rightAligned: Set<Int>) -> [String] {
        var widths = [Int](repeating: 0, count: rows.first?.count ?? 0)
        for row in rows { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
        var lines: [String] = []
        for (rowIndex, row) in rows.enumerated() {
            let line = row.enumerated().map { index, cell in
                let padding = String(repeating: " ", count: widths[index] - cell.count)
                return rightAligned.contains(index) ? padding + cell : cell + padding
            }.joined(separator: "  ")
            lines.append(line.trimmingTrailingSpaces())
            if rowIndex == 0 { lines.append(widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")) }
        }
        return lines
    }
}
