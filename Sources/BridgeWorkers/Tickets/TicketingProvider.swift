import BridgeCore
import Foundation

/// The ticketing port and the ticket settings resolved against it, cached: names are looked up
/// once per settings change (and again after `refreshAfter`, so a status renamed in the PSA is
/// noticed), and concurrent handlers share one lookup.
public actor TicketingProvider {
    public let clients: APIClientPool
    public let refreshAfter: Duration

    private struct Key: Hashable {
        var connection: PSAConnection
        var tickets: TicketSettings
    }

    private struct Entry {
        var task: Task<ResolvedTicketSettings, any Error>
        var startedAt: ContinuousClock.Instant
    }

    private var entries: [Key: Entry] = [:]

    public init(clients: APIClientPool, refreshAfter: Duration = .seconds(600)) {
        self.clients = clients
        self.refreshAfter = refreshAfter
    }

    /// The port for the settings' PSA and the resolved ticket settings.
    /// - Throws: ``TicketSettingsError`` when a name does not exist, ``SecretSetupError``, or
    ///   the PSA's `APIError` when it cannot be read. Failures are not cached.
    public func port(for settings: BridgeSettings) async throws -> (any TicketingPSA, ResolvedTicketSettings) {
        let port = try await clients.ticketing(settings.connection)
        let key = Key(connection: settings.connection.psa, tickets: settings.tickets)
        let now = ContinuousClock.now
        if let entry = entries[key], now - entry.startedAt < refreshAfter {
            do {
                return (port, try await entry.task.value)
            } catch {
                if entries[key]?.startedAt == entry.startedAt { entries[key] = nil }
                throw error
            }
        }
        let tickets = settings.tickets
        let task = Task { try await port.resolve(tickets) }
        entries[key] = Entry(task: task, startedAt: now)
        do {
            return (port, try await task.value)
        } catch {
            if entries[key]?.startedAt == now { entries[key] = nil }
            throw error
        }
    }
}
