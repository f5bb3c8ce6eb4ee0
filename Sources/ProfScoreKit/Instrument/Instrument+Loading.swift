import Foundation

extension Instrument {
    /// Loads and checks an instrument file.
    /// - Parameter path: the file's path.
    /// - Returns: the instrument, checked completely, its test vectors passed.
    /// - Throws: ``ProfScoreError/invalidInstrument(file:diagnostics:)`` listing
    ///   every problem, or ``ProfScoreError/io(path:reason:)``.
    public static func load(contentsOf path: String) throws(ProfScoreError) -> Instrument {
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
            let sorted = decoder.diagnostics.enumerated().sorted {
                ($0.element.line ?? 0, $0.element.column ?? 0, $0.offset) < ($1.element.line ?? 0, $1.element.column ?? 0, $1.offset)
            }.map(\.element)
            return .failure(.invalidInstrument(file: file, diagnostics: sorted))
        }
        return .success(instrument)
    }
}
