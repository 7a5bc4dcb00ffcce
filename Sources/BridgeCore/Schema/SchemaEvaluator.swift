import BridgeValues
import Foundation

/// Evaluates an instance against compiled schemas and collects every problem.
struct SchemaEvaluator {
    /// Every compiled schema in the catalog, by absolute location, for `$ref`.
    let nodes: [String: SchemaNode]
    /// Bound on nested schema evaluation, so a `$ref` cycle cannot recurse forever.
    static let maxDepth = 256

    func evaluate(_ node: SchemaNode, _ instance: JSONValue, at path: JSONPointer) -> [SchemaProblem] {
        evaluate(node, instance, path, depth: 0)
    }

    /// Whether `instance` passes `node` (problems discarded).
    private func passes(_ node: SchemaNode, _ instance: JSONValue, _ path: JSONPointer, depth: Int) -> Bool {
        evaluate(node, instance, path, depth: depth).isEmpty
    }

    private func evaluate(_ node: SchemaNode, _ instance: JSONValue, _ path: JSONPointer, depth: Int)
        -> [SchemaProblem]
    {
        guard depth < Self.maxDepth else {
            return [problem(path, "$ref", "schema nesting is too deep (a $ref cycle?)", node)]
        }
        if let always = node.always {
            return always ? [] : [problem(path, "false", "is not allowed", node)]
        }
        var problems: [SchemaProblem] = []
        evaluateApplicators(node.keywords, node, instance, path, depth + 1, &problems)
        evaluateGeneric(node.keywords, node, instance, path, &problems)
        switch instance {
        case .integer, .number: evaluateNumber(node.keywords, node, instance, path, &problems)
        case .string(let text): evaluateString(node.keywords, node, text, path, &problems)
        case .array(let elements): evaluateArray(node.keywords, node, elements, path, depth + 1, &problems)
        case .object(let members): evaluateObject(node.keywords, node, members, path, depth + 1, &problems)
        default: break
        }
        if let errorMessage = node.keywords.errorMessage {
            problems = apply(errorMessage, to: problems, at: path)
        }
        return problems
    }

    // MARK: Applicators

    private func evaluateApplicators(
        _ keywords: borrowing SchemaKeywords, _ node: SchemaNode, _ instance: JSONValue, _ path: JSONPointer, _ depth: Int,
        _ problems: inout [SchemaProblem]
    ) {
        if let target = keywords.ref {
            if let referenced = nodes[target] {
                problems += evaluate(referenced, instance, path, depth: depth)
            } else {
                // The catalog checks every $ref at load time; this is a defect, reported loudly.
                problems.append(problem(path, "$ref", "schema reference \(target) does not resolve", node))
            }
        }
        for schema in keywords.allOf {
            problems += evaluate(schema, instance, path, depth: depth)
        }
        if !keywords.anyOf.isEmpty {
            let results = keywords.anyOf.map { evaluate($0, instance, path, depth: depth) }
            if !results.contains(where: \.isEmpty) {
                problems.append(
                    problem(
                        path, "anyOf", "must match at least one of \(results.count) alternatives: " + summary(results, path),
                        node))
            }
        }
        if !keywords.oneOf.isEmpty {
            let results = keywords.oneOf.map { evaluate($0, instance, path, depth: depth) }
            let matching = results.indices.filter { results[$0].isEmpty }
            if matching.isEmpty {
                problems.append(
                    problem(
                        path, "oneOf", "must match exactly one of \(results.count) alternatives: " + summary(results, path),
                        node))
            } else if matching.count > 1 {
                let names = matching.map { String($0 + 1) }.joined(separator: " and ")
                problems.append(
                    problem(path, "oneOf", "must match exactly one alternative, but matches alternatives \(names)", node))
            }
        }
        if let schema = keywords.not, passes(schema, instance, path, depth: depth) {
            problems.append(problem(path, "not", "must not match the schema in 'not'", node))
        }
        if let condition = keywords.ifSchema {
            if passes(condition, instance, path, depth: depth) {
                if let then = keywords.thenSchema { problems += evaluate(then, instance, path, depth: depth) }
            } else if let otherwise = keywords.elseSchema {
                problems += evaluate(otherwise, instance, path, depth: depth)
            }
        }
        if case .object(let members) = instance {
            for (name, schema) in keywords.dependentSchemas.sorted(by: { $0.key < $1.key }) where members[name] != nil {
                problems += evaluate(schema, instance, path, depth: depth)
            }
        }
    }

