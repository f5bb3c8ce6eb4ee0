import Foundation

extension Instrument {
    /// Loads and checks an instrument file.
    /// - Parameter path: the file's path.
    /// - Returns: the instrument, checked completely, its test vectors passed.
    /// - Throws: ``ProfScoreError/invalidInstrument(file:diagnostics:)`` listing
    ///   every problem, or ``ProfScoreError/io(path:reason:)``.
    public static func load(contentsOf path: String) throws(ProfScoreError) -> Instrument {
        try checkFileSize(path)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .io(path: path, reason: FileManager.default.fileExists(atPath: path) ? "cannot be read" : "no such file")
        }
        return try load(json: [UInt8](data), file: path)
    }

    /// Loads and checks an instrument from the bytes of its JSON file.
    /// - Parameters:
    ///   - json: the file's bytes (UTF-8).
    ///   - file: the name used in diagnostics.
    /// - Throws: ``ProfScoreError/invalidInstrument(file:diagnostics:)`` listing every problem.
    public static func load(json: [UInt8], file: String) throws(ProfScoreError) -> Instrument {
        try check(json: json, file: file).get()
    }

    /// Checks an instrument file and returns the instrument or every problem.
    ///
    /// Use this to show all diagnostics (`profscore validate`).
    static func check(json: [UInt8], file: String) -> Result<Instrument, ProfScoreError> {
        if let problem = problem(in: json, file: file) {
            return .failure(.invalidInstrument(file: file, diagnostics: [problem]))
        }
        let root: JSONNode
        do {
            root = try JSONParser.parse(json)
        } catch {
            return .failure(.invalidInstrument(file: file, diagnostics: [
                Diagnostic(.error, file: file, line: error.line, column: error.column, path: nil, error.message),
            ]))
        }
        var decoder = InstrumentDecoder(file: file, bytes: json)
        let instrument = decoder.decodeInstrument(root)
        if let instrument, decoder.diagnostics.isEmpty {
            decoder.checkTestVectors(of: instrument)
        }
        guard let instrument, decoder.diagnostics.isEmpty else {
            decoder.locateColumns()
            let sorted = decoder.diagnostics.enumerated().sorted {
                ($0.element.line ?? 0, $0.element.column ?? 0, $0.offset) < ($1.element.line ?? 0, $1.element.column ?? 0, $1.offset)
            }.map(\.element)
            return .failure(.invalidInstrument(file: file, diagnostics: sorted))
        }
        return .success(instrument)
    }

    /// The largest instrument file read, in bytes. The bundled ones are a few
    /// hundred kilobytes at most.
    public static let maximumFileSize = 16 << 20
    /// The most items an instrument may have (the largest bundled one has 174).
    public static let maximumItemCount = 10_000
    /// The most scales an instrument may have.
    public static let maximumScaleCount = 1_000

    /// Refuses a file too large to be an instrument before reading it.
    /// - Throws: ``ProfScoreError/invalidInstrument(file:diagnostics:)`` when it is larger than ``maximumFileSize``.
    public static func checkFileSize(_ path: String) throws(ProfScoreError) {
        guard let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > maximumFileSize else { return }
        throw .invalidInstrument(file: path, diagnostics: [tooLarge(size, file: path)])
    }

    private static func tooLarge(_ size: Int, file: String) -> Diagnostic {
        let megabytes = ScoreFormatting.plain((Double(size) / 1_048_576 * 10).rounded() / 10)
        return Diagnostic(.error, file: file, line: 1, column: 1, Message(
            en: "the file is \(megabytes) MiB; an instrument file is at most \(maximumFileSize >> 20) MiB — is this the right file?",
            ru: "файл занимает \(megabytes) МиБ; файл инструмента — не больше \(maximumFileSize >> 20) МиБ — тот ли это файл?"))
    }

    /// What makes bytes unreadable as an instrument before parsing: too many
    /// of them, UTF-16, or NUL bytes (binary data).
    static func problem(in json: [UInt8], file: String) -> Diagnostic? {
        if json.count > maximumFileSize { return tooLarge(json.count, file: file) }
        if json.starts(with: [0xFF, 0xFE]) || json.starts(with: [0xFE, 0xFF]) || (json.count >= 2 && (json[0] == 0 || json[1] == 0)) {
            return Diagnostic(.error, file: file, line: 1, column: 1, Message(
                en: "the file is in UTF-16; an instrument file must be UTF-8 — save it as UTF-8 in your editor",
                ru: "файл в кодировке UTF-16; файл инструмента должен быть в UTF-8 — сохраните его в UTF-8 в редакторе"))
        }
        if let nul = json.firstIndex(of: 0) {
            let line = 1 + json[..<nul].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            let lineStart = json[..<nul].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
            let column = JSONNode.Position(line: line, lineStart: lineStart, offset: nul).column(in: json)
            return Diagnostic(.error, file: file, line: line, column: column, Message(
                en: "a NUL byte: this is binary data, not a JSON text; save the instrument as UTF-8 text",
                ru: "нулевой байт: это двоичные данные, а не текст JSON; сохраните инструмент как текст UTF-8"))
        }
        return nil
    }
}
