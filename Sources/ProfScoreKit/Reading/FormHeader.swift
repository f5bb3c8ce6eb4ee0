/// How online forms (Yandex Forms, Google Forms) and hand-made form layouts
/// head an item's column: the question as it was asked, numbered by the
/// item's id — `1. Ухаживать за животными…`, `12) …`, `R1: …`, `Вопрос 12`.
/// The one rule that matches a header to an item: its id exactly, or else an
/// id followed by `)`, `:`, a space, or `.` and a space (or nothing after the
/// mark), after an optional `Вопрос`, `Вопрос №` or `Question`.
enum FormHeader {
    /// The words before a question's number (normalised as headers are).
    static let questionWords: [[UInt8]] = ["вопрос", "question"].map { TokenNormalizer.normalize($0) }

    /// The normalised id of the item a normalised header names, if any.
    /// - Parameter isItem: whether a normalised id is one of the instrument's items.
    /// - Complexity: O(length of the header) lookups at most.
    static func itemKey(_ header: [UInt8], isItem: ([UInt8]) -> Bool) -> [UInt8]? {
        if isItem(header) { return header }
        var rest = header[...]
        for word in questionWords where rest.starts(with: word) {
            rest = rest.dropFirst(word.count)
            if rest.first == 0x20 { rest = rest.dropFirst() }
            // «№» (E2 84 96) before the number.
            if rest.starts(with: [0xE2, 0x84, 0x96]) { rest = rest.dropFirst(3) }
            if rest.first == 0x20 { rest = rest.dropFirst() }
            if !rest.isEmpty && isItem(Array(rest)) { return Array(rest) }
            break
        }
        // The first mark after which the text before it is an item id.
        for index in rest.indices where index > rest.startIndex && endsID(rest, at: index) {
            let id = Array(rest[..<index].last == 0x20 && rest[index] != 0x20 ? rest[..<(index - 1)] : rest[..<index])
            if isItem(id) { return id }
        }
        return nil
    }

    /// Whether the byte at `index` is `)`, `:`, a space, or `.` followed by a space or the end.
    private static func endsID(_ text: ArraySlice<UInt8>, at index: Int) -> Bool {
        switch text[index] {
        case 0x29, 0x3A, 0x20: return true
        case 0x2E: return index + 1 == text.endIndex || text[index + 1] == 0x20
        default: return false
        }
    }
}