    /// "alternative 1: /a is required; alternative 2: must be a string".
    private func summary(_ results: [[SchemaProblem]], _ path: JSONPointer) -> String {
        results.enumerated().map { index, problems in
            let first = problems.prefix(2).map { problem in
                problem.path == path ? problem.message : "\(problem.path.description.dropFirst(path.description.count)) \(problem.message)"
            }
            let more = problems.count > 2 ? " (+\(problems.count - 2) more)" : ""
            return "alternative \(index + 1): " + first.joined(separator: ", ") + more
        }.joined(separator: "; ")
    }

    // MARK: Any type

    private func evaluateGeneric(
        _ keywords: borrowing SchemaKeywords, _ node: SchemaNode, _ instance: JSONValue, _ path: JSONPointer,
        _ problems: inout [SchemaProblem]
    ) {
        if let types = keywords.types, !types.contains(where: { Self.instance(instance, hasType: $0) }) {
            let wanted = types.map(Self.article).joined(separator: " or ")
            problems.append(problem(path, "type", "must be \(wanted), not \(Self.article(instance.typeName))", node))
        }
        if let values = keywords.enumValues, !values.contains(instance) {
            problems.append(
                problem(path, "enum", "must be one of: " + values.map(Self.display).joined(separator: ", "), node))
        }
        if let value = keywords.constValue, value != instance {
            problems.append(problem(path, "const", "must be \(Self.display(value))", node))
        }
    }

    static func instance(_ instance: JSONValue, hasType type: String) -> Bool {
        switch type {
        case "number": instance.isNumber
        default: instance.typeName == type
        }
    }

    private static func article(_ type: String) -> String {
        switch type {
        case "integer", "array", "object": "an \(type)"
        case "null": "null"
        default: "a \(type)"
        }
    }

    /// Strings as they are, other values as JSON.
    static func display(_ value: JSONValue) -> String {
        if case .string(let text) = value { return text }
        return value.jsonString
    }

    // MARK: Numbers

    private func evaluateNumber(
        _ keywords: borrowing SchemaKeywords, _ node: SchemaNode, _ instance: JSONValue, _ path: JSONPointer,
        _ problems: inout [SchemaProblem]
    ) {
        if let limit = keywords.minimum, Self.compare(instance, limit) == .orderedAscending {
            problems.append(problem(path, "minimum", "must be at least \(limit)", node))
        }
        if let limit = keywords.maximum, Self.compare(instance, limit) == .orderedDescending {
            problems.append(problem(path, "maximum", "must be at most \(limit)", node))
        }
        if let limit = keywords.exclusiveMinimum, Self.compare(instance, limit) != .orderedDescending {
            problems.append(problem(path, "exclusiveMinimum", "must be greater than \(limit)", node))
        }
        if let limit = keywords.exclusiveMaximum, Self.compare(instance, limit) != .orderedAscending {
            problems.append(problem(path, "exclusiveMaximum", "must be less than \(limit)", node))
        }
        if let divisor = keywords.multipleOf, !Self.isMultiple(instance, of: divisor) {
            problems.append(problem(path, "multipleOf", "must be a multiple of \(divisor)", node))
        }
    }

    /// Exact for two integers, by `Double` otherwise.
    static func compare(_ a: JSONValue, _ b: JSONValue) -> ComparisonResult {
        if case .integer(let x) = a, case .integer(let y) = b {
            return x < y ? .orderedAscending : (x > y ? .orderedDescending : .orderedSame)
        }
        let x = a.doubleValue ?? .nan
        let y = b.doubleValue ?? .nan
        return x < y ? .orderedAscending : (x > y ? .orderedDescending : .orderedSame)
    }

