import BridgeCore
import BridgeState
import BridgeValues
import Foundation
import SandboxKit
import Testing

@testable import BridgeWorkers

/// Alerts to tickets end to end: the sandbox's Alert Manager, the alert poller, RabbitMQ, the
/// ticket-updater pipeline, and the sandbox's ConnectWise or Autotask.
extension FleetOnBrokerTests {
    /// A running job: fleet queues, an in-process ticket-updater consuming `ticket-updater.work`,
    /// and a poller to drive.
    struct TicketJob {
        let harness: FleetHarness
        let fleet: TicketFleet
        let poller: AlertPoller
        let running: Task<Void, any Error>

        static func start(psa: PSAKind, tenants: Int = 3) async throws -> TicketJob {
            let harness = try await FleetHarness.start()
            let fleet = try await TicketFleet.start(
                psa: psa, store: harness.store, catalog: harness.catalog, tenants: tenants, logger: harness.logger)
            let service = WorkerService(
                queues: [.ticketUpdaterWork], bus: harness.bus,
                processor: harness.processor(.ticketUpdater, handler: fleet.handler()), prefetch: 50, concurrency: 8,
                logger: harness.logger)
            let running = Task { try await service.run() }
            return TicketJob(
                harness: harness, fleet: fleet, poller: fleet.poller(bus: harness.bus, logger: harness.logger),
                running: running)
        }

        /// Polls, then waits until the ticket-updater has handled every command it published.
        @discardableResult
        func pollAndSettle() async throws -> AlertPollReport {
            let report = try await poller.poll()
            try await settle(report.publishedKeys)
            return report
        }

        /// Waits until the ticket-updater has handled the commands of these idempotency keys.
        func settle(_ keys: [String]) async throws {
            try await harness.eventually("the ticket-updater handled the \(keys.count) published commands") {
                for key in keys {
                    let entry = try await harness.store.inboxEntry(worker: WorkerKind.ticketUpdater.rawValue, idempotencyKey: key)
                    guard entry?.status == .done else { return false }
                }
                return true
            }
        }

        /// Runs `body` on a started job and stops it afterwards, also when `body` fails, so the
        /// next test's messages never reach this job's consumer.
        static func run(
            psa: PSAKind, tenants: Int = 3, _ body: (TicketJob) async throws -> Void
        ) async throws {
            let job = try await start(psa: psa, tenants: tenants)
            do {
                try await body(job)
            } catch {
                await job.stop()
                throw error
            }
            await job.stop()
        }

        func stop() async {
            await BoundedStop.worker(running)
            await fleet.stop()
            await harness.stop()
        }
    }

