import BridgeCore
import BridgeRules
import BridgeState
import Foundation

/// Reads what the provisioning planner needs (SPEC P1-P6): for every company in bulk (the tick,
/// `bridgectl plan`), or for one company afresh (the `provision.company` handler, `bridgectl
/// plan --company`). Both paths end in the same ``ProvisioningFacts``, so what an operator
/// previews is what the worker does.
public struct ProvisioningReader: Sendable {
    public var psa: any ProvisioningPSA
    public var cloud: ProvisioningCloud
    public var setup: ProvisioningSetup
    public var store: StateStore

    public init(psa: any ProvisioningPSA, cloud: ProvisioningCloud, setup: ProvisioningSetup, store: StateStore) {
        self.psa = psa
        self.cloud = cloud
        self.setup = setup
        self.store = store
    }

    /// One company's facts, with its mapping and tenant.
    public struct Entry: Sendable {
        public var facts: ProvisioningFacts
        /// The stored mapping (nil for a company the store has not seen yet).
        public var mapping: CompanyMapping?
        /// The tenant as read, when the company has one.
        public var tenant: ProvisioningCloud.Tenant?
    }

    /// What a bulk read found.
    public struct Snapshot: Sendable {
        public var entries: [Entry]
        /// Mappings holding a tenant whose PSA company is gone (deleted or no longer listed).
        public var companiesMissing: [CompanyMapping]
    }

    /// Every company's facts as of `now`: companies, lines, tenants and mappings each read in bulk; primary
    /// contacts only for companies that may get a new tenant now.
    public func snapshot(now: Date) async throws -> Snapshot {
        async let companiesRead = psa.companies()
        async let linesRead = psa.lines(companyIDs: nil, marker: setup.marker, now: now)
        async let tenantsRead = cloud.tenants(partnerID: setup.partnerID)
        let companies = try await companiesRead
        let lines = try await linesRead
        let tenants = try await tenantsRead
        let stored = try await store.companyMappings(psa: setup.psa)
        let mappings = Dictionary(stored.map { ($0.companyId, $0) }, uniquingKeysWith: { first, _ in first })
        let clocks = Dictionary(
            try await store.deprovisioningClocks().map { ($0.tenantId.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        var entries: [Entry] = []
        for company in companies {
            let mapping = mappings[company.id]
            let tenant = Self.status(mapping).tenantIDInPlay.flatMap { tenants[$0.lowercased()] }
            entries.append(
                try await entry(
                    company: company, lines: lines[company.id] ?? [], mapping: mapping, tenant: tenant,
                    clock: tenant.flatMap { clocks[$0.facts.id] }, now: now))
        }
        let listed = Set(companies.map(\.id))
        let missing = stored.filter { !listed.contains($0.companyId) && $0.tenantId != nil && $0.status == .mapped }
        return Snapshot(entries: entries, companiesMissing: missing)
    }

    /// One company's facts read afresh, or nil when the PSA no longer has the company.
    public func entry(companyID: String, now: Date) async throws -> Entry? {
        guard let company = try await psa.company(id: companyID) else { return nil }
        let lines = try await psa.lines(companyIDs: [companyID], marker: setup.marker, now: now)[companyID] ?? []
        let mapping = try await store.companyMapping(psa: setup.psa, companyId: companyID)
        var tenant: ProvisioningCloud.Tenant?
        if let id = Self.status(mapping).tenantIDInPlay { tenant = try await cloud.tenant(id: id) }
        let clock = try await tenant.asyncFlatMap { try await store.deprovisioningClock(tenantId: $0.facts.id) }
        return try await entry(company: company, lines: lines, mapping: mapping, tenant: tenant, clock: clock, now: now)
    }

    private func entry(
        company: CompanyFacts, lines: [ContractLine], mapping: CompanyMapping?, tenant: ProvisioningCloud.Tenant?,
        clock: DeprovisioningClock?, now: Date
    ) async throws -> Entry {
        let status = Self.status(mapping)
        var facts = ProvisioningFacts(
            psa: setup.psa, company: company, lines: lines, mapping: status, tenant: tenant?.facts,
            deprovisioning: clock.map(Self.state) ?? .notStarted)
        if needsContact(facts, now: now) { facts.primaryContact = try await psa.primaryContact(companyID: company.id) }
        return Entry(facts: facts, mapping: mapping, tenant: tenant)
    }

    /// Whether the plan may create a tenant whose admin comes from the primary contact.
    private func needsContact(_ facts: ProvisioningFacts, now: Date) -> Bool {
        guard case .primaryContact = setup.planner.provisioning.adminAccount else { return false }
        switch facts.mapping {
        case .readyForMapping(.newTenant), .mappingFailed(_, .newTenant):
            return true
        case .notMapped:
            return setup.planner.provisioning.automaticallyCreateCustomers
                && AutoCustomer.hasActiveMappedLine(
                    lines: facts.lines, mappings: setup.planner.mappings, today: CalendarDay(containing: now))
        default:
            return false
        }
    }

    /// The rules' view of a stored mapping.
    static func status(_ mapping: CompanyMapping?) -> MappingStatus {
        guard let mapping else { return .notMapped }
        let target: MappingTarget = mapping.tenantId.map { .existingTenant(tenantID: $0) } ?? .newTenant
        switch mapping.status {
        case .notMapped: return .notMapped
        case .readyForMapping: return .readyForMapping(target)
        case .mapped: return mapping.tenantId.map { .mapped(tenantID: $0) } ?? .notMapped
        case .mappingFailed: return .mappingFailed(reason: mapping.error ?? "mapping failed", target: target)
        case .companyMissing: return mapping.tenantId.map { .companyMissing(tenantID: $0) } ?? .notMapped
        case .tenantMissing: return mapping.tenantId.map { .tenantMissing(tenantID: $0) } ?? .notMapped
        }
    }

    static func state(_ clock: DeprovisioningClock) -> DeprovisioningState {
        DeprovisioningState(
            startedAt: clock.startedAt, quotasZeroedAt: clock.quotasZeroedAt, disabledAt: clock.disabledAt,
            deletedAt: clock.deletedAt)
    }
}

extension MappingStatus {
    /// The tenant the company has or asked for.
    public var tenantIDInPlay: String? {
        switch self {
        case .mapped(let id), .companyMissing(let id), .tenantMissing(let id): id
        case .readyForMapping(.existingTenant(let id)), .mappingFailed(_, .existingTenant(let id)): id
        case .notMapped, .readyForMapping(.newTenant), .mappingFailed(_, .newTenant): nil
        }
    }
}

extension Optional where Wrapped: Sendable {
    func asyncFlatMap<T>(_ transform: (Wrapped) async throws -> T?) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
