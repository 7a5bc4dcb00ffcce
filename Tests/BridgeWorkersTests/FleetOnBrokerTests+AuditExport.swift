import APIClients
import BridgeCore
import BridgeRules
import BridgeState
import BridgeTestSupport
import BridgeValues
import Foundation
import SandboxKit
import Testing

@testable import BridgeWorkers

/// `bridgectl audit export` through the broker and the sandbox: the month's external writes from
/// the append-only audit log, all of them, oldest first.
extension FleetOnBrokerTests {
    @Test("audit export on ConnectWise: the month's writes as CSV survive names with commas, quotes, newlines and non-ASCII text")
    func auditExportOnConnectWise() async throws {
        let billing = try await BillingFleet.start(psa: .connectWise)
        do {
            try await billing.apply(billing.settingsYAML())
            let fleet = billing.fleet
            let store = billing.harness.store
            var chosen: TicketFleet.Customer?
            for customer in fleet.customers where await Self.additionsByProduct(fleet, company: customer.companyId)["ACR-WORKSTATIONS"] != nil {
                chosen = customer
                break
            }
            let customer = try #require(chosen, "a generated customer with a workstations addition")
            try await fleet.map(customer)
            try await Self.setAdditions(fleet, company: customer.companyId, quantity: 1, payg: ["ACR-WORKSTATIONS"])
            try await billing.setUsage(customer.tenantId, ["pw_base_workstations": 3])
            // Real writes: the usage-reporter sets PAYG addition quantities and audits each.
            #expect(try await billing.tick().published == 1)
            let written = try await billing.auditActions(system: "connectwise").filter { $0.entry.action == "addition.quantity" }
            #expect(!written.isEmpty)

            // Writes whose recorded text is hostile: a company renamed with commas, quotes, a
            // newline, CR, non-ASCII, CJK and emoji, and spaces at both ends.
            let hostile = " \(Self.hostileName)\r\n\"quoted\", tab\there "
            let appended = [
                AuditEntry(
                    worker: "provisioner", action: "tenant.rename", targetSystem: "acronis", targetId: customer.tenantId,
                    before: JSONValue.object(["name": .string(customer.name)]).serialized(),
                    after: JSONValue.object(["name": .string(hostile)]).serialized(),
                    reason: "P5 company \(customer.companyId) renamed to \(hostile)", messageId: "m-1, \"x\""),
                AuditEntry(
                    worker: "ticket-updater", action: "ticket.create", targetSystem: "connectwise", targetId: "7,8",
                    after: JSONValue.object(["summary": .string("Backup failed on SRV-01 — Überprüfung 失败 ✅")]).serialized(),
                    reason: "T1 new alert, \"backup failed\"\nsecond line"),
                AuditEntry(worker: "bridgectl", action: "mapping.remove", targetSystem: "acronis", targetId: " spaced ", reason: ""),
            ]
            for entry in appended { _ = try await store.appendAudit(entry) }

            let everything = try await store.auditEntries(limit: 100_000).reversed()
            let month = CalendarMonth(containing: CalendarDay(containing: try #require(everything.first?.at)))
            let inMonth = everything.filter { $0.at >= month.start && $0.at < month.end }
                .sorted { ($0.at, $0.id) < ($1.at, $1.id) }
            #expect(inMonth.count == everything.count, "the test's writes are all of this month")

            // A small page size: the export pages through the store and loses nothing.
            let export = AuditExport(store: store, pageSize: 2)
            let text = try await export.csv(month: month)
            #expect(text.hasSuffix("\r\n"))
            let records = try StrictCSVReader.read(text)
            #expect(records.first == AuditExport.columns)
            let rows = Array(records.dropFirst())
            #expect(rows.count == inMonth.count, "every write of the month, no silent limit")
            #expect(rows == inMonth.map { AuditExport.Row($0).fields }, "oldest first, field for field")
            for entry in written {
                let row = try #require(rows.first { $0[3] == entry.entry.targetId && $0[4] == "addition.quantity" })
                #expect(row[1] == entry.entry.worker && row[2] == "connectwise" && row[8] == entry.entry.messageId)
                #expect(try JSONValue(parsing: row[6])["quantity"] != nil, "after is the JSON written")
                #expect(row[7].hasPrefix("B1:") && !row[9].isEmpty, "reason and effect key")
            }
            let renamed = try #require(rows.first { $0[4] == "tenant.rename" })
            #expect(try JSONValue(parsing: renamed[6])["name"]?.stringValue == hostile)
            #expect(renamed[7] == "P5 company \(customer.companyId) renamed to \(hostile)")
            #expect(renamed[8] == "m-1, \"x\"")
            #expect(rows.first { $0[4] == "ticket.create" }?[3] == "7,8")
            #expect(rows.first { $0[4] == "mapping.remove" }.map { [$0[3], $0[5], $0[6], $0[7], $0[8]] } == [" spaced ", "", "", "", ""])

            // The table keeps one write per line whatever the text holds.
            let table = try await export.rows(month: month).map(AuditExport.tableLine)
            #expect(table.count == inMonth.count)
            #expect(table.allSatisfy { !$0.unicodeScalars.contains { $0 == "\n" || $0 == "\r" } })
            #expect(table.contains { $0.contains("Müller & Søn, \"Ltd\"\\n株式会社 🚀") })

            // Another month holds none of them: the header only.
            let previous = CalendarMonth(containing: month.first.adding(days: -1))
            #expect(try await export.csv(month: previous) == CSVWriter(header: AuditExport.columns).headerRecord)
        } catch {
            await billing.stop()
            throw error
        }
        await billing.stop()
    }
}