    @Test(
        "T1, T2, T3, T4: new alert → one ticket; same alert → note; closed less than N days → re-opened; closed N days ago → new ticket; dismissed → closed with the configured status",
        arguments: [PSAKind.connectWise, .autotask])
    func alertLifecycleWithNewTicketAfterDaysAndAutoClose(psa: PSAKind) async throws {
        try await TicketJob.run(psa: psa) { job in
            let fleet = job.fleet
            let customer = try #require(fleet.customers.first)
            // A product on the customer's agreement/contract mapped for billing: tickets reference it (T1).
            let billed = try await fleet.billedProduct(for: customer)
            try await fleet.apply(
                fleet.settingsYAML(
                    autoClose: true, newTicketAfterDays: 1,
                    extraAlertTypes: """
                        productMappings:
                          - offeringItem: {application: backup, usageName: workstations}
                            psaProduct: "\(billed.name)"
                        """))
            try await fleet.map(customer)
            let reference = fleet.externalReference("BackupFailed", on: customer, resource: "SRV-01")
            let key = fleet.linkKey("BackupFailed", on: customer, resource: "SRV-01")

            // T1: a new alert of an enabled type on a mapped tenant creates one ticket, filed as set.
            try await fleet.raise("BackupFailed", on: customer, resource: "SRV-01")
            var report = try await job.pollAndSettle()
            #expect(report.published == 1)
            var tickets = await fleet.tickets(reference)
            #expect(tickets.count == 1, "one ticket carries the alert key (T4)")
            let first = try #require(tickets.first)
            let firstID = try #require(first["id"]?.intValue)
            switch psa {
            case .connectWise:
                #expect(first["board"]?["id"].intValue == 1)
                #expect(first["company"]?["id"].intValue == Int(customer.companyId))
                #expect(first["status"]?["id"].intValue == 101)
                #expect(first["priority"]?["id"].intValue == 2)
                #expect(first["type"]?["id"].intValue == 110)
                #expect(first["subType"]?["id"].intValue == 120)
                #expect(first["item"]?["id"].intValue == 130)
                #expect(first["summary"]?.stringValue == "SRV-01: Backup failed")
                #expect(billed.holders.contains(first["agreement"]?["id"].intValue ?? -1), "the agreement with the billed product")
            case .autotask:
                #expect(first["queueID"]?.intValue == 29_682_833)
                #expect(first["companyID"]?.intValue == Int(customer.companyId))
                #expect(first["status"]?.intValue == 1)
                #expect(first["priority"]?.intValue == 1)
                #expect(first["issueType"]?.intValue == 10)
                #expect(first["source"]?.intValue == 8)
                #expect(first["title"]?.stringValue == "SRV-01: Backup failed")
                #expect(first["dueDateTime"]?.stringValue != nil)
                #expect(first["description"]?.stringValue?.contains("Severity: error") == true)
                #expect(billed.holders.contains(first["contractID"]?.intValue ?? -1), "the contract with the billed product")
                #expect(first["description"]?.stringValue?.contains("Contract: ") == true)
            }
            var link = try #require(try await fleet.store.ticketLink(alertKey: key))
            #expect(link.ticketId == String(firstID) && link.state == .open)
            let notesAtCreate = await fleet.notes(ticket: firstID).count

            // T2: the same alert again while the ticket is open adds a note, not a ticket.
            try await fleet.raise("BackupFailed", on: customer, resource: "SRV-01")
            try await job.pollAndSettle()
            #expect(await fleet.tickets(reference).count == 1)
            #expect(await fleet.notes(ticket: firstID).count == notesAtCreate + 1)
            link = try #require(try await fleet.store.ticketLink(alertKey: key))
            #expect(link.noteCount == 1 && link.occurrenceCount == 2)

            // T2: a technician closes it; the alert again less than N (1) days later re-opens it with a note.
            _ = try await fleet.sandbox.closeTicket(fleet.sandboxPSA, id: firstID, at: Date().addingTimeInterval(-3600))
            try await fleet.raise("BackupFailed", on: customer, resource: "SRV-01")
            try await job.pollAndSettle()
            tickets = await fleet.tickets(reference)
            #expect(tickets.count == 1, "re-opened, not a new ticket")
            let reopened = try #require(tickets.first)
            #expect(TicketFleet.status(of: reopened, psa: psa) == (psa == .connectWise ? 104 : 12), "the Re-opened status")
            #expect(await fleet.notes(ticket: firstID).count == notesAtCreate + 2)
            link = try #require(try await fleet.store.ticketLink(alertKey: key))
            #expect(link.state == .open && link.reopenCount == 1)

            // T2: closed at least N days ago: the alert again gets a new ticket; the old one stays closed.
            _ = try await fleet.sandbox.closeTicket(fleet.sandboxPSA, id: firstID, at: Date().addingTimeInterval(-2 * 86_400))
            let lastID = try await fleet.raise("BackupFailed", on: customer, resource: "SRV-01")
            try await job.pollAndSettle()
            tickets = await fleet.tickets(reference)
            #expect(tickets.count == 2, "a new ticket after N days")
            let second = try #require(tickets.first { $0["id"]?.intValue != firstID })
            let secondID = try #require(second["id"]?.intValue)
            link = try #require(try await fleet.store.ticketLink(alertKey: key))
            #expect(link.ticketId == String(secondID) && link.state == .open)
            #expect(try await fleet.store.ticketLinkHistory(alertKey: key).map(\.ticketId) == [String(firstID)])
            let old = try #require(tickets.first { $0["id"]?.intValue == firstID })
            #expect(TicketFleet.status(of: old, psa: psa) == (psa == .connectWise ? 105 : 5), "the old ticket stays closed")

            // T3: the alert is dismissed: with auto-close on, the ticket gets the configured status and a note.
            let notesBefore = await fleet.notes(ticket: secondID).count
            _ = try await fleet.sandbox.resolveAlert(id: lastID)
            report = try await job.pollAndSettle()
            #expect(report.published == 1)
            let closed = try #require(await fleet.tickets(reference).first { $0["id"]?.intValue == secondID })
            #expect(TicketFleet.status(of: closed, psa: psa) == (psa == .connectWise ? 105 : 5), "the auto-close status")
            #expect(await fleet.notes(ticket: secondID).count == notesBefore + 1)
            link = try #require(try await fleet.store.ticketLink(alertKey: key))
            #expect(link.state == .closed)

            // T4: nothing new in the cloud → nothing published, nothing written.
            report = try await job.pollAndSettle()
            #expect(report.published == 0)
            #expect(await fleet.tickets(reference).count == 2)
            let audit = try await fleet.store.auditEntries(targetSystem: psa.rawValue, limit: 100)
            #expect(audit.filter { $0.entry.action == "ticket.create" }.count == 2)
            #expect(audit.allSatisfy { $0.effectKey != nil }, "every PSA write has its effect row")
        }
    }

