import Foundation

extension JSONValue {
    /// The default bound on nesting depth for parsed documents.
    public static let defaultMaxDepth = 256

    /// Parses a complete JSON document (RFC 8259, UTF-8).
    ///
    /// Integers without fraction or exponent that fit in `Int` become `.integer`; duplicate object
    /// keys, trailing content, invalid UTF-8 and nesting deeper than `maxDepth` are errors that
    /// name the line and column.
    public init(parsing data: Data, maxDepth: Int = JSONValue.defaultMaxDepth) throws(JSONParseError) {
        let result: Result<JSONValue, JSONParseError> = data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            do throws(JSONParseError) {
                return .success(try JSONParser.parse(bytes, maxDepth: maxDepth))
            } catch {
                return .failure(error)
            }
        }
        self = try result.get()
    }

    /// Parses a complete JSON document from text.
    public init(parsing text: String, maxDepth: Int = JSONValue.defaultMaxDepth) throws(JSONParseError) {
        try self.init(parsing: Data(text.utf8), maxDepth: maxDepth)
    }
}
