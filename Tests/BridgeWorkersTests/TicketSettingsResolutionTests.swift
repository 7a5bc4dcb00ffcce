import BridgeCore
import BridgeState
import BridgeValues
import Foundation
import Logging
import SandboxKit
import BridgeTestSupport
import Testing

@testable import BridgeWorkers

/// Ticket settings resolved against the sandbox's ConnectWise and Autotask (no broker).
@Suite("Ticket settings against the PSA")
struct TicketSettingsResolutionTests {
    /// A sandbox, a temporary state file and a fleet for `psa`.
    static func withFleet(
        _ psa: PSAKind, _ body: (TicketFleet) async throws -> Void
    ) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tickets-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let store = try StateStore(location: TestState.location(forPath: directory.appendingPathComponent("state.sqlite").path))
        let catalog = try SchemaCatalog(directory: FleetHarness.repositoryRoot.appendingPathComponent("schemas"))
        var logger = Logger(label: "test")
        logger.logLevel = .error
        let fleet = try await TicketFleet.start(psa: psa, store: store, catalog: catalog, logger: logger)
        do {
            try await body(fleet)
        } catch {
            await fleet.stop()
            throw error
        }
        await fleet.stop()
        try? store.close()
        try? FileManager.default.removeItem(at: directory)
    }

    @Test("T1: ConnectWise names resolve on the configured board (statuses, types, subtypes, items, priorities) with defaults")
    func connectWiseNamesResolve() async throws {
        try await Self.withFleet(.connectWise) { fleet in
            let settings = try await fleet.apply(fleet.settingsYAML(autoClose: true, newTicketAfterDays: 3))
            let port = try await fleet.clients.ticketing(settings.connection)
            let resolved = try await port.resolve(settings.tickets)
            #expect(resolved.boardOrQueueID == 1)
            #expect(resolved.defaultStatusID == 101, "the board's default open status")
            #expect(resolved.reopenStatusID == 104, "the board's Re-opened status")
            #expect(resolved.autoCloseStatusID == 105)
            #expect(resolved.defaultPriorityID == 3)
            #expect(resolved.newTicketAfterDays == 3)
            #expect(
                resolved.alertTypes["BackupFailed"]
                    == ResolvedAlertType(enabled: true, typeID: 110, subtypeID: 120, itemID: 130, statusID: 101, priorityID: 2))
            #expect(resolved.alertTypes["MachineOffline30"]?.enabled == false)
            #expect(resolved.policy == .init(newTicketAfter: try .init(enabled: true, days: 3), autoClose: .close(statusID: 105)))
        }
    }

    @Test("T1, S5: ConnectWise settings naming a board status, type or priority that does not exist are refused, each name with its path")
    func connectWiseUnknownNamesRefused() async throws {
        try await Self.withFleet(.connectWise) { fleet in
            let yaml = fleet.settingsYAML(closeStatus: "Done")
                .replacingOccurrences(of: "type: Backup", with: "type: Backups")
                .replacingOccurrences(of: "priority: Priority 2 - High", with: "priority: Urgent")
            let settings = try await fleet.apply(yaml)
            let port = try await fleet.clients.ticketing(settings.connection)
            let error = try await #require(throws: TicketSettingsError.self) { try await port.resolve(settings.tickets) }
            let problems = Dictionary(uniqueKeysWithValues: error.problems.map { ($0.path.description, $0.message) })
            #expect(problems["/tickets/autoClose/status"]?.contains("no status \"Done\" on board \"Acronis Alerts\"") == true)
            #expect(problems["/tickets/alertTypes/0/type"]?.contains("no ticket type \"Backups\"") == true)
            #expect(problems["/tickets/alertTypes/0/priority"]?.contains("no priority \"Urgent\"") == true)
            #expect(error.problems.count == 3)
            // The check `bridgectl settings apply` runs refuses the same names.
            await #expect(throws: TicketSettingsError.self) { _ = try await TicketSettingsCheck.run(settings, clients: fleet.clients) }

            let wrongBoard = try await fleet.apply(fleet.settingsYAML().replacingOccurrences(of: "board: Acronis Alerts", with: "board: 77"))
            let boardError = try await #require(throws: TicketSettingsError.self) {
                try await port.resolve(wrongBoard.tickets)
            }
            #expect(boardError.problems.map(\.path.description) == ["/tickets/board"])
            #expect(boardError.description.contains("no service board #77"))
        }
    }

    @Test("T1: Autotask names resolve against the ticket and note picklists; the sub-issue type must belong to the issue type")
    func autotaskPicklists() async throws {
        try await Self.withFleet(.autotask) { fleet in
            let settings = try await fleet.apply(fleet.settingsYAML())
            let port = try await fleet.clients.ticketing(settings.connection)
            let resolved = try await port.resolve(settings.tickets)
            #expect(resolved.boardOrQueueID == 29_682_833)
            #expect(resolved.defaultStatusID == 1)
            #expect(resolved.reopenStatusID == 12)
            #expect(resolved.autoCloseStatusID == 5)
            #expect(resolved.defaultPriorityID == 2)
            #expect(resolved.sourceID == 8 && resolved.noteTypeID == 3 && resolved.publishID == 1)
            #expect(resolved.alertTypes["BackupFailed"] == ResolvedAlertType(enabled: true, issueTypeID: 10, statusID: 1, priorityID: 1, dueInDays: 2))

            // "Machine offline" is a sub-issue type of Monitoring (11), not of Backup (10).
            let good = try await fleet.apply(
                fleet.settingsYAML().replacingOccurrences(
                    of: "issueType: Backup", with: "issueType: Backup\n      subIssueType: Backup failed"))
            #expect(try await port.resolve(good.tickets).alertTypes["BackupFailed"]?.subIssueTypeID == 100)
            let bad = try await fleet.apply(
                fleet.settingsYAML().replacingOccurrences(
                    of: "issueType: Backup", with: "issueType: Backup\n      subIssueType: Machine offline")
                    .replacingOccurrences(of: "noteType: Task Notes", with: "noteType: Memo"))
            let error = try await #require(throws: TicketSettingsError.self) { try await port.resolve(bad.tickets) }
            #expect(error.problems.map(\.path.description).sorted() == ["/tickets/alertTypes/0/subIssueType", "/tickets/autotask/noteType"])
            #expect(error.description.contains("no sub-issue type \"Machine offline\" under issue type \"Backup\""))
            #expect(error.description.contains("no note type \"Memo\""))
        }
    }

    @Test("S5: a PSA that cannot be reached does not refuse the settings; the check says why")
    func unreachablePSA() async throws {
        try await Self.withFleet(.connectWise) { fleet in
            let yaml = fleet.settingsYAML().replacingOccurrences(
                of: "site: 127.0.0.1:\(fleet.sandbox.connectWiseURL.port!)", with: "site: 127.0.0.1:9")
            let settings = try await fleet.apply(yaml)
            guard case .unreachable(let reason) = try await TicketSettingsCheck.run(settings, clients: fleet.clients) else {
                Issue.record("an unreachable PSA should not resolve")
                return
            }
            #expect(reason.contains("not sent") || reason.contains("failed"))
            #expect(!reason.contains("sandboxPrivateKey"), "no secret in the reason")
            let off = try await fleet.apply(fleet.settingsYAML(tickets: false))
            guard case .ticketsOff = try await TicketSettingsCheck.run(off, clients: fleet.clients) else {
                Issue.record("nothing to check with tickets off")
                return
            }
        }
    }

    @Test(
        "T1: a ticket references the company's active agreement/contract that carries a product mapped for billing",
        arguments: [PSAKind.connectWise, .autotask])
    func billingReference(psa: PSAKind) async throws {
        try await Self.withFleet(psa) { fleet in
            let settings = try await fleet.apply(fleet.settingsYAML())
            let port = try await fleet.clients.ticketing(settings.connection)
            let customer = try #require(fleet.customers.first)
            let company = try #require(Int(customer.companyId))
            let state = fleet.sandbox.state
            // A product on one of the company's agreements/contracts, and the agreements/contracts it is on.
            let product: Int
            let holders: Set<Int>
            let name: String
            switch psa {
            case .connectWise:
                let agreements = await state.records(ConnectWiseWorld.Table.agreements).filter { $0["company"]?["id"].intValue == company }
                let ids = Set(agreements.compactMap { $0["id"]?.intValue })
                let addition = try #require(await state.records(ConnectWiseWorld.Table.additions).first { ids.contains($0["agreementId"]?.intValue ?? -1) })
                product = try #require(addition["product"]?["id"].intValue)
                name = try #require(addition["product"]?["identifier"].stringValue)
                holders = ids
            case .autotask:
                let contracts = await state.records(AutotaskWorld.Table.Contracts).filter { $0["companyID"]?.intValue == company }
                let ids = Set(contracts.compactMap { $0["id"]?.intValue })
                let line = try #require(await state.records(AutotaskWorld.Table.ContractServices).first { ids.contains($0["contractID"]?.intValue ?? -1) })
                product = try #require(line["serviceID"]?.intValue)
                name = try #require(await state.records(AutotaskWorld.Table.Services).first { $0["id"]?.intValue == product }?["name"]?.stringValue)
                holders = ids
            }
            #expect(try await port.productIDs([.name(name), .name("no such product")]) == [product])
            let reference = try #require(try await port.billingReference(companyID: company, productIDs: [product]))
            #expect(holders.contains(reference.id))
            #expect(try await port.billingReference(companyID: company, productIDs: [987_654]) == nil)

            // The ticket carries it (ConnectWise agreement, Autotask contractID) and its description names it.
            var resolved = try await port.resolve(settings.tickets)
            resolved.billingProductIDs = [product]
            let id = try await port.createTicket(
                NewTicket(
                    companyID: company, summary: "S", description: "D", externalReference: "ref-billing",
                    alertType: "BackupFailed", billing: reference),
                settings: resolved)
            let ticket = try #require(await fleet.tickets("ref-billing").first)
            #expect(ticket["id"]?.intValue == id)
            #expect((psa == .connectWise ? ticket["agreement"]?["id"].intValue : ticket["contractID"]?.intValue) == reference.id)
        }
    }
}
