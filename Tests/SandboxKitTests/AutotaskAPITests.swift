import Foundation
import SandboxKit
import Testing

@Suite("Autotask API")
struct AutotaskAPITests {
    static let world = SandboxWorld.generate(companies: 12, agreementsPerCompany: 1, tenants: 2, alerts: 0, seed: 11)

    func query(_ sandbox: Sandbox, _ client: HTTPTestClient, _ entity: String, _ body: JSONValue) async throws -> TestResponse {
        try await client.send("POST", sandbox.autotask("/\(entity)/query"), headers: sandbox.autotaskHeaders, json: body)
    }

    @Test("auth: missing or wrong headers → 401 with an errors array; zone discovery answers this listener")
    func authentication() async throws {
        try await withSandbox(SandboxConfiguration(world: Self.world)) { sandbox, client in
            let none = try await client.send("GET", sandbox.autotask("/Companies/29700000"))
            #expect(none.status == 401)
            #expect(try none.json["errors"].arrayValue?.isEmpty == false)
            var headers = sandbox.autotaskHeaders
            headers["Secret"] = "wrong"
            #expect(try await client.send("GET", sandbox.autotask("/Companies/29700000"), headers: headers).status == 401)
            headers = sandbox.autotaskHeaders
            headers["ApiIntegrationCode"] = "OTHER"
            #expect(try await client.send("GET", sandbox.autotask("/Companies/29700000"), headers: headers).status == 401)
            let lower = ["username": headers["UserName"]!, "secret": sandbox.credentials.autotask.secret, "apiintegrationcode": sandbox.credentials.autotask.integrationCode]
            #expect(try await client.send("GET", sandbox.autotask("/Companies/29700000"), headers: lower).status == 200)
            let zone = try await client.send("GET", makeURL(sandbox.autotaskURL, "/ATServicesRest/V1.0/zoneInformation?user=\(encoded("API-USER@sandbox.example"))"))
            #expect(try zone.json["url"].stringValue == sandbox.autotaskURL.absoluteString + "/atservicesrest/")
            let unknownUser = try await client.send("GET", sandbox.autotask("/zoneInformation?user=nobody"))
            #expect(unknownUser.status == 500)
            let version = try await client.send("GET", makeURL(sandbox.autotaskURL, "/atservicesrest/versioninformation"))
            #expect(try version.json["apiVersions"] == ["1.0"])
        }
    }

    @Test("envelopes: item / item:null / items+pageDetails / itemId / queryCount")
    func envelopes() async throws {
        try await withSandbox(SandboxConfiguration(world: Self.world)) { sandbox, client in
            let one = try await client.send("GET", sandbox.autotask("/Companies/29700000"), headers: sandbox.autotaskHeaders)
            #expect(try one.json["item"]["companyName"].stringValue != nil)
            let missing = try await client.send("GET", sandbox.autotask("/Companies/1"), headers: sandbox.autotaskHeaders)
            #expect(missing.status == 200)
            #expect(try missing.json == ["item": nil])
            let list = try await query(sandbox, client, "Companies", ["filter": [["op": "gte", "field": "id", "value": 0]]])
            let body = try list.json
            #expect(body["items"].arrayValue?.count == 12)
            #expect(body["pageDetails"]["count"] == 12)
            #expect(body["pageDetails"]["nextPageUrl"] == .null)
            let count = try await client.send(
                "POST", sandbox.autotask("/Companies/query/count"), headers: sandbox.autotaskHeaders,
                json: ["filter": [["op": "eq", "field": "companyType", "value": 1]]])
            let customers = await sandbox.state.records(.Companies).filter { $0["companyType"] == 1 }.count
            #expect(try count.json == ["queryCount": .int(customers)])
            let created = try await client.send(
                "POST", sandbox.autotask("/Companies"), headers: sandbox.autotaskHeaders,
                json: ["companyName": "New Co", "companyType": 1, "ownerResourceID": 29_682_885, "phone": "555"])
            #expect(created.status == 200)
            let id = try created.json["itemId"].intValue!
            let updated = try await client.send(
                "PATCH", sandbox.autotask("/Companies"), headers: sandbox.autotaskHeaders, json: ["id": .int(id), "city": "Lyon"])
            #expect(try updated.json == ["itemId": .int(id)])
            let read = try await client.send("GET", sandbox.autotask("/Companies/\(id)"), headers: sandbox.autotaskHeaders)
            #expect(try read.json["item"]["city"] == "Lyon")
            #expect(try read.json["item"]["companyName"] == "New Co")
            let missingRequired = try await client.send(
                "POST", sandbox.autotask("/Companies"), headers: sandbox.autotaskHeaders, json: ["companyName": "No type"])
            #expect(missingRequired.status == 500)
            #expect(try missingRequired.json["errors"][0].stringValue?.contains("is required") == true)
        }
    }

