import BridgeValues
import Foundation

/// Compiles draft 2020-12 schema documents into `SchemaNode` trees, refusing any keyword this
/// validator does not implement.
struct SchemaCompiler {
    /// The dialect every document must use when it names one.
    static let dialect = "https://json-schema.org/draft/2020-12/schema"

    /// Keywords that carry no assertion and are accepted as annotations.
    static let annotationKeywords: Set<String> = [
        "$schema", "$id", "$comment", "$defs", "title", "description", "default", "examples", "deprecated",
        "readOnly", "writeOnly",
    ]

    /// Every keyword this validator implements.
    static let supportedKeywords: Set<String> = annotationKeywords.union([
        "$ref", "allOf", "anyOf", "oneOf", "not", "if", "then", "else", "dependentSchemas",
        "type", "enum", "const",
        "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
        "minLength", "maxLength", "pattern", "format",
        "prefixItems", "items", "contains", "minContains", "maxContains", "minItems", "maxItems", "uniqueItems",
        "properties", "patternProperties", "additionalProperties", "propertyNames", "required",
        "dependentRequired", "minProperties", "maxProperties",
        "x-errorMessage",
    ])

    private static let typeNames: Set<String> = ["null", "boolean", "integer", "number", "string", "array", "object"]

    /// Every compiled schema by absolute location (`<$id>#<pointer>`).
    private(set) var nodes: [String: SchemaNode] = [:]
    /// Every `$ref` seen: its resolved target and the location that holds it.
    private(set) var references: [(target: String, reference: String, location: String)] = []

    /// Compiles one document; returns its `$id` and root schema.
    mutating func compileDocument(_ document: JSONValue, source: String) throws(SchemaLoadError)
        -> (id: String, root: SchemaNode)
    {
        guard case .object(let members) = document else {
            throw .invalidKeyword(keyword: "(root)", location: source, reason: "a schema document must be an object")
        }
        guard let id = members["$id"]?.stringValue, !id.isEmpty else { throw .missingID(source: source) }
        guard !id.contains("#") else {
            throw .invalidKeyword(keyword: "$id", location: source, reason: "a document $id must not have a fragment")
        }
        if let dialect = members["$schema"] {
            guard dialect.stringValue == Self.dialect else {
                throw .invalidKeyword(
                    keyword: "$schema", location: source, reason: "only draft 2020-12 (\(Self.dialect)) is supported")
            }
        }
        let root = try compile(document, base: id, pointer: .root)
        return (id, root)
    }

    // MARK: Schemas

    private mutating func compile(_ value: JSONValue, base: String, pointer: JSONPointer) throws(SchemaLoadError)
        -> SchemaNode
    {
        let location = base + "#" + pointer.description
        let node: SchemaNode
        switch value {
        case .bool(let always):
            node = SchemaNode(location: location, always: always)
        case .object(let members):
            node = SchemaNode(location: location, keywords: try keywords(members, base: base, pointer: pointer))
        default:
            throw .invalidKeyword(keyword: "(schema)", location: location, reason: "a schema must be an object or a boolean")
        }
        nodes[location] = node
        return node
    }

