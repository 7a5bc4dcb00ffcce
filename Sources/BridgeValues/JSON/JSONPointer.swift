/// A JSON Pointer (RFC 6901) naming a place in a JSON document, such as
/// `/tickets/alertTypes/2/priority`. The root is the empty pointer, written "".
public struct JSONPointer: Sendable, Hashable {
    /// The reference tokens, unescaped.
    public private(set) var tokens: [String]

    /// The pointer made of `tokens` (unescaped).
    public init(_ tokens: [String] = []) {
        self.tokens = tokens
    }

    /// The root pointer.
    public static let root = JSONPointer()

    /// Parses the text form ("" or "/a/b~1c"), undoing `~1` and `~0`.
    public init(parsing text: String) throws(JSONPointerError) {
        if text.isEmpty {
            self.init()
            return
        }
        guard text.hasPrefix("/") else { throw JSONPointerError(text: text, reason: "must be empty or start with '/'") }
        var tokens: [String] = []
        for raw in text.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            var token = ""
            var iterator = raw.makeIterator()
            while let character = iterator.next() {
                guard character == "~" else {
                    token.append(character)
                    continue
                }
                switch iterator.next() {
                case "0": token.append("~")
                case "1": token.append("/")
                default: throw JSONPointerError(text: text, reason: "'~' must be followed by '0' or '1'")
                }
            }
            tokens.append(token)
        }
        self.init(tokens)
    }

    /// Whether this is the root pointer.
    public var isRoot: Bool { tokens.isEmpty }

    /// This pointer extended by an object member name.
    public func appending(_ key: String) -> JSONPointer {
        var copy = self
        copy.tokens.append(key)
        return copy
    }

    /// This pointer extended by an array index.
    public func appending(_ index: Int) -> JSONPointer {
        appending(String(index))
    }

    /// The pointer one level up; the root's parent is the root.
    public var parent: JSONPointer {
        JSONPointer(Array(tokens.dropLast()))
    }

    /// The last token, if any.
    public var lastToken: String? { tokens.last }
}

extension JSONPointer: CustomStringConvertible {
    /// The RFC 6901 text form, with `~` and `/` escaped.
    public var description: String {
        tokens.map { "/" + $0.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1") }
            .joined()
    }
}

extension JSONPointer: Comparable {
    /// Document order: a parent sorts before its children, siblings by token
    /// (array indices numerically).
    public static func < (lhs: JSONPointer, rhs: JSONPointer) -> Bool {
        for (a, b) in zip(lhs.tokens, rhs.tokens) where a != b {
            if let ia = Int(a), let ib = Int(b) { return ia < ib }
            return a < b
        }
        return lhs.tokens.count < rhs.tokens.count
    }
}

extension JSONPointer: ExpressibleByStringLiteral {
    /// A pointer from its text form; a malformed literal is a programming error.
    public init(stringLiteral value: String) {
        do {
            try self.init(parsing: value)
        } catch {
            preconditionFailure("invalid JSON Pointer literal \(value): \(error)")
        }
    }
}
