/// Turns a parsed instrument file into an ``Instrument``, collecting every
/// problem with its JSON path and position instead of stopping at the first.
struct InstrumentDecoder {
    let file: String
    let bytes: [UInt8]
    var diagnostics: [Diagnostic] = []
    /// Where each diagnostic that needs a column points; the columns are
    /// counted together by ``locateColumns()``.
    private var pendingColumns: [(diagnostic: Int, position: JSONNode.Position)] = []

    init(file: String, bytes: [UInt8]) {
        self.file = file
        self.bytes = bytes
    }

    // MARK: - Reporting

    mutating func error(_ node: JSONNode, _ path: String, en: String, ru: String) {
        error(at: node.position, path, en: en, ru: ru)
    }

    mutating func error(at position: JSONNode.Position, _ path: String, en: String, ru: String) {
        pendingColumns.append((diagnostics.count, position))
        diagnostics.append(Diagnostic(
            .error, file: file, line: position.line, column: nil,
            path: path, Message(en: en, ru: ru)))
    }

    /// Fills in the columns of the diagnostics made so far, in one pass over the file.
    mutating func locateColumns() {
        let columns = JSONNode.Position.columns(of: pendingColumns.map(\.position), in: bytes)
        for (pending, column) in zip(pendingColumns, columns) { diagnostics[pending.diagnostic].column = column }
        pendingColumns.removeAll()
    }

    // MARK: - Typed access

    /// The members of an object, after checking required and unknown keys.
    mutating func object(
        _ node: JSONNode, _ path: String, required: [String], optional: [String]
    ) -> [String: JSONNode]? {
        guard case .object(let members) = node.value else {
            error(node, path, en: "expected an object, found \(node.typeName)",
                  ru: "ожидался объект, а не \(node.typeName)")
            return nil
        }
        var result: [String: JSONNode] = [:]
        for member in members {
            let memberPath = path + "." + member.key
            if result[member.key] != nil {
                error(at: member.keyPosition, memberPath, en: "the key '\(member.key)' appears twice",
                      ru: "ключ «\(member.key)» встречается дважды")
                continue
            }
            if member.key == "$ref" {
                error(at: member.keyPosition, memberPath, en: "'$ref' references are not part of the instrument format; write the object out in full here",
                      ru: "ссылки «$ref» не входят в формат инструмента; запишите объект здесь полностью")
                continue
            }
            guard required.contains(member.key) || optional.contains(member.key) || member.key == "$schema" else {
                let allowed = (required + optional).joined(separator: ", ")
                error(at: member.keyPosition, memberPath, en: "unknown key '\(member.key)'; allowed here: \(allowed)",
                      ru: "неизвестный ключ «\(member.key)»; здесь допустимы: \(allowed)")
                continue
            }
            result[member.key] = member.value
        }
        for key in required where result[key] == nil {
            error(node, path, en: "the required key '\(key)' is missing", ru: "нет обязательного ключа «\(key)»")
        }
        return result
    }

    mutating func string(_ node: JSONNode?, _ path: String, nonEmpty: Bool = true) -> String? {
        guard let node else { return nil }
        guard case .string(let value) = node.value else {
            error(node, path, en: "expected a string, found \(node.typeName)", ru: "ожидалась строка, а не \(node.typeName)")
            return nil
        }
        if nonEmpty && value.trimmingCharacters(in: .whitespaces).isEmpty {
            error(node, path, en: "must not be empty", ru: "не может быть пустым")
            return nil
        }
        return value
    }

    mutating func number(_ node: JSONNode?, _ path: String) -> Double? {
        guard let node else { return nil }
        guard case .number(let value) = node.value else {
            error(node, path, en: "expected a number, found \(node.typeName)", ru: "ожидалось число, а не \(node.typeName)")
            return nil
        }
        guard abs(value) <= 1e9 else {
            error(node, path, en: "the number is out of the supported range −1e9…1e9",
                  ru: "число вне допустимого диапазона −1e9…1e9")
            return nil
        }
        return value
    }

