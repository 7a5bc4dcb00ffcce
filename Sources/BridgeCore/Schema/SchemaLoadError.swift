import BridgeValues

/// Why schemas could not be loaded or used. A schema is refused whole rather than partly applied,
/// so no rule is ever skipped silently.
public enum SchemaLoadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The schema directory could not be found; `searched` lists every place looked at.
    case notFound(searched: [String])
    /// A file could not be read.
    case unreadable(path: String, reason: String)
    /// A file is not JSON.
    case malformedJSON(path: String, error: JSONParseError)
    /// The schema uses a keyword this validator does not implement.
    case unsupportedKeyword(keyword: String, location: String)
    /// A keyword's value is not what draft 2020-12 allows.
    case invalidKeyword(keyword: String, location: String, reason: String)
    /// A `$ref` names a schema or location that does not exist.
    case unresolvedReference(reference: String, location: String)
    /// Two documents declare the same `$id`.
    case duplicateID(id: String)
    /// A document has no `$id`.
    case missingID(source: String)
    /// `validate(_:against:)` was asked for a schema the catalog does not hold.
    case unknownSchema(id: String, known: [String])

    public var description: String {
        switch self {
        case .notFound(let searched):
            "schema directory not found (set PSA_BRIDGE_SCHEMAS to the directory holding envelope.schema.json); looked in: "
                + searched.joined(separator: ", ")
        case .unreadable(let path, let reason):
            "schema file \(path) cannot be read: \(reason)"
        case .malformedJSON(let path, let error):
            "schema file \(path) is not valid JSON: \(error)"
        case .unsupportedKeyword(let keyword, let location):
            "unsupported schema keyword '\(keyword)' at \(location)"
        case .invalidKeyword(let keyword, let location, let reason):
            "invalid value for schema keyword '\(keyword)' at \(location): \(reason)"
        case .unresolvedReference(let reference, let location):
            "$ref '\(reference)' at \(location) does not resolve to a loaded schema"
        case .duplicateID(let id):
            "two schema documents declare the $id \(id)"
        case .missingID(let source):
            "schema \(source) has no $id"
        case .unknownSchema(let id, let known):
            "no schema '\(id)' in the catalog (known: \(known.joined(separator: ", ")))"
        }
    }
}