    @Test(
        "T2, T3: with new-ticket-after-N-days off a ticket closed long ago is re-opened; with auto-close off a dismissed alert only adds a note",
        arguments: [PSAKind.connectWise, .autotask])
    func reopenAlwaysAndNoteOnlyResolve(psa: PSAKind) async throws {
        try await TicketJob.run(psa: psa) { job in
            let fleet = job.fleet
            try await fleet.apply(fleet.settingsYAML(autoClose: false, newTicketAfterDays: nil))
            let customer = try #require(fleet.customers.first)
            try await fleet.map(customer)
            let reference = fleet.externalReference("NoBackupForXDays", on: customer, resource: "NAS")

            try await fleet.raise("NoBackupForXDays", on: customer, resource: "NAS")
            try await job.pollAndSettle()
            let ticketID = try #require(await fleet.tickets(reference).first?["id"]?.intValue)

            // Closed 30 days ago, setting off: re-opened, still one ticket (T2).
            _ = try await fleet.sandbox.closeTicket(fleet.sandboxPSA, id: ticketID, at: Date().addingTimeInterval(-30 * 86_400))
            let again = try await fleet.raise("NoBackupForXDays", on: customer, resource: "NAS")
            try await job.pollAndSettle()
            var tickets = await fleet.tickets(reference)
            #expect(tickets.count == 1)
            #expect(TicketFleet.status(of: tickets[0], psa: psa) == (psa == .connectWise ? 104 : 12))

            // Auto-close off: a note only, the ticket stays open (T3).
            let notes = await fleet.notes(ticket: ticketID).count
            _ = try await fleet.sandbox.resolveAlert(id: again)
            try await job.pollAndSettle()
            tickets = await fleet.tickets(reference)
            #expect(tickets.count == 1)
            #expect(TicketFleet.status(of: tickets[0], psa: psa) == (psa == .connectWise ? 104 : 12), "status unchanged")
            let added = await fleet.notes(ticket: ticketID)
            #expect(added.count == notes + 1)
            let text = added.last.flatMap { $0["text"]?.stringValue ?? $0["description"]?.stringValue } ?? ""
            #expect(text.contains("Auto-close is off"))
            let link = try #require(try await fleet.store.ticketLink(alertKey: fleet.linkKey("NoBackupForXDays", on: customer, resource: "NAS")))
            #expect(link.state == .open)
        }
    }

