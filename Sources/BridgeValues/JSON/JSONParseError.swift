/// Why a byte sequence is not a JSON document, and where.
public struct JSONParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was wrong, e.g. "expected ',' or '}' after an object member".
    public var message: String
    /// Byte offset of the problem (0-based).
    public var offset: Int
    /// Line of the problem (1-based).
    public var line: Int
    /// Column of the problem in bytes (1-based).
    public var column: Int

    public init(message: String, offset: Int, line: Int, column: Int) {
        self.message = message
        self.offset = offset
        self.line = line
        self.column = column
    }

    public var description: String {
        "invalid JSON at line \(line), column \(column) (byte \(offset)): \(message)"
    }
}
