import Testing
@testable import ProfScoreKit

/// Keyed pseudonyms: the documented construction, computed independently
/// (Python's hmac and base64 modules) for the expected codes below.
@Suite struct PseudonymizerTests {
    static let key = Array("0123456789abcdef-test-key".utf8)

    @Test func codesFollowTheDocumentedConstruction() throws {
        let pseudonymizer = try #require(Pseudonymizer(key: Self.key))
        // HMAC-SHA-256(key, "profscore-pseudonym-v1\0s1"), first 10 bytes in Crockford base32.
        #expect(pseudonymizer.code(for: "S1") == "R1CZ-M3EB-JHRJ-3MSC")
        // "иванов иван" after normalisation: Cyrillic а and о become Latin a and o.
        #expect(pseudonymizer.code(for: "Иванов  Иван ") == "G36A-1N09-3V53-WCGS")
        #expect(pseudonymizer.code(for: "иванов иван") == "G36A-1N09-3V53-WCGS")
        #expect(pseudonymizer.code(for: "") == "")
        #expect(pseudonymizer.code(for: "  ") == "")
    }

    @Test func anotherKeyGivesOtherCodes() throws {
        let a = try #require(Pseudonymizer(key: Self.key))
        let b = try #require(Pseudonymizer(key: Self.key + [0x21]))
        #expect(a.code(for: "S1") != b.code(for: "S1"))
        #expect(a.code(for: "S1") != a.code(for: "S2"))
    }

    @Test func keyFileLineEndDoesNotChangeTheKeyAndShortKeysAreRefused() throws {
        let plain = try #require(Pseudonymizer(key: Self.key))
        let withNewline = try #require(Pseudonymizer(key: Self.key + [0x0D, 0x0A]))
        #expect(plain.code(for: "7А-01") == withNewline.code(for: "7А-01"))
        #expect(Pseudonymizer(key: Array("fifteen bytes!!".utf8)) == nil)
        #expect(Pseudonymizer(key: Array("fifteen bytes!!\n\n".utf8)) == nil)
        #expect(Pseudonymizer(key: Array("sixteen bytes!!!".utf8)) != nil)
    }

    /// A respondent column header and what pseudonymisation must do with it
    /// (the header is the second column; the first is always the id).
    struct ColumnCase: Sendable, CustomTestStringConvertible {
        var header: String
        var expected: Pseudonymizer.ColumnTreatment
        var testDescription: String { "«\(header)» → \(expected)" }
    }

    static let columnCases: [ColumnCase] = [
        // Names and contacts, as schools head them: coded.
        ColumnCase(header: "ФИО", expected: .nameCode),
        ColumnCase(header: "Ф.И.О.", expected: .nameCode),
        ColumnCase(header: "ф. и. о.", expected: .nameCode),
        ColumnCase(header: "Обучающийся", expected: .nameCode),
        ColumnCase(header: "Учащийся", expected: .nameCode),
        ColumnCase(header: "Фамилия", expected: .nameCode),
        ColumnCase(header: "Имя", expected: .nameCode),
        ColumnCase(header: "Отчество", expected: .nameCode),
        ColumnCase(header: "Тел.", expected: .nameCode),
        ColumnCase(header: "Телефон родителя", expected: .nameCode),
        ColumnCase(header: "E-mail", expected: .nameCode),
        ColumnCase(header: "Эл. почта", expected: .nameCode),
        ColumnCase(header: "Student name", expected: .nameCode),
        ColumnCase(header: "Дата рождения", expected: .nameCode),
        // Needed by norms and group reports, identify no child alone: kept.
        ColumnCase(header: "Класс", expected: .kept),
        ColumnCase(header: "Параллель", expected: .kept),
        ColumnCase(header: "Школа", expected: .kept),
        ColumnCase(header: "Пол", expected: .kept),
        ColumnCase(header: "пол ученика", expected: .kept),
        ColumnCase(header: "grade", expected: .kept),
        ColumnCase(header: "class", expected: .kept),
        // Health data and anything not known: emptied.
        ColumnCase(header: "ОВЗ", expected: .emptied),
        ColumnCase(header: "Обучающийся с ОВЗ", expected: .emptied),
        ColumnCase(header: "ОВЗ обучающегося", expected: .emptied),
        ColumnCase(header: "Инвалидность ученика", expected: .emptied),
        ColumnCase(header: "Примечание", expected: .emptied),
        ColumnCase(header: "вариант", expected: .emptied),
        ColumnCase(header: "Класс (буква)", expected: .emptied),
        ColumnCase(header: "", expected: .emptied),
    ]

    @Test(arguments: columnCases)
    func columnsAreClassifiedPositively(_ column: ColumnCase) {
        #expect(Pseudonymizer.classify(columns: ["id", column.header]) == [.idCode, column.expected])
    }

    @Test func theFirstColumnIsTheIdWhateverItsName() {
        #expect(Pseudonymizer.classify(columns: ["класс", "ФИО"]) == [.idCode, .nameCode])
        #expect(Pseudonymizer.classify(columns: ["Примечание"]) == [.idCode])
    }

    @Test func columnsNamedToKeepAreKeptIgnoringCase() {
        let columns = ["id", "ФИО", "Примечание", "ОВЗ", "Класс"]
        #expect(Pseudonymizer.classify(columns: columns, keeping: ["примечание", "ОВЗ"]) == [.idCode, .nameCode, .keptOnRequest, .keptOnRequest, .kept])
        #expect(Pseudonymizer.classify(columns: columns, keeping: ["ID"]) == [.keptOnRequest, .nameCode, .emptied, .emptied, .kept])
        #expect(Pseudonymizer.unmatched(["примечание", "Заметки", "ФИО", "фио (2)"], in: columns) == ["Заметки", "фио (2)"])
    }

    @Test func applyCodesEmptiesAndKeeps() throws {
        let pseudonymizer = try #require(Pseudonymizer(key: Self.key))
        let treatments: [Pseudonymizer.ColumnTreatment] = [.idCode, .nameCode, .kept, .keptOnRequest, .emptied, .nameCode]
        var row = ["S1", "Иванов  Иван ", "7А", "живёт у бабушки", "да", ""]
        pseudonymizer.apply(treatments, to: &row)
        // Codes computed independently (see codesFollowTheDocumentedConstruction).
        #expect(row == ["R1CZ-M3EB-JHRJ-3MSC", "G36A-1N09-3V53-WCGS", "7А", "живёт у бабушки", "", ""])
    }

    @Test func summaryNamesTheColumnsNeverValues() {
        let columns = ["id", "Ф.И.О.", "Класс", "Примечание", "ОВЗ"]
        let treatments = Pseudonymizer.classify(columns: columns, keeping: ["Примечание"])
        let summary = Pseudonymizer.summary(columns: columns, treatments: treatments)
        #expect(summary.english == "--pseudonymize: kept in clear: Класс, Примечание (--keep-columns); replaced by keyed codes: id, Ф.И.О.; emptied: ОВЗ")
        #expect(summary.russian == "--pseudonymize: оставлены как есть: Класс, Примечание (--keep-columns); заменены кодами: id, Ф.И.О.; очищены: ОВЗ")
        let nothingKept = Pseudonymizer.summary(columns: ["id"], treatments: Pseudonymizer.classify(columns: ["id"]))
        #expect(nothingKept.english == "--pseudonymize: kept in clear: none; replaced by keyed codes: id; emptied: none")
        #expect(nothingKept.russian == "--pseudonymize: оставлены как есть: нет; заменены кодами: id; очищены: нет")
    }
}