    mutating func integer(_ node: JSONNode?, _ path: String, range: ClosedRange<Int>) -> Int? {
        guard let node, let value = number(node, path) else { return nil }
        guard value == value.rounded(), value >= Double(range.lowerBound), value <= Double(range.upperBound) else {
            error(node, path, en: "expected a whole number from \(range.lowerBound) to \(range.upperBound)",
                  ru: "ожидалось целое число от \(range.lowerBound) до \(range.upperBound)")
            return nil
        }
        return Int(value)
    }

    mutating func bool(_ node: JSONNode?, _ path: String) -> Bool? {
        guard let node else { return nil }
        guard case .bool(let value) = node.value else {
            error(node, path, en: "expected true or false, found \(node.typeName)", ru: "ожидалось true или false, а не \(node.typeName)")
            return nil
        }
        return value
    }

    mutating func array(_ node: JSONNode?, _ path: String, nonEmpty: Bool = false) -> [JSONNode]? {
        guard let node else { return nil }
        guard case .array(let elements) = node.value else {
            error(node, path, en: "expected an array, found \(node.typeName)", ru: "ожидался массив, а не \(node.typeName)")
            return nil
        }
        if nonEmpty && elements.isEmpty {
            error(node, path, en: "must list at least one element", ru: "должен содержать хотя бы один элемент")
        }
        return elements
    }

    /// A text `{ "ru": …, "en": … }`; with `both` both versions are required,
    /// otherwise a missing one falls back to the other.
    mutating func text(_ node: JSONNode?, _ path: String, both: Bool) -> LocalizedText? {
        guard let node else { return nil }
        let required = both ? ["ru", "en"] : []
        guard let members = object(node, path, required: required, optional: both ? [] : ["ru", "en"]) else { return nil }
        let ru = string(members["ru"], path + ".ru")
        let en = string(members["en"], path + ".en")
        if !both && ru == nil && en == nil {
            if members.isEmpty {
                error(node, path, en: "give the text in 'ru', 'en' or both", ru: "укажите текст в «ru», «en» или в обоих")
            }
            return nil
        }
        guard let text = ru ?? en else { return nil }
        return LocalizedText(ru: ru ?? text, en: en ?? text)
    }

    /// An identifier: non-empty, without spaces or control characters.
    mutating func identifier(_ node: JSONNode?, _ path: String, pattern: IdentifierPattern) -> String? {
        guard let node, let value = string(node, path) else { return nil }
        guard pattern.matches(value) else {
            error(node, path, en: "'\(value)' is not a valid id: \(pattern.englishDescription)",
                  ru: "«\(value)» не годится как идентификатор: \(pattern.russianDescription)")
            return nil
        }
        return value
    }

    enum IdentifierPattern {
        /// `klimov-ddo`: lower-case Latin letters, digits, `-`.
        case instrument
        /// `nature`, `self_knowledge`: Latin letters, digits, `-`, `_`.
        case scale
        /// Anything printable without surrounding spaces, up to 64 characters.
        case label

        func matches(_ value: String) -> Bool {
            let scalars = value.unicodeScalars
            guard !scalars.isEmpty, scalars.count <= 64 else { return false }
            switch self {
            case .instrument:
                return scalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
            case .scale:
                return scalars.allSatisfy {
                    ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
                }
            case .label:
                return value == value.trimmingCharacters(in: .whitespaces)
                    && !scalars.contains { $0.properties.generalCategory == .control }
            }
        }

        var englishDescription: String {
            switch self {
            case .instrument: "use lower-case Latin letters, digits and '-'"
            case .scale: "use Latin letters, digits, '-' and '_'"
            case .label: "use up to 64 characters without control characters or surrounding spaces"
            }
        }

        var russianDescription: String {
            switch self {
            case .instrument: "используйте строчные латинские буквы, цифры и «-»"
            case .scale: "используйте латинские буквы, цифры, «-» и «_»"
            case .label: "не более 64 символов, без управляющих символов и пробелов по краям"
            }
        }
    }
}

import Foundation
