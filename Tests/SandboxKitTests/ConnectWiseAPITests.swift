import Foundation
import SandboxKit
import Testing

@Suite("ConnectWise API")
struct ConnectWiseAPITests {
    static let world = SandboxWorld.generate(companies: 7, agreementsPerCompany: 1, tenants: 2, alerts: 0, seed: 7)

    @Test("auth: missing or wrong Basic keys → 401, missing or unknown clientId → 403, unknown company → null, wrong codebase → 404")
    func authentication() async throws {
        try await withSandbox(SandboxConfiguration(world: Self.world)) { sandbox, client in
            let companies = sandbox.connectWise("/company/companies")
            let none = try await client.send("GET", companies)
            #expect(none.status == 401)
            #expect(try none.json["code"] == "Unauthorized")
            var headers = sandbox.connectWiseHeaders
            headers["Authorization"] = "Basic " + Data("sandbox+sandboxPublicKey:wrong".utf8).base64EncodedString()
            #expect(try await client.send("GET", companies, headers: headers).status == 401)
            headers = sandbox.connectWiseHeaders
            headers["clientId"] = nil
            let noClient = try await client.send("GET", companies, headers: headers)
            #expect(noClient.status == 403)
            #expect(try noClient.json["code"] == "Forbidden")
            headers["clientId"] = "00000000-0000-0000-0000-000000000000"
            #expect(try await client.send("GET", companies, headers: headers).status == 403)
            let ok = try await client.send("GET", companies, headers: sandbox.connectWiseHeaders)
            #expect(ok.status == 200)
            #expect(ok.header("api-current-version") == "2024.1")
            let unknown = try await client.send("GET", makeURL(sandbox.connectWiseURL, "/login/companyinfo/nobody"))
            #expect(unknown.status == 200)
            #expect(try unknown.json == .null)
            let wrongCodebase = try await client.send(
                "GET", makeURL(sandbox.connectWiseURL, "/v2017_3/apis/3.0/company/companies"), headers: sandbox.connectWiseHeaders)
            #expect(wrongCodebase.status == 404)
        }
    }

