import BridgeValues
import Foundation
import Testing

@testable import BridgeCore

@Suite("YAML to JSON conversion (settings are validated as JSON)")
struct YAMLConversionTests {
    @Test("YAML 1.2 core scalars: only true/false are booleans, quoted values are strings")
    func coreSchema() throws {
        let value = try JSONValue(
            yaml: """
                flag: true
                upper: FALSE
                yes: yes
                country: NO
                int: 42
                hex: 0x1F
                neg: -7
                float: 2.5
                quoted: "42"
                single: 'true'
                nothing: ~
                empty:
                date: 2026-11-22
                text: Help Desk
                """)
        #expect(value["flag"] == .bool(true))
        #expect(value["upper"] == .bool(false))
        #expect(value["yes"] == .string("yes"))
        #expect(value["country"] == .string("NO"))
        #expect(value["int"] == .integer(42))
        #expect(value["hex"] == .integer(31))
        #expect(value["neg"] == .integer(-7))
        #expect(value["float"] == .number(2.5))
        #expect(value["quoted"] == .string("42"))
        #expect(value["single"] == .string("true"))
        #expect(value["nothing"] == .null)
        #expect(value["empty"] == .null)
        #expect(value["date"] == .string("2026-11-22"))
        #expect(value["text"] == .string("Help Desk"))
    }

    @Test("flow and block collections, anchors and merge keys")
    func collections() throws {
        let value = try JSONValue(
            yaml: """
                base: &base {enabled: true, days: 3}
                list:
                  - a
                  - {b: 1}
                merged:
                  <<: *base
                  days: 5
                alias: *base
                """)
        #expect(value["list"] == ["a", ["b": 1]])
        #expect(value["merged"] == ["enabled": true, "days": 5])
        #expect(value["alias"] == ["enabled": true, "days": 3])
    }

    @Test("syntax errors name the line and never quote the text")
    func syntaxErrors() {
        let secret = "s3cr3t-value-123"
        #expect {
            try JSONValue(yaml: "a: 1\nb: [\(secret)\nc: 2\n")
        } throws: { error in
            guard let error = error as? YAMLConversionError else { return false }
            return error.line != nil && !error.description.contains(secret)
        }
        #expect {
            try JSONValue(yaml: "a: 1\na: 2\n")
        } throws: { error in
            (error as? YAMLConversionError)?.message.contains("duplicate") == true
        }
    }

    @Test("unsupported tags and non-JSON numbers are refused")
    func refusals() {
        #expect(throws: YAMLConversionError.self) { try JSONValue(yaml: "a: !!binary aGVsbG8=") }
        #expect(throws: YAMLConversionError.self) { try JSONValue(yaml: "a: .inf") }
        #expect(throws: YAMLConversionError.self) { try JSONValue(yaml: "[1, 2]: x") }
    }
}
