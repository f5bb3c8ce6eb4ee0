extension Norms {
    /// The norms as the value of an instrument file's `norms` key (see
    /// `docs/instrument-format.md`), one table row per line.
    /// - Parameters:
    ///   - scales: the instrument's scales (tables are keyed by their ids).
    ///   - indent: one level of indentation; `level`: the level of the `norms` key.
    ///   - newline: the line end of the file.
    func jsonText(scales: [Scale], indent: String = "  ", level: Int = 1, newline: String = "\n") -> String {
        func pad(_ depth: Int) -> String { String(repeating: indent, count: level + depth) }
        func string(_ text: String) -> String {
            var bytes: [UInt8] = []
            JSONText.appendString(text, to: &bytes)
            return String(decoding: bytes, as: UTF8.self)
        }
        func text(_ value: LocalizedText) -> String {
            "{" + newline + pad(2) + "\"ru\": " + string(value.ru) + "," + newline
                + pad(2) + "\"en\": " + string(value.en) + newline + pad(1) + "}"
        }
        var lines: [String] = ["{"]
        lines.append(pad(1) + "\"method\": " + string(method.rawValue) + ",")
        lines.append(pad(1) + "\"sample\": " + text(sample) + ",")
        if let notes { lines.append(pad(1) + "\"notes\": " + text(notes) + ",") }
        lines.append(pad(1) + "\"minimumN\": \(minimumN),")
        lines.append(pad(1) + "\"groupBy\": [" + groupBy.map { string($0.rawValue) }.joined(separator: ", ") + "],")
        if !sexCodes.isEmpty {
            let codes = sexCodes.sorted { $0.key < $1.key }.map { string($0.key) + ": " + string($0.value.rawValue) }
            lines.append(pad(1) + "\"sexCodes\": {" + codes.joined(separator: ", ") + "},")
        }
        lines.append(pad(1) + "\"groups\": [")
        for (groupIndex, group) in groups.enumerated() {
            lines.append(pad(2) + "{")
            if groupBy.contains(.grade), let grade = group.values.grade { lines.append(pad(3) + "\"grade\": \(grade),") }
            if groupBy.contains(.sex), let sex = group.values.sex { lines.append(pad(3) + "\"sex\": " + string(sex.rawValue) + ",") }
            lines.append(pad(3) + "\"n\": \(group.n),")
            lines.append(pad(3) + "\"scales\": {")
            let tables = group.tables.enumerated().compactMap { index, table in table.map { (scales[index].id, $0) } }
            for (tableIndex, (id, table)) in tables.enumerated() {
                lines.append(pad(4) + string(id) + ": [")
                for (rowIndex, row) in table.rows.enumerated() {
                    lines.append(pad(5) + "{\"raw\": \(ScoreFormatting.plain(row.raw)), \"pr\": \(ScoreFormatting.plain(row.percentile)), \"sten\": \(row.sten), \"t\": \(row.t)}"
                                 + (rowIndex < table.rows.count - 1 ? "," : ""))
                }
                lines.append(pad(4) + "]" + (tableIndex < tables.count - 1 ? "," : ""))
            }
            lines.append(pad(3) + "}")
            lines.append(pad(2) + "}" + (groupIndex < groups.count - 1 ? "," : ""))
        }
        lines.append(pad(1) + "]")
        lines.append(pad(0) + "}")
        return lines.joined(separator: newline)
    }
}

extension Instrument {
    /// A new instrument file: an instrument file with these norms, every
    /// other byte of it kept as it was. The `norms` key's value is replaced
    /// when the file has one; otherwise `norms` is added as the last key.
    /// - Parameters:
    ///   - name: a bundled instrument id or an instrument file, as ``named(_:)`` takes it.
    ///   - norms: the norms, such as ``NormBuilder`` makes them for this instrument.
    /// - Returns: the new file's bytes, checked by loading them.
    /// - Throws: what ``named(_:)`` throws; ``ProfScoreError/invalidInstrument(file:diagnostics:)``
    ///   if the new file does not load (norms made for another instrument).
    public static func json(named name: String, with norms: Norms) throws(ProfScoreError) -> [UInt8] {
        let (file, bytes) = try sourceJSON(named: name)
        return try json(bytes, file: file, with: norms)
    }

    /// The bytes of an instrument file with these norms; see ``json(named:with:)``.
    /// - Parameters:
    ///   - bytes: the instrument file's bytes.
    ///   - file: its name in diagnostics.
    ///   - norms: the norms to write into it.
    public static func json(_ bytes: [UInt8], file: String, with norms: Norms) throws(ProfScoreError) -> [UInt8] {
        let instrument = try load(json: bytes, file: file)
        guard let root = try? JSONParser.parse(bytes), case .object(let members) = root.value,
              let close = bytes.lastIndex(of: UInt8(ascii: "}")), let first = members.first else {
            throw .invalidInstrument(file: file, diagnostics: [])
        }
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        /// The end of the value that ends before `limit` (skipping white space and, if `comma`, one comma).
        func valueEnd(before limit: Int, comma: Bool) -> Int {
            var end = limit
            while end > 0 && isSpace(bytes[end - 1]) { end -= 1 }
            if comma && end > 0 && bytes[end - 1] == UInt8(ascii: ",") {
                end -= 1
                while end > 0 && isSpace(bytes[end - 1]) { end -= 1 }
            }
            return end
        }
        let prefix = bytes[first.keyPosition.lineStart..<first.keyPosition.offset]
        let indent = !prefix.isEmpty && prefix.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) ? String(decoding: prefix, as: UTF8.self) : "  "
        let newline = bytes.contains(0x0D) && bytes.firstIndex(of: 0x0A).map({ $0 > 0 && bytes[$0 - 1] == 0x0D }) == true ? "\r\n" : "\n"
        let value = Array(norms.jsonText(scales: instrument.scales, indent: indent, level: 1, newline: newline).utf8)
        var result: [UInt8]
        if let index = members.firstIndex(where: { $0.key == "norms" }) {
            let start = members[index].keyPosition.offset
            let end = index + 1 < members.count
                ? valueEnd(before: members[index + 1].keyPosition.offset, comma: true)
                : valueEnd(before: close, comma: false)
            result = Array(bytes[..<start]) + Array("\"norms\": ".utf8) + value + Array(bytes[end...])
        } else {
            let end = valueEnd(before: close, comma: false)
            result = Array(bytes[..<end]) + Array(("," + newline + indent + "\"norms\": ").utf8) + value + Array(bytes[end...])
        }
        _ = try load(json: result, file: file)
        return result
    }
}