    private mutating func keywords(_ members: [String: JSONValue], base: String, pointer: JSONPointer)
        throws(SchemaLoadError) -> SchemaKeywords
    {
        let location = base + "#" + pointer.description
        for key in members.keys.sorted() where !Self.supportedKeywords.contains(key) {
            throw .unsupportedKeyword(keyword: key, location: location)
        }
        if !pointer.isRoot, members["$id"] != nil {
            throw .unsupportedKeyword(keyword: "$id (in a subschema)", location: location)
        }
        var result = SchemaKeywords()
        func invalid(_ keyword: String, _ reason: String) -> SchemaLoadError {
            .invalidKeyword(keyword: keyword, location: location, reason: reason)
        }

        // $defs: compiled so they can be referenced; no assertion of their own.
        if let defs = members["$defs"] {
            guard case .object(let definitions) = defs else { throw invalid("$defs", "must be an object") }
            for (name, schema) in definitions {
                _ = try compile(schema, base: base, pointer: pointer.appending("$defs").appending(name))
            }
        }

        // References and applicators
        if let ref = members["$ref"] {
            guard let text = ref.stringValue else { throw invalid("$ref", "must be a string") }
            let target = try Self.resolve(reference: text, base: base, location: location)
            references.append((target, text, location))
            result.ref = target
        }
        for keyword in ["allOf", "anyOf", "oneOf"] {
            guard let value = members[keyword] else { continue }
            guard case .array(let schemas) = value, !schemas.isEmpty else {
                throw invalid(keyword, "must be a non-empty array of schemas")
            }
            var compiled: [SchemaNode] = []
            for (index, schema) in schemas.enumerated() {
                compiled.append(try compile(schema, base: base, pointer: pointer.appending(keyword).appending(index)))
            }
            switch keyword {
            case "allOf": result.allOf = compiled
            case "anyOf": result.anyOf = compiled
            default: result.oneOf = compiled
            }
        }
        result.not = try members["not"].map { value throws(SchemaLoadError) in
            try compile(value, base: base, pointer: pointer.appending("not"))
        }
        result.ifSchema = try members["if"].map { value throws(SchemaLoadError) in
            try compile(value, base: base, pointer: pointer.appending("if"))
        }
        result.thenSchema = try members["then"].map { value throws(SchemaLoadError) in
            try compile(value, base: base, pointer: pointer.appending("then"))
        }
        result.elseSchema = try members["else"].map { value throws(SchemaLoadError) in
            try compile(value, base: base, pointer: pointer.appending("else"))
        }
        if let value = members["dependentSchemas"] {
            guard case .object(let schemas) = value else { throw invalid("dependentSchemas", "must be an object") }
            for (name, schema) in schemas {
                result.dependentSchemas[name] = try compile(
                    schema, base: base, pointer: pointer.appending("dependentSchemas").appending(name))
            }
        }

        // Any instance
        if let value = members["type"] {
            let names: [String]
            switch value {
            case .string(let name): names = [name]
            case .array(let elements):
                names = elements.compactMap(\.stringValue)
                guard names.count == elements.count, !names.isEmpty, Set(names).count == names.count else {
                    throw invalid("type", "must be a type name or a non-empty array of unique type names")
                }
            default: throw invalid("type", "must be a type name or an array of type names")
            }
            for name in names where !Self.typeNames.contains(name) {
                throw invalid("type", "unknown type '\(name)'")
            }
            result.types = names
        }
        if let value = members["enum"] {
            guard case .array(let values) = value, !values.isEmpty else { throw invalid("enum", "must be a non-empty array") }
            result.enumValues = values
        }
        result.constValue = members["const"]

        // Numbers
        for keyword in ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"] {
            guard let value = members[keyword] else { continue }
            guard value.isNumber else { throw invalid(keyword, "must be a number") }
            switch keyword {
            case "minimum": result.minimum = value
            case "maximum": result.maximum = value
            case "exclusiveMinimum": result.exclusiveMinimum = value
            case "exclusiveMaximum": result.exclusiveMaximum = value
            default:
                guard let number = value.doubleValue, number > 0 else { throw invalid(keyword, "must be greater than 0") }
                result.multipleOf = value
            }
        }

        // Strings
        result.minLength = try Self.count(members["minLength"], "minLength", location)
        result.maxLength = try Self.count(members["maxLength"], "maxLength", location)
        if let value = members["pattern"] {
            guard let source = value.stringValue else { throw invalid("pattern", "must be a string") }
            result.pattern = try Self.pattern(source, "pattern", location)
        }
        if let value = members["format"] {
            guard let name = value.stringValue else { throw invalid("format", "must be a string") }
            result.format = StringFormat(rawValue: name)  // unknown formats are annotations only
        }

        // Arrays
        if let value = members["prefixItems"] {
            guard case .array(let schemas) = value, !schemas.isEmpty else {
                throw invalid("prefixItems", "must be a non-empty array of schemas")
            }
            for (index, schema) in schemas.enumerated() {
                result.prefixItems.append(
                    try compile(schema, base: base, pointer: pointer.appending("prefixItems").appending(index)))
            }
        }
        result.items = try members["items"].map { value throws(SchemaLoadError) in
            guard value.objectValue != nil || value.boolValue != nil else {
                throw invalid("items", "must be a schema (draft 2020-12 uses prefixItems for tuples)")
            }
            return try compile(value, base: base, pointer: pointer.appending("items"))
        }
        result.contains = try members["contains"].map { value throws(SchemaLoadError) in
            try compile(value, base: base, pointer: pointer.appending("contains"))
        }
        result.minContains = try Self.count(members["minContains"], "minContains", location)
        result.maxContains = try Self.count(members["maxContains"], "maxContains", location)
        result.minItems = try Self.count(members["minItems"], "minItems", location)
        result.maxItems = try Self.count(members["maxItems"], "maxItems", location)
        if let value = members["uniqueItems"] {
            guard let flag = value.boolValue else { throw invalid("uniqueItems", "must be a boolean") }
            result.uniqueItems = flag
        }

