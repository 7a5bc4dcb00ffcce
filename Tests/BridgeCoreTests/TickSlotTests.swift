import Foundation
import Testing

@testable import BridgeCore

@Suite("Tick slots and catch-up (S2)")
struct TickSlotTests {
    /// 2026-11-22T02:15:00Z
    let slotStart: TimeInterval = 1_795_313_700

    @Test("S2: a slot is aligned to the epoch in UTC and named by its start")
    func alignment() throws {
        let slot = TickSlot(containing: Date(timeIntervalSince1970: slotStart + 899.9), intervalSeconds: 900)
        #expect(slot.id == "2026-11-22T02:15:00Z")
        #expect(slot.start == Date(timeIntervalSince1970: slotStart))
        #expect(slot.end == Date(timeIntervalSince1970: slotStart + 900))
        #expect(slot.next.id == "2026-11-22T02:30:00Z")
        #expect(slot.previous.id == "2026-11-22T02:00:00Z")
        #expect(slot.contains(Date(timeIntervalSince1970: slotStart)))
        #expect(!slot.contains(slot.end))
        #expect(TickSlot(containing: Date(timeIntervalSince1970: slotStart + 900), intervalSeconds: 900) == slot.next)
        // Before the epoch too.
        #expect(TickSlot(containing: Date(timeIntervalSince1970: -1), intervalSeconds: 900).id == "1969-12-31T23:45:00Z")
        // Hourly slots.
        #expect(TickSlot(containing: Date(timeIntervalSince1970: slotStart), intervalSeconds: 3600).id == "2026-11-22T02:00:00Z")
    }

    @Test("S2: slot ids parse back, and only slot starts are slot ids")
    func ids() {
        let slot = TickSlot(containing: Date(timeIntervalSince1970: slotStart), intervalSeconds: 900)
        #expect(TickSlot(id: "2026-11-22T02:15:00Z", intervalSeconds: 900) == slot)
        #expect(TickSlot(id: "2026-11-22T03:15:00+01:00", intervalSeconds: 900) == slot)
        #expect(TickSlot(id: "2026-11-22T02:16:00Z", intervalSeconds: 900) == nil)
        #expect(TickSlot(id: "soon", intervalSeconds: 900) == nil)
    }

    @Test("S2: two schedulers at different moments of one slot publish the same slot id")
    func twoSchedulers() {
        let a = TickSlot.toPublish(lastPublished: nil, now: Date(timeIntervalSince1970: slotStart + 1), intervalSeconds: 900)
        let b = TickSlot.toPublish(lastPublished: nil, now: Date(timeIntervalSince1970: slotStart + 600), intervalSeconds: 900)
        #expect(a?.slot.id == b?.slot.id)
        #expect(a?.source == .schedule)
        let keyA = Envelope(payload: SyncTick(slot: a!.slot, source: a!.source, emitter: "a")).idempotencyKey
        let keyB = Envelope(payload: SyncTick(slot: b!.slot, source: b!.source, emitter: "b")).idempotencyKey
        #expect(keyA == keyB)
    }

    @Test("S2: the current slot is published once")
    func once() {
        let current = TickSlot(containing: Date(timeIntervalSince1970: slotStart), intervalSeconds: 900)
        #expect(TickSlot.toPublish(lastPublished: current, now: Date(timeIntervalSince1970: slotStart + 300), intervalSeconds: 900) == nil)
        #expect(TickSlot.toPublish(lastPublished: current.next, now: Date(timeIntervalSince1970: slotStart + 300), intervalSeconds: 900) == nil)
        let next = TickSlot.toPublish(lastPublished: current, now: Date(timeIntervalSince1970: slotStart + 900), intervalSeconds: 900)
        #expect(next == TickPublication(slot: current.next, source: .schedule, missedSlots: 0))
    }

    @Test("S2: after downtime the scheduler catches up once with the current slot, not once per missed slot")
    func catchUp() {
        let last = TickSlot(containing: Date(timeIntervalSince1970: slotStart), intervalSeconds: 900)
        // Down for about 5 hours: 19 slots missed between the last one and the current one.
        let now = Date(timeIntervalSince1970: slotStart + 5 * 3600 + 42)
        let publication = TickSlot.toPublish(lastPublished: last, now: now, intervalSeconds: 900)
        #expect(publication?.slot == TickSlot(containing: now, intervalSeconds: 900))
        #expect(publication?.source == .catchUp)
        #expect(publication?.missedSlots == 19)
        // Having published the catch-up tick, nothing more is due in that slot.
        #expect(TickSlot.toPublish(lastPublished: publication?.slot, now: now.addingTimeInterval(60), intervalSeconds: 900) == nil)
    }

    @Test("S2: a changed interval still publishes the current slot once")
    func intervalChange() {
        let lastHourly = TickSlot(containing: Date(timeIntervalSince1970: slotStart), intervalSeconds: 3600)  // 02:00-03:00
        let atQuarterPast = Date(timeIntervalSince1970: slotStart)  // 02:15, inside the last hourly slot's span
        let publication = TickSlot.toPublish(lastPublished: lastHourly, now: atQuarterPast, intervalSeconds: 900)
        #expect(publication?.slot.id == "2026-11-22T02:15:00Z")
        #expect(publication?.source == .schedule)
    }
}
