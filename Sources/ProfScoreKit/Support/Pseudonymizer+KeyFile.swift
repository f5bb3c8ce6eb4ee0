import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Making a school's pseudonymisation key: on purpose, once, never over another.
extension Pseudonymizer {
    /// How many random bytes a new key has.
    public static let newKeyByteCount = 32

    /// A new random key as its file holds it: ``newKeyByteCount`` bytes from
    /// the system's secure random source (`SystemRandomNumberGenerator`),
    /// base64-encoded, without a line break.
    public static func newKeyText() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<newKeyByteCount).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString()
    }

    /// Writes a new key file (``newKeyText()`` and a line break) at `path`:
    /// readable and writable by its owner only (0600), created only if
    /// nothing has that name (not even a symbolic link), and whole or not at all.
    /// - Throws: ``ProfScoreError/conflictingFiles(_:)`` when `path` exists
    ///   (it is never overwritten); ``ProfScoreError/io(path:reason:)`` when
    ///   the file cannot be made.
    public static func makeKeyFile(at path: String) throws(ProfScoreError) {
        var existing = stat()
        if lstat(path, &existing) == 0 {
            throw .conflictingFiles(Message(
                en: "\(path): error: the file exists already, and a key file is never overwritten — if it is the school's key, keep using it; otherwise name a file that does not exist yet",
                ru: "\(path): ошибка: файл уже существует, а файл ключа никогда не перезаписывается — если это ключ школы, пользуйтесь им и дальше; иначе укажите файл, которого ещё нет"))
        }
        let sink = try OutputSink.newFile(path, mode: 0o600)
        sink.write(newKeyText() + "\n")
        try sink.commit()
    }
}
