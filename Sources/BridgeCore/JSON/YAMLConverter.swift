import BridgeValues
import Foundation
import Yams

/// Turns a YAML document into a `JSONValue`, so YAML files are validated by the same JSON Schemas
/// as JSON messages.
///
/// Plain scalars are resolved by the YAML 1.2 core schema, not YAML 1.1: only `true`/`false`
/// (any case style) are booleans, so `yes`, `no`, `on`, `off` and country codes such as `NO` stay
/// strings. Quoted and block scalars are always strings. Timestamps stay strings (JSON has no date
/// type; schemas check them with `format`). Merge keys (`<<`) are applied. Tags other than the core
/// ones are refused.
struct YAMLConverter {
    /// The converted value and the 1-based line where each location starts.
    struct Output {
        var value: JSONValue
        var lines: [JSONPointer: Int]
    }

    private var lines: [JSONPointer: Int] = [:]

    static func convert(_ yaml: String) throws(YAMLConversionError) -> Output {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw Self.describe(error)
        } catch {
            throw YAMLConversionError(message: "cannot be parsed (\(type(of: error)))")
        }
        guard let root else { return Output(value: .null, lines: [:]) }
        var converter = YAMLConverter()
        let value = try converter.convert(root, at: .root)
        return Output(value: value, lines: converter.lines)
    }

    private mutating func convert(_ node: Node, at path: JSONPointer) throws(YAMLConversionError) -> JSONValue {
        if let mark = node.mark { lines[path] = mark.line }
        switch node {
        case .scalar(let scalar):
            return try Self.convert(scalar)
        case .sequence(let sequence):
            var elements: [JSONValue] = []
            elements.reserveCapacity(sequence.count)
            for (index, element) in sequence.enumerated() {
                elements.append(try convert(element, at: path.appending(index)))
            }
            return .array(elements)
        case .mapping(let mapping):
            return .object(try convert(mapping, at: path))
        case .alias(let alias):
            // Yams resolves aliases while composing; one left here is an undefined anchor.
            throw YAMLConversionError(
                message: "alias '*\(alias.anchor.rawValue)' does not refer to a defined anchor",
                line: alias.mark?.line, column: alias.mark?.column)
        }
    }

    private mutating func convert(_ mapping: Node.Mapping, at path: JSONPointer) throws(YAMLConversionError)
        -> [String: JSONValue]
    {
        var members: [String: JSONValue] = [:]
        var merged: [String: JSONValue] = [:]
        for (keyNode, valueNode) in mapping {
            guard case .scalar(let keyScalar) = keyNode else {
                throw YAMLConversionError(
                    message: "mapping keys must be plain strings (found a \(Self.kindName(keyNode)))",
                    line: keyNode.mark?.line, column: keyNode.mark?.column)
            }
            if keyScalar.string == "<<", keyScalar.style == .plain {
                try merge(valueNode, into: &merged, at: path)
                continue
            }
            let key = keyScalar.string
            let value = try convert(valueNode, at: path.appending(key))
            // A member is where its key is (a block mapping's value starts on the next line).
            if let mark = keyNode.mark { lines[path.appending(key)] = mark.line }
            if members.updateValue(value, forKey: key) != nil {
                throw YAMLConversionError(
                    message: "duplicate key '\(key)'", line: keyNode.mark?.line, column: keyNode.mark?.column)
            }
        }
        // Explicit keys win over merged ones.
        return merged.merging(members) { _, explicit in explicit }
    }

    private mutating func merge(_ node: Node, into merged: inout [String: JSONValue], at path: JSONPointer)
        throws(YAMLConversionError)
    {
        let sources: [Node]
        switch node {
        case .mapping: sources = [node]
        case .sequence(let sequence): sources = Array(sequence)
        default:
            throw YAMLConversionError(
                message: "a merge key '<<' needs a mapping or a list of mappings",
                line: node.mark?.line, column: node.mark?.column)
        }
        for source in sources {
            guard case .mapping(let mapping) = source else {
                throw YAMLConversionError(
                    message: "a merge key '<<' needs a mapping or a list of mappings",
                    line: source.mark?.line, column: source.mark?.column)
            }
            // Earlier sources win over later ones.
            let members = try convert(mapping, at: path)
            merged.merge(members) { earlier, _ in earlier }
        }
    }

    // MARK: Scalars

    private static let coreTag = "tag:yaml.org,2002:"

    private static func convert(_ scalar: Node.Scalar) throws(YAMLConversionError) -> JSONValue {
        let tag = scalar.tag.rawValue
        let text = scalar.string
        func failure(_ message: String) -> YAMLConversionError {
            YAMLConversionError(message: message, line: scalar.mark?.line, column: scalar.mark?.column)
        }
        switch tag {
        case "", "?":
            guard scalar.style == .plain || scalar.style == .any else { return .string(text) }
            return try resolvePlain(text, failure: failure)
        case "!", coreTag + "str":
            return .string(text)
        case coreTag + "null":
            guard isNull(text) else { throw failure("a !!null value must be empty, '~' or 'null'") }
            return .null
        case coreTag + "bool":
            guard let value = bool(text) else { throw failure("a !!bool value must be true or false") }
            return .bool(value)
        case coreTag + "int":
            guard let value = integer(text) else { throw failure("a !!int value must be a whole number") }
            return value
        case coreTag + "float":
            guard let value = try float(text, failure: failure) ?? integer(text) else {
                throw failure("a !!float value must be a number")
            }
            return value
        default:
            throw failure("the YAML tag '\(tag)' is not supported (use plain values, strings, lists and mappings)")
        }
    }

    private static func resolvePlain(
        _ text: String, failure: (String) -> YAMLConversionError
    ) throws(YAMLConversionError) -> JSONValue {
        if isNull(text) { return .null }
        if let value = bool(text) { return .bool(value) }
        if let value = integer(text) { return value }
        if let value = try float(text, failure: failure) { return value }
        return .string(text)
    }

    private static func isNull(_ text: String) -> Bool {
        ["", "~", "null", "Null", "NULL"].contains(text)
    }

    private static func bool(_ text: String) -> Bool? {
        switch text {
        case "true", "True", "TRUE": true
        case "false", "False", "FALSE": false
        default: nil
        }
    }

    /// YAML 1.2 core integers: decimal, `0o` octal, `0x` hex. Out-of-range decimals become numbers.
    private static func integer(_ text: String) -> JSONValue? {
        var body = Substring(text)
        var negative = false
        if let sign = body.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            body = body.dropFirst()
        }
        guard !body.isEmpty else { return nil }
        let radix: Int
        if body.hasPrefix("0x") {
            radix = 16
            body = body.dropFirst(2)
        } else if body.hasPrefix("0o") {
            radix = 8
            body = body.dropFirst(2)
        } else {
            radix = 10
        }
        guard !body.isEmpty, body.allSatisfy({ $0.isHexDigit && Int(String($0), radix: radix) != nil }) else {
            return nil
        }
        if let magnitude = Int(body, radix: radix) {
            return .integer(negative ? -magnitude : magnitude)
        }
        guard radix == 10, let value = Double(String(body)) else { return nil }
        return .number(negative ? -value : value)
    }

    /// YAML 1.2 core floats. `.inf` and `.nan` have no JSON form and are refused.
    private static func float(
        _ text: String, failure: (String) -> YAMLConversionError
    ) throws(YAMLConversionError) -> JSONValue? {
        let lowered = text.lowercased()
        if [".inf", "+.inf", "-.inf", ".nan"].contains(lowered) {
            throw failure("'\(text)' (infinity or not-a-number) cannot be represented in JSON")
        }
        guard text.range(of: #"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$"#, options: .regularExpression)
            != nil, let value = Double(text), value.isFinite
        else { return nil }
        return .number(value)
    }

    private static func kindName(_ node: Node) -> String {
        switch node {
        case .scalar: "scalar"
        case .mapping: "mapping"
        case .sequence: "list"
        case .alias: "alias"
        }
    }

    /// Describes a Yams error by its problem and position only: Yams' own description quotes the
    /// offending line, which could hold a secret.
    private static func describe(_ error: YamlError) -> YAMLConversionError {
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let prefix = context.map { "\($0.text) " } ?? ""
            return YAMLConversionError(message: prefix + problem, line: mark.line, column: mark.column)
        case .reader(let problem, let offset, _, _):
            return YAMLConversionError(message: problem + (offset.map { " (byte \($0))" } ?? ""))
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.sorted().map { "'\($0)'" }.joined(separator: ", ")
            return YAMLConversionError(
                message: "duplicate key(s) \(keys)", line: context.mark.line, column: context.mark.column)
        case .dataCouldNotBeDecoded:
            return YAMLConversionError(message: "the text is not valid UTF-8")
        default:
            return YAMLConversionError(message: "cannot be parsed")
        }
    }
}

extension JSONValue {
    /// Converts a single YAML document to JSON (YAML 1.2 core schema; see `YAMLConverter`).
    /// An empty document is `null`.
    public init(yaml: String) throws(YAMLConversionError) {
        self = try YAMLConverter.convert(yaml).value
    }
}
