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

    @Test func personalColumnsAreTheIdAndNameLikeHeaders() {
        let columns = ["id", "ФИО", "класс", "Фамилия", "Имя", "Отчество", "школа", "Student name", "e-mail", "Телефон родителя", "пол", "Дата рождения"]
        #expect(Pseudonymizer.personalColumns(of: columns) == [0, 1, 3, 4, 5, 7, 8, 9, 11])
        #expect(Pseudonymizer.personalColumns(of: ["класс", "ФИО"]) == [0, 1])
    }
}
