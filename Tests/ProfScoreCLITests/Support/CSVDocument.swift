/// A CSV text read back for checking: quoted fields, doubled quotes, LF or
/// CRLF line ends. Deliberately separate from the library's reader, so the
/// tests do not read the program's output with the program's own code.
struct CSVDocument {
    var header: [String]
    var rows: [[String]]

    init(parsing text: String, delimiter: Character = ",") {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var characters = Array(text)
        if characters.first == "\u{FEFF}" { characters.removeFirst() }
        var index = 0
        while index < characters.count {
            let character = characters[index]
            index += 1
            if quoted {
                if character == "\"" {
                    if index < characters.count, characters[index] == "\"" {
                        field.append("\"")
                        index += 1
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"":
                quoted = true
            case delimiter:
                record.append(field)
                field = ""
            case "\n", "\r\n", "\r":
                // Swift reads CR LF as one Character.
                record.append(field)
                records.append(record)
                record = []
                field = ""
            default:
                field.append(character)
            }
        }
        if !field.isEmpty || !record.isEmpty {
            record.append(field)
            records.append(record)
        }
        header = records.first ?? []
        rows = Array(records.dropFirst())
    }

    /// The cells of the first row whose first cell is `id`, by column name.
    func record(id: String) -> [String: String]? {
        guard let row = rows.first(where: { $0.first == id }) else { return nil }
        return Dictionary(zip(header, row), uniquingKeysWith: { first, _ in first })
    }

    /// The cells of every row whose first cell is `id`, by column name.
    func records(id: String) -> [[String: String]] {
        rows.filter { $0.first == id }.map { Dictionary(zip(header, $0), uniquingKeysWith: { first, _ in first }) }
    }

    /// The first cell of every row.
    var ids: [String] { rows.map { $0.first ?? "" } }
}
