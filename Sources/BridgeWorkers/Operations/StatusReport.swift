import BridgeValues
import BridgeState
import Foundation

/// What `bridgectl status` shows (SPEC S1): integration status, accounts, tickets, the last tick
/// of each worker, per-company mapping errors, queue depths and dead-letter counts.
public struct StatusReport: Sendable, Codable, Equatable {
    public struct Broker: Sendable, Codable, Equatable {
        public var reachable: Bool
        public var error: String?
        public var queues: [QueueStatus]
        public var deadLetters: [String: Int]
    }

    public struct Worker: Sendable, Codable, Equatable {
        public var worker: String
        public var instance: String
        public var lastTick: String?
        public var lastSeenAt: Date
    }

    public struct Integration: Sendable, Codable, Equatable {
        public var component: String
        public var state: String
        public var message: String?
        public var since: Date
    }

    public struct MappingError: Sendable, Codable, Equatable {
        public var psa: String
        public var companyId: String
        public var companyName: String?
        public var error: String
    }

    public var generatedAt: Date
    public var settingsVersion: Int64?
    public var integration: [Integration]
    public var accountsTotal: Int
    public var accountsLinked: Int
    public var ticketsCreatedLast24h: Int
    public var ticketsOpen: Int
    public var alertsSkipped: [String: Int]
    public var alertCursorAge: TimeInterval?
    public var workers: [Worker]
    public var mappingErrors: [MappingError]
    public var broker: Broker
    /// Messages deferred for a retry, per work queue (they wait in the state until due).
    public var deferred: [String: Int] = [:]

    /// Gathers the report from the state database and, when given, the broker.
    public static func gather(store: StateStore, admin: (any BrokerAdmin)?, brokerError: String?, now: Date = Date())
        async throws -> StatusReport
    {
        let counts = try await store.companyMappingCounts()
        // One read of the mappings: a failed mapping shows its mapping error, any other its last
        // sync error (P7), in the order the store lists them.
        let mappingErrors: [MappingError] = try await store.companyMappings().compactMap { mapping in
            let error = mapping.status == .mappingFailed ? (mapping.error ?? "mapping failed") : mapping.syncError
            return error.map {
                MappingError(psa: mapping.psa.rawValue, companyId: mapping.companyId, companyName: mapping.companyName, error: $0)
            }
        }
        let cursor = try await store.cursor(AlertCursor.name)
        var broker = Broker(reachable: admin != nil, error: brokerError, queues: [], deadLetters: [:])
        if let admin {
            for spec in FleetTopology().queues {
                do {
                    let status = try await admin.queueStatus(spec.name)
                    broker.queues.append(status)
                    if spec.name.hasSuffix(".dead") { broker.deadLetters[spec.name] = status.messages }
                } catch {
                    broker.error = "queue \(spec.name): \(error)"
                }
            }
        }
        return StatusReport(
            generatedAt: now,
            settingsVersion: try await store.currentSettings()?.version,
            integration: try await store.integrationStatuses().map {
                Integration(component: $0.component, state: $0.state.rawValue, message: $0.message, since: $0.since)
            },
            accountsTotal: counts.values.reduce(0, +),
            accountsLinked: counts[.mapped] ?? 0,
            ticketsCreatedLast24h: try await store.ticketsCreated(since: now.addingTimeInterval(-86_400)),
            ticketsOpen: try await store.ticketLinkCount(state: .open),
            alertsSkipped: Dictionary(
                try await store.skipTotals().map { ($0.key.rawValue, $0.value) }, uniquingKeysWith: +),
            alertCursorAge: cursor.map { now.timeIntervalSince($0.updatedAt) },
            workers: try await store.workerHeartbeats().map {
                Worker(worker: $0.worker, instance: $0.instanceId, lastTick: $0.lastTickSlot, lastSeenAt: $0.lastSeenAt)
            },
            mappingErrors: mappingErrors,
            broker: broker,
            deferred: try await store.deferredCounts())
    }

    /// The report as an operator reads it.
    public var text: String {
        var lines: [String] = []
        let errors = integration.filter { $0.state != "ok" }
        if errors.isEmpty {
            lines.append("Integration:      OK")
        } else {
            for e in errors {
                lines.append("Integration:      ERROR in \(e.component) since \(Timestamp.format(e.since, fractionalSeconds: false)): \(e.message ?? "")")
            }
        }
        lines.append("Settings:         " + (settingsVersion.map { "version \($0)" } ?? "none applied (bridgectl settings apply FILE)"))
        lines.append("Accounts:         \(accountsLinked) linked of \(accountsTotal)")
        lines.append("Tickets:          \(ticketsCreatedLast24h) created in the last 24 h, \(ticketsOpen) open")
        let skipped = alertsSkipped.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
        lines.append("Alerts skipped:   " + (skipped.isEmpty ? "none" : skipped.joined(separator: ", ")))
        lines.append("Alert cursor age: " + (alertCursorAge.map { "\(Int($0)) s" } ?? "never polled"))
        lines.append("Broker:           " + (broker.reachable ? "reachable" : "UNREACHABLE: \(broker.error ?? "")"))
        lines.append("Workers (last tick seen):")
        if workers.isEmpty { lines.append("  none has started yet") }
        for w in workers.sorted(by: { ($0.worker, $0.instance) < ($1.worker, $1.instance) }) {
            lines.append("  \(w.worker)@\(w.instance)".padding(toLength: 30, withPad: " ", startingAt: 0)
                + "tick \(w.lastTick ?? "none yet"), seen \(Timestamp.format(w.lastSeenAt, fractionalSeconds: false))")
        }
        let waiting = deferred.values.reduce(0, +)
        let perQueue = deferred.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        lines.append("Deferred retries: \(waiting)" + (waiting > 0 ? " (\(perQueue))" : ""))
        if broker.reachable {
            lines.append("Queues (ready / consumers):")
            for q in broker.queues {
                lines.append("  \(q.name)".padding(toLength: 36, withPad: " ", startingAt: 0) + "\(q.messages) / \(q.consumers)")
            }
            let dead = broker.deadLetters.values.reduce(0, +)
            lines.append("Dead letters:     \(dead)" + (dead > 0 ? " (bridgectl dlq list --queue QUEUE)" : ""))
        }
        lines.append("Mapping errors:   " + (mappingErrors.isEmpty ? "none" : "\(mappingErrors.count)"))
        for e in mappingErrors {
            lines.append("  \(e.psa) company \(e.companyId) \(e.companyName ?? ""): \(e.error)")
        }
        return lines.joined(separator: "\n")
    }
}

/// The name of the alert-consumer's cursor in the state database.
public enum AlertCursor {
    public static let name = "alert-consumer.updated-at"
}
