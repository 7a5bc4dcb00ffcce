import Foundation
import Testing

@testable import BridgeState

@Suite("Ticket links (T2, T3, T4)")
struct TicketLinkTests {
    let key = "tenant-1|BackupFailed|machine-42"

    @Test("T2 lifecycle: created → recurrence notes → closed → re-opened → closed → replaced by a new ticket")
    func lifecycle() async throws {
        let clock = ManualClock()
        let (store, directory) = try makeStore(clock: clock)
        defer { withExtendedLifetime(directory) {} }
        let createdAt = clock.now
        let created = try await store.recordTicketCreated(
            alertKey: key, psa: .connectWise, ticketId: "1001", occurrenceId: "occ-1")
        #expect(created.state == .open)
        #expect(created.occurrenceCount == 1)
        #expect(created.noteCount == 0)
        #expect(created.createdAt == createdAt)

        clock.advance(by: 3600)
        var link = try await store.recordTicketNote(alertKey: key, occurrenceId: "occ-2")
        #expect(link.noteCount == 1)
        #expect(link.occurrenceCount == 2)
        #expect(link.lastOccurrenceId == "occ-2")
        // The same occurrence again (a retried command) counts nothing.
        link = try await store.recordTicketNote(alertKey: key, occurrenceId: "occ-2")
        #expect(link.noteCount == 1)
        #expect(link.occurrenceCount == 2)

        let closedAt = clock.now
        link = try await store.recordTicketClosed(alertKey: key, closedAt: closedAt, withNote: true)
        #expect(link.state == .closed)
        #expect(link.closedAt == closedAt)
        #expect(link.noteCount == 2)
        // Closing again keeps the first close time.
        clock.advance(by: 10)
        link = try await store.recordTicketClosed(alertKey: key, closedAt: clock.now, withNote: true)
        #expect(link.closedAt == closedAt)
        #expect(link.noteCount == 2)

        clock.advance(by: 3600)
        link = try await store.recordTicketReopened(alertKey: key, occurrenceId: "occ-3")
        #expect(link.state == .open)
        #expect(link.closedAt == nil)
        #expect(link.reopenCount == 1)
        #expect(link.reopenedAt == clock.now)
        #expect(link.occurrenceCount == 3)
        #expect(link.noteCount == 3)
        // A retried re-open for the same occurrence changes nothing.
        #expect(try await store.recordTicketReopened(alertKey: key, occurrenceId: "occ-3") == link)

        link = try await store.recordTicketClosed(alertKey: key, closedAt: clock.now, withNote: false)
        clock.advance(by: 2 * 86_400)
        let replacedAt = clock.now
        link = try await store.replaceTicket(
            alertKey: key, psa: .connectWise, newTicketId: "1002", occurrenceId: "occ-4")
        #expect(link.ticketId == "1002")
        #expect(link.state == .open)
        #expect(link.occurrenceCount == 1)
        #expect(link.noteCount == 0)
        #expect(link.reopenCount == 0)
        #expect(link.createdAt == replacedAt)
        // Replacing with the same new ticket again (a retry) changes nothing.
        #expect(
            try await store.replaceTicket(alertKey: key, psa: .connectWise, newTicketId: "1002", occurrenceId: "occ-4")
                == link)

        let history = try await store.ticketLinkHistory(alertKey: key)
        #expect(history.count == 1)
        #expect(history.first?.ticketId == "1001")
        #expect(history.first?.createdAt == createdAt)
        #expect(history.first?.replacedAt == replacedAt)
        #expect(history.first?.occurrenceCount == 3)
        #expect(history.first?.noteCount == 3)
        #expect(history.first?.closedAt != nil)

        #expect(try await store.ticketLink(psa: .connectWise, ticketId: "1002")?.alertKey == key)
        #expect(try await store.ticketLink(psa: .connectWise, ticketId: "1001") == nil)
        #expect(try await store.ticketsCreated(since: createdAt) == 2)
        #expect(try await store.ticketsCreated(since: replacedAt) == 1)
    }

    @Test("T4 recording the same created ticket twice is a no-op; a second ticket for the key is refused")
    func createdTwice() async throws {
        let (store, directory) = try makeStore()
        defer { withExtendedLifetime(directory) {} }
        let first = try await store.recordTicketCreated(
            alertKey: key, psa: .autotask, ticketId: "T20261122.0001", occurrenceId: "o1")
        #expect(
            try await store.recordTicketCreated(
                alertKey: key, psa: .autotask, ticketId: "T20261122.0001", occurrenceId: "o1") == first)
        await #expect(throws: StateStoreError.ticketLinkExists(alertKey: key, ticketId: "T20261122.0001")) {
            try await store.recordTicketCreated(
                alertKey: key, psa: .autotask, ticketId: "T20261122.0002", occurrenceId: "o2")
        }
    }

    @Test("T3 a close note without an occurrence counts the note only; operations on unknown keys are errors")
    func closeNotesAndUnknownKeys() async throws {
        let (store, directory) = try makeStore()
        defer { withExtendedLifetime(directory) {} }
        _ = try await store.recordTicketCreated(alertKey: key, psa: .connectWise, ticketId: "5", occurrenceId: "o1")
        let link = try await store.recordTicketNote(alertKey: key, occurrenceId: nil)
        #expect(link.noteCount == 1)
        #expect(link.occurrenceCount == 1)
        #expect(link.lastOccurrenceId == "o1")
        await #expect(throws: StateStoreError.ticketLinkNotFound(alertKey: "nope")) {
            try await store.recordTicketNote(alertKey: "nope", occurrenceId: "o")
        }
        await #expect(throws: StateStoreError.ticketLinkNotFound(alertKey: "nope")) {
            try await store.replaceTicket(alertKey: "nope", psa: .connectWise, newTicketId: "6", occurrenceId: nil)
        }
        #expect(try await store.ticketLinks(state: .open).map(\.alertKey) == [key])
        #expect(try await store.ticketLinks(state: .closed).isEmpty)
        _ = try await store.recordTicketCreated(alertKey: "other", psa: .connectWise, ticketId: "7", occurrenceId: nil)
        _ = try await store.recordTicketClosed(alertKey: "other", closedAt: Date(), withNote: false)
        #expect(try await store.ticketLinkCount() == 2)
        #expect(try await store.ticketLinkCount(state: .open) == 1)
        #expect(try await store.ticketLinkCount(state: .closed) == 1)
    }
}
