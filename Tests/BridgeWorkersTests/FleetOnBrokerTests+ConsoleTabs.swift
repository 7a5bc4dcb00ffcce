import BridgeConsole
import BridgeCore
import BridgeRules
import BridgeState
import BridgeValues
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SandboxKit
import Testing

@testable import BridgeWorkers

/// The console's other tabs on the provisioning job: settings edited and validated like
/// `bridgectl settings apply`, dead letters replayed, the audit CSV, the preview, the connection.
extension FleetOnBrokerTests {
    @Test(
        "S1, S3, S5, T2, P5 on ConnectWise, console tabs: a ticket setting saved is what bridgectl settings show prints, a bad one is refused with its path and nothing stored; a dead letter replays once; the audit CSV holds the month's changes; the preview and the connection test read the APIs"
    )
    func consoleTabs() async throws {
        let job = try await ProvisioningFleet.start(psa: .connectWise, companies: 4, tenants: 2)
        do {
            try await job.apply(job.settingsYAML())
            let customer = job.fleet.customers[0]
            try await job.fleet.map(customer)
            let console = try await Self.console(job)
            let app = Application(router: console.router())
            let store = job.harness.store
            try await app.test(.router) { client in
                let session = try await Self.logIn(client)
                let operatorPages = SignedIn(client: client, session: session)
                func get(_ uri: String) async throws -> (HTTPResponse.Status, String) { try await operatorPages.get(uri) }
                func post(_ uri: String, _ fields: [String: String]) async throws -> (HTTPResponse.Status, String) {
                    try await operatorPages.post(uri, fields)
                }
                let (_, tickets) = try await get("/settings/tickets")
                let csrf = try #require(Self.hiddenField(tickets, "csrf"))
                #expect(tickets.contains("aria-current=\"page\">Ticket creation<"))

                // A bad value is refused whole, with its path beside the section.
                let before = try #require(try await store.currentSettings()).version
                let (refused, refusal) = try await post(
                    "/settings/tickets",
                    ["csrf": csrf, "section": "tickets", "text": "newTicketAfterDays: {enabled: true, days: three}\nalertTypes: []"])
                #expect(refused == .unprocessableContent)
                #expect(refusal.contains("/tickets/newTicketAfterDays/days"), "\(refusal)")
                #expect(try await store.currentSettings()?.version == before, "nothing stored")

                // A good one becomes a new version that bridgectl prints.
                let (saved, page) = try await post(
                    "/settings/tickets",
                    ["csrf": csrf, "section": "tickets", "text": "newTicketAfterDays: {enabled: true, days: 3}\nalertTypes: []"])
                #expect(saved == .ok && page.contains("settings version \(before + 1)"), "\(page)")
                let (status, shown) = try await Self.bridgectl(job, ["settings", "show", "--json"])
                #expect(status == 0)
                let json = try JSONValue(parsing: Data(shown.utf8))
                #expect(json["tickets"]?["newTicketAfterDays"]?["days"]?.intValue == 3, "\(shown)")
                #expect(try await store.currentSettings()?.appliedBy == "console:alice")

                // Integration settings: secret references shown as set, never their values.
                let (connectionStatus, connection) = try await get("/settings/connection")
                #expect(connectionStatus == .ok)
                #expect(connection.contains("environment variable TEST_CW_PRIVATE") && connection.contains(">set<"), "\(connection)")
                #expect(!connection.contains("sandboxPrivateKey"), "a secret's value is never shown")
                let (_, tested) = try await post("/connection-test", ["csrf": csrf])
                #expect(tested.contains("Acronis Cyber Cloud: OK") && tested.contains("ConnectWise Manage: OK"), "\(tested)")

                // Dead letters: a provision.company left by an earlier release replays once.
                let message = Message.provisionCompany(
                    Envelope(payload: ProvisionCompany(psa: .connectWise, companyId: customer.companyId, action: .sync)))
                var letter = OutboundMessage(message)
                letter.exchange = FleetTopology.deadExchange
                letter.routingKey = WorkQueue.provisionerWork.name
                letter.headers[BridgeHeaders.deadReason] = .string("permanent")
                letter.headers[BridgeHeaders.deadDetail] = .string("provisioning is not implemented yet in this release")
                letter.headers[BridgeHeaders.sourceQueue] = .string(WorkQueue.provisionerWork.name)
                letter.headers[BridgeHeaders.originalExchange] = .string(FleetTopology.workExchange)
                letter.headers[BridgeHeaders.originalRoutingKey] = .string("provision.company")
                try await job.harness.bus.publish([letter])
                let dead = WorkQueue.provisionerWork.deadLetterQueue
                try await job.harness.eventually("the dead letter queued") { try await job.harness.depth(dead) == 1 }
                let id = message.messageId.uuidString.lowercased()
                let (_, letters) = try await get("/dead-letters")
                #expect(letters.contains("id=\"dead-\(id)\"") && letters.contains("not implemented yet"))
                let (_, confirm) = try await get("/dead-letters?confirm-purge=\(id)")
                #expect(confirm.contains("Purge for good"), "a purge asks first")
                let (badPurge, _) = try await post("/dead-letters/purge", ["csrf": csrf, "id": id, "queue": dead])
                #expect(badPurge == .badRequest, "a purge without its confirmation is refused")
                let (_, replayed) = try await post("/dead-letters/replay", ["csrf": csrf, "id": id, "queue": dead])
                #expect(replayed.contains("Dead letter \(id) replayed to its work queue."), "\(replayed)")
                try await job.harness.eventually("the replayed message handled") {
                    try await store.inboxEntry(worker: WorkerKind.provisioner.rawValue, idempotencyKey: message.idempotencyKey)?.status == .done
                }
                #expect(try await job.harness.depth(dead) == 0)

                // The preview reads the company afresh and writes nothing.
                let audited = try await store.auditEntries(limit: 1_000).count
                let (_, preview) = try await get("/preview?company=\(customer.companyId)")
                #expect(preview.contains("id=\"provisioning-plan\"") && preview.contains("id=\"billing-preview\""), "\(preview)")
                #expect(try await store.auditEntries(limit: 1_000).count == audited)

                // The audit tab and its CSV: the settings change and the replay, by the operator.
                let month = CalendarMonth(containing: CalendarDay(containing: Date())).description
                let (_, audit) = try await get("/audit?month=\(month)&company=settings")
                #expect(audit.contains("settings.apply") && audit.contains("console:alice"))
                try await client.execute(uri: "/audit.csv?month=\(month)", method: .get, headers: Self.headers(cookies: session)) { response in
                    #expect(response.headers[.contentType] == "text/csv; charset=utf-8")
                    #expect(response.headers[.contentDisposition]?.contains("psa-bridge-audit-\(month).csv") == true)
                    let csv = String(buffer: response.body)
                    let expected = try await AuditExport(store: store).csv(month: try CalendarMonth(parsing: month))
                    #expect(csv == expected, "the same export as bridgectl audit export --csv")
                    #expect(csv.contains("dead-letter.replay") && csv.contains("settings.apply"))
                }
            }
        } catch {
            await job.stop()
            throw error
        }
        await job.stop()
    }
}
