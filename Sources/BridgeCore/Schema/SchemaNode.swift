/// A compiled schema: either a boolean schema or a set of keywords, checked and converted once at
/// load time so validation does no parsing.
final class SchemaNode: Sendable {
    /// Absolute location of this schema, `<$id>#<JSON Pointer>`.
    let location: String
    /// For a boolean schema, its value; nil for a schema object.
    let always: Bool?
    /// The keywords of a schema object (empty for a boolean schema). Kept in the node, not in an
    /// enum payload, so evaluation borrows them instead of copying some forty fields per call.
    let keywords: SchemaKeywords

    init(location: String, always: Bool) {
        self.location = location
        self.always = always
        self.keywords = SchemaKeywords()
    }

    init(location: String, keywords: SchemaKeywords) {
        self.location = location
        self.always = nil
        self.keywords = keywords
    }
}
