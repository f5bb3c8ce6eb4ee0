/// The instruments that ship with ProfScore (the files in `Instruments/`,
/// embedded into the library by `scripts/embed-instruments.sh`).
public enum BundledInstruments {
    /// Ids of the bundled instruments, sorted.
    public static var ids: [String] { files.map(\.name).sorted() }

    /// The JSON text of a bundled instrument.
    static func json(_ id: String) -> String? {
        files.first { $0.name == id }?.json
    }
}

extension Instrument {
    /// Loads a bundled instrument.
    /// - Parameter id: its id, such as `klimov-ddo`.
    /// - Throws: ``ProfScoreError/unknownInstrument(_:available:)``, or
    ///   ``ProfScoreError/invalidInstrument(file:diagnostics:)`` if the bundled file is broken.
    public static func bundled(_ id: String) throws(ProfScoreError) -> Instrument {
        guard let json = BundledInstruments.json(id) else {
            throw .unknownInstrument(id, available: BundledInstruments.ids)
        }
        return try load(json: Array(json.utf8), file: "Instruments/\(id).json")
    }

    /// Loads a bundled instrument by id, or an instrument file by path.
    ///
    /// A name containing `/` or ending in `.json` is a path; otherwise a
    /// bundled id is tried first, then a file of that name.
    public static func named(_ name: String) throws(ProfScoreError) -> Instrument {
        let looksLikePath = name.contains("/") || name.hasSuffix(".json")
        if !looksLikePath, BundledInstruments.json(name) != nil { return try bundled(name) }
        if looksLikePath || FileManager.default.fileExists(atPath: name) { return try load(contentsOf: name) }
        throw .unknownInstrument(name, available: BundledInstruments.ids)
    }
}

import Foundation
