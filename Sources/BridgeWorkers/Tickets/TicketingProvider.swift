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
        var products: [PSAReference]
    }

    private struct Entry {
        var task: Task<ResolvedTicketSettings, any Error>
        var startedAt: ContinuousClock.Instant
    }

    private var entries: [Key: Entry] = [:]
    private var billing: [Int: (reference: BillingReference?, at: ContinuousClock.Instant)] = [:]

    public init(clients: APIClientPool, refreshAfter: Duration = .seconds(600)) {
        self.clients = clients
        self.refreshAfter = refreshAfter
    }

    /// The port for the settings' PSA and the resolved ticket settings.
    /// - Throws: ``TicketSettingsError`` when a name does not exist, ``SecretSetupError``, or
    ///   the PSA's `APIError` when it cannot be read. Failures are not cached.
    public func port(for settings: BridgeSettings) async throws -> (any TicketingPSA, ResolvedTicketSettings) {
        let port = try await clients.ticketing(settings.connection)
        let products = settings.features.billing ? settings.productMappings.map(\.psaProduct) : []
        let key = Key(connection: settings.connection.psa, tickets: settings.tickets, products: products)
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
        let task = Task {
            var resolved = try await port.resolve(tickets)
            // Billing references are a courtesy on the ticket: products the PSA cannot give
            // leave tickets without one rather than stopping them.
            resolved.billingProductIDs = products.isEmpty ? [] : ((try? await port.productIDs(products)) ?? [])
            return resolved
        }
        entries[key] = Entry(task: task, startedAt: now)
        do {
            return (port, try await task.value)
        } catch {
            if entries[key]?.startedAt == now { entries[key] = nil }
            throw error
        }
    }

    /// Forgets the resolved settings, so the next use resolves every name against the PSA again.
    public func invalidate() {
        entries.removeAll()
    }

    /// The agreement or contract tickets of `companyID` reference (T1), cached for
    /// `refreshAfter`; nil when there is none or it cannot be read (the ticket is created anyway).
    public func billingReference(
        port: any TicketingPSA, companyID: Int, settings: ResolvedTicketSettings
    ) async -> BillingReference? {
        guard !settings.billingProductIDs.isEmpty else { return nil }
        let now = ContinuousClock.now
        if let cached = billing[companyID], now - cached.at < refreshAfter { return cached.reference }
        do {
            let reference = try await port.billingReference(companyID: companyID, productIDs: settings.billingProductIDs)
            billing[companyID] = (reference, now)
            return reference
        } catch {
            return nil  // not cached: the next ticket of the company asks again
        }
    }
}
