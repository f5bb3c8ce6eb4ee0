/// A strict JSON parser (RFC 8259) over UTF-8 bytes that records the line and
/// column of every value.
///
/// Nesting deeper than ``maximumDepth`` is refused instead of overflowing the
/// stack; numbers that do not fit a `Double` are refused.
struct JSONParser {
    struct SyntaxError: Error, Sendable {
        var line: Int
        var column: Int
        var message: Message
    }

    static let maximumDepth = 64

    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var lineStart = 0

    private init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Parses one JSON document.
    /// - Throws: ``SyntaxError`` with the position of the first problem.
    static func parse(_ bytes: [UInt8]) throws(SyntaxError) -> JSONNode {
        var parser = JSONParser(bytes)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { parser.index = 3; parser.lineStart = 3 }
        parser.skipWhitespace()
        let node = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        if parser.index < bytes.count {
            throw parser.error(en: "unexpected text after the end of the JSON document",
                               ru: "лишний текст после конца JSON-документа")
        }
        return node
    }

    private var position: JSONNode.Position {
        JSONNode.Position(line: line, lineStart: lineStart, offset: index)
    }

    private func error(en: String, ru: String) -> SyntaxError {
        SyntaxError(line: line, column: position.column(in: bytes), message: Message(en: en, ru: ru))
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0D: index += 1
            case 0x0A: index += 1; line += 1; lineStart = index
            default: return
            }
        }
    }

    private mutating func parseValue(depth: Int) throws(SyntaxError) -> JSONNode {
        guard index < bytes.count else {
            throw error(en: "the JSON document ends too early", ru: "JSON-документ обрывается")
        }
        let start = position
        let value: JSONNode.Value
        switch bytes[index] {
        case UInt8(ascii: "{"):
            guard depth < Self.maximumDepth else {
                throw error(en: "nesting deeper than \(Self.maximumDepth) levels", ru: "вложенность глубже \(Self.maximumDepth) уровней")
            }
            value = try parseObject(depth: depth + 1)
        case UInt8(ascii: "["):
            guard depth < Self.maximumDepth else {
                throw error(en: "nesting deeper than \(Self.maximumDepth) levels", ru: "вложенность глубже \(Self.maximumDepth) уровней")
            }
            value = try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""):
            value = .string(try parseString())
        case UInt8(ascii: "t"):
            try expectLiteral("true"); value = .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false"); value = .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null"); value = .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            value = .number(try parseNumber())
        case UInt8(ascii: "/"):
            throw error(en: "comments (// or /* */) are not allowed in JSON; remove them",
                        ru: "комментарии (// или /* */) в JSON не допускаются; удалите их")
        case UInt8(ascii: "]"), UInt8(ascii: "}"):
            throw error(en: "expected a JSON value; a comma before a closing bracket is not allowed in JSON — remove it",
                        ru: "ожидалось JSON-значение; запятая перед закрывающей скобкой в JSON не допускается — удалите её")
        default:
            throw error(en: "expected a JSON value (object, array, string, number, true, false or null)",
                        ru: "ожидалось JSON-значение (объект, массив, строка, число, true, false или null)")
        }
        return JSONNode(value: value, position: start)
    }

    private mutating func expectLiteral(_ literal: String) throws(SyntaxError) {
        let literalBytes = Array(literal.utf8)
        guard index + literalBytes.count <= bytes.count,
              bytes[index..<index + literalBytes.count].elementsEqual(literalBytes) else {
            throw error(en: "expected a JSON value (object, array, string, number, true, false or null)",
                        ru: "ожидалось JSON-значение (объект, массив, строка, число, true, false или null)")
        }
        index += literalBytes.count
    }

    private mutating func parseObject(depth: Int) throws(SyntaxError) -> JSONNode.Value {
        index += 1
        var members: [JSONNode.Member] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                if index >= bytes.count {
                    throw error(en: "the JSON document ends too early (is the file cut short?)", ru: "JSON-документ обрывается (файл обрезан?)")
                }
                if bytes[index] == UInt8(ascii: "}"), !members.isEmpty {
                    throw error(en: "a comma before '}' is not allowed in JSON; remove it", ru: "запятая перед «}» в JSON не допускается; удалите её")
                }
                throw error(en: "expected a key in double quotes", ru: "ожидался ключ в двойных кавычках")
            }
            let keyPosition = position
            let key = try parseString()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                throw error(en: "expected ':' after the key", ru: "после ключа ожидалось «:»")
            }
            index += 1
            skipWhitespace()
            let value = try parseValue(depth: depth)
            members.append(JSONNode.Member(key: key, keyPosition: keyPosition, value: value))
            skipWhitespace()
            guard index < bytes.count else {
                throw error(en: "the object is not closed with '}'", ru: "объект не закрыт скобкой «}»")
            }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
            throw error(en: "expected ',' or '}' in the object", ru: "в объекте ожидалась «,» или «}»")
        }
    }

    private mutating func parseArray(depth: Int) throws(SyntaxError) -> JSONNode.Value {
        index += 1
        var elements: [JSONNode] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .array(elements) }
        while true {
            skipWhitespace()
            elements.append(try parseValue(depth: depth))
            skipWhitespace()
            guard index < bytes.count else {
                throw error(en: "the array is not closed with ']'", ru: "массив не закрыт скобкой «]»")
            }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(elements) }
            throw error(en: "expected ',' or ']' in the array", ru: "в массиве ожидалась «,» или «]»")
        }
    }

    private mutating func parseString() throws(SyntaxError) -> String {
        index += 1  // opening quote
        var utf8: [UInt8] = []
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                guard let string = String(validating: utf8, as: UTF8.self) else {
                    throw error(en: "the string is not valid UTF-8; save the file as UTF-8",
                                ru: "строка не в кодировке UTF-8; сохраните файл в UTF-8")
                }
                return string
            case UInt8(ascii: "\\"):
                index += 1
                guard index < bytes.count else { break }
                let escaped = bytes[index]
                index += 1
                switch escaped {
                case UInt8(ascii: "\""): utf8.append(0x22)
                case UInt8(ascii: "\\"): utf8.append(0x5C)
                case UInt8(ascii: "/"): utf8.append(0x2F)
                case UInt8(ascii: "b"): utf8.append(0x08)
                case UInt8(ascii: "f"): utf8.append(0x0C)
                case UInt8(ascii: "n"): utf8.append(0x0A)
                case UInt8(ascii: "r"): utf8.append(0x0D)
                case UInt8(ascii: "t"): utf8.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try parseHex4()
                    if (0xD800...0xDBFF).contains(scalar) {
                        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                            throw error(en: "a lone UTF-16 surrogate in a \\u escape", ru: "одиночный суррогат UTF-16 в экранировании \\u")
                        }
                        index += 2
                        let low = try parseHex4()
                        guard (0xDC00...0xDFFF).contains(low) else {
                            throw error(en: "a lone UTF-16 surrogate in a \\u escape", ru: "одиночный суррогат UTF-16 в экранировании \\u")
                        }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(scalar) {
                        throw error(en: "a lone UTF-16 surrogate in a \\u escape", ru: "одиночный суррогат UTF-16 в экранировании \\u")
                    }
                    utf8.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar)!)).utf8))
                default:
                    throw error(en: "unknown escape in a string", ru: "неизвестное экранирование в строке")
                }
            case 0x00..<0x20:
                throw error(en: "a control character (such as a line break) inside a string; write it as \\n",
                            ru: "управляющий символ (например, перевод строки) внутри строки; запишите его как \\n")
            default:
                utf8.append(byte)
                index += 1
            }
        }
        throw error(en: "the string is not closed with '\"'", ru: "строка не закрыта кавычкой «\"»")
    }

    private mutating func parseHex4() throws(SyntaxError) -> UInt32 {
        guard index + 4 <= bytes.count else {
            throw error(en: "a \\u escape needs four hexadecimal digits", ru: "после \\u нужны четыре шестнадцатеричные цифры")
        }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default:
                throw error(en: "a \\u escape needs four hexadecimal digits", ru: "после \\u нужны четыре шестнадцатеричные цифры")
            }
            value = value * 16 + digit
            index += 1
        }
        return value
    }

    private mutating func parseNumber() throws(SyntaxError) -> Double {
        let start = index
        func digits(_ parser: inout JSONParser) -> Int {
            var count = 0
            while parser.index < parser.bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(parser.bytes[parser.index]) {
                parser.index += 1; count += 1
            }
            return count
        }
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        let integerStart = index
        let integerDigits = digits(&self)
        guard integerDigits > 0 else {
            throw error(en: "a number needs digits", ru: "в числе нет цифр")
        }
        if integerDigits > 1, bytes[integerStart] == UInt8(ascii: "0") {
            throw error(en: "a number must not start with 0", ru: "число не должно начинаться с 0")
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits(&self) > 0 else { throw error(en: "a number needs digits after '.'", ru: "в числе нет цифр после «.»") }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits(&self) > 0 else { throw error(en: "a number needs digits in its exponent", ru: "в показателе степени нет цифр") }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard let value = Double(text), value.isFinite else {
            throw error(en: "the number \(text.prefix(40)) is too large", ru: "число \(text.prefix(40)) слишком велико")
        }
        return value
    }
}
