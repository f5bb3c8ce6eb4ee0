/// Study-profile categories and which scales point to them.
public struct ProfileMapping: Sendable, Hashable {
    /// A study-profile category such as «инженерно-технический».
    public struct Category: Sendable, Hashable {
        /// Identifier, such as `engineering`.
        public var id: String
        /// Name of the category.
        public var title: LocalizedText
    }

    /// The categories, in reporting order.
    public var categories: [Category]
    /// For each scale index, the indices of the categories it points to.
    public var categoriesOfScale: [Int: [Int]]
}