        // Objects
        if let value = members["properties"] {
            guard case .object(let schemas) = value else { throw invalid("properties", "must be an object") }
            for (name, schema) in schemas {
                result.properties[name] = try compile(
                    schema, base: base, pointer: pointer.appending("properties").appending(name))
            }
        }
        if let value = members["patternProperties"] {
            guard case .object(let schemas) = value else { throw invalid("patternProperties", "must be an object") }
            for (source, schema) in schemas.sorted(by: { $0.key < $1.key }) {
                let compiled = try compile(
                    schema, base: base, pointer: pointer.appending("patternProperties").appending(source))
                result.patternProperties.append((try Self.pattern(source, "patternProperties", location), compiled))
            }
        }
        result.additionalProperties = try members["additionalProperties"].map { value throws(SchemaLoadError) in
            try compile(value, base: base, pointer: pointer.appending("additionalProperties"))
        }
        result.propertyNames = try members["propertyNames"].map { value throws(SchemaLoadError) in
            try compile(value, base: base, pointer: pointer.appending("propertyNames"))
        }
        if let value = members["required"] {
            result.required = try Self.uniqueStrings(value, "required", location)
        }
        if let value = members["dependentRequired"] {
            guard case .object(let dependencies) = value else { throw invalid("dependentRequired", "must be an object") }
            for (name, list) in dependencies {
                result.dependentRequired[name] = try Self.uniqueStrings(list, "dependentRequired", location)
            }
        }
        result.minProperties = try Self.count(members["minProperties"], "minProperties", location)
        result.maxProperties = try Self.count(members["maxProperties"], "maxProperties", location)

        if let value = members["x-errorMessage"] {
            switch value {
            case .string(let message):
                result.errorMessage = .all(message)
            case .object(let messages):
                var byKeyword: [String: String] = [:]
                for (keyword, message) in messages {
                    guard Self.supportedKeywords.contains(keyword), let text = message.stringValue else {
                        throw invalid("x-errorMessage", "an object form maps supported keyword names to strings")
                    }
                    byKeyword[keyword] = text
                }
                result.errorMessage = .byKeyword(byKeyword)
            default:
                throw invalid("x-errorMessage", "must be a string or an object of strings")
            }
        }
        return result
    }

    // MARK: Helpers

    private static func count(_ value: JSONValue?, _ keyword: String, _ location: String) throws(SchemaLoadError) -> Int? {
        guard let value else { return nil }
        guard let count = value.intValue, count >= 0 else {
            throw .invalidKeyword(keyword: keyword, location: location, reason: "must be a non-negative integer")
        }
        return count
    }

    private static func uniqueStrings(_ value: JSONValue, _ keyword: String, _ location: String) throws(SchemaLoadError)
        -> [String]
    {
        guard case .array(let elements) = value else {
            throw .invalidKeyword(keyword: keyword, location: location, reason: "must be an array of strings")
        }
        let names = elements.compactMap(\.stringValue)
        guard names.count == elements.count, Set(names).count == names.count else {
            throw .invalidKeyword(keyword: keyword, location: location, reason: "must be an array of unique strings")
        }
        return names
    }

    private static func pattern(_ source: String, _ keyword: String, _ location: String) throws(SchemaLoadError)
        -> SchemaPattern
    {
        do {
            return try SchemaPattern(source)
        } catch {
            throw .invalidKeyword(keyword: keyword, location: location, reason: "'\(source)' is not a valid regular expression")
        }
    }

    /// Resolves a `$ref` against the document's `$id` to `<absolute document URI>#<canonical pointer>`.
    /// Supports same-document fragments, other documents by absolute URI or by a path relative to
    /// this one (e.g. `sync.tick.schema.json`, `./x.schema.json#/$defs/y`). Plain-name anchors are refused.
    static func resolve(reference: String, base: String, location: String) throws(SchemaLoadError) -> String {
        let documentPart: Substring
        let fragment: Substring
        if let hash = reference.firstIndex(of: "#") {
            documentPart = reference[..<hash]
            fragment = reference[reference.index(after: hash)...]
        } else {
            documentPart = reference[...]
            fragment = ""
        }
        let document: String
        if documentPart.isEmpty {
            document = base
        } else if documentPart.contains("://") || documentPart.hasPrefix("urn:") {
            document = String(documentPart)
        } else {
            guard !documentPart.hasPrefix("/"), !documentPart.contains("..") else {
                throw .invalidKeyword(
                    keyword: "$ref", location: location,
                    reason: "'\(reference)': only same-directory relative references are supported")
            }
            let relative = documentPart.hasPrefix("./") ? documentPart.dropFirst(2) : documentPart
            let directory = base.lastIndex(of: "/").map { base[...$0] } ?? ""
            document = String(directory) + relative
        }
        guard let decoded = String(fragment).removingPercentEncoding else {
            throw .invalidKeyword(keyword: "$ref", location: location, reason: "'\(reference)' has a malformed fragment")
        }
        guard decoded.isEmpty || decoded.hasPrefix("/") else {
            throw .unsupportedKeyword(keyword: "$ref to a plain-name anchor ('\(reference)')", location: location)
        }
        let pointer: JSONPointer
        do {
            pointer = try JSONPointer(parsing: decoded)
        } catch {
            throw .invalidKeyword(keyword: "$ref", location: location, reason: error.description)
        }
        return document + "#" + pointer.description
    }
}
