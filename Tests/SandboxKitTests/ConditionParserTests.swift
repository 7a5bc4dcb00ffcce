import Foundation
import Testing

@testable import SandboxKit

/// The ConnectWise `conditions` grammar on its own: parser and evaluator.
@Suite("ConnectWise conditions")
struct ConditionParserTests {
    static let ticket: JSONValue = [
        "id": 42, "summary": "Backup failed: SRV01 \"nightly\" & 100% done", "closedFlag": false, "budgetHours": 2.5,
        "company": ["id": 250, "identifier": "AcmeDental", "name": "Zürich Café & Co"],
        "status": ["id": 101, "name": "New"], "externalXRef": nil,
        "lastUpdated": "2024-05-02T10:00:00Z",
        "types": [["id": 1, "name": "Client"], ["id": 4, "name": "Partner"]],
    ]

    func matches(_ text: String, _ record: JSONValue = ticket) throws -> Bool {
        ConditionEvaluator.matches(try ConditionParser.parse(text), record)
    }

    @Test("= and != on numbers, strings (case-insensitive), booleans and nested paths")
    func equality() throws {
        #expect(try matches("id = 42"))
        #expect(try !matches("id = 43"))
        #expect(try matches("id != 43"))
        #expect(try matches("company/id=250"))
        #expect(try matches("company/identifier = \"acmedental\""))
        #expect(try matches("closedFlag = false"))
        #expect(try matches("closedFlag=False"))
        #expect(try !matches("closedFlag = true"))
        #expect(try matches("status/name != \"Closed\""))
    }

    @Test("<, <=, >, >= on numbers and strings")
    func ordering() throws {
        #expect(try matches("id > 41"))
        #expect(try !matches("id > 42"))
        #expect(try matches("id >= 42"))
        #expect(try matches("id < 43"))
        #expect(try matches("id <= 42"))
        #expect(try !matches("id < 42"))
        #expect(try matches("budgetHours > 2.4 and budgetHours < 2.6"))
        #expect(try matches("status/name < \"Open\""))
    }

    @Test("dates in brackets compare as instants")
    func dates() throws {
        #expect(try matches("lastUpdated > [2024-05-01T00:00:00Z]"))
        #expect(try !matches("lastUpdated > [2024-05-03T00:00:00Z]"))
        #expect(try matches("lastUpdated >= [2024-05-02T10:00:00Z]"))
        #expect(try matches("lastUpdated < [2024-05-02T12:00:00+01:00]"))
        #expect(try !matches("lastUpdated < [2024-05-02T10:30:00+01:00]"))
        #expect(try matches("lastUpdated = [2024-05-02T10:00:00Z]"))
        #expect(throws: ConditionSyntaxError.self) { try ConditionParser.parse("lastUpdated > [yesterday]") }
        #expect(throws: ConditionSyntaxError.self) { try ConditionParser.parse("lastUpdated > [2024-05-01T00:00:00Z") }
    }

    @Test("contains, not contains, like with % and not like")
    func textOperators() throws {
        #expect(try matches("summary contains \"srv01\""))
        #expect(try !matches("summary contains \"srv02\""))
        #expect(try matches("summary not contains \"srv02\""))
        #expect(try matches("summary like \"Backup%\""))
        #expect(try matches("summary like \"%SRV01%\""))
        #expect(try matches("summary like \"%done\""))
        #expect(try !matches("summary like \"SRV01%\""))
        #expect(try matches("summary not like \"SRV01%\""))
        #expect(try matches("company/name like \"zürich%\""))
    }

    @Test("quoting: escaped quotes, ampersands, percent signs and non-ASCII inside strings")
    func quoting() throws {
        #expect(try matches(#"summary contains "\"nightly\"""#))
        #expect(try matches(#"summary contains """nightly"""  "#))
        #expect(try matches(#"summary contains "& 100%""#))
        #expect(try matches("company/name = \"Zürich Café & Co\""))
        #expect(try matches("company/name = 'Zürich Café & Co'"))
        let parsed = try ConditionParser.parse(#"summary = "a \"b\" \\ c""#)
        #expect(parsed == .comparison(path: ["summary"], op: .equal, value: .string(#"a "b" \ c"#)))
    }

    @Test("in and not in take parenthesised lists")
    func lists() throws {
        #expect(try matches("id in (1,42,7)"))
        #expect(try !matches("id in (1, 2, 3)"))
        #expect(try matches("status/id not in (5,6)"))
        #expect(try !matches("status/id not in (101)"))
        #expect(try matches("status/name in (\"Closed\", \"new\")"))
        #expect(throws: ConditionSyntaxError.self) { try ConditionParser.parse("id in 1,2") }
        #expect(throws: ConditionSyntaxError.self) { try ConditionParser.parse("id in ()") }
    }

    @Test("null comparisons")
    func nulls() throws {
        #expect(try matches("externalXRef = null"))
        #expect(try !matches("externalXRef != null"))
        #expect(try matches("company != null"))
        #expect(try matches("missingMember = null"))
    }

    @Test("and binds tighter than or; parentheses regroup; not negates a group")
    func precedence() throws {
        // false and false or true → (false and false) or true → true
        #expect(try matches("id = 1 and id = 2 or id = 42"))
        // true or false and false → true or (false and false) → true
        #expect(try matches("id = 42 or id = 1 and id = 2"))
        // (true or false) and false → false
        #expect(try !matches("(id = 42 or id = 1) and id = 2"))
        #expect(try matches("not (id = 1)"))
        #expect(try !matches("not (id = 42 or id = 1)"))
        #expect(try matches("ID = 42 AND closedFlag = FALSE Or id = 0"))
        let reference = "(company/name like \"Zürich%\" and closedFlag = false) and lastUpdated > [2015-12-23T05:53:27Z] or summary contains \"test\" AND summary != \"Some Summary\""
        #expect(try matches(reference))
    }

    @Test("paths through arrays match when any element matches (childConditions)")
    func arrays() throws {
        #expect(try matches("types/name = \"Client\""))
        #expect(try matches("types/id = 4"))
        #expect(try !matches("types/name = \"Vendor\""))
        #expect(try matches("types/name != \"Vendor\""))
    }

    @Test("bad expressions are refused with the position of the problem")
    func badExpressions() {
        let bad = [
            "", "id =", "= 5", "id == 5", "name = unquoted", "(id = 1", "id = 1)", "id = 1 and", "summary = \"open",
            "id ~ 5", "summary like 5", "id in (1,", "and id = 1",
        ]
        for text in bad {
            #expect(throws: ConditionSyntaxError.self, "\(text)") { try ConditionParser.parse(text) }
        }
        do {
            _ = try ConditionParser.parse("id = 1 and summary = \"x")
            Issue.record("expected a syntax error")
        } catch {
            #expect(error.position == 21)
            #expect(error.reason == "Unterminated string")
        }
    }

    @Test("index hints: top-level and-ed equalities only")
    func indexHints() throws {
        let hints = try ConditionParser.parse("company/id = 250 and (status/id = 1 or status/id = 2) and name = \"x\"").conjunctiveEqualities
        #expect(hints.map(\.path) == ["company/id", "name"])
        #expect(try ConditionParser.parse("company/id = 250 or id = 1").conjunctiveEqualities.isEmpty)
    }
}
