import BridgeValues
import Foundation

@testable import BridgeCore

/// Realistic messages of every type, as the workers produce them.
enum Fixtures {
    static let tenantId = "7d0c5a2e-4b1f-4c3a-9e8d-2f1a0b9c8d7e"
    static let companyId = "250"
    static let slot = TickSlot(containing: Date(timeIntervalSince1970: 1_795_313_800), intervalSeconds: 900)

    static let syncTick = Envelope(
        payload: SyncTick(slot: slot, source: .schedule, emitter: "scheduler@host-a"),
        occurredAt: Date(timeIntervalSince1970: 1_795_313_700.123))

    static let provisionSync = Envelope(
        payload: ProvisionCompany(psa: .connectWise, companyId: companyId, action: .sync, tickSlot: slot.start))

    static let provisionMap = Envelope(
        payload: ProvisionCompany(
            psa: .autotask, companyId: "29683611", action: .mapExistingTenant, tenantId: tenantId,
            requestedBy: "bridgectl:ops"))

    static let usage = Envelope(
        payload: UsageTenant(
            psa: .autotask, tenantId: tenantId, companyId: companyId, tickSlot: slot.start,
            periodStart: CalendarDate("2026-10-01")!, periodEnd: CalendarDate("2026-10-31")!))

    static let alert = CloudAlert(
        id: "E5FA7823-1C2D-4E5F-8A9B-0C1D2E3F4A5B", type: "BackupFailed", category: "Backup", severity: .error,
        resourceId: "0f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a", resourceName: "SRV01",
        message: "Backup of SRV01 failed: no space left on the target",
        details: ["planName": "Daily", "errorMessage": ["reason": "No space left"]],
        createdAt: Date(timeIntervalSince1970: 1_795_300_000), updatedAt: Date(timeIntervalSince1970: 1_795_310_000.5),
        resolved: false)

    static let ticketOpen = Envelope(
        payload: TicketCommand(psa: .connectWise, action: .open, alert: alert, tenantId: tenantId, companyId: companyId))

    static var allMessages: [Message] {
        [
            .syncTick(syncTick), .provisionCompany(provisionSync), .provisionCompany(provisionMap), .usageTenant(usage),
            .ticketCommand(ticketOpen),
        ]
    }

    static func encoded(_ message: Message) throws -> JSONValue {
        try JSONValue(parsing: MessageEncoder().encode(message))
    }
}
