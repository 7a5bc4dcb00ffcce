import BridgeRules
import BridgeState
import Foundation

/// The provisioning plans as the provisioner would carry them out now, for every company or
/// one, without writing anything (`bridgectl plan`): the same reader and planner as the
/// provisioner's tick and `provision.company` handler, stopping before the effects.
public struct ProvisioningPreview: Sendable {
    public var store: StateStore
    public var clock: @Sendable () -> Date

    public init(store: StateStore, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.clock = clock
    }

    /// One company's plan with the facts it came from.
    public struct Item: Sendable {
        public var entry: ProvisioningReader.Entry
        public var plan: ProvisioningPlan
    }

    /// The plans of every company (`companyID` nil, read in bulk like a tick) or of one company
    /// (read afresh, like the handler).
    public func plans(_ job: ProvisioningProvider.Context, companyID: String? = nil) async throws -> [Item] {
        let now = clock()
        let reader = ProvisioningReader(psa: job.psa, cloud: job.cloud, setup: job.setup, store: store)
        let entries: [ProvisioningReader.Entry]
        if let companyID {
            entries = try await reader.entry(companyID: companyID, now: now).map { [$0] } ?? []
        } else {
            entries = try await reader.snapshot(now: now).entries
        }
        return entries.map { Item(entry: $0, plan: ProvisioningPlanner.plan($0.facts, settings: job.setup.planner, now: now)) }
    }
}
