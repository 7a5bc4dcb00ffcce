/// A field path in a ConnectWise condition (`name`, `company/id`, `status/name`), the left
/// side of a comparison. Build comparisons with the operators or methods:
///
/// ```swift
/// let open = CWField("company/id") == 250 && CWField("closedFlag") == false
/// let named = CWField("name").like("Fred%") || CWField("id").in([1, 2, 3])
/// ```
public struct CWField: Sendable, Hashable, ExpressibleByStringLiteral {
    /// The path, segments joined with `/`.
    public let path: String

    public init(_ path: String) {
        self.path = path
    }

    public init(stringLiteral value: String) {
        self.path = value
    }

    /// True when every `/`-separated segment is an identifier (letters, digits, `_`, not
    /// starting with a digit). Anything else would let text escape into the expression.
    public var isValid: Bool {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        return !segments.isEmpty && segments.allSatisfy { segment in
            guard let first = segment.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
            return segment.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_"
            }
        }
    }

    func compare(_ op: String, _ value: CWValue) -> CWCondition {
        CWCondition(node: .comparison(field: self, op: op, value: .single(value)))
    }

    /// `field contains "text"`.
    public func contains(_ text: String) -> CWCondition { compare("contains", .string(text)) }
    /// `field like "pattern"`; `%` in the pattern is the wildcard.
    public func like(_ pattern: String) -> CWCondition { compare("like", .string(pattern)) }
    /// `field in (a, b, c)`. An empty list is refused when the request is built.
    public func `in`(_ values: [some CWValueConvertible]) -> CWCondition {
        CWCondition(node: .comparison(field: self, op: "in", value: .list(values.map(\.cwValue))))
    }
    /// `field not in (a, b, c)`.
    public func notIn(_ values: [some CWValueConvertible]) -> CWCondition {
        CWCondition(node: .comparison(field: self, op: "not in", value: .list(values.map(\.cwValue))))
    }
    /// `field = null`.
    public var isNull: CWCondition { compare("=", .null) }
    /// `field != null`.
    public var isNotNull: CWCondition { compare("!=", .null) }

    public static func == (field: CWField, value: some CWValueConvertible) -> CWCondition {
        field.compare("=", value.cwValue)
    }
    public static func != (field: CWField, value: some CWValueConvertible) -> CWCondition {
        field.compare("!=", value.cwValue)
    }
    public static func < (field: CWField, value: some CWValueConvertible) -> CWCondition {
        field.compare("<", value.cwValue)
    }
    public static func <= (field: CWField, value: some CWValueConvertible) -> CWCondition {
        field.compare("<=", value.cwValue)
    }
    public static func > (field: CWField, value: some CWValueConvertible) -> CWCondition {
        field.compare(">", value.cwValue)
    }
    public static func >= (field: CWField, value: some CWValueConvertible) -> CWCondition {
        field.compare(">=", value.cwValue)
    }
}
