import Foundation
import Testing

/// `profscore key new FILE` makes a key only on purpose, and `score
/// --pseudonymize` never invites making one when the school's key is not found.
@Suite struct KeyCommandTests {
    static let sheet = PrivacyTests.sheet()

    @Test func keyNewMakesAPrivateKeyThatGivesStableCodes() throws {
        let workspace = try Workspace()
        try workspace.write("7a.csv", text: Self.sheet)
        let made = try workspace.run(["key", "new", "school.key", "--lang", "en"])
        #expect(made.status == 0, "\(made)")
        #expect(made.stdoutBytes.isEmpty, "the key is not printed")
        #expect(made.stderr.contains(workspace.path("school.key")), "says where the key is: \(made)")
        for words in ["secret", "copy", "same key every year"] {
            #expect(made.stderr.contains(words), "\(made)")
        }
        let attributes = try FileManager.default.attributesOfItem(atPath: workspace.path("school.key"))
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(try workspace.listing() == ["7a.csv", "school.key"], "no temporary file left")

        // One line: 32 random bytes in base64 (44 characters with the padding).
        let text = String(decoding: try #require(workspace.contents("school.key")), as: UTF8.self)
        #expect(text.hasSuffix("\n") && text.filter { $0 == "\n" }.count == 1, "\(text)")
        let decoded = try #require(Data(base64Encoded: String(text.dropLast())))
        #expect(decoded.count == 32)

        let arguments = ["score", "--instrument", "klimov-ddo", "7a.csv", "--pseudonymize", "school.key", "--keep-columns", "вариант", "--lang", "en"]
        let first = try workspace.run(arguments)
        let second = try workspace.run(arguments)
        #expect(first.status == 0 && second.status == 0, "\(first)\n\(second)")
        let codes = PrivacyTests.codes(first.csv())
        #expect(codes.count == 3)
        #expect(codes.values.allSatisfy { $0[0].wholeMatch(of: /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/) != nil }, "\(codes)")
        #expect(PrivacyTests.codes(second.csv()) == codes, "the same key, the same codes")

        // Another key made the same way is another key: other codes.
        #expect(try workspace.run(["key", "new", "other.key"]).status == 0)
        #expect(workspace.contents("other.key") != workspace.contents("school.key"))
        let other = try workspace.run(["score", "--instrument", "klimov-ddo", "7a.csv", "--pseudonymize", "other.key", "--keep-columns", "вариант", "--lang", "en"])
        let otherCodes = PrivacyTests.codes(other.csv())
        for variant in codes.keys { #expect(otherCodes[variant]?.first != codes[variant]?.first) }
    }

    @Test func keyNewNeverOverwritesAFile() throws {
        let workspace = try Workspace()
        let old = "the-school-key-of-many-years-0123456789\n"
        try workspace.write("school.key", text: old)
        for language in ["en", "ru"] {
            let run = try workspace.run(["key", "new", "school.key", "--lang", language])
            #expect(run.status == 64, "\(run)")
            #expect(run.stderr.contains(language == "en" ? "school.key: error: the file exists already" : "school.key: ошибка: файл уже существует"), "\(run)")
        }
        #expect(workspace.contents("school.key") == Array(old.utf8), "the key is unchanged")
        // A symbolic link, even one to nothing, is not written through.
        #expect(symlink("missing.key", workspace.path("link.key")) == 0)
        let link = try workspace.run(["key", "new", "link.key", "--lang", "en"])
        #expect(link.status == 64, "\(link)")
        #expect(try workspace.listing() == ["link.key", "school.key"], "nothing made")
    }

    @Test(arguments: [["key"], ["key", "new"], ["key", "old", "a.key"], ["key", "new", "a.key", "b.key"], ["key", "new", "-"]])
    func keyNeedsNewAndOneFile(_ arguments: [String]) throws {
        let workspace = try Workspace()
        let run = try workspace.run(arguments + ["--lang", "en"])
        #expect(run.status == 64, "\(run)")
        #expect(run.stdoutBytes.isEmpty)
        #expect(try workspace.listing().isEmpty)
    }

    @Test func helpKeyIsTheKeyCommandsHelp() throws {
        let workspace = try Workspace()
        let help = try workspace.run(["help", "key", "--lang", "en"])
        let own = try workspace.run(["key", "--help", "--lang", "en"])
        #expect(help.status == 0 && help.stdout == own.stdout && help.stdout.hasPrefix("USAGE: profscore key new FILE"), "\(help)")
        let main = try workspace.run(["--help", "--lang", "en"])
        #expect(main.stdout.contains("\n  key "), "\(main)")
    }

    /// A mistyped key path: refused before any output, with no invitation to
    /// make a key on the spot — a new key would not match earlier years' codes.
    @Test(arguments: ["en", "ru"])
    func aMissingKeyIsRefusedAndOnlyKeyNewMakesOne(_ language: String) throws {
        let workspace = try Workspace()
        try workspace.write("7a.csv", text: Self.sheet)
        let run = try workspace.run(["score", "--instrument", "klimov-ddo", "7a.csv", "--pseudonymize", "shcool.key",
                                     "--output", "out.csv", "--lang", language])
        #expect(run.status == 1, "\(run)")
        #expect(run.stdoutBytes.isEmpty)
        #expect(try workspace.listing() == ["7a.csv"], "no output and no key made")
        let expected = language == "en"
            ? ["shcool.key: error: the key file does not exist", "the school's existing key", "only with the same key",
               "check the path", "profscore key new FILE", "will not match any earlier year's"]
            : ["shcool.key: ошибка: файл ключа не найден", "уже имеющийся ключ школы", "только при том же ключе",
               "проверьте путь", "profscore key new ФАЙЛ", "не совпадут с кодами прошлых лет"]
        for words in expected { #expect(run.stderr.contains(words), "\(run)") }
        #expect(!run.stderr.contains("head -c") && !run.stderr.contains("urandom"), "\(run)")
    }

    @Test func aShortKeyPointsToKeyNewNotToAShellRecipe() throws {
        let workspace = try Workspace()
        try workspace.write("7a.csv", text: Self.sheet)
        try workspace.write("short.key", text: "secret\n")
        let run = try workspace.run(["score", "--instrument", "klimov-ddo", "7a.csv", "--pseudonymize", "short.key", "--lang", "en"])
        #expect(run.status == 64, "\(run)")
        #expect(run.stderr.contains("profscore key new FILE") && !run.stderr.contains("head -c"), "\(run)")
    }
}
