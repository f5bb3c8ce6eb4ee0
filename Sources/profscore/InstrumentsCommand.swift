import ProfScoreKit

/// `profscore instruments`: lists the bundled instruments.
enum InstrumentsCommand {
    static let spec = CommandSpec(
        name: "instruments",
        summary: Message(en: "List the bundled instruments.", ru: "Перечислить встроенные инструменты."),
        usage: Message(en: "[--lang ru|en]", ru: "[--lang ru|en]"),
        description: Message(
            en: """
            Lists the bundled instruments: id, number of items and scales, grades, title.
            Use an id with --instrument, or give the path of your own instrument file.
            """,
            ru: """
            Перечисляет встроенные инструменты: идентификатор, число пунктов и шкал, классы, название.
            Идентификатор передаётся в --instrument; можно указать и путь к своему файлу инструмента.
            """),
        options: [.lang(en: "Language of the titles", ru: "Язык названий")],
        exitCodes: nil)

    static func run(_ arguments: Arguments, terminal: Terminal) -> ExitCode {
        guard arguments.operands.isEmpty else {
            terminal.message(en: "instruments takes no files", ru: "instruments не принимает файлов")
            return .usage
        }
        var lines: [[String]] = [[terminal.language == .russian ? "id" : "id",
                                  terminal.language == .russian ? "пункты" : "items",
                                  terminal.language == .russian ? "шкалы" : "scales",
                                  terminal.language == .russian ? "классы" : "grades",
                                  terminal.language == .russian ? "название" : "title"]]
        for id in BundledInstruments.ids {
            do {
                let instrument = try Instrument.bundled(id)
                let grades = instrument.grades.map { "\($0.lowerBound)–\($0.upperBound)" } ?? ""
                lines.append([id, String(instrument.items.count), String(instrument.scales.count), grades,
                              instrument.title.text(in: terminal.language)])
            } catch {
                terminal.error(error.rendered(in: terminal.language))
                return .failure
            }
        }
        Terminal.output(Table.render(lines, rightAligned: [1, 2]))
        return .success
    }
}

/// Aligns rows of cells into columns.
enum Table {
    static func render(_ rows: [[String]], rightAligned: Set<Int> = []) -> String {
        var widths: [Int] = []
        for row in rows {
            for (index, cell) in row.enumerated() {
                if index >= widths.count { widths.append(0) }
                widths[index] = max(widths[index], cell.count)
            }
        }
        return rows.map { row in
            row.enumerated().map { index, cell in
                let padding = String(repeating: " ", count: widths[index] - cell.count)
                return rightAligned.contains(index) ? padding + cell : (index == row.count - 1 ? cell : cell + padding)
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}
