/// Why a YAML text could not be turned into JSON. The message never quotes the YAML text, so a
/// secret pasted into a file by mistake is not echoed into logs.
public struct YAMLConversionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was wrong.
    public var message: String
    /// Line of the problem (1-based), when known.
    public var line: Int?
    /// Column of the problem (1-based), when known.
    public var column: Int?

    public init(message: String, line: Int? = nil, column: Int? = nil) {
        self.message = message
        self.line = line
        self.column = column
    }

    public var description: String {
        guard let line else { return "invalid YAML: \(message)" }
        if let column { return "invalid YAML at line \(line), column \(column): \(message)" }
        return "invalid YAML at line \(line): \(message)"
    }
}