    @Test("priorities carry color as ConnectWise sends it, one of its fixed names, in generated and demo worlds")
    func priorityColors() async throws {
        let allowed: Set<String> = [
            "Black", "Blue", "Cyan", "Gray", "Green", "Lime", "Orange", "Pink", "Purple", "Red", "White", "Yellow", "Custom",
        ]
        let demo = try SandboxWorld.load(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("deploy/fixtures/demo-world.json"))
        for world in [Self.world, demo] {
            try await withSandbox(SandboxConfiguration(world: world)) { sandbox, client in
                let response = try await client.send("GET", sandbox.connectWise("/service/priorities"), headers: sandbox.connectWiseHeaders)
                #expect(response.status == 200)
                let colors = try response.json.arrayValue!.map { $0["color"].stringValue }
                #expect(!colors.isEmpty)
                for color in colors { #expect(color.map(allowed.contains) == true, "priority color \(color ?? "nil")") }
            }
        }
    }

    @Test("revoked credentials: every authenticated request gets 401 until they are restored (control surface)")
    func revokedCredentials() async throws {
        try await withSandbox(SandboxConfiguration(world: Self.world)) { sandbox, client in
            let companies = sandbox.connectWise("/company/companies")
            #expect(try await client.send("GET", companies, headers: sandbox.connectWiseHeaders).status == 200)
            let revoke = try await client.send("POST", makeURL(sandbox.connectWiseURL, "/_sandbox/credentials/revoke"))
            #expect(revoke.status == 200)
            let refused = try await client.send("GET", companies, headers: sandbox.connectWiseHeaders)
            #expect(refused.status == 401)
            #expect(try refused.json["code"] == "Unauthorized")
            #expect(try await client.send("POST", makeURL(sandbox.connectWiseURL, "/_sandbox/credentials/restore")).status == 200)
            #expect(try await client.send("GET", companies, headers: sandbox.connectWiseHeaders).status == 200)
        }
    }

    @Test("navigable paging: Link next/prev/first/last over four pages keep the conditions; past the end is []")
    func navigablePaging() async throws {
        try await withSandbox(SandboxConfiguration(world: Self.world)) { sandbox, client in
            let conditions = encoded("deletedFlag = false")
            var next: URL? = sandbox.connectWise("/company/companies?conditions=\(conditions)&pageSize=2&orderBy=id%20desc")
            var ids: [Int] = []
            var pages = 0
            while let page = next {
                let response = try await client.send("GET", page, headers: sandbox.connectWiseHeaders)
                #expect(response.status == 200)
                pages += 1
                ids += try response.json.arrayValue!.map { $0["id"].intValue! }
                let links = parseLinks(response.header("Link"))
                if pages > 1 {
                    #expect(links["prev"] != nil)
                    #expect(links["first"].flatMap { queryValue($0, "page") } == "1")
                }
                if let nextURL = links["next"] {
                    #expect(queryValue(nextURL, "conditions") == "deletedFlag = false")
                    #expect(queryValue(nextURL, "orderBy") == "id desc")
                    #expect(links["last"].flatMap { queryValue($0, "page") } == "4")
                }
                next = links["next"]
            }
            #expect(pages == 4)
            let expected = await sandbox.state.records(.companies).compactMap { $0["id"]?.intValue }.sorted(by: >)
            #expect(ids == expected)
            let past = try await client.send("GET", sandbox.connectWise("/company/companies?pageSize=2&page=9"), headers: sandbox.connectWiseHeaders)
            #expect(try past.json == [])
            let count = try await client.send("GET", sandbox.connectWise("/company/companies/count?conditions=\(conditions)"), headers: sandbox.connectWiseHeaders)
            #expect(try count.json["count"].intValue == expected.count)
            let big = try await client.send("GET", sandbox.connectWise("/company/companies?pageSize=5000"), headers: sandbox.connectWiseHeaders)
            #expect(try big.json.arrayValue?.count == 7)
            #expect(big.header("Link") == nil)
        }
    }

    @Test("forward-only paging: pageId cursor in Link rel=next only; orderBy refused")
    func forwardOnlyPaging() async throws {
        try await withSandbox(SandboxConfiguration(world: Self.world)) { sandbox, client in
            var headers = sandbox.connectWiseHeaders
            headers["pagination-type"] = "forward-only"
            var next: URL? = sandbox.connectWise("/company/companies?pageSize=3")
            var ids: [Int] = []
            while let page = next {
                let response = try await client.send("GET", page, headers: headers)
                ids += try response.json.arrayValue!.map { $0["id"].intValue! }
                let links = parseLinks(response.header("Link"))
                #expect(links["prev"] == nil && links["last"] == nil)
                if let link = links["next"] { #expect(queryValue(link, "pageId") == String(ids.last!)) }
                next = links["next"]
            }
            #expect(ids == (250...256).map { $0 })
            let ordered = try await client.send("GET", sandbox.connectWise("/company/companies?orderBy=name%20asc"), headers: headers)
            #expect(ordered.status == 400)
        }
    }

    @Test("conditions over HTTP: names with quotes, &, % and non-ASCII; bad expressions → 400 with the error body")
    func conditionsOverHTTP() async throws {
        try await withSandbox(SandboxConfiguration(world: Self.world)) { sandbox, client in
            let name = #"Ampersand & 100% "Quoted" Zürich"#
            let created = try await client.send(
                "POST", sandbox.connectWise("/company/companies"), headers: sandbox.connectWiseHeaders,
                json: ["identifier": "Special1", "name": .string(name), "city": "Basel", "types": [["id": 1]]])
            #expect(created.status == 201)
            let escaped = name.replacingOccurrences(of: "\"", with: "\\\"")
            let query = encoded("name = \"\(escaped)\" and city like \"Bas%\"")
            let found = try await client.send("GET", sandbox.connectWise("/company/companies?conditions=\(query)"), headers: sandbox.connectWiseHeaders)
            #expect(found.status == 200)
            #expect(try found.json.arrayValue?.map { $0["identifier"] } == ["Special1"])
            let bad = try await client.send(
                "GET", sandbox.connectWise("/company/companies?conditions=\(encoded("name = \"unterminated"))"), headers: sandbox.connectWiseHeaders)
            #expect(bad.status == 400)
            let body = try bad.json
            #expect(body["code"] == "InvalidObject")
            #expect(body["errors"].arrayValue?.first?["field"] == "conditions")
            #expect(body["errors"].arrayValue?.first?["resource"] == "company")
            #expect(body["message"].stringValue?.contains("Unterminated string") == true)
            let unknownField = try await client.send(
                "GET", sandbox.connectWise("/company/companies?conditions=\(encoded("nmae = \"x\""))"), headers: sandbox.connectWiseHeaders)
            #expect(unknownField.status == 400)
            #expect(try unknownField.json["message"].stringValue?.contains("nmae") == true)
            let duplicate = try await client.send(
                "POST", sandbox.connectWise("/company/companies"), headers: sandbox.connectWiseHeaders,
                json: ["identifier": "special1", "name": "Other", "city": "Basel"])
            #expect(duplicate.status == 400)
            #expect(try duplicate.json["errors"].arrayValue?.first?["code"] == "ObjectExists")
        }
    }

    @Test("P1: childConditions on company types, customFieldConditions on PAYG additions, fields projection")
    func childAndCustomFieldConditions() async throws {
        try await withSandbox(SandboxConfiguration(world: Self.world)) { sandbox, client in
            let conditions = encoded("status/name=\"Active\" and deletedFlag=false")
            let child = encoded("types/name=\"Client\"")
            let response = try await client.send(
                "GET", sandbox.connectWise("/company/companies?conditions=\(conditions)&childConditions=\(child)&fields=id,name,types/name&pageSize=1000"),
                headers: sandbox.connectWiseHeaders)
            let companies = await sandbox.state.records(.companies)
            let expected = companies.filter {
                $0["status"]?["name"] == "Active" && $0["types"]?.arrayValue?.contains { $0["name"] == "Client" } == true
            }.compactMap { $0["id"]?.intValue }
            let items = try response.json.arrayValue!
            #expect(items.map { $0["id"].intValue! } == expected)
            #expect(items.allSatisfy { Set($0.objectValue!.keys) == ["id", "name", "types"] })
            #expect(items.first?["types"][0].objectValue.map { Set($0.keys) } == ["name"])

            let agreement = await sandbox.state.records(.agreements)[0]["id"]!.intValue!
            let payg = encoded("caption=\"PAYG\" and value=true")
            let additions = try await client.send(
                "GET", sandbox.connectWise("/finance/agreements/\(agreement)/additions?customFieldConditions=\(payg)"), headers: sandbox.connectWiseHeaders)
            let expectedAdditions = await sandbox.state.records(.additions).filter {
                $0["agreementId"]?.intValue == agreement && $0["customFields"]?.arrayValue?.first?["value"] == true
            }.count
            #expect(try additions.json.arrayValue?.count == expectedAdditions)
            let missingParent = try await client.send("GET", sandbox.connectWise("/finance/agreements/1/additions"), headers: sandbox.connectWiseHeaders)
            #expect(missingParent.status == 404)
        }
    }

    @Test("P1: company types change through typeAssociations, not through PATCH")
    func typeAssociations() async throws {
        try await withSandbox(SandboxConfiguration(world: Self.world)) { sandbox, client in
            let headers = sandbox.connectWiseHeaders
            let ignored = try await client.send(
                "PATCH", sandbox.connectWise("/company/companies/250"), headers: headers,
                json: [["op": "replace", "path": "types", "value": [["id": 2]]]])
            #expect(try ignored.json["types"].arrayValue?.map { $0["id"] } == [1])
            let added = try await client.send(
                "POST", sandbox.connectWise("/company/companies/250/typeAssociations"), headers: headers, json: ["type": ["id": 2]])
            #expect(added.status == 201)
            #expect(try await client.send("DELETE", sandbox.connectWise("/company/companies/250/typeAssociations/1"), headers: headers).status == 204)
            let listed = try await client.send("GET", sandbox.connectWise("/company/companies/250/typeAssociations"), headers: headers)
            #expect(try listed.json.arrayValue?.map { $0["type"]["name"] } == ["Prospect"])
            let clients = try await client.send(
                "GET", sandbox.connectWise("/company/companies?childConditions=\(encoded("types/name=\"Client\""))&fields=id&pageSize=1000"), headers: headers)
            #expect(try clients.json.arrayValue?.contains { $0["id"] == 250 } == false)
        }
    }

    @Test("tickets: board defaults, JSON-patch close and re-open, notes, 404s, T4 externalXRef count")
    func ticketsAndPatch() async throws {
        try await withSandbox(SandboxConfiguration(world: Self.world)) { sandbox, client in
            let headers = sandbox.connectWiseHeaders
            let create = try await client.send(
                "POST", sandbox.connectWise("/service/tickets"), headers: headers,
                json: [
                    "summary": "Backup failed: SRV01", "company": ["id": 250], "board": ["id": 1], "externalXRef": "alert-1",
                    "initialDescription": "The backup of SRV01 failed at 02:00.",
                ])
            #expect(create.status == 201)
            let ticket = try create.json
            let id = ticket["id"].intValue!
            #expect(ticket["status"]["name"] == "New")
            #expect(ticket["closedFlag"] == false)
            #expect(ticket["company"]["identifier"].stringValue != nil)
            #expect(ticket["initialDescription"].isNull)
            let notes = try await client.send("GET", sandbox.connectWise("/service/tickets/\(id)/notes"), headers: headers)
            #expect(try notes.json[0]["text"] == "The backup of SRV01 failed at 02:00.")

            let close = try await client.send(
                "PATCH", sandbox.connectWise("/service/tickets/\(id)"), headers: headers,
                json: [["op": "replace", "path": "status", "value": ["id": 105]], ["op": "replace", "path": "summary", "value": "Resolved"]])
            #expect(close.status == 200)
            let closed = try close.json
            #expect(closed["closedFlag"] == true)
            #expect(closed["status"]["name"] == "Completed")
            #expect(closed["closedDate"].stringValue != nil)
            #expect(closed["summary"] == "Resolved")
            let reopen = try await client.send(
                "PATCH", sandbox.connectWise("/service/tickets/\(id)"), headers: headers,
                json: [["op": "replace", "path": "status", "value": ["id": 104]]])
            #expect(try reopen.json["closedFlag"] == false)
            #expect(try reopen.json["closedDate"] == .null)

            let slash = try await client.send(
                "PATCH", sandbox.connectWise("/service/tickets/\(id)"), headers: headers,
                json: [["op": "replace", "path": "/summary", "value": "x"]])
            #expect(slash.status == 400)
            let unknownOp = try await client.send(
                "PATCH", sandbox.connectWise("/service/tickets/\(id)"), headers: headers, json: [["op": "move", "path": "summary", "value": "x"]])
            #expect(unknownOp.status == 400)
            let notArray = try await client.send(
                "PATCH", sandbox.connectWise("/service/tickets/\(id)"), headers: headers, json: ["op": "replace", "path": "summary", "value": "x"])
            #expect(notArray.status == 400)
            let otherBoard = try await client.send(
                "PATCH", sandbox.connectWise("/service/tickets/\(id)"), headers: headers,
                json: [["op": "replace", "path": "status", "value": ["id": 201]]])
            #expect(otherBoard.status == 400)
            #expect(try otherBoard.json["errors"].arrayValue?.first?["field"] == "status")
            let readOnly = try await client.send(
                "PATCH", sandbox.connectWise("/service/tickets/\(id)"), headers: headers, json: [["op": "replace", "path": "closedFlag", "value": true]])
            #expect(readOnly.status == 400)
            let removal = try await client.send(
                "PATCH", sandbox.connectWise("/service/tickets/\(id)"), headers: headers, json: [["op": "remove", "path": "externalXRef"]])
            #expect(try removal.json["externalXRef"] == .null)

            let missing = try await client.send("GET", sandbox.connectWise("/service/tickets/999999"), headers: headers)
            #expect(missing.status == 404)
            #expect(try missing.json["code"] == "NotFound")
            let missingPatch = try await client.send(
                "PATCH", sandbox.connectWise("/service/tickets/999999"), headers: headers, json: [["op": "replace", "path": "summary", "value": "x"]])
            #expect(missingPatch.status == 404)

            for _ in 0..<2 {
                _ = try await client.send(
                    "POST", sandbox.connectWise("/service/tickets"), headers: headers,
                    json: ["summary": "dup", "company": ["identifier": "KeepMe"], "externalXRef": "alert-2"])
            }
            #expect(await sandbox.ticketCount(.connectWise, externalRef: "alert-2") == 0)
            let identifier = await sandbox.state.records(.companies)[1]["identifier"]!
            for _ in 0..<2 {
                let made = try await client.send(
                    "POST", sandbox.connectWise("/service/tickets"), headers: headers,
                    json: ["summary": "dup", "company": ["identifier": identifier], "externalXRef": "alert-2"])
                #expect(made.status == 201)
            }
            #expect(await sandbox.ticketCount(.connectWise, externalRef: "alert-2") == 2)
            let control = try await client.send("GET", makeURL(sandbox.connectWiseURL, "/_sandbox/tickets?externalRef=alert-2"))
            #expect(try control.json["count"] == 2)
            let counted = try await client.send(
                "GET", sandbox.connectWise("/service/tickets/count?conditions=\(encoded("externalXRef = \"alert-2\" and closedFlag = false"))"),
                headers: headers)
            #expect(try counted.json["count"] == 2)
        }
    }

    @Test("incremental sync: lastUpdated and dateEntered in conditions and orderBy name _info's members")
    func lastUpdatedAlias() async throws {
        try await withSandbox(SandboxConfiguration(world: Self.world)) { sandbox, client in
            let since = ISODate.seconds(Date().addingTimeInterval(-1))
            let patched = try await client.send(
                "PATCH", sandbox.connectWise("/company/companies/253"), headers: sandbox.connectWiseHeaders,
                json: [["op": "replace", "path": "phoneNumber", "value": "5550000"]])
            #expect(patched.status == 200)
            let conditions = encoded("deletedFlag=False and lastUpdated>[\(since)]")
            let changed = try await client.send(
                "GET", sandbox.connectWise("/company/companies?conditions=\(conditions)&orderBy=dateEntered%20desc"), headers: sandbox.connectWiseHeaders)
            #expect(changed.status == 200)
            #expect(try changed.json.arrayValue?.map { $0["id"] } == [253])
            let all = try await client.send(
                "GET", sandbox.connectWise("/company/companies/count?conditions=\(encoded("_info/lastUpdated < [\(since)]"))"), headers: sandbox.connectWiseHeaders)
            #expect(try all.json["count"] == 6)
        }
    }

    @Test("a query string over 2,048 characters answers 404, as a too-long URL does")
    func longQueryString() async throws {
        try await withSandbox(SandboxConfiguration(world: Self.world)) { sandbox, client in
            let ids = (1...400).map(String.init).joined(separator: ",")
            let long = try await client.send(
                "GET", sandbox.connectWise("/service/tickets?conditions=\(encoded("status/id in (\(ids))"))"), headers: sandbox.connectWiseHeaders)
            #expect(long.status == 404)
            let short = try await client.send(
                "GET", sandbox.connectWise("/service/tickets?conditions=\(encoded("status/id in (1,2,3)"))"), headers: sandbox.connectWiseHeaders)
            #expect(short.status == 200)
            #expect(await sandbox.calls(.connectWise).count("GET", "(query string too long)") == 1)
        }
    }

    @Test("B1: additions quantity PATCH is absolute and derived fields follow")
    func additionQuantity() async throws {
        try await withSandbox(SandboxConfiguration(world: Self.world)) { sandbox, client in
            let addition = await sandbox.state.records(.additions)[0]
            let path = "/finance/agreements/\(addition["agreementId"]!.intValue!)/additions/\(addition["id"]!.intValue!)"
            let patched = try await client.send(
                "PATCH", sandbox.connectWise(path), headers: sandbox.connectWiseHeaders, json: [["op": "replace", "path": "quantity", "value": 123.5]])
            #expect(patched.status == 200)
            let body = try patched.json
            #expect(body["quantity"] == 123.5)
            #expect(body["billedQuantity"] == 123.5)
            let price = addition["unitPrice"]!.doubleValue!
            #expect(abs((body["extPrice"].doubleValue ?? 0) - price * 123.5) < 0.0001)
            let element = try await client.send(
                "PATCH", sandbox.connectWise(path), headers: sandbox.connectWiseHeaders,
                json: [["op": "replace", "path": "customFields/0/value", "value": true]])
            #expect(element.status == 400)
            let whole = try await client.send(
                "PATCH", sandbox.connectWise(path), headers: sandbox.connectWiseHeaders,
                json: [["op": "replace", "path": "customFields", "value": [["id": 1, "caption": "PAYG", "type": "Checkbox", "value": true]]]])
            #expect(try whole.json["customFields"][0]["value"] == true)
            let text = try await client.send(
                "PATCH", sandbox.connectWise(path), headers: sandbox.connectWiseHeaders, json: [["op": "replace", "path": "quantity", "value": "many"]])
            #expect(text.status == 400)
        }
    }
}
