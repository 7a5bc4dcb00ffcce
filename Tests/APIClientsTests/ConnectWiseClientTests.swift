import BridgeValues
import APIClients
import Foundation
import SandboxKit
import Testing

@Suite("ConnectWise client against the sandbox")
struct ConnectWiseClientTests {
    @Test("codebase discovered through companyinfo; an unknown company is a typed not-found")
    func codebaseDiscovery() async throws {
        try await SandboxHarness.run { harness in
            let client = try harness.connectWise()
            let info = try await client.companyInfo()
            #expect(info.codebase.hasSuffix("/"))
            #expect(try await client.systemInfo().version != nil)
            // The explicit call cached the codebase: no second discovery.
            #expect(await harness.calls(.connectWise, "GET", "/login/companyinfo/{company}") == 1)

            let credentials = harness.sandbox.credentials.connectWise
            let stranger = try ConnectWiseClient(
                configuration: ConnectWiseConfiguration(
                    site: harness.sandbox.connectWiseURL.absoluteString, companyID: "no-such-company",
                    publicKey: credentials.publicKey, privateKey: Secret(credentials.privateKey),
                    clientID: Secret(credentials.clientId)),
                transport: harness.transport, logger: harness.logger)
            await #expect {
                _ = try await stranger.systemInfo()
            } throws: { error in
                guard let error = error as? APIError else { return false }
                return error.kind == .notFound && error.description.contains("no-such-company")
            }
        }
    }

    @Test("a 404 after the instance moved to another codebase triggers one re-discovery and one resend")
    func codebaseMove() async throws {
        var world = SandboxWorld.generate(companies: 2, seed: 3)
        world.connectWise.codebase = "v2024_1/"
        try await SandboxHarness.run(SandboxConfiguration(world: world)) { harness in
            let client = try harness.connectWise()
            #expect(try await client.companyInfo().codebase == "v2024_1/")
            #expect(try await client.priorities().isEmpty == false)
            var moved = world
            moved.connectWise.codebase = "v2025_1/"
            try await harness.sandbox.state.load(moved)
            let priorities = try await client.priorities()
            #expect(!priorities.isEmpty)
            #expect(await harness.calls(.connectWise, "GET", "/login/companyinfo/{company}") == 2)
            #expect(try await client.companyInfo().codebase == "v2025_1/")
        }
    }

    @Test("P1: customer companies by conditions and child conditions, followed over more than two pages")
    func companiesPaging() async throws {
        try await SandboxHarness.run(SandboxConfiguration(world: .generate(companies: 9, seed: 21))) { harness in
            let paged = try harness.connectWise(pageSize: 2)
            let whole = try harness.connectWise()
            let query = CWQuery(
                where: CWField("status/name") == "Active" && CWField("deletedFlag") == false,
                childConditions: CWField("types/name") == "Client", orderBy: .ascending("id"))

            let all = try await whole.companies(CWQuery(orderBy: .ascending("id")))
            #expect(all.count == 9)
            await harness.sandbox.state.resetCalls()
            let pagedAll = try await paged.companies(CWQuery(orderBy: .ascending("id")))
            #expect(pagedAll.map(\.id) == all.map(\.id))
            // 9 records at 2 per page: 5 pages (the last one short), conditions sent on each.
            #expect(await harness.calls(.connectWise, "GET", "/{codebase}/apis/3.0/company/companies") == 5)

            let customers = try await paged.companies(query)
            let expected = all.filter { company in
                company.status?.name == "Active" && company.deletedFlag == false
                    && (company.types ?? []).contains { $0.name == "Client" }
            }
            #expect(customers.map(\.id) == expected.map(\.id))
            #expect(!customers.isEmpty)

            let one = try await whole.company(id: all[0].id)
            #expect(one.id == all[0].id)
            #expect(one.info?.lastUpdated != nil)
            #expect(try await whole.companyTypes().contains { $0.name == "Client" })
            #expect(try await whole.companyStatuses().contains { $0.name == "Active" })
        }
    }

    @Test("P1: names with quotes, ampersands, percent signs and non-ASCII are matched exactly")
    func awkwardNames() async throws {
        let awkward = #"O'Brien "Best" Backup & Co 100% + Ünïcødé 株式会社 \ end"#
        var world = SandboxWorld.generate(companies: 3, seed: 4)
        var companies = world.connectWise[.companies]
        companies[1]["name"] = .string(awkward)
        world.connectWise[.companies] = companies
        try await SandboxHarness.run(SandboxConfiguration(world: world)) { harness in
            let client = try harness.connectWise()
            let found = try await client.companies(CWQuery(where: CWField("name") == awkward))
            #expect(found.count == 1)
            #expect(found.first?.name == awkward)
            let like = try await client.companies(CWQuery(where: CWField("name").like("O'Brien \"Best\"%")))
            #expect(like.map(\.name) == [awkward])
            #expect(try await client.companies(CWQuery(where: CWField("name") == "O'Brien")).isEmpty)
        }
    }

    @Test("S5: a condition the server refuses is a typed error carrying the API's message")
    func badCondition() async throws {
        try await SandboxHarness.run { harness in
            let client = try harness.connectWise()
            do {
                _ = try await client.companies(CWQuery(where: CWField("noSuchField") == 1))
                Issue.record("an unknown field must be refused")
            } catch let error as APIError {
                #expect(error.status == 400)
                #expect(error.kind == .httpStatus(400))
                #expect(error.method == "GET")
                #expect(error.path.hasSuffix("/apis/3.0/company/companies"))
                #expect(error.messages.contains { $0.contains("noSuchField") })
            }
            // A field path that is not an identifier path is refused before sending.
            let before = await harness.sandbox.state.calls(.connectWise).total
            await #expect {
                _ = try await client.companies(CWQuery(where: CWField("name) or (id") == 1))
            } throws: { error in
                (error as? APIError)?.kind == .invalidRequest
            }
            #expect(await harness.sandbox.state.calls(.connectWise).total == before)
        }
    }

    @Test("P4: contacts and the company's primary contact with its e-mail")
    func contacts() async throws {
        try await SandboxHarness.run { harness in
            let client = try harness.connectWise()
            let company = try #require(try await client.companies(CWQuery(orderBy: .ascending("id"))).first)
            let contacts = try await client.contacts(CWQuery(where: CWField("company/id") == company.id))
            #expect(!contacts.isEmpty)
            let primary = try #require(try await client.primaryContact(companyID: company.id))
            #expect(primary.id == company.defaultContact?.id)
            #expect(primary.primaryEmail?.contains("@") == true)
            #expect(try await client.primaryContact(companyID: 999_999) == nil)
        }
    }

    @Test("B1 B2: catalog items, agreements, additions; quantity and custom fields patched and read back")
    func agreementsAndAdditions() async throws {
        try await SandboxHarness.run { harness in
            let client = try harness.connectWise()
            let catalog = try await client.catalogItems(CWQuery(where: CWField("inactiveFlag") == false))
            let product = try #require(catalog.first)
            let byIdentifier = try await client.catalogItems(CWQuery(where: CWField("identifier") == (product.identifier ?? "")))
            #expect(byIdentifier.map(\.id) == [product.id])
            #expect(try await client.catalogItem(id: product.id).identifier == product.identifier)

            let agreements = try await client.agreements(CWQuery(where: CWField("cancelledFlag") == false))
            let agreement = try #require(agreements.first)
            let companyID = try #require(agreement.company?.id)
            let ofCompany = try await client.agreements(CWQuery(where: CWField("company/id") == companyID))
            #expect(ofCompany.contains { $0.id == agreement.id })
            #expect(try await client.agreement(id: agreement.id).id == agreement.id)

            let additions = try await client.additions(agreementID: agreement.id)
            let addition = try #require(additions.first)
            #expect(addition.product?.id != nil)
            let active = try await client.additions(agreementID: agreement.id, CWQuery(where: CWField("cancelledDate").isNull))
            #expect(active.contains { $0.id == addition.id })

            let updated = try await client.setAdditionQuantity(agreementID: agreement.id, additionID: addition.id, quantity: 123.5)
            #expect(updated.quantity == 123.5)
            #expect(try await client.addition(agreementID: agreement.id, id: addition.id).quantity == 123.5)

            var fields = try #require(addition.customFields)
            let payg = try #require(fields.field(captioned: "PAYG"))
            let flipped = !(payg.boolValue ?? false)
            fields = fields.map { field in
                var field = field
                if field.id == payg.id { field.value = .bool(flipped) }
                return field
            }
            _ = try await client.setAdditionCustomFields(agreementID: agreement.id, additionID: addition.id, fields)
            let reread = try await client.addition(agreementID: agreement.id, id: addition.id)
            #expect(reread.customFields?.field(captioned: "PAYG")?.boolValue == flipped)
            #expect(reread.quantity == 123.5)

            // Agreement custom fields are written back whole the same way.
            let fullAgreement = try await client.agreement(id: agreement.id)
            var agreementFields = fullAgreement.customFields ?? []
            agreementFields.append(CWCustomField(id: 7, caption: "Acronis Tenant", type: "Text", entryMethod: "EntryField", value: "t-42"))
            let patched = try await client.setAgreementCustomFields(agreementID: agreement.id, agreementFields)
            #expect(patched.customFields?.field(captioned: "Acronis Tenant")?.value == "t-42")
            let renamed = try await client.patchAgreement(id: agreement.id, [.replace("name", with: "Backup – renamed")])
            #expect(renamed.name == "Backup – renamed")
            #expect(try await client.agreement(id: agreement.id).customFields?.field(captioned: "Acronis Tenant")?.value == "t-42")
        }
    }

    @Test("T1: boards and their statuses, types, subtypes, items; priorities")
    func serviceSetup() async throws {
        try await SandboxHarness.run { harness in
            let client = try harness.connectWise()
            let boards = try await client.boards()
            let board = try #require(boards.first { $0.id == GeneratedIDs.connectWiseAlertBoard })
            let statuses = try await client.boardStatuses(boardID: board.id)
            #expect(statuses.contains { $0.closedStatus == true })
            #expect(statuses.contains { $0.closedStatus == false })
            #expect(statuses.allSatisfy { $0.board?.id == board.id })
            #expect(!(try await client.boardTypes(boardID: board.id)).isEmpty)
            #expect(!(try await client.boardSubtypes(boardID: board.id)).isEmpty)
            #expect(!(try await client.boardItems(boardID: board.id)).isEmpty)
            #expect(try await client.priorities().contains { $0.defaultFlag == true })
        }
    }

    @Test("T1 T2 T3 T4: ticket created with externalXRef, found by it, closed and re-opened by status, notes added")
    func tickets() async throws {
        try await SandboxHarness.run { harness in
            let client = try harness.connectWise()
            let company = try #require(try await client.companies(CWQuery(orderBy: .ascending("id"))).first)
            let board = GeneratedIDs.connectWiseAlertBoard
            let statuses = try await client.boardStatuses(boardID: board)
            let open = try #require(statuses.first { $0.defaultFlag == true && $0.closedStatus != true })
            let closed = try #require(statuses.first { $0.closedStatus == true })
            let priority = try #require(try await client.priorities().first { $0.defaultFlag == true })
            let key = "alert-8f1c-\(UUID().uuidString.prefix(8))"

            let ticket = try await client.createTicket(
                CWTicketCreate(
                    summary: "Backup failed: SRV01", companyID: company.id, boardID: board, statusID: open.id,
                    priorityID: priority.id, initialDescription: "Backup plan 'Daily' failed at 02:00", externalXRef: key))
            #expect(ticket.externalXRef == key)
            #expect(ticket.board?.id == board)
            #expect(ticket.company?.id == company.id)
            #expect(try await client.ticket(id: ticket.id).summary == "Backup failed: SRV01")

            let found = try await client.tickets(externalXRef: key)
            #expect(found.map(\.id) == [ticket.id])
            #expect(try await client.tickets(externalXRef: key + "-other").isEmpty)
            let openOnes = try await client.tickets(
                CWQuery(where: CWField("externalXRef") == key && CWField("closedFlag") == false))
            #expect(openOnes.map(\.id) == [ticket.id])

            let note = try await client.createTicketNote(
                ticketID: ticket.id, CWTicketNoteCreate(text: "Seen again at 03:00", internalAnalysisFlag: true))
            #expect(note.text == "Seen again at 03:00")
            #expect(try await client.ticketNotes(ticketID: ticket.id).contains { $0.id == note.id })

            let closedTicket = try await client.setTicketStatus(ticketID: ticket.id, statusID: closed.id)
            #expect(closedTicket.status?.id == closed.id)
            #expect(closedTicket.closedFlag == true)
            let reopened = try await client.setTicketStatus(ticketID: ticket.id, statusID: open.id)
            #expect(reopened.closedFlag == false)

            // Limits are checked before sending.
            await #expect {
                _ = try await client.createTicket(CWTicketCreate(summary: String(repeating: "x", count: 101), companyID: company.id))
            } throws: { error in
                (error as? APIError)?.kind == .invalidRequest
            }
        }
    }
}
