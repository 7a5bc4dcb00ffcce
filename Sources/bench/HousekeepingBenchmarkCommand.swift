import ArgumentParser
import BridgeState
import BridgeValues
import BridgeWorkers
import Foundation
import Synchronization

/// `bench housekeeping`: what the state database holds after a month of alerts, with and without
/// housekeeping. Each simulated alert leaves what the ticket job leaves: the ticket-updater's
/// inbox row for its command, the effect row of the ticket create and its audit entry. Days pass
/// on a test clock; with housekeeping, it runs once a simulated hour as the workers run it after
/// their ticks. Prints, per run, rows and bytes on disk every few days and at the end, and how
/// long the housekeeping passes took.
struct HousekeepingBenchmarkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "housekeeping",
        abstract: "State size over simulated days of alerts, with and without housekeeping (default 30 days x 10,000 alerts).")

    @Option(help: "Days to simulate.") var days = 30
    @Option(help: "Alerts a day (each: an inbox row, an effect and its audit entry).") var alertsPerDay = 10_000
    @Option(help: "Print a line every N days.") var every = 5

    func validate() throws {
        guard days > 0, alertsPerDay > 0, every > 0 else { throw ValidationError("days, alerts per day and every must be positive") }
    }

    func run() async throws {
        print("housekeeping benchmark: \(days) days x \(alertsPerDay) alerts, synchronous=NORMAL (the writes' shape, not fsync, is measured)")
        print("policy: inbox kept \(Int((StateStore.Options().inboxRetention) / 86_400)) days, effects \(Int(Housekeeping.Policy().effectRetention / 86_400)) days, audit always; a pass once a simulated hour")
        let without = try await simulate(housekeeping: false)
        let with = try await simulate(housekeeping: true)
        print(String(format: "after %d days: %.1f MB without housekeeping, %.1f MB with (%.0f%%)", days, without.megabytes, with.megabytes,
                     100 * with.megabytes / max(without.megabytes, 0.001)))
    }

    struct Outcome {
        var megabytes: Double
    }

    /// A clock the simulation moves.
    final class SimulatedClock: Sendable {
        private let current = Mutex(Date(timeIntervalSince1970: 1_798_761_600))  // 2027-01-01
        var now: Date { current.withLock { $0 } }
        func advance(_ seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
    }

    func simulate(housekeeping: Bool) async throws -> Outcome {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bench-housekeeping-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let clock = SimulatedClock()
        var options = StateStore.Options()
        options.synchronous = .normal
        options.clock = { clock.now }
        let store = try StateStore(path: directory.appendingPathComponent("state.sqlite").path, options: options)
        defer { try? store.close() }
        let keeper = Housekeeping(store: store, clock: { clock.now })
        print(housekeeping ? "with housekeeping:" : "without housekeeping:")
        print("  day   inbox rows  effects  audit rows   MB on disk  pass ms (median / max)")
        let perHour = max(1, alertsPerDay / 24)
        var passes: [Double] = []
        var alert = 0
        let started = ContinuousClock.now
        for day in 1...days {
            for hour in 0..<24 {
                let count = hour == 23 ? alertsPerDay - perHour * 23 : perHour
                for _ in 0..<count {
                    alert += 1
                    let key = "ticket.create:alert-\(alert)"
                    _ = try await store.claimMessage(worker: "ticket-updater", messageId: UUID().uuidString, idempotencyKey: "ticket.command:\(alert)")
                    _ = try await store.claimEffect(key: key, kind: "ticket.create", target: "connectwise")
                    try await store.completeEffect(
                        key: key, externalRef: String(100_000 + alert), result: Data("{\"ticketId\":\(100_000 + alert)}".utf8),
                        audit: AuditEntry(
                            worker: "ticket-updater", action: "ticket.create", targetSystem: "connectwise", targetId: String(100_000 + alert),
                            after: Data("{\"summary\":\"Backup failed on SRV-\(alert % 500)\"}".utf8),
                            reason: "T1 alert \(alert)", messageId: UUID().uuidString))
                    try await store.completeMessage(worker: "ticket-updater", idempotencyKey: "ticket.command:\(alert)")
                }
                clock.advance(3_600)
                if housekeeping {
                    let pass = ContinuousClock.now
                    _ = try await keeper.runIfDue()
                    let elapsed = ContinuousClock.now - pass
                    passes.append(Double(elapsed.components.seconds) * 1_000 + Double(elapsed.components.attoseconds) / 1e15)
                }
            }
            if day % every == 0 || day == days {
                if !housekeeping { try await store.checkpoint() }
                let counts = try await store.tableCounts(["inbox", "effects", "audit_log"])
                let sorted = passes.sorted()
                let median = sorted.isEmpty ? "-" : String(format: "%.1f", sorted[sorted.count / 2])
                let maximum = sorted.last.map { String(format: "%.1f", $0) } ?? "-"
                print(String(format: "  %3d  %11d  %7d  %10d  %11.1f  %@ / %@", day, counts["inbox"] ?? 0, counts["effects"] ?? 0,
                             counts["audit_log"] ?? 0, Double(try await store.bytesOnDisk()) / 1_048_576, median, maximum))
            }
        }
        let elapsed = ContinuousClock.now - started
        print("  simulated in \(elapsed.components.seconds) s")
        return Outcome(megabytes: Double(try await store.bytesOnDisk()) / 1_048_576)
    }
}