    static func isMultiple(_ value: JSONValue, of divisor: JSONValue) -> Bool {
        if case .integer(let x) = value, case .integer(let y) = divisor { return x % y == 0 }
        guard let x = value.doubleValue, let y = divisor.doubleValue else { return false }
        let quotient = x / y
        guard quotient.isFinite else { return false }
        return abs(quotient - quotient.rounded()) <= 1e-9 * max(1, abs(quotient))
    }

    // MARK: Strings

    private func evaluateString(
        _ keywords: borrowing SchemaKeywords, _ node: SchemaNode, _ text: String, _ path: JSONPointer,
        _ problems: inout [SchemaProblem]
    ) {
        if keywords.minLength != nil || keywords.maxLength != nil {
            // JSON Schema counts characters as Unicode code points.
            let length = text.unicodeScalars.count
            if let limit = keywords.minLength, length < limit {
                problems.append(
                    problem(
                        path, "minLength",
                        limit == 1 ? "must not be empty" : "must be at least \(limit) characters long", node))
            }
            if let limit = keywords.maxLength, length > limit {
                problems.append(problem(path, "maxLength", "must be at most \(limit) characters long", node))
            }
        }
        if let pattern = keywords.pattern, !pattern.matches(text) {
            problems.append(problem(path, "pattern", "must match the pattern \(pattern.source)", node))
        }
        if let format = keywords.format, !format.accepts(text) {
            problems.append(problem(path, "format", format.requirement, node))
        }
    }

    // MARK: Arrays

    private func evaluateArray(
        _ keywords: borrowing SchemaKeywords, _ node: SchemaNode, _ elements: [JSONValue], _ path: JSONPointer, _ depth: Int,
        _ problems: inout [SchemaProblem]
    ) {
        if let limit = keywords.minItems, elements.count < limit {
            problems.append(
                problem(path, "minItems", "must have at least \(limit) item\(limit == 1 ? "" : "s")", node))
        }
        if let limit = keywords.maxItems, elements.count > limit {
            problems.append(problem(path, "maxItems", "must have at most \(limit) item\(limit == 1 ? "" : "s")", node))
        }
        if keywords.uniqueItems {
            var firstIndex: [JSONValue: Int] = [:]
            for (index, element) in elements.enumerated() {
                if let earlier = firstIndex[element] {
                    problems.append(
                        problem(path, "uniqueItems", "items \(earlier) and \(index) are equal; items must be unique", node))
                } else {
                    firstIndex[element] = index
                }
            }
        }
        for (index, schema) in keywords.prefixItems.enumerated() where index < elements.count {
            problems += evaluate(schema, elements[index], path.appending(index), depth: depth)
        }
        if let schema = keywords.items {
            for index in keywords.prefixItems.count..<max(keywords.prefixItems.count, elements.count) {
                problems += evaluate(schema, elements[index], path.appending(index), depth: depth)
            }
        }
        if let schema = keywords.contains {
            let matches = elements.indices.filter { passes(schema, elements[$0], path.appending($0), depth: depth) }.count
            let minimum = keywords.minContains ?? 1
            if matches < minimum {
                problems.append(
                    problem(
                        path, keywords.minContains == nil ? "contains" : "minContains",
                        "must contain at least \(minimum) item\(minimum == 1 ? "" : "s") matching the 'contains' schema (found \(matches))",
                        node))
            }
            if let maximum = keywords.maxContains, matches > maximum {
                problems.append(
                    problem(
                        path, "maxContains",
                        "must contain at most \(maximum) item\(maximum == 1 ? "" : "s") matching the 'contains' schema (found \(matches))",
                        node))
            }
        }
    }

    // MARK: Objects

