import APIClients
import BridgeCore
import BridgeRules
import BridgeValues
import Foundation
import Testing

@testable import BridgeWorkers

/// Alert Manager alerts as ticket commands and the alert cursor (no broker, no sandbox).
@Suite("Alert changes and the alert cursor")
struct AlertChangeTests {
    static func alert(_ json: String) throws -> AcronisAlert {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let date = Timestamp.parse(text) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: text))
            }
            return date
        }
        return try decoder.decode(AcronisAlert.self, from: Data(json.utf8))
    }

    static let backupFailed = """
        {"id": "888E783D-A955-4952-9496-CE707ECBBC8A", "type": "BackupFailed", "category": "Backup", "severity": "error",
         "tenant": {"id": 1300004, "uuid": "082A8155-5912-44C0-A9C3-F6077474D52A", "locator": "/x/"},
         "createdAt": "2026-10-19T08:00:52.000Z", "updatedAt": "2026-10-19T08:00:52.250Z", "deletedAt": null,
         "details": {"resourceId": "3F6AF5FC-CCED-47F0-B0E3-AD724844E72B", "resourceName": "VM-89", "planName": "Daily",
                     "errorMessage": {"reason": "The backup storage is not reachable"}, "attempts": 3}}
        """

    @Test("T1: a new alert is an open command keyed by tenant, type and resource, with its details and time")
    func openChange() throws {
        let change = try AlertChange(try Self.alert(Self.backupFailed))
        #expect(change.trigger == .open && change.action == .open)
        #expect(change.tenantId == "082a8155-5912-44c0-a9c3-f6077474d52a")
        #expect(change.alert.resourceId == "3F6AF5FC-CCED-47F0-B0E3-AD724844E72B")
        #expect(change.key.stableString == "acr:082a8155-5912-44c0-a9c3-f6077474d52a:BackupFailed:3f6af5fc-cced-47f0-b0e3-ad724844e72b")
        #expect(change.alert.resourceName == "VM-89")
        #expect(change.alert.message == "The backup storage is not reachable")
        #expect(change.alert.severity == .error && !change.alert.resolved)
        #expect(change.alert.details?["attempts"] == .integer(3))
        #expect(change.alert.occurrence == "888E783D-A955-4952-9496-CE707ECBBC8A@2026-10-19T08:00:52.250Z")
        let facts = AlertFacts(change.alert, tenantId: change.tenantId, tenantName: "Acme")
        #expect(TicketText.summary(for: facts, limits: .connectWise) == "VM-89: Backup failed")
        #expect(facts.planName == "Daily")
    }

    @Test("T3: a dismissed alert, or one whose severity became ok, is a resolve command")
    func resolveChange() throws {
        let dismissed = Self.backupFailed.replacingOccurrences(of: "\"deletedAt\": null", with: "\"deletedAt\": \"2026-10-20T08:00:00Z\"")
        #expect(try AlertChange(try Self.alert(dismissed)).trigger == .resolve)
        let ok = Self.backupFailed.replacingOccurrences(of: "\"severity\": \"error\"", with: "\"severity\": \"ok\"")
        let change = try AlertChange(try Self.alert(ok))
        #expect(change.trigger == .resolve && change.alert.resolved && change.alert.severity == .information)
    }

    @Test("S5: an alert without a tenant UUID or updatedAt is refused with the reason; without a resource it is keyed by the tenant")
    func refusedChanges() throws {
        let noTenant = Self.backupFailed.replacingOccurrences(of: "\"uuid\": \"082A8155-5912-44C0-A9C3-F6077474D52A\", ", with: "")
        #expect(throws: AlertChangeError(alertID: "888E783D-A955-4952-9496-CE707ECBBC8A", reason: "no tenant UUID")) {
            try AlertChange(try Self.alert(noTenant))
        }
        let noUpdate = Self.backupFailed.replacingOccurrences(of: "\"updatedAt\": \"2026-10-19T08:00:52.250Z\", ", with: "")
        #expect(throws: AlertChangeError.self) { try AlertChange(try Self.alert(noUpdate)) }
        let generic = """
            {"id": "a1", "type": "M365ApplicationConsentRequired", "severity": "warning",
             "tenant": {"uuid": "082a8155-5912-44c0-a9c3-f6077474d52a"}, "updatedAt": "2026-10-19T08:00:52Z"}
            """
        let change = try AlertChange(try Self.alert(generic))
        #expect(change.alert.resourceId == "tenant")
        #expect(AlertFacts.words(change.alert.type) == "M365 application consent required")
        #expect(AlertFacts.words("NoBackupForXDays") == "No backup for X days")
        #expect(AlertFacts.words("DrStorageHardQuotaExceeds") == "Dr storage hard quota exceeds")
    }

    @Test("T4: the cursor resumes at the newest change, re-reads its instant and leaves out the ids already handled there")
    func cursorPosition() throws {
        let first = try Self.alert(Self.backupFailed)
        var second = first
        second.id = "second"
        var older = first
        older.id = "older"
        older.updatedAt = first.updatedAt!.addingTimeInterval(-5)
        let position = try #require(AlertCursorPosition.after([older, first, second], from: nil))
        #expect(position.updatedAtNanoseconds == first.updatedAtNanoseconds)
        #expect(position.boundaryIDs == ["888e783d-a955-4952-9496-ce707ecbbc8a", "second"])
        #expect(position.queryCursor.nanoseconds == first.updatedAtNanoseconds! - 1, "at or after the instant")
        #expect(position.alreadyHandled(second) && !position.alreadyHandled(older))
        var late = first
        late.id = "late"
        #expect(!position.alreadyHandled(late), "an alert changed in the same millisecond but read later is new")
        let next = try #require(AlertCursorPosition.after([late], from: position))
        #expect(Set(next.boundaryIDs) == ["888e783d-a955-4952-9496-ce707ecbbc8a", "second", "late"])
        #expect(try AlertCursorPosition(storedValue: next.storedValue) == next)
        #expect(AlertCursorPosition.after([], from: position) == position)
        #expect(throws: AlertCursorError.self) { try AlertCursorPosition(storedValue: "1700000000") }
    }
}
