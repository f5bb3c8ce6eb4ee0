/// A workbook (`.xlsx`, `.ods`) that cannot be read: a broken ZIP container,
/// a compressed entry that does not decode, sheet XML that is not well formed.
///
/// One type for every layer (ZIP, DEFLATE, XML, sheets), so that a command
/// reports each the same way: the file, where in it, and what to do.
struct WorkbookError: Error, Sendable, Equatable {
    /// What is wrong, in both languages, ending with what to do where there is something to do.
    var reason: Message
    /// The archive entry the problem is in (`xl/worksheets/sheet1.xml`), if any.
    var entry: String?
    /// The byte offset where the problem was found: in the archive, or in the
    /// entry's decompressed bytes when `entry` is given.
    var offset: Int?

    init(_ reason: Message, entry: String? = nil, offset: Int? = nil) {
        self.reason = reason
        self.entry = entry
        self.offset = offset
    }

    init(en english: String, ru russian: String, entry: String? = nil, offset: Int? = nil) {
        self.init(Message(en: english, ru: russian), entry: entry, offset: offset)
    }
}
