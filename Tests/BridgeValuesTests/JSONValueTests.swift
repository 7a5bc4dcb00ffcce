import Foundation
import Testing

@testable import BridgeValues

@Suite("JSONValue parsing, serialisation, Codable and JSON Pointer (S5)")
struct JSONValueTests {
    @Test("integers stay exact, fractions and exponents are numbers")
    func numbers() throws {
        let value = try JSONValue(parsing: #"{"big": 9007199254740993, "neg": -42, "f": 1.5, "e": 1e3, "z": 0, "nz": -0.0}"#)
        #expect(value["big"] == .integer(9_007_199_254_740_993))
        #expect(value["neg"] == .integer(-42))
        #expect(value["f"] == .number(1.5))
        #expect(value["e"]?.doubleValue == 1000)
        #expect(value["z"] == .integer(0))
        // Beyond Int64 becomes a Double rather than failing.
        let huge = try JSONValue(parsing: "123456789012345678901234567890")
        #expect(huge.doubleValue == 1.2345678901234568e29)
        // A number written with a fraction is still an "integer" for JSON Schema.
        #expect(JSONValue.number(2.0).typeName == "integer")
        #expect(JSONValue.number(2.5).typeName == "number")
    }

    @Test("JSON equality: 1 equals 1.0 and they hash alike")
    func numericEquality() {
        #expect(JSONValue.integer(1) == .number(1.0))
        #expect(JSONValue.integer(1) != .number(1.5))
        #expect(Set<JSONValue>([.integer(1), .number(1.0)]).count == 1)
        #expect(JSONValue.array([1, "a"]) == .array([.number(1), .string("a")]))
    }

    @Test("strings: escapes, surrogate pairs and raw UTF-8")
    func strings() throws {
        let value = try JSONValue(parsing: #"["a\"b\\c\/d\n\t", "\u00e9\ud83d\ude00", "Zürich 😀"]"#)
        #expect(value[0] == .string("a\"b\\c/d\n\t"))
        #expect(value[1] == .string("é😀"))
        #expect(value[2] == .string("Zürich 😀"))
    }

    @Test(
        "malformed JSON is refused with line and column",
        arguments: [
            ("{\"a\": 1,\n \"b\" 2}", 2, 6, "expected ':'"),
            ("[1, 2", 1, 6, "expected ',' or ']'"),
            ("{\"a\": 01}", 1, 7, "leading zeros"),
            ("{\"a\": 1} x", 1, 10, "unexpected content"),
            ("{\"a\": 1, \"a\": 2}", 1, 10, "duplicate object key 'a'"),
            ("\"tab\there\"", 1, 5, "control character"),
            ("\"\\ud800\"", 1, 2, "low surrogate"),
            ("", 1, 1, "empty"),
            ("{'a': 1}", 1, 2, "expected a string key"),
            ("[NaN]", 1, 2, "unexpected character 'N'"),
            ("tru", 1, 1, "expected 'true'"),
        ])
    func malformed(text: String, line: Int, column: Int, fragment: String) {
        #expect {
            try JSONValue(parsing: text)
        } throws: { error in
            guard let error = error as? JSONParseError else { return false }
            return error.line == line && error.column == column && error.message.contains(fragment)
        }
    }

    @Test("invalid UTF-8 inside a string is refused")
    func invalidUTF8() {
        let bytes: [UInt8] = [0x22, 0xC3, 0x28, 0x22]
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: Data(bytes)) }
    }

    @Test("nesting is bounded so hostile input cannot exhaust the stack")
    func depthLimit() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect {
            try JSONValue(parsing: deep)
        } throws: { error in
            (error as? JSONParseError)?.message.contains("deeper than 256") == true
        }
        let fine = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        _ = try JSONValue(parsing: fine)
    }

    @Test("serialisation is canonical (sorted keys, exact integers) and round-trips")
    func serialisation() throws {
        let text = #"{"b":[1,2.5,"x\n\"y",null,true],"a":{"d":-7,"c":"é"},"u":"\u0001"}"#
        let value = try JSONValue(parsing: text)
        let written = value.jsonString
        #expect(written == #"{"a":{"c":"é","d":-7},"b":[1,2.5,"x\n\"y",null,true],"u":"\u0001"}"#)
        #expect(try JSONValue(parsing: written) == value)
        let pretty = String(decoding: value.serialized(pretty: true), as: UTF8.self)
        #expect(try JSONValue(parsing: pretty) == value)
        #expect(JSONValue.number(3.0).jsonString == "3.0")
        #expect(JSONValue.integer(9_007_199_254_740_993).jsonString == "9007199254740993")
    }

    @Test("Codable through Foundation's JSON coders keeps the value")
    func codable() throws {
        let value: JSONValue = ["n": 5, "d": 0.25, "s": "x", "a": [true, nil], "o": ["k": "v"]]
        let data = try JSONEncoder().encode(value)
        let back = try JSONDecoder().decode(JSONValue.self, from: data)
        #expect(back == value)
        #expect(back["n"] == .integer(5))
    }

    @Test("Codable writes whole numbers without a fraction (ids and quantities the PSAs read as integers)")
    func codableWholeNumbers() throws {
        func encoded(_ value: JSONValue) throws -> String {
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        }
        #expect(try encoded(["id": .number(12), "quantity": .number(3.0), "rate": .number(2.5)]) == #"{"id":12,"quantity":3,"rate":2.5}"#)
        #expect(try encoded(.number(-7)) == "-7")
        #expect(try encoded(.number(1e20)) != "100000000000000000000")
        #expect(try JSONDecoder().decode(JSONValue.self, from: Data("[5, 5.5, true, null]".utf8)) == [.integer(5), .number(5.5), true, nil])
    }

    @Test("JSON Pointer escaping, parsing and lookup")
    func pointers() throws {
        let pointer = JSONPointer(["a/b", "c~d", "0"])
        #expect(pointer.description == "/a~1b/c~0d/0")
        #expect(try JSONPointer(parsing: "/a~1b/c~0d/0") == pointer)
        #expect(throws: JSONPointerError.self) { try JSONPointer(parsing: "a") }
        #expect(throws: JSONPointerError.self) { try JSONPointer(parsing: "/a~2") }
        let document: JSONValue = ["a/b": ["c~d": ["x", "y"]]]
        #expect(document[pointer] == "x")
        #expect(document[JSONPointer(["a/b", "c~d", "5"])] == nil)
        #expect(JSONPointer("/a/2") < JSONPointer("/a/10"))
    }
}
