import BridgeValues

/// One way an instance fails a schema.
public struct SchemaProblem: Sendable, Hashable, CustomStringConvertible {
    /// Where in the instance, e.g. `/tickets/alertTypes/2/priority`. `required` and
    /// `additionalProperties` problems point at the property concerned.
    public var path: JSONPointer
    /// The schema keyword that failed, e.g. `enum`, `required`, `additionalProperties`.
    public var keyword: String
    /// What is wrong, for people: "must be one of: Production, Trial", "is required".
    public var message: String
    /// Where in the schemas the failing keyword is (absolute URI with a JSON Pointer fragment).
    public var schemaLocation: String

    public init(path: JSONPointer, keyword: String, message: String, schemaLocation: String = "") {
        self.path = path
        self.keyword = keyword
        self.message = message
        self.schemaLocation = schemaLocation
    }

    /// `"/tickets/boardd: unknown property 'boardd'"`; the root is shown as `(document)`.
    public var description: String {
        (path.isRoot ? "(document)" : path.description) + ": " + message
    }
}
