import BridgeValues

/// The keywords of one schema object. Absent keywords are nil or empty.
struct SchemaKeywords: Sendable {
    // References and applicators
    var ref: String?
    var allOf: [SchemaNode] = []
    var anyOf: [SchemaNode] = []
    var oneOf: [SchemaNode] = []
    var not: SchemaNode?
    var ifSchema: SchemaNode?
    var thenSchema: SchemaNode?
    var elseSchema: SchemaNode?
    var dependentSchemas: [String: SchemaNode] = [:]

    // Any instance
    var types: [String]?
    var enumValues: [JSONValue]?
    var constValue: JSONValue?

    // Numbers
    var minimum: JSONValue?
    var maximum: JSONValue?
    var exclusiveMinimum: JSONValue?
    var exclusiveMaximum: JSONValue?
    var multipleOf: JSONValue?

    // Strings
    var minLength: Int?
    var maxLength: Int?
    var pattern: SchemaPattern?
    var format: StringFormat?

    // Arrays
    var prefixItems: [SchemaNode] = []
    var items: SchemaNode?
    var contains: SchemaNode?
    var minContains: Int?
    var maxContains: Int?
    var minItems: Int?
    var maxItems: Int?
    var uniqueItems = false

    // Objects
    var properties: [String: SchemaNode] = [:]
    var patternProperties: [(pattern: SchemaPattern, schema: SchemaNode)] = []
    var additionalProperties: SchemaNode?
    var propertyNames: SchemaNode?
    var required: [String] = []
    var dependentRequired: [String: [String]] = [:]
    var minProperties: Int?
    var maxProperties: Int?

    /// `x-errorMessage`: replaces the problems this schema reports at its own instance location.
    var errorMessage: ErrorMessage?

    enum ErrorMessage: Sendable {
        /// One message for every failing keyword at this location.
        case all(String)
        /// A message per keyword name; other keywords keep their own messages.
        case byKeyword([String: String])
    }
}
