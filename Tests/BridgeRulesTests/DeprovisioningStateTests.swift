import BridgeRules
import Foundation
import Testing

@Suite("DeprovisioningState: zero, disable, delete, and back (P6)")
struct DeprovisioningStateTests {
    static let start = Date(timeIntervalSince1970: 1_714_557_600)  // 2024-05-01T10:00:00Z

    func at(days: Double, seconds: TimeInterval = 0) -> Date {
        Self.start.addingTimeInterval(days * secondsPerDay + seconds)
    }

    func policy(zero: Bool = false, disable: Int? = nil, delete: Int? = nil) throws -> DeprovisioningPolicy {
        DeprovisioningPolicy(
            quotasToZero: zero, disableAfter: try disable.map(after) ?? .off, deleteAfter: try delete.map(after) ?? .off)
    }

    @Test("P6: while the company has an active line nothing happens")
    func activeLine() throws {
        let step = DeprovisioningState.notStarted.step(hasActiveLine: true, policy: try policy(zero: true, disable: 0, delete: 0), now: Self.start)
        #expect(step.actions.isEmpty && step.state == .notStarted && !step.state.isRunning)
    }

    @Test("P6: losing the last line starts the clock and zeroes quotas at once when on")
    func startAndZero() throws {
        let step = DeprovisioningState.notStarted.step(hasActiveLine: false, policy: try policy(zero: true, disable: 10, delete: 30), now: Self.start)
        #expect(step.actions == [.zeroQuotas])
        #expect(step.state == DeprovisioningState(startedAt: Self.start, quotasZeroedAt: Self.start))
        #expect(step.state.isRunning && step.state.holdsQuotasAtZero)
    }

    @Test("P6: with every setting off the clock runs but does nothing")
    func allOff() throws {
        var clock = DeprovisioningState.notStarted
        for day in [0.0, 10, 30, 1000] {
            let step = clock.step(hasActiveLine: false, policy: try policy(), now: at(days: day))
            #expect(step.actions.isEmpty)
            clock = step.state
        }
        #expect(clock.startedAt == Self.start && clock.disabledAt == nil && clock.deletedAt == nil)
    }

    @Test("P6: the tenant is disabled exactly N days after the start, not a second earlier, and once", arguments: [1, 10])
    func disableBoundary(n: Int) throws {
        let rules = try policy(disable: n)
        let started = DeprovisioningState.notStarted.step(hasActiveLine: false, policy: rules, now: Self.start).state
        #expect(started.step(hasActiveLine: false, policy: rules, now: at(days: Double(n), seconds: -1)).actions.isEmpty)
        let due = started.step(hasActiveLine: false, policy: rules, now: at(days: Double(n)))
        #expect(due.actions == [.disableTenant])
        #expect(due.state.disabledAt == at(days: Double(n)))
        #expect(due.state.step(hasActiveLine: false, policy: rules, now: at(days: Double(n) + 5)).actions.isEmpty)
    }

    @Test("P6: the tenant is deleted exactly N days after the start, after it was disabled")
    func deleteAfterDisable() throws {
        let rules = try policy(zero: true, disable: 10, delete: 30)
        var clock = DeprovisioningState.notStarted
        var log: [[DeprovisioningAction]] = []
        for (day, seconds) in [(0.0, 0.0), (9, 0), (10, 0), (29, 86_399), (30, 0), (31, 0)] {
            let step = clock.step(hasActiveLine: false, policy: rules, now: at(days: day, seconds: seconds))
            log.append(step.actions)
            clock = step.state
        }
        #expect(log == [[.zeroQuotas], [], [.disableTenant], [], [.deleteTenant], []])
        #expect(clock.deletedAt == at(days: 30) && !clock.isRunning && !clock.holdsQuotasAtZero)
    }