    @Test(
        "T5: alerts of an unmapped tenant, a disabled type, a type the cloud lists but the settings do not enable, or a type the cloud does not list create nothing and are counted by reason",
        arguments: [PSAKind.connectWise, .autotask])
    func unmappedAndDisabledAreSkippedAndCounted(psa: PSAKind) async throws {
        try await TicketJob.run(psa: psa) { job in
            let fleet = job.fleet
            try await fleet.apply(fleet.settingsYAML())
            #expect(fleet.customers.count >= 2)
            let mapped = fleet.customers[0]
            let unmapped = fleet.customers[1]
            try await fleet.map(mapped)

            try await fleet.raise("BackupFailed", on: unmapped, resource: "SRV-09")
            try await fleet.raise("BackupFailed", on: unmapped, resource: "SRV-10")
            try await fleet.raise("MachineOffline30", on: mapped, resource: "PC-1")
            try await fleet.raise("AgentAutoUpdateFailed", on: mapped, resource: "PC-2")
            // A type the cloud's registry does not list (raised with its own category).
            _ = try await fleet.sandbox.state.raiseAlert([
                "type": "VendorCustomCheck", "category": "Custom", "tenant": .string(mapped.tenantId),
                "details": ["resourceName": "PC-3", "resourceId": "res-pc-3"],
            ])
            let report = try await job.pollAndSettle()
            #expect(report.published == 0)
            #expect(await fleet.tickets(fleet.externalReference("BackupFailed", on: unmapped, resource: "SRV-09")).isEmpty)
            #expect(await fleet.tickets(fleet.externalReference("MachineOffline30", on: mapped, resource: "PC-1")).isEmpty)
            let totals = try await fleet.store.skipTotals()
            #expect(totals[SkipReason(rawValue: "unmapped-tenant")] == 2)
            #expect(totals[SkipReason(rawValue: "disabled-alert-type")] == 1)
            #expect(totals[SkipReason(rawValue: "alert-type-not-enabled")] == 1)
            #expect(totals[SkipReason(rawValue: "unknown-alert-type")] == 1)
            let counters = try await fleet.store.skipCounters()
            #expect(counters.contains { $0.reason.rawValue == "unmapped-tenant" && $0.alertType == "BackupFailed" && $0.count == 2 })
            #expect(counters.contains { $0.reason.rawValue == "alert-type-not-enabled" && $0.alertType == "AgentAutoUpdateFailed" })
            #expect(counters.contains { $0.reason.rawValue == "unknown-alert-type" && $0.alertType == "VendorCustomCheck" })

            // bridgectl status shows them (S1).
            let status = try await StatusReport.gather(store: fleet.store, admin: nil, brokerError: nil)
            #expect(status.alertsSkipped["unmapped-tenant"] == 2)
            #expect(status.alertCursorAge != nil)
            #expect(status.ticketsCreatedLast24h == 0)
        }
    }

    @Test("T4: two alert-consumers polling the same alerts at once publish harmlessly: one ticket per alert key")
    func twoPollersOneTicketEach() async throws {
        try await TicketJob.run(psa: .connectWise) { job in
            let fleet = job.fleet
            try await fleet.apply(fleet.settingsYAML())
            let customer = try #require(fleet.customers.first)
            try await fleet.map(customer)
            let resources = (1...20).map { "VM-\($0)" }
            for resource in resources { try await fleet.raise("BackupFailed", on: customer, resource: resource) }
            let other = fleet.poller(bus: job.harness.bus, logger: job.harness.logger)
            async let one = job.poller.poll()
            async let two = other.poll()
            let reports = try await [one, two]
            #expect(reports.filter(\.movedCursor).count >= 1)
            try await job.settle(reports.flatMap(\.publishedKeys))
            for resource in resources {
                let count = await fleet.tickets(fleet.externalReference("BackupFailed", on: customer, resource: resource)).count
                #expect(count == 1, "\(resource): \(count) tickets")
            }
            let status = try await StatusReport.gather(store: fleet.store, admin: nil, brokerError: nil)
            #expect(status.ticketsCreatedLast24h == 20 && status.ticketsOpen == 20)
        }
    }
}