    private func evaluateObject(
        _ keywords: borrowing SchemaKeywords, _ node: SchemaNode, _ members: [String: JSONValue], _ path: JSONPointer,
        _ depth: Int, _ problems: inout [SchemaProblem]
    ) {
        if let limit = keywords.minProperties, members.count < limit {
            problems.append(
                problem(path, "minProperties", "must have at least \(limit) propert\(limit == 1 ? "y" : "ies")", node))
        }
        if let limit = keywords.maxProperties, members.count > limit {
            problems.append(
                problem(path, "maxProperties", "must have at most \(limit) propert\(limit == 1 ? "y" : "ies")", node))
        }
        for name in keywords.required where members[name] == nil {
            problems.append(problem(path.appending(name), "required", "is required", node))
        }
        for (name, dependents) in keywords.dependentRequired.sorted(by: { $0.key < $1.key }) where members[name] != nil {
            for dependent in dependents where members[dependent] == nil {
                problems.append(
                    problem(path.appending(dependent), "dependentRequired", "is required when '\(name)' is present", node))
            }
        }
        // Dictionary order; SchemaCatalog.validate sorts the problems into document order.
        for (name, value) in members {
            let memberPath = path.appending(name)
            if let schema = keywords.propertyNames {
                for nameProblem in evaluate(schema, .string(name), memberPath, depth: depth) {
                    var renamed = nameProblem
                    renamed.keyword = "propertyNames"
                    renamed.message = "property name '\(name)' " + nameProblem.message
                    problems.append(renamed)
                }
            }
            var matched = false
            if let schema = keywords.properties[name] {
                matched = true
                problems += evaluate(schema, value, memberPath, depth: depth)
            }
            for (pattern, schema) in keywords.patternProperties where pattern.matches(name) {
                matched = true
                problems += evaluate(schema, value, memberPath, depth: depth)
            }
            if !matched, let schema = keywords.additionalProperties {
                if schema.always == false {
                    problems.append(
                        problem(
                            memberPath, "additionalProperties", unknownPropertyMessage(name, known: keywords), schema))
                } else {
                    problems += evaluate(schema, value, memberPath, depth: depth)
                }
            }
        }
    }

    /// "unknown property 'boardd' (did you mean 'board'?)".
    private func unknownPropertyMessage(_ name: String, known keywords: borrowing SchemaKeywords) -> String {
        let candidates = keywords.properties.keys.sorted()
        let lowered = name.lowercased()
        let best = candidates.map { ($0, Self.editDistance(lowered, $0.lowercased())) }
            .filter { $0.1 <= max(1, min(2, $0.0.count / 3)) }
            .min { $0.1 < $1.1 }
        guard let suggestion = best?.0 else { return "unknown property '\(name)'" }
        return "unknown property '\(name)' (did you mean '\(suggestion)'?)"
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a)
        let y = Array(b)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }

    // MARK: Problems

    private func problem(_ path: JSONPointer, _ keyword: String, _ message: String, _ node: SchemaNode) -> SchemaProblem {
        SchemaProblem(path: path, keyword: keyword, message: message, schemaLocation: node.location)
    }

    /// Replaces the problems reported at `path` itself by the schema's own message (once), keeping
    /// problems deeper in the instance as they are.
    private func apply(_ errorMessage: SchemaKeywords.ErrorMessage, to problems: [SchemaProblem], at path: JSONPointer)
        -> [SchemaProblem]
    {
        var result: [SchemaProblem] = []
        var replacedKeywords: Set<String> = []
        var replacedAll = false
        for problem in problems {
            guard problem.path == path else {
                result.append(problem)
                continue
            }
            switch errorMessage {
            case .all(let message):
                if !replacedAll {
                    replacedAll = true
                    result.append(
                        SchemaProblem(path: path, keyword: problem.keyword, message: message, schemaLocation: problem.schemaLocation))
                }
            case .byKeyword(let messages):
                if let message = messages[problem.keyword] {
                    if replacedKeywords.insert(problem.keyword).inserted {
                        result.append(
                            SchemaProblem(path: path, keyword: problem.keyword, message: message, schemaLocation: problem.schemaLocation))
                    }
                } else {
                    result.append(problem)
                }
            }
        }
        return result
    }
}
