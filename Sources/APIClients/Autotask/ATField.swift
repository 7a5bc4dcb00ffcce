import BridgeValues

/// A field in an Autotask query filter; build conditions with the operators and methods:
///
/// ```swift
/// let filter = ATField("companyID") == 123 && ATField("primaryContact") == true
/// let queues = ATField("queueID") == 8 || ATField("queueID") == 9
/// let udf = ATField(udf: "Acronis Tenant") == "c0ffee…"
/// ```
public struct ATField: Sendable, Hashable, ExpressibleByStringLiteral {
    public let name: String
    /// True for a user-defined field (`"udf": true`); only one per query.
    public let isUDF: Bool

    public init(_ name: String) {
        self.name = name
        self.isUDF = false
    }

    /// A user-defined field by its name.
    public init(udf name: String) {
        self.name = name
        self.isUDF = true
    }

    public init(stringLiteral value: String) {
        self.init(value)
    }

    func condition(_ op: String, _ value: JSONValue?) -> ATFilter {
        .condition(op: op, field: name, value: value, udf: isUDF)
    }

    public static func == (field: ATField, value: some ATValueConvertible) -> ATFilter { field.condition("eq", value.atValue) }
    public static func != (field: ATField, value: some ATValueConvertible) -> ATFilter { field.condition("noteq", value.atValue) }
    public static func < (field: ATField, value: some ATValueConvertible) -> ATFilter { field.condition("lt", value.atValue) }
    public static func <= (field: ATField, value: some ATValueConvertible) -> ATFilter { field.condition("lte", value.atValue) }
    public static func > (field: ATField, value: some ATValueConvertible) -> ATFilter { field.condition("gt", value.atValue) }
    public static func >= (field: ATField, value: some ATValueConvertible) -> ATFilter { field.condition("gte", value.atValue) }

    public func beginsWith(_ text: String) -> ATFilter { condition("beginsWith", .string(text)) }
    public func endsWith(_ text: String) -> ATFilter { condition("endsWith", .string(text)) }
    public func contains(_ text: String) -> ATFilter { condition("contains", .string(text)) }
    /// The field has a value (`exist`, no value sent).
    public var exists: ATFilter { condition("exist", nil) }
    /// The field has no value (`notExist`).
    public var notExists: ATFilter { condition("notExist", nil) }
    /// `in` with an array value.
    public func `in`(_ values: [some ATValueConvertible]) -> ATFilter { condition("in", .array(values.map(\.atValue))) }
    /// `notIn` with an array value.
    public func notIn(_ values: [some ATValueConvertible]) -> ATFilter { condition("notIn", .array(values.map(\.atValue))) }
}
