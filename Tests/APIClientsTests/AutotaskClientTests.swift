import APIClients
import Foundation
import SandboxKit
import Testing

@Suite("Autotask client against the sandbox")
struct AutotaskClientTests {
    @Test("zone discovered; threshold information; a missing id is a typed not-found")
    func zoneAndLookups() async throws {
        try await SandboxHarness.run { harness in
            let client = try harness.autotask()
            let zone = try await client.zoneInformation()
            #expect(zone.url.hasPrefix(harness.sandbox.autotaskURL.absoluteString))
            let threshold = try await client.thresholdInformation()
            #expect(threshold.externalRequestThreshold == 10_000)
            #expect(threshold.currentTimeframeRequestCount >= 1)
            await #expect {
                _ = try await client.company(id: 1)
            } throws: { error in
                (error as? APIError)?.kind == .notFound
            }
        }
    }

    @Test("P1: a company query over the page size is followed through nextPageUrl to the end")
    func queryPaging() async throws {
        try await SandboxHarness.run(SandboxConfiguration(world: .generate(companies: 9, seed: 8))) { harness in
            let client = try harness.autotask(pageSize: 2)
            let all = try await client.companies(.all)
            #expect(all.count == 9)
            #expect(Set(all.map(\.id)).count == 9)
            #expect(await harness.calls(.autotask, "POST", "/atservicesrest/v1.0/Companies/query") == 1)
            #expect(await harness.calls(.autotask, "POST", "/atservicesrest/v1.0/Companies/query/next") == 4)

            let customers = try await client.companies(
                ATField("isActive") == true && ATField("companyType") == GeneratedIDs.autotaskCustomerType)
            let world = await harness.sandbox.state.snapshot().autotask[.Companies]
            let expected = world.filter {
                $0["isActive"]?.boolValue == true && $0["companyType"]?.intValue == GeneratedIDs.autotaskCustomerType
            }.compactMap { $0["id"]?.intValue }
            #expect(Set(customers.map(\.id)) == Set(expected))
            let one = try await client.company(id: all[0].id)
            #expect(one.companyName == all[0].companyName)
        }
    }

    @Test("P1: more than 500 rows come back in full with the default page size")
    func queryOverFiveHundred() async throws {
        try await SandboxHarness.run(SandboxConfiguration(world: .generate(companies: 1_050, agreementsPerCompany: 0, tenants: 0, seed: 2))) { harness in
            let client = try harness.autotask()
            let all = try await client.companies(.all, includeFields: ["companyName"])
            #expect(all.count == 1_050)
            #expect(Set(all.map(\.id)).count == 1_050)
            #expect(await harness.calls(.autotask, "POST", "/atservicesrest/v1.0/Companies/query/next") == 2)
        }
    }

    @Test("P4: contacts and the company's primary contact")
    func contacts() async throws {
        try await SandboxHarness.run { harness in
            let client = try harness.autotask()
            let company = try #require(try await client.companies(.all).first)
            let contacts = try await client.contacts(ATField("companyID") == company.id)
            #expect(!contacts.isEmpty)
            let primary = try #require(try await client.primaryContact(companyID: company.id))
            #expect(primary.companyID == company.id)
            #expect(primary.primaryContact == true)
            #expect(primary.emailAddress?.contains("@") == true)
        }
    }

    @Test("P2 B1 B8: services, contracts and UDFs, contract services, units, and an adjustment changing the units")
    func contractsAndUnits() async throws {
        try await SandboxHarness.run { harness in
            let client = try harness.autotask()
            let services = try await client.services()
            #expect(!services.isEmpty)
            #expect(try await client.service(id: services[0].id).name == services[0].name)

            let contracts = try await client.contracts(
                ATField("contractType") == ATContract.recurringServiceType && ATField("status") == GeneratedIDs.autotaskActiveContract)
            let contract = try #require(contracts.first)
            #expect(try await client.contract(id: contract.id).contractName == contract.contractName)
            #expect(contract.userDefinedFields?.value(named: GeneratedIDs.autotaskPAYGField) != nil)

            let definitions = try await client.userDefinedFieldDefinitions(entity: "Contracts")
            #expect(definitions.contains { $0.name == GeneratedIDs.autotaskPAYGField })

            try await client.updateContractUDFs(
                contractID: contract.id, [ATUserDefinedField(name: GeneratedIDs.autotaskPAYGField, value: "Yes")])
            #expect(try await client.contract(id: contract.id).userDefinedFields?.value(named: GeneratedIDs.autotaskPAYGField) == "Yes")
            let byUDF = try await client.contracts(ATField(udf: GeneratedIDs.autotaskPAYGField) == "Yes")
            #expect(byUDF.contains { $0.id == contract.id })

            let lines = try await client.contractServices(ATField("contractID") == contract.id)
            let line = try #require(lines.first)
            let serviceID = try #require(line.serviceID)
            let now = Date()
            let current = ATField("contractID") == contract.id && ATField("serviceID") == serviceID
                && ATField("startDate") <= now && ATField("endDate") >= now
            let before = try await client.contractServiceUnits(current)
            let unitsBefore = before.map(\.units).max() ?? 0

            let adjustmentID = try await client.createContractServiceAdjustment(
                ATContractServiceAdjustment(contractID: contract.id, serviceID: serviceID, effectiveDate: now, unitChange: 7))
            #expect(adjustmentID > 0)
            let after = try await client.contractServiceUnits(current)
            #expect(after.map(\.units).max() == unitsBefore + 7)

            // B7: a service not yet on the contract is added to it.
            let onContract = Set(lines.compactMap(\.serviceID))
            let newService = try #require(services.first { !onContract.contains($0.id) })
            let contractServiceID = try await client.createContractService(
                ATContractServiceCreate(contractID: contract.id, serviceID: newService.id, unitPrice: newService.unitPrice))
            let added = try await client.contractServices(ATField("contractID") == contract.id && ATField("serviceID") == newService.id)
            #expect(added.map(\.id) == [contractServiceID])
        }
    }

    @Test("P2: a missing contract UDF is created and then listed among the contract UDF definitions")
    func createUDFDefinition() async throws {
        try await SandboxHarness.run { harness in
            let client = try harness.autotask()
            let udfTypes = try await client.picklist(entity: "UserDefinedFieldDefinitions", field: "udfType")
            let dataTypes = try await client.picklist(entity: "UserDefinedFieldDefinitions", field: "dataType")
            let contract = try #require(udfTypes.first { $0.label == "Contract" }?.intValue)
            let string = try #require(dataTypes.first { $0.label == "String" }?.intValue)
            let id = try await client.createUserDefinedFieldDefinition(
                ATUserDefinedFieldDefinitionCreate(name: "Acronis Tenant", udfType: contract, dataType: string))
            #expect(id > 0)
            #expect(try await client.userDefinedFieldDefinitions(entity: "Contracts").contains { $0.name == "Acronis Tenant" })
            // The same name again is refused with Autotask's message.
            do {
                _ = try await client.createUserDefinedFieldDefinition(
                    ATUserDefinedFieldDefinitionCreate(name: "Acronis Tenant", udfType: contract, dataType: string))
                Issue.record("a duplicate UDF name must be refused")
            } catch let error as APIError {
                #expect(error.status == 500)
                #expect(error.messages.contains { $0.contains("already exists") })
                #expect(error.attempts == 1)
            }
        }
    }

    @Test("T1: ticket and note picklists read from entityInformation/fields")
    func picklists() async throws {
        try await SandboxHarness.run { harness in
            let client = try harness.autotask()
            let tickets = try await client.ticketPicklists()
            #expect(tickets.queues.contains { $0.intValue == GeneratedIDs.autotaskAlertQueue })
            #expect(tickets.statuses.contains { $0.intValue == ATTicket.completeStatus })
            #expect(!tickets.priorities.isEmpty)
            #expect(!tickets.issueTypes.isEmpty)
            #expect(tickets.subIssueTypes.allSatisfy { $0.parentValue != nil })
            #expect(!tickets.sources.isEmpty)
            #expect(!tickets.ticketTypes.isEmpty)
            let notes = try await client.ticketNotePicklists()
            #expect(!notes.noteTypes.isEmpty)
            #expect(!notes.publish.isEmpty)
            #expect(try await client.picklist(entity: "Contracts", field: "contractType").contains { $0.intValue == 7 })
        }
    }

    @Test("T1 T2 T3 T4: ticket created with externalID, found by it, noted, completed and re-opened")
    func tickets() async throws {
        try await SandboxHarness.run { harness in
            let client = try harness.autotask()
            let company = try #require(try await client.companies(.all).first)
            let picklists = try await client.ticketPicklists()
            let priority = try #require(picklists.priorities.first?.intValue)
            let key = "alert-\(UUID().uuidString.prefix(8))"
            let id = try await client.createTicket(
                ATTicketCreate(
                    companyID: company.id, title: "Backup failed: SRV01", description: "Plan 'Daily' failed",
                    status: ATTicket.newStatus, priority: priority, queueID: GeneratedIDs.autotaskAlertQueue,
                    dueDateTime: Date().addingTimeInterval(86_400), externalID: key))
            let ticket = try await client.ticket(id: id)
            #expect(ticket.externalID == key)
            #expect(ticket.companyID == company.id)
            #expect(try await client.tickets(externalID: key).map(\.id) == [id])
            let open = try await client.tickets(ATField("externalID") == key && ATField("status") != ATTicket.completeStatus)
            #expect(open.map(\.id) == [id])

            let notes = try await client.ticketNotePicklists()
            let noteID = try await client.createTicketNote(
                ticketID: id,
                ATTicketNoteCreate(
                    title: "Recurred", description: "Seen again", noteType: try #require(notes.noteTypes.first?.intValue),
                    publish: try #require(notes.publish.first?.intValue)))
            #expect(try await client.ticketNotes(ticketID: id).contains { $0.id == noteID })

            try await client.updateTicketStatus(ticketID: id, status: ATTicket.completeStatus, resolution: "Backup succeeded")
            #expect(try await client.ticket(id: id).status == ATTicket.completeStatus)
            try await client.updateTicketStatus(ticketID: id, status: ATTicket.newStatus)
            #expect(try await client.ticket(id: id).status == ATTicket.newStatus)
        }
    }

    @Test("limits: 20 parallel calls never put more than 3 in flight on one endpoint")
    func concurrencyLimit() async throws {
        var configuration = SandboxConfiguration(world: .generate(companies: 3, seed: 6))
        configuration.faults[.autotask] = FaultSettings(latencyMs: 60)
        try await SandboxHarness.run(configuration) { harness in
            let limiter = AutotaskRequestLimiter()
            let client = try harness.autotask(limiter: limiter)
            let company = try #require(try await client.companies(.all).first)
            await harness.sandbox.state.resetCalls()
            let names = try await withThrowingTaskGroup(of: String?.self) { group in
                for _ in 0..<20 {
                    group.addTask { try await client.company(id: company.id).companyName }
                }
                var names: [String?] = []
                for try await name in group { names.append(name) }
                return names
            }
            #expect(names.count == 20)
            #expect(names.allSatisfy { $0 == company.companyName })
            let report = await harness.sandbox.state.calls(.autotask)
            #expect(report.maxConcurrency["Companies"] == 3)
            #expect(report.rejections["threadLimit"] == nil)
            #expect(await limiter.maxConcurrency(endpoint: "Companies") == 3)
            #expect(report.count("GET", "/atservicesrest/v1.0/Companies/{id}") == 20)
        }
    }

    @Test("T4: a thread-limit rejection (status 500, Itgenatr005) was not processed: creates are sent again and made once")
    func threadLimitRejectionIsRetried() async throws {
        var configuration = SandboxConfiguration(world: .generate(companies: 2, seed: 12))
        configuration.faults[.autotask] = FaultSettings(latencyMs: 200)
        try await SandboxHarness.run(configuration) { harness in
            // A limiter looser than the server, as when several processes share one integration code.
            let client = try harness.autotask(limiter: AutotaskRequestLimiter(concurrencyPerEndpoint: 6))
            let company = try #require(try await client.companies(.all).first)
            let prefix = "alert-thread-\(UUID().uuidString.prefix(6))"
            let ids = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<6 {
                    group.addTask {
                        try await client.createTicket(
                            ATTicketCreate(
                                companyID: company.id, title: "Parallel \(index)", status: ATTicket.newStatus, priority: 2,
                                dueDateTime: Date().addingTimeInterval(3600), externalID: "\(prefix)-\(index)"))
                    }
                }
                var ids: [Int] = []
                for try await id in group { ids.append(id) }
                return ids
            }
            #expect(Set(ids).count == 6)
            let report = await harness.sandbox.state.calls(.autotask)
            #expect((report.rejections["threadLimit"] ?? 0) > 0)
            #expect(report.count("POST", "/atservicesrest/v1.0/Tickets") == 6 + (report.rejections["threadLimit"] ?? 0))
            let created = try await client.tickets(ATField("externalID").beginsWith(prefix))
            #expect(created.count == 6)
        }
    }

    @Test("limits: a request cancelled while queued for a slot leaves the queue and the slot count intact")
    func cancelledWaiterLeavesQueue() async throws {
        var configuration = SandboxConfiguration(world: .generate(companies: 2, seed: 13))
        configuration.faults[.autotask] = FaultSettings(latencyMs: 300)
        try await SandboxHarness.run(configuration) { harness in
            let limiter = AutotaskRequestLimiter(concurrencyPerEndpoint: 1)
            let client = try harness.autotask(limiter: limiter)
            _ = try await client.zoneInformation()
            let first = Task { try await client.company(id: 29_700_000) }
            try await Task.sleep(for: .milliseconds(50))
            let queued = Task { try await client.company(id: 29_700_000) }
            try await Task.sleep(for: .milliseconds(50))
            queued.cancel()
            await #expect(throws: CancellationError.self) { _ = try await queued.value }
            _ = try await first.value
            // The slot was handed back: the next call runs, and only two requests reached the server.
            _ = try await client.company(id: 29_700_001)
            #expect(await harness.calls(.autotask, "GET", "/atservicesrest/v1.0/Companies/{id}") == 2)
            #expect(await limiter.maxConcurrency(endpoint: "Companies") == 1)
        }
    }

    @Test("limits: the hourly budget is enforced by the client; spent means a typed error or a wait, never a call")
    func hourlyBudget() async throws {
        try await SandboxHarness.run { harness in
            let failing = AutotaskRequestLimiter(requestsPerWindow: 4, budgetPolicy: .fail)
            let client = try harness.autotask(limiter: failing)
            let company = try #require(try await client.companies(.all).first)  // 1 request
            for _ in 0..<3 { _ = try await client.company(id: company.id) }
            let before = await harness.sandbox.state.calls(.autotask).count("GET", "/atservicesrest/v1.0/Companies/{id}")
            do {
                _ = try await client.company(id: company.id)
                Issue.record("the fifth request must be refused by the client")
            } catch let error as APIError {
                #expect(error.kind == .budgetExhausted)
                #expect(error.retryAfter != nil)
                #expect(error.retryAfter! <= .seconds(3600))
                #expect(error.isTransient)
            }
            #expect(await harness.sandbox.state.calls(.autotask).count("GET", "/atservicesrest/v1.0/Companies/{id}") == before)
            #expect(await failing.requestsInWindow == 4)

            // With a short window and the wait policy, the request waits for the window to move.
            let waiting = AutotaskRequestLimiter(requestsPerWindow: 2, window: .seconds(1), budgetPolicy: .wait(maxWait: .seconds(5)))
            let patient = try harness.autotask(limiter: waiting)
            let (_, elapsed) = try await measure {
                for _ in 0..<3 { _ = try await patient.company(id: company.id) }
            }
            #expect(elapsed >= .milliseconds(900))
        }
    }
}
