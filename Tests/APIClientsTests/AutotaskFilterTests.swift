import BridgeValues
import Foundation
import Testing

@testable import APIClients

@Suite("Autotask filter builder (no network)")
struct AutotaskFilterTests {
    private func json(_ value: some Encodable) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(value))
    }

    @Test("top-level conditions become the ANDed filter array")
    func topLevelArray() throws {
        let filter = ATField("companyID") == 123 && ATField("primaryContact") == true && ATField("isActive") == 1
        let body = ATQuery(filter: filter.topLevel, maxRecords: 500, includeFields: nil)
        let expected: JSONValue = [
            "filter": [
                ["op": "eq", "field": "companyID", "value": 123],
                ["op": "eq", "field": "primaryContact", "value": true],
                ["op": "eq", "field": "isActive", "value": 1],
            ],
            "MaxRecords": 500,
        ]
        #expect(try json(body) == expected)
    }

    @Test("nested or/and groups encode as {op, items}")
    func nestedGroups() throws {
        let filter = (ATField("queueID") == 8 || ATField("queueID") == 9) && ATField("status") != 5
        let expected: JSONValue = [
            ["op": "or", "items": [["op": "eq", "field": "queueID", "value": 8], ["op": "eq", "field": "queueID", "value": 9]]],
            ["op": "noteq", "field": "status", "value": 5],
        ]
        #expect(try json(filter.topLevel) == expected)
        let deeper = ATField("a") == 1 || (ATField("b") == 2 && (ATField("c") == 3 || ATField("d").exists))
        let expectedDeeper: JSONValue = [
            "op": "or",
            "items": [
                ["op": "eq", "field": "a", "value": 1],
                [
                    "op": "and",
                    "items": [
                        ["op": "eq", "field": "b", "value": 2],
                        ["op": "or", "items": [["op": "eq", "field": "c", "value": 3], ["op": "exist", "field": "d"]]],
                    ],
                ],
            ],
        ]
        #expect(try json(deeper) == expectedDeeper)
    }

    @Test("UDF conditions carry udf: true; in-lists are arrays; dates are ISO UTC")
    func udfInAndDates() throws {
        let date = Date(timeIntervalSince1970: 1_714_521_600)
        let filter = ATField(udf: "Acronis Tenant") == "t-1" && ATField("status").in([1, 5]) && ATField("lastActivityDate") > date
        let expected: JSONValue = [
            ["op": "eq", "field": "Acronis Tenant", "value": "t-1", "udf": true],
            ["op": "in", "field": "status", "value": [1, 5]],
            ["op": "gt", "field": "lastActivityDate", "value": "2024-05-01T00:00:00Z"],
        ]
        #expect(try json(filter.topLevel) == expected)
    }

    @Test("filters Autotask would refuse are caught before sending")
    func problems() {
        #expect((ATField(udf: "A") == 1 && ATField(udf: "B") == 2).problems().contains { $0.contains("one user-defined field") })
        let manyOrs = ATFilter.or((0...501).map { ATField("id") == $0 })
        #expect(manyOrs.problems().contains { $0.contains("500 OR") })
        #expect(ATField("id").in([Int]()).problems().contains { $0.contains("empty list") })
        #expect(ATFilter.or([]).problems().contains { $0.contains("empty") })
        #expect((ATField("a") == 1 || ATField("b").notExists).problems().isEmpty)
    }
}
