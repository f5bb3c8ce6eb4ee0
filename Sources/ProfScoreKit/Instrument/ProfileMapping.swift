/// Study-profile categories and which scales point to them.
public struct ProfileMapping: Sendable, Hashable {
    /// A study-profile category such as «инженерно-технический».
    public struct Category: Sendable, Hashable {
        /// Identifier, such as `engineering`.
        public var id: String
        /// Name of the category.
        public var title: LocalizedText
        /// A short name for tables (`label` in the file; ``title`` when the file has none).
        public var label: LocalizedText? = nil

        /// The category's name for people: its short label, or its title.
        public func name(in language: Language) -> String {
            (label ?? title).text(in: language)
        }
    }

    /// The categories, in reporting order.
    public var categories: [Category]
    /// For each scale index, the indices of the categories it points to.
    public var categoriesOfScale: [Int: [Int]]
}
