import BridgeCore
import BridgeState
import BridgeValues
import Foundation
import Logging
import SandboxKit
import Testing

@testable import BridgeWorkers

/// The ticket-updater's handler called directly (no broker) against the sandbox PSAs: failure
/// verdicts and the writes whose outcome was lost.
@Suite("Ticket command handler")
struct TicketCommandHandlerTests {
    static func context(attempt: Int = 1) -> HandlerContext {
        var logger = Logger(label: "test")
        logger.logLevel = .error
        return HandlerContext(worker: .ticketUpdater, instance: "test", queue: .ticketUpdaterWork, attempt: attempt, logger: logger)
    }

    /// A command for an alert on `customer`'s resource, raised at `updatedAt` (resolved when `resolved`).
    static func command(
        _ fleet: TicketFleet, _ customer: TicketFleet.Customer, alertID: String, resource: String, updatedAt: Date,
        resolved: Bool = false
    ) -> Message {
        let alert = CloudAlert(
            id: alertID, type: "BackupFailed", category: "Backup", severity: .error, resourceId: "res-\(resource.lowercased())",
            resourceName: resource, message: "The backup storage is not reachable", createdAt: updatedAt.addingTimeInterval(-60),
            updatedAt: updatedAt, resolved: resolved)
        return .ticketCommand(
            Envelope(
                payload: TicketCommand(
                    psa: fleet.psa, action: resolved ? .resolve : .open, alert: alert, tenantId: customer.tenantId,
                    companyId: customer.companyId)))
    }

    @Test(
        "T4: a ticket create answered 503 after the PSA created it is found by its external reference on the retry, not created twice",
        arguments: [PSAKind.connectWise, .autotask])
    func lostCreateIsFound(psa: PSAKind) async throws {
        try await TicketSettingsResolutionTests.withFleet(psa) { fleet in
            try await fleet.apply(fleet.settingsYAML())
            let customer = try #require(fleet.customers.first)
            try await fleet.map(customer)
            let handler = fleet.handler()
            let message = Self.command(fleet, customer, alertID: "lost-1", resource: "SRV-7", updatedAt: Date())
            await fleet.sandbox.scriptFault(
                ScriptedFault(status: 503, method: "POST", pathContains: "tickets", afterHandling: true),
                for: fleet.sandboxPSA)
            let failure = await #expect(throws: HandlerFailure.self) { try await handler.handle(message, context: Self.context()) }
            guard case .transient? = failure else {
                Issue.record("a lost create is transient, got \(String(describing: failure))")
                return
            }
            let reference = fleet.externalReference("BackupFailed", on: customer, resource: "SRV-7")
            #expect(await fleet.tickets(reference).count == 1, "the PSA did create it")
            #expect(try await fleet.store.ticketLink(alertKey: fleet.linkKey("BackupFailed", on: customer, resource: "SRV-7")) == nil)

            try await handler.handle(message, context: Self.context(attempt: 2))
            #expect(await fleet.tickets(reference).count == 1, "found, not created again")
            let link = try #require(try await fleet.store.ticketLink(alertKey: fleet.linkKey("BackupFailed", on: customer, resource: "SRV-7")))
            #expect(link.ticketId == String(await fleet.tickets(reference)[0]["id"]?.intValue ?? -1))
            let audit = try await fleet.store.auditEntries(targetSystem: psa.rawValue)
            #expect(audit.count == 1)
            #expect(String(decoding: audit[0].entry.after ?? Data(), as: UTF8.self).contains("\"foundAfterLostOutcome\":true"))
        }
    }

    @Test("T4: a PSA rate limit is transient with its Retry-After; a 4xx is permanent with the API's message")
    func failureVerdicts() async throws {
        try await TicketSettingsResolutionTests.withFleet(.connectWise) { fleet in
            try await fleet.apply(fleet.settingsYAML())
            let customer = try #require(fleet.customers.first)
            try await fleet.map(customer)
            let handler = fleet.handler()
            // Resolve the settings first, so the scripted faults hit the ticket create.
            try await handler.handle(Self.command(fleet, customer, alertID: "warm", resource: "WARM", updatedAt: Date()), context: Self.context())

            await fleet.sandbox.scriptFault(
                ScriptedFault(status: 429, method: "POST", pathContains: "tickets", retryAfterSeconds: 40), for: .connectWise)
            let limited = await #expect(throws: HandlerFailure.self) {
                try await handler.handle(Self.command(fleet, customer, alertID: "a1", resource: "R1", updatedAt: Date()), context: Self.context())
            }
            guard case .transient(_, let retryAfter)? = limited else {
                Issue.record("429 is transient, got \(String(describing: limited))")
                return
            }
            #expect(retryAfter == .seconds(40), "the wait the PSA asked for does not fit the call's retry budget: the queue retries later")

            await fleet.sandbox.scriptFault(ScriptedFault(status: 400, method: "POST", pathContains: "tickets"), for: .connectWise)
            let refused = await #expect(throws: HandlerFailure.self) {
                try await handler.handle(Self.command(fleet, customer, alertID: "a2", resource: "R2", updatedAt: Date()), context: Self.context())
            }
            guard case .permanent(let reason)? = refused else {
                Issue.record("400 is permanent, got \(String(describing: refused))")
                return
            }
            #expect(reason.contains("HTTP 400") && reason.contains("POST"))
            #expect(!reason.contains("sandboxPrivateKey"))
        }
    }

    @Test("T3, T4: a resolve that overtakes its alert's open leaves no ticket; a later alert of the key still gets one")
    func resolveBeforeOpen() async throws {
        try await TicketSettingsResolutionTests.withFleet(.autotask) { fleet in
            try await fleet.apply(fleet.settingsYAML())
            let customer = try #require(fleet.customers.first)
            try await fleet.map(customer)
            let handler = fleet.handler()
            let raised = Date().addingTimeInterval(-120)
            let open = Self.command(fleet, customer, alertID: "x1", resource: "NAS", updatedAt: raised)
            let resolve = Self.command(fleet, customer, alertID: "x1", resource: "NAS", updatedAt: raised.addingTimeInterval(60), resolved: true)
            try await handler.handle(resolve, context: Self.context())
            try await handler.handle(open, context: Self.context())
            let reference = fleet.externalReference("BackupFailed", on: customer, resource: "NAS")
            #expect(await fleet.tickets(reference).isEmpty)

            try await handler.handle(Self.command(fleet, customer, alertID: "x2", resource: "NAS", updatedAt: Date()), context: Self.context())
            #expect(await fleet.tickets(reference).count == 1)
        }
    }

    @Test("T5: a command that arrives after ticket creation was switched off writes nothing and is counted")
    func featureOffAtTheUpdater() async throws {
        try await TicketSettingsResolutionTests.withFleet(.connectWise) { fleet in
            try await fleet.apply(fleet.settingsYAML(tickets: false))
            let customer = try #require(fleet.customers.first)
            try await fleet.map(customer)
            try await fleet.handler().handle(
                Self.command(fleet, customer, alertID: "off", resource: "OFF", updatedAt: Date()), context: Self.context())
            #expect(await fleet.tickets(fleet.externalReference("BackupFailed", on: customer, resource: "OFF")).isEmpty)
            #expect(try await fleet.store.skipTotals()[SkipReason(rawValue: "tickets-feature-off")] == 1)
        }
    }
}
