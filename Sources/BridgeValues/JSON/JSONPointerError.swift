/// A JSON Pointer whose text is malformed.
public struct JSONPointerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The text that was given.
    public var text: String
    /// What is wrong with it.
    public var reason: String

    public var description: String { "invalid JSON Pointer '\(text)': \(reason)" }
}