    @Test("P1: nested and/or filters, operators, UDF filter (one per query), IncludeFields")
    func filters() async throws {
        try await withSandbox(SandboxConfiguration(world: Self.world)) { sandbox, client in
            let companies = await sandbox.state.records(.Companies)
            let nested: JSONValue = [
                "filter": [
                    ["op": "eq", "field": "isActive", "value": true],
                    [
                        "op": "or",
                        "items": [
                            ["op": "eq", "field": "companyType", "value": 1],
                            ["op": "and", "items": [["op": "beginsWith", "field": "companyName", "value": "zz"], ["op": "exist", "field": "phone"]]],
                        ],
                    ],
                ],
                "IncludeFields": ["id", "companyName"],
            ]
            let response = try await query(sandbox, client, "Companies", nested)
            let expected = companies.filter { $0["isActive"] == true && $0["companyType"] == 1 }.compactMap { $0["id"]?.intValue }.sorted()
            let items = try response.json["items"].arrayValue!
            #expect(items.map { $0["id"].intValue! } == expected)
            #expect(items.allSatisfy { Set($0.objectValue!.keys) == ["id", "companyName"] })

            let name = companies[0]["companyName"]!.stringValue!
            let operators: [(JSONValue, Int)] = [
                (["op": "eq", "field": "companyName", "value": .string(name.uppercased())], 1),
                (["op": "noteq", "field": "id", "value": companies[0]["id"]!], 11),
                (["op": "gt", "field": "id", "value": 29_700_009], 2),
                (["op": "gte", "field": "id", "value": 29_700_009], 3),
                (["op": "lt", "field": "id", "value": 29_700_002], 2),
                (["op": "lte", "field": "id", "value": 29_700_002], 3),
                (["op": "beginsWith", "field": "companyName", "value": .string(String(name.prefix(4)).lowercased())], companies.filter { $0["companyName"]!.stringValue!.lowercased().hasPrefix(name.prefix(4).lowercased()) }.count),
                (["op": "endsWith", "field": "companyName", "value": .string(String(name.suffix(3)))], companies.filter { $0["companyName"]!.stringValue!.lowercased().hasSuffix(name.suffix(3).lowercased()) }.count),
                (["op": "contains", "field": "companyName", "value": .string(String(name.dropFirst(2).prefix(3)))], companies.filter { $0["companyName"]!.stringValue!.lowercased().contains(name.dropFirst(2).prefix(3).lowercased()) }.count),
                (["op": "in", "field": "id", "value": [29_700_001, 29_700_003, 5]], 2),
                (["op": "notIn", "field": "id", "value": [29_700_001, 29_700_003]], 10),
                (["op": "notExist", "field": "taxID"], 12),
                (["op": "exist", "field": "taxID"], 0),
                (["op": "gt", "field": "createDate", "value": "2000-01-01T00:00:00.000Z"], 12),
            ]
            for (filter, count) in operators {
                let result = try await query(sandbox, client, "Companies", ["filter": [filter]])
                #expect(try result.json["items"].arrayValue?.count == count, "\(filter.jsonString)")
            }

            let payg = await sandbox.state.records(.Contracts).filter { $0["userDefinedFields"]?[0]["value"] == "Yes" }.count
            let udf = try await query(sandbox, client, "Contracts", ["filter": [["op": "eq", "field": "Acronis PAYG", "udf": true, "value": "Yes"]]])
            #expect(try udf.json["items"].arrayValue?.count == payg)
            let unknownUDF = try await query(sandbox, client, "Companies", ["filter": [["op": "eq", "field": "Acronis PAYG", "udf": true, "value": "Yes"]]])
            #expect(unknownUDF.status == 500)
            let definition = try await client.send(
                "POST", sandbox.autotask("/UserDefinedFieldDefinitions"), headers: sandbox.autotaskHeaders,
                json: ["name": "Backup Tenant", "udfType": 3, "dataType": 1])
            #expect(definition.status == 200)
            let twoUDFs = try await query(
                sandbox, client, "Contracts",
                ["filter": [["op": "eq", "field": "Acronis PAYG", "udf": true, "value": "Yes"], ["op": "exist", "field": "Backup Tenant", "udf": true]]])
            #expect(twoUDFs.status == 500)
            #expect(try twoUDFs.json["errors"][0].stringValue?.contains("Only one user-defined field") == true)
            let contract = await sandbox.state.records(.Contracts)[0]["id"]!
            let written = try await client.send(
                "PATCH", sandbox.autotask("/Contracts"), headers: sandbox.autotaskHeaders,
                json: ["id": contract, "userDefinedFields": [["name": "Backup Tenant", "value": "tenant-1"]]])
            #expect(written.status == 200)
            let byUDF = try await query(sandbox, client, "Contracts", ["filter": [["op": "eq", "field": "backup tenant", "udf": true, "value": "tenant-1"]]])
            let found = try byUDF.json["items"].arrayValue!
            #expect(found.map { $0["id"] } == [contract])
            #expect(found.first?["userDefinedFields"].arrayValue?.count == 2)
            let badChoice = try await client.send(
                "PATCH", sandbox.autotask("/Contracts"), headers: sandbox.autotaskHeaders,
                json: ["id": contract, "userDefinedFields": [["name": "Acronis PAYG", "value": "Maybe"]]])
            #expect(badChoice.status == 500)

            let refused: [JSONValue] = [
                ["filter": []],
                ["filter": [["op": "like", "field": "id", "value": 1]]],
                ["filter": [["op": "eq", "field": "nope", "value": 1]]],
                ["filter": [["op": "eq", "field": "isActive", "value": "yes"]]],
                ["filter": [["op": "in", "field": "id", "value": 5]]],
                ["filter": [["op": "or", "items": []]]],
                ["nofilter": true],
            ]
            for body in refused {
                let result = try await query(sandbox, client, "Companies", body)
                #expect(result.status == 500, "\(body.jsonString)")
                #expect(try result.json["errors"].arrayValue?.isEmpty == false)
            }
            let tooManyOrs = try await query(
                sandbox, client, "Companies",
                ["filter": [["op": "or", "items": .array((0..<501).map { ["op": "eq", "field": "id", "value": .int($0)] })]]])
            #expect(tooManyOrs.status == 500)
            #expect(try tooManyOrs.json["errors"][0].stringValue?.contains("500 or fewer 'OR'") == true)
            let notQueryable = try await query(sandbox, client, "Tickets", ["filter": [["op": "eq", "field": "creatorType", "value": 1]]])
            #expect(notQueryable.status == 500)
        }
    }

