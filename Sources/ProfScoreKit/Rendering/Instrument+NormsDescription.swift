extension Instrument {
    /// The norms in a description: method, sample, the groups with their n,
    /// and per group the raw scores that give each sten.
    func normsSection(_ norms: Norms, _ t: ReportTexts) -> ReportDocument.Section {
        let method = switch norms.method {
        case .normalized: t("normalised: PR = (below + ½ equal) ÷ n × 100, z = Φ⁻¹(PR/100), sten = round(2z + 5.5), T = round(10z + 50)",
                            "нормализованные: PR = (ниже + ½ равных) ÷ n × 100, z = Φ⁻¹(PR/100), стен = round(2z + 5,5), T = round(10z + 50)")
        case .linear: t("linear: z = (raw − mean) ÷ SD of the group", "линейные: z = (сырой балл − среднее) ÷ ст. откл. группы")
        case .other: t("other (see the notes)", "другой (см. примечания)")
        }
        var blocks: [ReportDocument.Block] = [
            .paragraph(t("Method: ", "Метод: ") + method + "."),
            .paragraph(t("Sample: ", "Выборка: ") + norms.sample.text(in: t.language)),
        ]
        if let notes = norms.notes { blocks.append(.note(notes.text(in: t.language))) }
        let normed = scales.indices.filter { index in norms.groups.contains { $0.tables[index] != nil } }
        blocks.append(.table(.init(
            caption: t("Norm groups (smallest allowed: \(norms.minimumN))", "Нормативные группы (наименьшая допустимая: \(norms.minimumN))"),
            columns: [t("Group", "Группа"), "n", t("Scales", "Шкалы")],
            rows: norms.groups.map { group in
                [.text(group.values.label), .integer(group.n),
                 .text(normed.filter { group.tables[$0] != nil }.map { scales[$0].id }.joined(separator: ", "))]
            })))
        for group in norms.groups {
            let rows: [[ReportDocument.Cell]] = (1...10).map { sten in
                [.integer(sten)] + normed.map { .text(group.rawScores(sten: sten, scale: $0)) }
            }
            blocks.append(.table(.init(caption: "\(group.values.label), n = \(group.n): " + t("raw scores per sten", "сырые баллы по стенам"),
                                       columns: [t("sten", "стен")] + normed.map { scales[$0].id }, rows: rows)))
        }
        return .init(title: t("Norms", "Нормы"), level: 1, blocks: blocks)
    }
}

extension Norms.Group {
    /// The raw scores of a scale that give a sten, as a range: `8–11`, `7`,
    /// or `—` when none does (stens never decrease as the raw score rises, so
    /// they are one run).
    func rawScores(sten: Int, scale: Int) -> String {
        let raws = (scale < tables.count ? tables[scale] : nil)?.rows.filter { $0.sten == sten }.map(\.raw) ?? []
        guard let low = raws.first, let high = raws.last else { return "—" }
        return low == high ? ScoreFormatting.plain(low) : ScoreFormatting.plain(low) + "–" + ScoreFormatting.plain(high)
    }
}
