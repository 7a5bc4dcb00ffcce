import BridgeRules
import Foundation
import Testing

@Suite("AlertCoalescer: a burst of one alert key becomes one command (T2, T4)")
struct AlertCoalescerTests {
    struct Change: Sendable, Hashable {
        var key: String
        var trigger: TicketTrigger
        var at: Date
        var id: String
    }

    func change(_ key: String, _ trigger: TicketTrigger, _ minute: Int, id: String? = nil) -> Change {
        Change(key: key, trigger: trigger, at: Date(timeIntervalSince1970: 1_714_557_600 + Double(minute) * 60), id: id ?? "\(key)-\(minute)")
    }

    func coalesce(_ changes: [Change]) -> [CoalescedChange<Change>] {
        AlertCoalescer.coalesce(changes, key: \.key, trigger: \.trigger, changedAt: \.at)
    }

    @Test("T2: a burst of raises of one key is one open, counting the raises")
    func burst() {
        let result = coalesce([change("k", .open, 0), change("k", .open, 1), change("k", .open, 2)])
        #expect(result.count == 1)
        #expect(result[0].trigger == .open)
        #expect(result[0].latest.id == "k-2")
        #expect(result[0].changeCount == 3 && result[0].raisedCount == 3)
        #expect(result[0].firstChangedAt == change("k", .open, 0).at && result[0].lastChangedAt == change("k", .open, 2).at)
    }

    @Test("T3: raised then resolved in one batch gives the final state, resolve")
    func openThenResolve() {
        let result = coalesce([change("k", .open, 0), change("k", .resolve, 5)])
        #expect(result.map(\.trigger) == [.resolve])
        #expect(result[0].raisedCount == 1 && result[0].changeCount == 2)
    }

    @Test("T2: resolved then raised again in one batch gives open")
    func resolveThenOpen() {
        #expect(coalesce([change("k", .resolve, 0), change("k", .open, 5)]).map(\.trigger) == [.open])
    }

    @Test("T2: the latest change wins by time, not by input order; equal times: the later input wins")
    func ordering() {
        #expect(coalesce([change("k", .resolve, 9), change("k", .open, 3)]).map(\.trigger) == [.resolve])
        let tie = coalesce([change("k", .open, 4, id: "first"), change("k", .resolve, 4, id: "second")])
        #expect(tie.map(\.latest.id) == ["second"])
        #expect(tie.map(\.trigger) == [.resolve])
    }

    @Test("T2: keys are kept apart and ordered by the time of their final change")
    func severalKeys() {
        let result = coalesce([
            change("a", .open, 0), change("b", .open, 1), change("a", .resolve, 7), change("c", .open, 3), change("b", .open, 2),
        ])
        #expect(result.map(\.latest.id) == ["b-2", "c-3", "a-7"])
        #expect(result.map(\.trigger) == [.open, .open, .resolve])
        #expect(result.map(\.changeCount) == [2, 1, 2])
    }

    @Test("T2: keys whose final changes happened at the same time keep their input order")
    func simultaneousKeys() {
        let result = coalesce([change("b", .open, 5), change("a", .open, 5), change("c", .open, 1)])
        #expect(result.map(\.latest.id) == ["c-1", "b-5", "a-5"])
    }

    @Test("T2: an empty batch gives no commands")
    func empty() {
        #expect(coalesce([]).isEmpty)
    }
}
