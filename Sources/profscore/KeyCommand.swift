import Foundation
import ProfScoreKit

/// `profscore key new FILE`: makes a school's pseudonymisation key, on purpose and once.
enum KeyCommand {
    static let spec = CommandSpec(
        name: "key",
        summary: Message(en: "Make a new secret key for score --pseudonymize (once per school).",
                         ru: "Создать новый секретный ключ для score --pseudonymize (один раз для школы)."),
        usage: Message(en: "new FILE [--lang ru|en]", ru: "new ФАЙЛ [--lang ru|en]"),
        description: Message(
            en: """
            key new FILE writes a new random key (32 bytes from the system's secure random
            source, base64, one line) to FILE, readable by its owner only (0600). FILE must
            not exist: a key file is never overwritten.

            The key decides the codes of score --pseudonymize: the same student gets the same
            code only with the same key. Make a key once, keep it secret and keep a copy, and
            use the same key every year; with a new key no code matches an earlier year's.
            See docs/privacy.md.
            """,
            ru: """
            key new ФАЙЛ записывает в ФАЙЛ новый случайный ключ (32 байта из надёжного
            источника случайности системы, base64, одна строка), доступный только владельцу
            (0600). ФАЙЛА ещё не должно быть: файл ключа никогда не перезаписывается.

            От ключа зависят коды score --pseudonymize: тот же ученик получает тот же код только
            с тем же ключом. Создайте ключ один раз, храните его в секрете и в запасной копии
            и пользуйтесь тем же ключом каждый год; с новым ключом ни один код не совпадёт
            с кодами прошлых лет. См. docs/privacy.md.
            """),
        options: [
            .lang(en: "Language of messages", ru: "Язык сообщений"),
        ],
        exitCodes: Message(
            en: "0 the key is written, 64 usage error or FILE exists already, 1 FILE cannot be made.",
            ru: "0 ключ записан, 64 ошибка в командной строке или ФАЙЛ уже существует, 1 ФАЙЛ не создаётся."))

    static func run(_ arguments: Arguments, terminal: Terminal) -> ExitCode {
        guard arguments.operands.count == 2, arguments.operands[0] == "new" else {
            terminal.message(en: "key needs: key new FILE — FILE being where the new key goes (a file that does not exist yet)",
                             ru: "для key нужно: key new ФАЙЛ — ФАЙЛ, куда записать новый ключ (файл, которого ещё нет)")
            return .usage
        }
        let path = arguments.operands[1]
        guard path != "-" else {
            terminal.message(en: "key new writes the key to a file, not to standard output; name a new file",
                             ru: "key new записывает ключ в файл, а не в стандартный вывод; укажите новый файл")
            return .usage
        }
        do {
            try Pseudonymizer.makeKeyFile(at: path)
        } catch {
            terminal.error(error.rendered(in: terminal.language))
            return .forFailure(error)
        }
        let shown = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        terminal.message(
            en: "a new key is written to \(shown) (readable by you only). Keep it secret, keep a copy in a safe place, and use this same key every year: codes of score --pseudonymize match earlier years' only with the same key.",
            ru: "новый ключ записан в \(shown) (доступен только вам). Храните его в секрете, держите копию в надёжном месте и пользуйтесь этим же ключом каждый год: коды score --pseudonymize совпадают с прошлогодними только при том же ключе.")
        return .success
    }
}
