import BridgeRules
import BridgeValues
import Foundation
import Testing

@Suite("TicketText: summary, description and notes (T1, T2, T3)")
struct TicketTextTests {
    @Test("T1: the summary names the resource and the alert", arguments: [TicketTextLimits.connectWise, .autotask])
    func summary(limits: TicketTextLimits) throws {
        #expect(TicketText.summary(for: try sampleAlert(), limits: limits) == "SRV01: Backup failed")
    }

    @Test("T1: without a resource name the resource id is used; without either, the alert alone")
    func summaryFallbacks() throws {
        #expect(TicketText.summary(for: try sampleAlert(resourceName: nil), limits: .connectWise) == "res-1: Backup failed")
        #expect(TicketText.summary(for: try sampleAlert(resourceName: "  ", resourceID: nil), limits: .connectWise) == "Backup failed")
        #expect(TicketText.summary(for: try sampleAlert(title: " ", resourceName: nil, resourceID: nil), limits: .connectWise) == "BackupFailed")
    }

    @Test("T1: the summary is one line")
    func summarySingleLine() throws {
        let alert = try sampleAlert(title: "Backup\nfailed\t(retry)", resourceName: "SRV01\r\n ")
        #expect(TicketText.summary(for: alert, limits: .autotask) == "SRV01: Backup failed (retry)")
    }

    @Test("T1: ConnectWise summaries stay within 100 and Autotask titles within 255 UTF-16 units", arguments: PSAKind.allCases)
    func summaryLimit(psa: PSAKind) throws {
        let name = String(repeating: "Very-long-machine-name-👨‍👩‍👧‍👦-", count: 20)
        let summary = TicketText.summary(for: try sampleAlert(resourceName: name), limits: psa.ticketTextLimits)
        let limit = psa == .connectWise ? 100 : 255
        #expect(psa.ticketTextLimits.summary == limit)
        #expect(psa.ticketTextLimits.externalReference == psa.externalReferenceLimit)
        #expect(summary.utf16.count <= limit)
        #expect(summary.utf16.count >= limit - 11)  // at most one family emoji (11 units) short
        #expect(summary.hasSuffix("…"))
        #expect("\(name): Backup failed".hasPrefix(summary.dropLast()))
    }