    @Test("P6: a tenant is disabled before it is deleted, also when disabling is off or due later")
    func deleteImpliesDisable() throws {
        for rules in [try policy(delete: 5), try policy(disable: 20, delete: 5)] {
            let started = DeprovisioningState.notStarted.step(hasActiveLine: false, policy: rules, now: Self.start).state
            let step = started.step(hasActiveLine: false, policy: rules, now: at(days: 5))
            #expect(step.actions == [.disableTenant, .deleteTenant])
        }
        let immediate = DeprovisioningState.notStarted.step(hasActiveLine: false, policy: try policy(zero: true, disable: 0, delete: 0), now: Self.start)
        #expect(immediate.actions == [.zeroQuotas, .disableTenant, .deleteTenant])
    }

    @Test("P6: a line that comes back resets the clock, enables a tenant the clock disabled and restores quotas")
    func lineReturns() throws {
        let rules = try policy(zero: true, disable: 10, delete: 30)
        var clock = DeprovisioningState.notStarted.step(hasActiveLine: false, policy: rules, now: Self.start).state
        clock = clock.step(hasActiveLine: false, policy: rules, now: at(days: 12)).state
        let back = clock.step(hasActiveLine: true, policy: rules, now: at(days: 13))
        #expect(back.actions == [.enableTenant, .reapplyQuotas])
        #expect(back.state == .notStarted)
        let lostAgain = back.state.step(hasActiveLine: false, policy: rules, now: at(days: 20))
        #expect(lostAgain.state.startedAt == at(days: 20))
        #expect(lostAgain.state.step(hasActiveLine: false, policy: rules, now: at(days: 29)).actions.isEmpty)
    }

    @Test("P6: a line back before anything was done just resets the clock")
    func lineReturnsEarly() throws {
        let rules = try policy(disable: 10)
        let started = DeprovisioningState.notStarted.step(hasActiveLine: false, policy: rules, now: Self.start).state
        let back = started.step(hasActiveLine: true, policy: rules, now: at(days: 3))
        #expect(back.actions.isEmpty && back.state == .notStarted)
    }

    @Test("P6: a deleted tenant stays deleted")
    func deletedIsFinal() throws {
        let deleted = DeprovisioningState(startedAt: Self.start, disabledAt: at(days: 10), deletedAt: at(days: 30))
        for active in [true, false] {
            let step = deleted.step(hasActiveLine: active, policy: try policy(zero: true, disable: 1, delete: 1), now: at(days: 40))
            #expect(step.actions.isEmpty && step.state == deleted)
        }
    }

    @Test("P6: a setting turned on while the clock runs acts on the next step, measured from the original start")
    func settingsChange() throws {
        let started = DeprovisioningState.notStarted.step(hasActiveLine: false, policy: try policy(), now: Self.start).state
        let step = started.step(hasActiveLine: false, policy: try policy(zero: true, disable: 10), now: at(days: 11))
        #expect(step.actions == [.zeroQuotas, .disableTenant])
        #expect(step.state.startedAt == Self.start)
    }

    @Test("P6: deadlines for the status page")
    func deadlines() throws {
        let rules = try policy(disable: 10, delete: 30)
        let started = DeprovisioningState.notStarted.step(hasActiveLine: false, policy: rules, now: Self.start).state
        #expect(started.deadlines(policy: rules) == (at(days: 10), at(days: 30)))
        let onlyDelete = try policy(delete: 5)
        #expect(started.deadlines(policy: onlyDelete) == (at(days: 5), at(days: 5)))
        #expect(DeprovisioningState.notStarted.deadlines(policy: rules) == (nil, nil))
        let disabled = started.step(hasActiveLine: false, policy: rules, now: at(days: 10)).state
        #expect(disabled.deadlines(policy: rules) == (nil, at(days: 30)))
    }

    @Test("P6: the clock is stored as JSON and read back unchanged")
    func codable() throws {
        let clock = DeprovisioningState(startedAt: Self.start, quotasZeroedAt: Self.start, disabledAt: at(days: 10))
        let data = try JSONEncoder().encode(clock)
        #expect(try JSONDecoder().decode(DeprovisioningState.self, from: data) == clock)
    }
}
