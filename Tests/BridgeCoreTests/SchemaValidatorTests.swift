import BridgeValues
import Foundation
import Testing

@testable import BridgeCore

/// One keyword's behaviour: instances that pass and instances that fail with that keyword.
struct KeywordCase: Sendable, CustomTestStringConvertible {
    var keyword: String
    var schema: String
    var valid: [String]
    var invalid: [String]
    /// A fragment of the message every failing instance gets.
    var message: String

    var testDescription: String { keyword }
}

@Suite("JSON Schema validator, keyword by keyword (S5)")
struct SchemaValidatorTests {
    static let base = "https://test.example/schemas/"

    /// Validates `instance` against `schema` (given without `$id`).
    static func problems(_ schema: String, _ instance: String) throws -> [SchemaProblem] {
        guard case .object(var members) = try JSONValue(parsing: schema) else {
            Issue.record("schema must be an object")
            return []
        }
        members["$id"] = .string(base + "t.schema.json")
        let catalog = try SchemaCatalog(documents: [.object(members)])
        return try catalog.validate(try JSONValue(parsing: instance), against: "t.schema.json")
    }

    static let cases: [KeywordCase] = [
        KeywordCase(
            keyword: "type", schema: #"{"type": "integer"}"#, valid: ["1", "-3", "2.0"],
            invalid: ["1.5", "\"1\"", "null", "[]"], message: "must be an integer"),
        KeywordCase(
            keyword: "type", schema: #"{"type": ["string", "null"]}"#, valid: ["\"a\"", "null"],
            invalid: ["1", "{}", "false"], message: "must be a string or null"),
        KeywordCase(
            keyword: "type", schema: #"{"type": "number"}"#, valid: ["1", "1.5"], invalid: ["\"1\"", "true"],
            message: "must be a number"),
        KeywordCase(
            keyword: "enum", schema: #"{"enum": ["Production", "Trial", 3]}"#, valid: ["\"Trial\"", "3", "3.0"],
            invalid: ["\"trial\"", "4", "null"], message: "must be one of: Production, Trial, 3"),
        KeywordCase(
            keyword: "const", schema: #"{"const": {"a": [1, 2]}}"#, valid: [#"{"a": [1, 2.0]}"#],
            invalid: [#"{"a": [2, 1]}"#, #"{"a": [1, 2], "b": 1}"#], message: "must be {\"a\":[1,2]}"),
        KeywordCase(
            keyword: "minimum", schema: #"{"minimum": 1}"#, valid: ["1", "1.5", "\"x\""], invalid: ["0", "0.99"],
            message: "must be at least 1"),
        KeywordCase(
            keyword: "maximum", schema: #"{"maximum": 28}"#, valid: ["28", "-1"], invalid: ["29", "28.01"],
            message: "must be at most 28"),
        KeywordCase(
            keyword: "exclusiveMinimum", schema: #"{"exclusiveMinimum": 0}"#, valid: ["0.001", "1"],
            invalid: ["0", "-1"], message: "must be greater than 0"),
        KeywordCase(
            keyword: "exclusiveMaximum", schema: #"{"exclusiveMaximum": 10}"#, valid: ["9.99"], invalid: ["10", "11"],
            message: "must be less than 10"),
        KeywordCase(
            keyword: "multipleOf", schema: #"{"multipleOf": 60}"#, valid: ["900", "0", "-120"], invalid: ["90", "61.5"],
            message: "must be a multiple of 60"),
        KeywordCase(
            keyword: "multipleOf", schema: #"{"multipleOf": 0.01}"#, valid: ["19.99", "0.07", "3"], invalid: ["0.005"],
            message: "must be a multiple of 0.01"),
        KeywordCase(
            keyword: "minLength", schema: #"{"minLength": 2}"#, valid: ["\"ab\"", "\"😀😀\"", "7"],
            invalid: ["\"a\"", "\"😀\"", "\"\""], message: "at least 2 characters"),
        KeywordCase(
            keyword: "maxLength", schema: #"{"maxLength": 3}"#, valid: ["\"abc\"", "\"é😀ü\""],
            invalid: ["\"abcd\"", "\"😀😀😀😀\""], message: "at most 3 characters"),
        KeywordCase(
            keyword: "pattern", schema: #"{"pattern": "^[a-z_]+$"}"#, valid: ["\"pw_base\"", "5"],
            invalid: ["\"PW\"", "\"a-b\""], message: "must match the pattern ^[a-z_]+$"),
        KeywordCase(
            keyword: "pattern", schema: #"{"pattern": "storage"}"#, valid: ["\"local_storage_x\""], invalid: ["\"disk\""],
            message: "must match the pattern storage"),
        // ECMA-262 reading: `$` is the end of the text (not before a final newline), `\d` is ASCII.
        KeywordCase(
            keyword: "pattern", schema: #"{"pattern": "^[0-9]{1,19}$"}"#, valid: ["\"42\""],
            invalid: ["\"42\\n\"", "\"\\u0664\\u0662\"", "\"12345678901234567890\""], message: "must match the pattern"),
        KeywordCase(
            keyword: "pattern", schema: #"{"pattern": "^\\d+$"}"#, valid: ["\"2026\""], invalid: ["\"\\u0662\\u0660\\u0662\\u0666\""],
            message: "must match the pattern"),
        KeywordCase(
            keyword: "pattern", schema: #"{"pattern": "^[\\x21-\\x7E]*$"}"#, valid: ["\"a-b_c\""], invalid: ["\"a b\"", "\"e\\u0301\""],
            message: "must match the pattern"),
        KeywordCase(
            keyword: "format", schema: #"{"format": "date-time"}"#,
            valid: ["\"2026-11-22T02:15:00Z\"", "\"2026-11-22T02:15:00.5+01:00\"", "1"],
            invalid: ["\"2026-11-22\"", "\"2026-11-22T25:00:00Z\"", "\"yesterday\""], message: "must be a date-time"),
        KeywordCase(
            keyword: "format", schema: #"{"format": "date"}"#, valid: ["\"2024-02-29\""],
            invalid: ["\"2023-02-29\"", "\"2024-2-1\"", "\"2024-02-29T00:00:00Z\""], message: "must be a date"),
        KeywordCase(
            keyword: "format", schema: #"{"format": "uuid"}"#,
            valid: ["\"3f1c2b7e-8a44-4d2b-9d6e-1a2b3c4d5e6f\"", "\"E5FA7823-0000-4000-8000-00000000ABCD\""],
            invalid: ["\"3f1c2b7e8a444d2b9d6e1a2b3c4d5e6f\"", "\"3f1c2b7e-8a44-4d2b-9d6e-1a2b3c4d5e6g\""],
            message: "must be a UUID"),
        KeywordCase(
            keyword: "format", schema: #"{"format": "email"}"#, valid: ["\"ops@acme.example\"", "\"a.b+c@x.co\""],
            invalid: ["\"ops\"", "\"ops@localhost\"", "\"a..b@x.co\"", "\"@x.co\"", "\"a b@x.co\""],
            message: "must be an email address"),
        KeywordCase(
            keyword: "format", schema: #"{"format": "uri"}"#, valid: ["\"https://eu2-cloud.acronis.com\"", "\"urn:x:y\""],
            invalid: ["\"eu2-cloud.acronis.com\"", "\"https://a b\"", "\"1http://x\""], message: "must be an absolute URI"),
        KeywordCase(
            keyword: "format", schema: #"{"format": "hostname"}"#, valid: ["\"api-na.myconnectwise.net\"", "\"localhost\""],
            invalid: ["\"-bad.example\"", "\"a_b.example\"", "\"https://x.example\"", "\"\""], message: "must be a host name"),
        KeywordCase(
            keyword: "format", schema: #"{"format": "x-not-a-known-format"}"#, valid: ["\"anything\""], invalid: [],
            message: ""),
        KeywordCase(
            keyword: "required", schema: #"{"required": ["a", "b"]}"#, valid: [#"{"a": 1, "b": null}"#, "[]"],
            invalid: [#"{"a": 1}"#, "{}"], message: "is required"),
        KeywordCase(
            keyword: "additionalProperties",
            schema: #"{"properties": {"board": {}}, "patternProperties": {"^x-": {}}, "additionalProperties": false}"#,
            valid: [#"{"board": 1, "x-note": 2}"#], invalid: [#"{"boardd": 1}"#, #"{"queue": 1}"#],
            message: "unknown property"),
        KeywordCase(
            keyword: "type", schema: #"{"properties": {"a": {}}, "additionalProperties": {"type": "integer"}}"#,
            valid: [#"{"a": "x", "b": 1}"#], invalid: [#"{"b": "x"}"#], message: "must be an integer"),
        KeywordCase(
            keyword: "type", schema: #"{"patternProperties": {"^n_": {"type": "number"}}}"#,
            valid: [#"{"n_a": 1, "s": "x"}"#], invalid: [#"{"n_a": "1"}"#], message: "must be a number"),
        KeywordCase(
            keyword: "propertyNames", schema: #"{"propertyNames": {"pattern": "^[a-z]+$"}}"#, valid: [#"{"abc": 1}"#],
            invalid: [#"{"aB": 1}"#], message: "property name 'aB' must match"),
        KeywordCase(
            keyword: "minProperties", schema: #"{"minProperties": 1}"#, valid: [#"{"a": 1}"#], invalid: ["{}"],
            message: "at least 1 property"),
        KeywordCase(
            keyword: "maxProperties", schema: #"{"maxProperties": 1}"#, valid: ["{}", #"{"a": 1}"#],
            invalid: [#"{"a": 1, "b": 2}"#], message: "at most 1 property"),
        KeywordCase(
            keyword: "dependentRequired", schema: #"{"dependentRequired": {"status": ["enabled"]}}"#,
            valid: [#"{"enabled": true, "status": 1}"#, "{}"], invalid: [#"{"status": 1}"#],
            message: "is required when 'status' is present"),
        KeywordCase(
            keyword: "type", schema: #"{"items": {"type": "string"}}"#, valid: [#"["a", "b"]"#, "[]"],
            invalid: [#"["a", 1]"#], message: "must be a string"),
        KeywordCase(
            keyword: "type", schema: #"{"prefixItems": [{"type": "integer"}, {"type": "string"}], "items": {"type": "boolean"}}"#,
            valid: [#"[1, "a", true, false]"#, "[1]"], invalid: [#"["a"]"#, #"[1, 2]"#, #"[1, "a", "b"]"#],
            message: "must be"),
        KeywordCase(
            keyword: "minItems", schema: #"{"minItems": 2}"#, valid: ["[1, 2]"], invalid: ["[1]", "[]"],
            message: "at least 2 items"),
        KeywordCase(
            keyword: "maxItems", schema: #"{"maxItems": 1}"#, valid: ["[]", "[1]"], invalid: ["[1, 2]"],
            message: "at most 1 item"),
        KeywordCase(
            keyword: "uniqueItems", schema: #"{"uniqueItems": true}"#, valid: [#"[1, "1", {"a": 1}, {"a": 2}]"#],
            invalid: ["[1, 2, 1.0]", #"[{"a": [1]}, {"a": [1]}]"#], message: "must be unique"),
        KeywordCase(
            keyword: "contains", schema: #"{"contains": {"const": "x"}}"#, valid: [#"["a", "x"]"#],
            invalid: [#"["a"]"#, "[]"], message: "must contain at least 1 item"),
        KeywordCase(
            keyword: "maxContains", schema: #"{"contains": {"const": "x"}, "maxContains": 1}"#, valid: [#"["x", "y"]"#],
            invalid: [#"["x", "x"]"#], message: "at most 1 item"),
        KeywordCase(
            keyword: "minContains", schema: #"{"contains": {"type": "integer"}, "minContains": 2}"#, valid: ["[1, 2]"],
            invalid: [#"[1, "a"]"#], message: "at least 2 items"),
        KeywordCase(
            keyword: "minimum", schema: #"{"allOf": [{"minimum": 1}, {"maximum": 10}]}"#, valid: ["5"], invalid: ["0"],
            message: "at least 1"),
        KeywordCase(
            keyword: "anyOf", schema: ##"{"anyOf": [{"type": "integer"}, {"type": "string", "pattern": "^#"}]}"##, valid: ["1", "\"#5\""],
            invalid: ["\"5\"", "1.5"], message: "must match at least one of 2 alternatives"),
        KeywordCase(
            keyword: "oneOf", schema: #"{"oneOf": [{"type": "integer"}, {"minimum": 2}]}"#, valid: ["1", "2.5"],
            invalid: ["3", "0.5"], message: "exactly one"),
        KeywordCase(
            keyword: "not", schema: #"{"not": {"type": "null"}}"#, valid: ["0", "\"\""], invalid: ["null"],
            message: "must not match"),
        KeywordCase(
            keyword: "required",
            schema: #"{"if": {"properties": {"enabled": {"const": true}}, "required": ["enabled"]}, "then": {"required": ["status"]}, "else": {"required": ["reason"]}}"#,
            valid: [#"{"enabled": true, "status": 1}"#, #"{"enabled": false, "reason": "x"}"#],
            invalid: [#"{"enabled": true}"#, #"{"enabled": false}"#, "{}"], message: "is required"),
        KeywordCase(
            keyword: "maxProperties", schema: #"{"dependentSchemas": {"a": {"maxProperties": 1}}}"#,
            valid: [#"{"a": 1}"#, #"{"b": 1, "c": 2}"#], invalid: [#"{"a": 1, "b": 2}"#], message: "at most 1 property"),
        KeywordCase(
            keyword: "minimum", schema: ##"{"$defs": {"pos": {"minimum": 1}}, "properties": {"n": {"$ref": "#/$defs/pos"}}}"##,
            valid: [#"{"n": 1}"#], invalid: [#"{"n": 0}"#], message: "at least 1"),
        KeywordCase(
            keyword: "false", schema: #"{"properties": {"gone": false}}"#, valid: ["{}"], invalid: [#"{"gone": 1}"#],
            message: "is not allowed"),
    ]

    @Test("each keyword accepts what it should and refuses what it should", arguments: cases)
    func keyword(_ testCase: KeywordCase) throws {
        for instance in testCase.valid {
            let problems = try Self.problems(testCase.schema, instance)
            #expect(problems.isEmpty, "\(instance) should pass \(testCase.schema), got \(problems)")
        }
        for instance in testCase.invalid {
            let problems = try Self.problems(testCase.schema, instance)
            #expect(!problems.isEmpty, "\(instance) should fail \(testCase.schema)")
            #expect(
                problems.contains { $0.keyword == testCase.keyword && $0.message.contains(testCase.message) },
                "\(instance) against \(testCase.schema): expected \(testCase.keyword) '\(testCase.message)', got \(problems)")
        }
    }

    @Test("every problem is reported, each with its instance path")
    func allProblemsWithPaths() throws {
        let schema = #"""
            {
              "type": "object",
              "required": ["name", "tickets"],
              "additionalProperties": false,
              "properties": {
                "name": {"type": "string"},
                "tickets": {
                  "type": "object",
                  "additionalProperties": false,
                  "properties": {
                    "board": {"type": "string"},
                    "alertTypes": {"type": "array", "items": {
                      "type": "object",
                      "properties": {"priority": {"enum": ["High", "Low"]}, "days": {"type": "integer", "minimum": 1}}
                    }}
                  }
                }
              }
            }
            """#
        let instance = #"""
            {"tickets": {"boardd": "x", "alertTypes": [{"priority": "High"}, {"priority": "Low", "days": 0}, {"priority": "Urgent"}]}, "extra": 1}
            """#
        let problems = try Self.problems(schema, instance)
        let summary = Set(problems.map { "\($0.path) \($0.keyword) \($0.message)" })
        #expect(
            summary == [
                "/name required is required",
                "/extra additionalProperties unknown property 'extra'",
                "/tickets/boardd additionalProperties unknown property 'boardd' (did you mean 'board'?)",
                "/tickets/alertTypes/1/days minimum must be at least 1",
                "/tickets/alertTypes/2/priority enum must be one of: High, Low",
            ])
    }

    @Test("$ref across schema files, by relative and absolute URI, and into $defs of another file")
    func crossFileReferences() throws {
        let common = try TestSupport.json(
            #"{"$id": "https://test.example/schemas/common.schema.json", "$defs": {"id": {"type": "string", "format": "uuid"}, "psa": {"enum": ["connectwise", "autotask"]}}}"#)
        let item = try TestSupport.json(
            #"{"$id": "https://test.example/schemas/item.schema.json", "type": "object", "required": ["psa"], "properties": {"psa": {"$ref": "common.schema.json#/$defs/psa"}}}"#)
        let root = try TestSupport.json(
            #"""
            {"$id": "https://test.example/schemas/root.schema.json", "type": "object",
             "properties": {
               "id": {"$ref": "https://test.example/schemas/common.schema.json#/$defs/id"},
               "items": {"type": "array", "items": {"$ref": "./item.schema.json"}}
             }}
            """#)
        let catalog = try SchemaCatalog(documents: [common, item, root])
        #expect(try catalog.validate(try TestSupport.json(#"{"id": "3f1c2b7e-8a44-4d2b-9d6e-1a2b3c4d5e6f", "items": [{"psa": "autotask"}]}"#), against: "root.schema.json").isEmpty)
        let problems = try catalog.validate(
            try TestSupport.json(#"{"id": "nope", "items": [{"psa": "halo"}, {}]}"#), against: "root.schema.json")
        #expect(
            Set(problems.map { "\($0.path) \($0.keyword)" }) == ["/id format", "/items/0/psa enum", "/items/1/psa required"])
        #expect(problems.first { $0.keyword == "enum" }?.schemaLocation == "https://test.example/schemas/common.schema.json#/$defs/psa")
    }

    @Test("a recursive $ref validates nested data and a $ref cycle on itself is stopped")
    func recursion() throws {
        let tree = try TestSupport.json(
            ##"{"$id": "https://test.example/schemas/tree.schema.json", "type": "object", "properties": {"value": {"type": "integer"}, "children": {"type": "array", "items": {"$ref": "#"}}}}"##)
        let catalog = try SchemaCatalog(documents: [tree])
        let problems = try catalog.validate(
            try TestSupport.json(#"{"value": 1, "children": [{"value": 2, "children": [{"value": "x"}]}]}"#), against: "tree.schema.json")
        #expect(problems.map(\.path.description) == ["/children/0/children/0/value"])

        let loop = try TestSupport.json(##"{"$id": "https://test.example/schemas/loop.schema.json", "$ref": "#"}"##)
        let loopProblems = try SchemaCatalog(documents: [loop]).validate(1, against: "loop.schema.json")
        #expect(loopProblems.contains { $0.message.contains("too deep") })
    }

    @Test("x-errorMessage replaces the problems at its own location and keeps deeper ones")
    func customMessages() throws {
        let schema = #"""
            {"properties": {"key": {
              "type": "object", "minProperties": 1, "additionalProperties": false,
              "properties": {"env": {"type": "string"}},
              "x-errorMessage": {"type": "secrets come from env or files", "minProperties": "name a variable"}
            }}}
            """#
        #expect(try Self.problems(schema, #"{"key": "literal"}"#).map(\.message) == ["secrets come from env or files"])
        #expect(try Self.problems(schema, #"{"key": {}}"#).map(\.message) == ["name a variable"])
        #expect(try Self.problems(schema, #"{"key": {"env": 1}}"#).map(\.message) == ["must be a string, not an integer"])
        #expect(try Self.problems(schema, #"{"key": {"envv": "A"}}"#).map(\.message) == ["unknown property 'envv' (did you mean 'env'?)"])
    }

    @Test(
        "unsupported or invalid keywords are refused when the schema loads",
        arguments: [
            (#"{"unevaluatedProperties": false}"#, "unevaluatedProperties"),
            (#"{"properties": {"a": {"dependencies": {}}}}"#, "dependencies"),
            (#"{"properties": {"a": {"typo": 1}}}"#, "typo"),
            (#"{"$anchor": "x"}"#, "$anchor"),
            (#"{"type": "text"}"#, "type"),
            (#"{"minLength": -1}"#, "minLength"),
            (#"{"pattern": "(unclosed"}"#, "pattern"),
            (#"{"items": [{}]}"#, "items"),
            (##"{"$ref": "#/$defs/missing"}"##, "#/$defs/missing"),
            (#"{"$ref": "other.schema.json"}"#, "other.schema.json"),
            (#"{"$schema": "http://json-schema.org/draft-07/schema#"}"#, "$schema"),
            (#"{"multipleOf": 0}"#, "multipleOf"),
        ])
    func refusedAtLoad(schema: String, mentioned: String) throws {
        #expect {
            _ = try Self.problems(schema, "1")
        } throws: { error in
            guard let error = error as? SchemaLoadError else { return false }
            return error.description.contains(mentioned)
        }
    }

    @Test("a document without $id, and two documents with one $id, are refused")
    func identity() throws {
        #expect(throws: SchemaLoadError.missingID(source: "document 0")) {
            try SchemaCatalog(documents: [["type": "object"]])
        }
        let doc: JSONValue = ["$id": "https://test.example/a.json"]
        #expect(throws: SchemaLoadError.duplicateID(id: "https://test.example/a.json")) {
            try SchemaCatalog(documents: [doc, doc])
        }
        let catalog = try SchemaCatalog(documents: [doc])
        #expect(throws: SchemaLoadError.self) { try catalog.validate(1, against: "missing.schema.json") }
    }
}

@Suite("Schema catalog loading and location")
struct SchemaCatalogTests {
    @Test("the project's schemas all load and reference each other")
    func projectSchemas() throws {
        let catalog = try TestSupport.catalog()
        let names = catalog.schemaIDs.map { $0.split(separator: "/").last.map(String.init) ?? "" }
        #expect(
            Set(names) == [
                "envelope.schema.json", "sync.tick.schema.json", "provision.company.schema.json",
                "usage.tenant.schema.json", "ticket.command.schema.json", "settings.schema.json",
            ])
        for type in MessageType.allCases {
            #expect(catalog.contains(schema: type.schemaFileName))
        }
    }

    @Test("every project schema has an $id, a description and the 2020-12 dialect")
    func schemaHygiene() throws {
        let files = try FileManager.default.contentsOfDirectory(
            at: TestSupport.schemasDirectory.resolvingSymlinksInPath(), includingPropertiesForKeys: nil
        ).filter { $0.lastPathComponent.hasSuffix(".schema.json") }
        #expect(files.count == 6)
        for file in files {
            let document = try JSONValue(parsing: try Data(contentsOf: file))
            #expect(document["$schema"] == "https://json-schema.org/draft/2020-12/schema", "\(file.lastPathComponent)")
            #expect(document["$id"]?.stringValue?.hasSuffix("/" + file.lastPathComponent) == true, "\(file.lastPathComponent)")
            #expect(document["description"]?.stringValue?.isEmpty == false, "\(file.lastPathComponent)")
        }
    }

    @Test("locate: PSA_BRIDGE_SCHEMAS first, then walking up from the executable and the current directory")
    func locate() throws {
        let root = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let schemas = root.appendingPathComponent("repo/schemas")
        let nested = root.appendingPathComponent("repo/.build/debug")
        let elsewhere = root.appendingPathComponent("elsewhere/deep")
        for directory in [schemas, nested, elsewhere] {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        }
        try Data("{}".utf8).write(to: schemas.appendingPathComponent("envelope.schema.json"))

        let fromExecutable = try SchemaCatalog.locate(
            environment: [:], executablePath: nested.appendingPathComponent("scheduler").path,
            currentDirectory: elsewhere.path)
        #expect(fromExecutable.standardizedFileURL.path == schemas.standardizedFileURL.path)

        let fromCurrentDirectory = try SchemaCatalog.locate(
            environment: [:], executablePath: nil, currentDirectory: nested.path)
        #expect(fromCurrentDirectory.standardizedFileURL.path == schemas.standardizedFileURL.path)

        let fromEnvironment = try SchemaCatalog.locate(
            environment: ["PSA_BRIDGE_SCHEMAS": schemas.path], executablePath: nil, currentDirectory: elsewhere.path)
        #expect(fromEnvironment.standardizedFileURL.path == schemas.standardizedFileURL.path)

        #expect {
            try SchemaCatalog.locate(environment: ["PSA_BRIDGE_SCHEMAS": elsewhere.path], executablePath: nil, currentDirectory: nested.path)
        } throws: { error in
            (error as? SchemaLoadError)?.description.contains("PSA_BRIDGE_SCHEMAS=\(elsewhere.path)") == true
        }
        #expect {
            try SchemaCatalog.locate(environment: [:], executablePath: nil, currentDirectory: elsewhere.path)
        } throws: { error in
            guard case .notFound(let searched) = error as? SchemaLoadError else { return false }
            return searched.contains(elsewhere.appendingPathComponent("schemas").standardizedFileURL.path)
                && searched.contains("/schemas")
        }
    }

    @Test("a schema directory with a broken file is refused naming the file")
    func brokenDirectory() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(#"{"$id": "https://x.example/a.schema.json", "type": "object",}"#.utf8)
            .write(to: directory.appendingPathComponent("a.schema.json"))
        #expect {
            try SchemaCatalog(directory: directory)
        } throws: { error in
            guard case .malformedJSON(let path, _) = error as? SchemaLoadError else { return false }
            return path.hasSuffix("a.schema.json")
        }
    }
}