    @Test("T1: the description carries the details, severity, UTC time, tenant, resource and alert id")
    func description() throws {
        let text = TicketText.description(for: try sampleAlert(), psa: .connectWise)
        #expect(text == """
            Backup failed
            Severity: error
            Occurred (UTC): 2024-05-01T10:00:00Z
            Tenant: Green Torch (6f1e0000-0000-4000-8000-00000000abcd)
            Resource: SRV01 (res-1)
            Plan: Daily servers
            Category: Backup
            Details: The backup could not reach the storage.
            Alert type: BackupFailed
            Alert ID: 8F1C2D3E-0000-4000-8000-000000000001
            """)
    }

    @Test("T1: the agreement (ConnectWise) or contract (Autotask) is referenced when given")
    func billingReference() throws {
        let alert = try sampleAlert()
        #expect(TicketText.description(for: alert, psa: .connectWise, billingReference: "Backup agreement 2024").contains("\nAgreement: Backup agreement 2024\n"))
        #expect(TicketText.description(for: alert, psa: .autotask, billingReference: "Acronis PAYG contract").contains("\nContract: Acronis PAYG contract\n"))
        for psa in PSAKind.allCases {
            let plain = TicketText.description(for: alert, psa: psa)
            #expect(!plain.contains("Agreement:") && !plain.contains("Contract:"))
            #expect(!TicketText.description(for: alert, psa: psa, billingReference: "  ").contains("Agreement:"))
        }
    }

    @Test("T2: a ticket that replaces a closed one names it")
    func previousTicket() throws {
        let text = TicketText.description(for: try sampleAlert(), psa: .autotask, previousTicketID: 3021)
        #expect(text.contains("\nPrevious ticket: #3021 (closed)\n"))
    }

    @Test("T1: a resource with only a name or only an id is shown as it is")
    func partialResource() throws {
        #expect(TicketText.description(for: try sampleAlert(resourceID: nil), psa: .connectWise).contains("\nResource: SRV01\n"))
        #expect(TicketText.description(for: try sampleAlert(resourceName: nil), psa: .connectWise).contains("\nResource: res-1\n"))
    }

    @Test("T1: lines without a value are left out")
    func sparseAlert() throws {
        let alert = AlertFacts(
            alertID: "a1", alertType: "AgentOutdated", title: "Agent is outdated", severity: "warning",
            occurredAt: try utc("2024-02-29T23:59:59Z"), tenantID: "t1", tenantName: "")
        #expect(TicketText.description(for: alert, psa: .connectWise) == """
            Agent is outdated
            Severity: warning
            Occurred (UTC): 2024-02-29T23:59:59Z
            Tenant: t1
            Alert type: AgentOutdated
            Alert ID: a1
            """)
    }

    @Test("T1: an Autotask description is cut to 8000 in the details, keeping the references whole")
    func autotaskDescriptionLimit() throws {
        let alert = try sampleAlert(message: String(repeating: "Error line é\u{301}\n", count: 2_000))
        let text = TicketText.description(for: alert, psa: .autotask, billingReference: "Contract A")
        #expect(text.utf16.count <= 8_000)
        #expect(text.utf16.count >= 7_990)
        #expect(text.hasSuffix("Contract: Contract A\nAlert type: BackupFailed\nAlert ID: 8F1C2D3E-0000-4000-8000-000000000001"))
        #expect(text.contains("…\nContract: Contract A"))
    }

    @Test("T1: a ConnectWise description has no documented limit and is not cut")
    func connectWiseDescriptionUncut() throws {
        let message = String(repeating: "x", count: 20_000)
        let text = TicketText.description(for: try sampleAlert(message: message), psa: .connectWise)
        #expect(text.contains(message))
        #expect(!text.contains("…"))
    }

    @Test("T2: a recurrence note says when the alert occurred again and how often")
    func recurrenceNote() throws {
        let changedAt = try utc("2024-05-02T08:30:00Z")
        let note = try #require(TicketText.note(for: .addNote(ticketID: 1), alert: try sampleAlert(), changedAt: changedAt, occurrences: 3, psa: .autotask))
        #expect(note.title == "Alert occurred again")
        #expect(note.text.hasPrefix("The alert \"Backup failed\" occurred again at 2024-05-02T08:30:00Z."))
        #expect(note.text.contains("It occurred 3 times since the last update."))
        #expect(note.text.contains("Details: The backup could not reach the storage."))
        let single = try #require(TicketText.note(for: .addNote(ticketID: 1), alert: try sampleAlert(), changedAt: changedAt, psa: .autotask))
        #expect(!single.text.contains("times since"))
    }

    @Test("T2: a re-open note says the ticket was re-opened")
    func reopenNote() throws {
        let note = try #require(TicketText.note(for: .reopenWithNote(ticketID: 1), alert: try sampleAlert(), changedAt: try utc("2024-05-02T08:30:00Z"), psa: .connectWise))
        #expect(note.title == "Ticket re-opened")
        #expect(note.text.hasPrefix("Re-opened: the alert \"Backup failed\" occurred again at 2024-05-02T08:30:00Z."))
    }

    @Test("T3: a close note and a resolved-only note say when the cloud resolved the alert")
    func resolutionNotes() throws {
        let at = try utc("2024-05-03T00:00:00Z")
        let close = try #require(TicketText.note(for: .closeWithNote(ticketID: 1, statusID: 5), alert: try sampleAlert(), changedAt: at, psa: .autotask))
        #expect(close.title == "Alert resolved")
        #expect(close.text.hasPrefix("Closed: the alert \"Backup failed\" was resolved in the cloud at 2024-05-03T00:00:00Z."))
        #expect(!close.text.contains("Details:"))
        let noteOnly = try #require(TicketText.note(for: .noteOnly(ticketID: 1), alert: try sampleAlert(), changedAt: at, occurrences: 4, psa: .autotask))
        #expect(noteOnly.text.contains("Auto-close is off, so the ticket stays open."))
        #expect(!noteOnly.text.contains("times since"))
    }

    @Test("T1, T2: creating decisions and no-ops have no note")
    func noNote() throws {
        let alert = try sampleAlert()
        let at = try utc("2024-05-03T00:00:00Z")
        for decision: TicketDecision in [.create, .createNew(replacingTicketID: 1), .nothing(.noTicketToResolve)] {
            #expect(TicketText.note(for: decision, alert: alert, changedAt: at, psa: .connectWise) == nil)
        }
    }

    @Test("T2: Autotask notes stay within 32000 for the text and 250 for the title")
    func autotaskNoteLimit() throws {
        let alert = try sampleAlert(message: String(repeating: "z", count: 40_000))
        let note = try #require(TicketText.note(for: .addNote(ticketID: 1), alert: alert, changedAt: try utc("2024-05-03T00:00:00Z"), psa: .autotask))
        #expect(note.text.utf16.count <= 32_000)
        #expect(note.text.hasSuffix("Alert ID: 8F1C2D3E-0000-4000-8000-000000000001"))
        #expect(note.title.utf16.count <= 250)
    }

    @Test("T1: timestamps are UTC ISO 8601 with whole seconds")
    func timestamps() throws {
        #expect(TicketText.timestamp(try utc("2024-02-29T23:59:59Z")) == "2024-02-29T23:59:59Z")
        #expect(TicketText.timestamp(Date(timeIntervalSince1970: 0.75)) == "1970-01-01T00:00:00Z")
    }
}