    @Test("paging: MaxRecords above 500 is capped; nextPageUrl is POSTed again with the body; GET on it is 405")
    func paging() async throws {
        let big = SandboxWorld.generate(companies: 1_203, agreementsPerCompany: 0, tenants: 0, seed: 3)
        try await withSandbox(SandboxConfiguration(world: big)) { sandbox, client in
            let body: JSONValue = ["filter": [["op": "gte", "field": "id", "value": 0]], "MaxRecords": 600]
            var response = try await query(sandbox, client, "Companies", body)
            var ids: [Int] = []
            var pages = 0
            while true {
                let json = try response.json
                let items = json["items"].arrayValue!
                pages += 1
                #expect(items.count <= 500)
                #expect(json["pageDetails"]["requestCount"] == 500)
                ids += items.map { $0["id"].intValue! }
                guard let next = json["pageDetails"]["nextPageUrl"].stringValue else { break }
                #expect(next.hasPrefix(sandbox.autotaskURL.absoluteString))
                let get = try await client.send("GET", URL(string: next)!, headers: sandbox.autotaskHeaders)
                #expect(get.status == 405)
                response = try await client.send("POST", URL(string: next)!, headers: sandbox.autotaskHeaders, json: body)
                #expect(try response.json["pageDetails"]["prevPageUrl"].stringValue != nil)
            }
            #expect(pages == 3)
            #expect(ids == (0..<1_203).map { 29_700_000 + $0 })
            let small = try await query(sandbox, client, "Companies", ["filter": [["op": "gte", "field": "id", "value": 0]], "MaxRecords": 10])
            #expect(try small.json["items"].arrayValue?.count == 10)
            let zero = try await query(sandbox, client, "Companies", ["filter": [["op": "gte", "field": "id", "value": 0]], "MaxRecords": 0])
            #expect(zero.status == 500)
            let search = encoded(#"{"filter":[{"op":"gte","field":"id","value":0}]}"#)
            let viaGet = try await client.send("GET", sandbox.autotask("/Companies/query?search=\(search)"), headers: sandbox.autotaskHeaders)
            let next = try viaGet.json["pageDetails"]["nextPageUrl"].stringValue!
            let secondPage = try await client.send("GET", URL(string: next)!, headers: sandbox.autotaskHeaders)
            #expect(secondPage.status == 200)
            #expect(try secondPage.json["items"][0]["id"] == 29_700_500)
        }
    }

    @Test("B1/B8: ContractServiceAdjustments are create-only deltas; ContractServiceUnits are query-only and follow them")
    func adjustmentsAndUnits() async throws {
        try await withSandbox(SandboxConfiguration(world: Self.world)) { sandbox, client in
            let headers = sandbox.autotaskHeaders
            let service = await sandbox.state.records(.ContractServices)[0]
            let contractID = service["contractID"]!.intValue!
            let serviceID = service["serviceID"]!.intValue!
            let now = ISODate.milliseconds(Date())
            let current: JSONValue = [
                "filter": [
                    ["op": "eq", "field": "contractID", "value": .int(contractID)], ["op": "eq", "field": "serviceID", "value": .int(serviceID)],
                    ["op": "lte", "field": "startDate", "value": .string(now)], ["op": "gte", "field": "endDate", "value": .string(now)],
                ]
            ]
            let before = try await query(sandbox, client, "ContractServiceUnits", current).json["items"][0]["units"].intValue!
            let adjust = try await client.send(
                "POST", sandbox.autotask("/Contracts/\(contractID)/ServiceAdjustments"), headers: headers,
                json: ["contractID": .int(contractID), "serviceID": .int(serviceID), "effectiveDate": .string(ISODate.seconds(ISODate.startOfDay(Date()))), "unitChange": 7])
            #expect(adjust.status == 200)
            #expect(try adjust.json["itemId"].intValue != nil)
            let after = try await query(sandbox, client, "ContractServiceUnits", current).json["items"][0]["units"].intValue!
            #expect(after == before + 7)
            let rootCreate = try await client.send(
                "POST", sandbox.autotask("/ContractServiceAdjustments"), headers: headers,
                json: ["contractID": .int(contractID), "serviceID": .int(serviceID), "effectiveDate": .string(ISODate.seconds(ISODate.startOfDay(Date()))), "unitChange": -2])
            #expect(rootCreate.status == 200)
            #expect(try await query(sandbox, client, "ContractServiceUnits", current).json["items"][0]["units"].intValue == before + 5)
            let fractional = try await client.send(
                "POST", sandbox.autotask("/ContractServiceAdjustments"), headers: headers,
                json: ["contractID": .int(contractID), "serviceID": .int(serviceID), "effectiveDate": "2024-01-01T00:00:00Z", "unitChange": 1.5])
            #expect(fractional.status == 500)
            let adjustments = await sandbox.state.records(.ContractServiceAdjustments).filter { $0["contractID"]?.intValue == contractID }
            #expect(adjustments.map { $0["unitChange"]!.intValue! }.suffix(2) == [7, -2])

            // Create-only: no query, no GET by id, no update. Query-only: no create.
            let queryAdjustments = try await query(sandbox, client, "ContractServiceAdjustments", ["filter": [["op": "gte", "field": "id", "value": 0]]])
            #expect(queryAdjustments.status == 405)
            let getAdjustment = try await client.send("GET", sandbox.autotask("/ContractServiceAdjustments/1"), headers: headers)
            #expect(getAdjustment.status == 405)
            let createUnits = try await client.send("POST", sandbox.autotask("/ContractServiceUnits"), headers: headers, json: ["contractID": .int(contractID)])
            #expect(createUnits.status == 405)
            let childUnits = try await client.send("GET", sandbox.autotask("/Contracts/\(contractID)/ServiceUnits"), headers: headers)
            #expect(try childUnits.json["items"].arrayValue?.isEmpty == false)
            let recordUnits = try childUnits.json["items"].arrayValue!.filter { $0["contractServiceID"] == service["id"]! }
            #expect(recordUnits.count > 1)

            // A new service through an adjustment creates the contract service.
            let unused = await sandbox.state.records(.Services).map { $0["id"]!.intValue! }.first { candidate in
                !(Self.world.autotask[.ContractServices].contains { $0["contractID"]?.intValue == contractID && $0["serviceID"]?.intValue == candidate })
            }!
            let services = try await client.send("GET", sandbox.autotask("/Contracts/\(contractID)/Services"), headers: headers)
            let countBefore = try services.json["items"].arrayValue!.count
            _ = try await client.send(
                "POST", sandbox.autotask("/Contracts/\(contractID)/ServiceAdjustments"), headers: headers,
                json: ["serviceID": .int(unused), "effectiveDate": .string(ISODate.seconds(ISODate.startOfDay(Date()))), "unitChange": 3])
            let servicesAfter = try await client.send("GET", sandbox.autotask("/Contracts/\(contractID)/Services"), headers: headers)
            #expect(try servicesAfter.json["items"].arrayValue!.count == countBefore + 1)

            // Contract services: only price/description are writable; parent URL only.
            let root = try await client.send("POST", sandbox.autotask("/ContractServices"), headers: headers, json: ["contractID": .int(contractID), "serviceID": .int(unused)])
            #expect(root.status == 405)
            let update = try await client.send(
                "PATCH", sandbox.autotask("/Contracts/\(contractID)/Services"), headers: headers,
                json: ["id": service["id"]!, "adjustedPrice": 9.99, "serviceID": 1])
            #expect(update.status == 200)
            let read = try await client.send("GET", sandbox.autotask("/ContractServices/\(service["id"]!.intValue!)"), headers: headers)
            #expect(try read.json["item"]["adjustedPrice"] == 9.99)
            #expect(try read.json["item"]["serviceID"] == .int(serviceID))
        }
    }

    @Test("T1: tickets need dueDateTime and valid picklist values; notes only through /Tickets/{id}/Notes; status 5 completes")
    func ticketsAndNotes() async throws {
        try await withSandbox(SandboxConfiguration(world: Self.world)) { sandbox, client in
            let headers = sandbox.autotaskHeaders
            var ticket: JSONObject = ["companyID": 29_700_000, "title": "Backup failed: SRV01", "status": 1, "priority": 2, "queueID": 29_682_833, "externalID": "alert-9"]
            let noDue = try await client.send("POST", sandbox.autotask("/Tickets"), headers: headers, json: .object(ticket))
            #expect(noDue.status == 500)
            #expect(try noDue.json == ["errors": ["dueDateTime is required.; on record number [0]."]])
            ticket["dueDateTime"] = "2030-05-02T17:00:00Z"
            ticket["issueType"] = 10
            ticket["subIssueType"] = 110
            let wrongSubIssue = try await client.send("POST", sandbox.autotask("/Tickets"), headers: headers, json: .object(ticket))
            #expect(wrongSubIssue.status == 500)
            ticket["subIssueType"] = 100
            ticket["status"] = 99
            #expect(try await client.send("POST", sandbox.autotask("/Tickets"), headers: headers, json: .object(ticket)).status == 500)
            ticket["status"] = 1
            let created = try await client.send("POST", sandbox.autotask("/Tickets"), headers: headers, json: .object(ticket))
            #expect(created.status == 200)
            let id = try created.json["itemId"].intValue!
            let viaRoot = try await client.send(
                "POST", sandbox.autotask("/TicketNotes"), headers: headers,
                json: ["ticketID": .int(id), "description": "x", "noteType": 3, "publish": 1])
            #expect(viaRoot.status == 405)
            let note = try await client.send(
                "POST", sandbox.autotask("/Tickets/\(id)/Notes"), headers: headers,
                json: ["title": "Recurred", "description": "The alert happened again", "noteType": 3, "publish": 1])
            #expect(note.status == 200)
            let notes = try await query(sandbox, client, "TicketNotes", ["filter": [["op": "eq", "field": "ticketID", "value": .int(id)]]])
            #expect(try notes.json["items"][0]["description"] == "The alert happened again")
            let close = try await client.send("PATCH", sandbox.autotask("/Tickets"), headers: headers, json: ["id": .int(id), "status": 5, "resolution": "fixed"])
            #expect(close.status == 200)
            let closed = try await client.send("GET", sandbox.autotask("/Tickets/\(id)"), headers: headers)
            #expect(try closed.json["item"]["completedDate"].stringValue != nil)
            let open = try await query(
                sandbox, client, "Tickets", ["filter": [["op": "eq", "field": "externalID", "value": "alert-9"], ["op": "noteq", "field": "status", "value": 5]]])
            #expect(try open.json["items"].arrayValue?.isEmpty == true)
            #expect(await sandbox.ticketCount(.autotask, externalRef: "alert-9") == 1)
            let fields = try await client.send("GET", sandbox.autotask("/Tickets/entityInformation/fields"), headers: headers)
            let status = try fields.json["fields"].arrayValue!.first { $0["name"] == "status" }!
            #expect(status["isPickList"] == true)
            #expect(status["picklistValues"].arrayValue?.contains { $0["value"] == "5" && $0["label"] == "Complete" } == true)
            let info = try await client.send("GET", sandbox.autotask("/ContractServiceAdjustments/entityInformation"), headers: headers)
            #expect(try info.json["info"]["canQuery"] == false)
            #expect(try info.json["info"]["canCreate"] == true)
            let udfs = try await client.send("GET", sandbox.autotask("/Contracts/entityInformation/userDefinedFields"), headers: headers)
            #expect(try udfs.json["fields"][0]["name"] == "Acronis PAYG")
        }
    }

    @Test("thread limit: more than 3 concurrent requests per endpoint are refused with Itgenatr005; peak concurrency is recorded")
    func threadLimit() async throws {
        let configuration = SandboxConfiguration(faults: [.autotask: FaultSettings(latencyMs: 1500)], world: Self.world)
        try await withSandbox(configuration) { sandbox, client in
            let url = sandbox.autotask("/Companies/29700000")
            let statuses = try await withThrowingTaskGroup(of: TestResponse.self) { group in
                for _ in 0..<6 { group.addTask { try await client.send("GET", url, headers: sandbox.autotaskHeaders) } }
                var results: [TestResponse] = []
                for try await response in group { results.append(response) }
                return results
            }
            let refused = statuses.filter { $0.status != 200 }
            #expect(statuses.filter { $0.status == 200 }.count == 3)
            #expect(refused.count == 3)
            #expect(refused.allSatisfy { $0.status == 500 && $0.text.contains("Itgenatr005") && $0.text.contains("threshold of 3 threads") })
            let calls = await sandbox.calls(.autotask)
            #expect(calls.maxConcurrency["Companies"] == 3)
            #expect(calls.rejections["threadLimit"] == 3)
            #expect(calls.count("GET", "/atservicesrest/v1.0/Companies/{id}") == 6)
            // Another endpoint has its own slots.
            async let other = client.send("GET", sandbox.autotask("/Contracts/1"), headers: sandbox.autotaskHeaders)
            async let first = client.send("GET", url, headers: sandbox.autotaskHeaders)
            #expect(try await other.status == 200)
            #expect(try await first.status == 200)
        }
    }

    @Test("hourly budget: requests over the limit get 429 with Retry-After; ThresholdInformation counts them")
    func hourlyBudget() async throws {
        let configuration = SandboxConfiguration(autotaskLimits: AutotaskLimits(requestsPerHour: 5), world: Self.world)
        try await withSandbox(configuration) { sandbox, client in
            for _ in 0..<4 {
                #expect(try await client.send("GET", sandbox.autotask("/Companies/29700000"), headers: sandbox.autotaskHeaders).status == 200)
            }
            let threshold = try await client.send("GET", sandbox.autotask("/ThresholdInformation"), headers: sandbox.autotaskHeaders)
            #expect(try threshold.json == ["externalRequestThreshold": 5, "requestThresholdTimeframe": 60, "currentTimeframeRequestCount": 5])
            let over = try await client.send("GET", sandbox.autotask("/Companies/29700000"), headers: sandbox.autotaskHeaders)
            #expect(over.status == 429)
            #expect(Int(over.header("Retry-After") ?? "") ?? 0 > 3000)
            #expect(try over.json["errors"][0].stringValue?.contains("threshold") == true)
            let zone = try await client.send("GET", sandbox.autotask("/zoneInformation?user=\(encoded(sandbox.credentials.autotask.userName))"))
            #expect(zone.status == 200)
            #expect(await sandbox.state.autotaskRequestsThisHour() == 5)
        }
    }
}
