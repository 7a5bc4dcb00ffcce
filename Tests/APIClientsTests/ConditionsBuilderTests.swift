import Foundation
import Testing

@testable import APIClients

@Suite("ConnectWise conditions builder (no network)")
struct ConditionsBuilderTests {
    @Test("strings are double-quoted with quotes and backslashes escaped")
    func quotesAndBackslashes() throws {
        let condition = CWField("name") == #"Bob's "Best" \Backup\"#
        #expect(try condition.rendered() == #"name = "Bob's \"Best\" \\Backup\\""#)
    }

    @Test("ampersands, percent signs, plus and non-ASCII stay literal in the condition and are percent-encoded in the URL")
    func specialCharactersReachTheServerIntact() throws {
        let name = "Smith & Sons 100% + Ünïcødé 株式会社"
        let text = try (CWField("name") == name).rendered()
        #expect(text == "name = \"\(name)\"")
        let query = QueryEncoding.encode([("conditions", text)])
        #expect(!query.contains("&S"))
        #expect(query.contains("%26"))  // &
        #expect(query.contains("%25"))  // %
        #expect(query.contains("%2B"))  // +
        #expect(query.contains("%22"))  // "
        #expect(query.hasPrefix("conditions=name%20%3D%20%22Smith%20%26%20Sons%20100%25%20%2B%20"))
        // Decoding the percent-encoding gives the exact condition back.
        let encodedValue = String(query.dropFirst("conditions=".count))
        #expect(encodedValue.removingPercentEncoding == text)
    }

    @Test("dates are written in square brackets as UTC")
    func datesInBrackets() throws {
        let date = Date(timeIntervalSince1970: 1_714_521_600)  // 2024-05-01T00:00:00Z
        #expect(try (CWField("lastUpdated") > date).rendered() == "lastUpdated > [2024-05-01T00:00:00Z]")
    }

    @Test("numbers, booleans and null are bare")
    func bareLiterals() throws {
        let condition = CWField("company/id") == 250 && CWField("closedFlag") == false
            && CWField("quantity") >= 1.5 && CWField("cancelledDate").isNull
        #expect(
            try condition.rendered()
                == "company/id = 250 and closedFlag = false and quantity >= 1.5 and cancelledDate = null")
    }

    @Test("in lists are parenthesised and their strings escaped")
    func inLists() throws {
        #expect(try CWField("id").in([1, 2, 3]).rendered() == "id in (1,2,3)")
        #expect(try CWField("status/name").notIn(["Closed", #"Say "hi""#]).rendered() == #"status/name not in ("Closed","Say \"hi\"")"#)
    }

    @Test("and/or groups nest with parentheses in the right places")
    func groups() throws {
        let a = CWField("a") == 1
        let b = CWField("b") == 2
        let c = CWField("c") == 3
        #expect(try ((a || b) && c).rendered() == "(a = 1 or b = 2) and c = 3")
        #expect(try (a || (b && c)).rendered() == "a = 1 or (b = 2 and c = 3)")
        #expect(try (a && b && c).rendered() == "a = 1 and b = 2 and c = 3")
        #expect(try CWCondition.any([a, CWCondition.all([b, c])]).rendered() == "a = 1 or (b = 2 and c = 3)")
        #expect(try (CWField("name").like("Fred%") || CWField("summary").contains("x")).rendered()
            == #"name like "Fred%" or summary contains "x""#)
    }

    @Test("a value cannot break out of its quotes")
    func injectionIsImpossible() throws {
        let hostile = #"x" or id > 0 or name = "y"#
        let text = try (CWField("name") == hostile).rendered()
        #expect(text == #"name = "x\" or id > 0 or name = \"y""#)
    }

    @Test("bad field paths and empty lists are refused with the reason")
    func invalidInput() {
        #expect(throws: CWConditionError.self) { try (CWField("name = 1 or x") == 1).rendered() }
        #expect(throws: CWConditionError.self) { try (CWField("") == 1).rendered() }
        #expect(throws: CWConditionError.self) { try CWField("id").in([Int]()).rendered() }
        #expect(CWField("company/id").isValid)
        #expect(!CWField("company//id").isValid)
        #expect(!CWField("1abc").isValid)
        #expect((CWField("a b") == 1).description.contains("invalid condition"))
    }

    @Test("a query renders every parameter and checks orderBy and fields")
    func queryParameters() throws {
        let query = CWQuery(
            where: CWField("deletedFlag") == false, childConditions: CWField("types/name") == "Client",
            customFieldConditions: CWField("caption") == "PAYG" && CWField("value") == true,
            orderBy: .descending("id"), fields: ["id", "name", "_info"])
        let parameters = try query.parameters()
        #expect(parameters.map(\.name) == ["conditions", "childConditions", "customFieldConditions", "orderBy", "fields"])
        #expect(parameters.map(\.value) == [
            "deletedFlag = false", #"types/name = "Client""#, #"caption = "PAYG" and value = true"#, "id desc",
            "id,name,_info",
        ])
        #expect(throws: CWConditionError.self) { try CWQuery(fields: ["id,secret"]).parameters() }
    }

    @Test("PATCH operations encode as ConnectWise expects (bare paths, whole references)")
    func patchOperations() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let ops: [CWPatchOperation] = [
            .replace("quantity", with: 12.5), .replace("status", withReferenceTo: 42), .remove("parentPhase"),
        ]
        let json = String(decoding: try encoder.encode(ops), as: UTF8.self)
        #expect(
            json
                == #"[{"op":"replace","path":"quantity","value":12.5},{"op":"replace","path":"status","value":{"id":42}},{"op":"remove","path":"parentPhase"}]"#
        )
    }
}
