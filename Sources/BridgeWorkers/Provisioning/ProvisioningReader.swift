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

    /// One company's facts (its tenant as read among them, `facts.tenant`), with its mapping.
    public struct Entry: Sendable {
        public var facts: ProvisioningFacts
        /// The stored mapping (nil for a company the store has not seen yet).
        public var mapping: CompanyMapping?
    }

    /// What a bulk read found.
    public struct Snapshot: Sendable {
        public var entries: [Entry]
        /// Mappings holding a tenant whose PSA company is gone (deleted or no longer listed).
        public var companiesMissing: [CompanyMapping]
    }

    /// What a bulk read went through, besides the entries handed on.
    public struct BulkRead: Sendable {
        /// Companies read (one entry each).
        public var companies: Int
        /// Mappings holding a tenant whose PSA company is gone (deleted or no longer listed).
        public var companiesMissing: [CompanyMapping]
    }

    /// Every company's facts as of `now` (``forEachEntry(now:_:)``), kept.
    public func snapshot(now: Date) async throws -> Snapshot {
        var entries: [Entry] = []
        let read = try await forEachEntry(now: now) { entries.append($0) }
        return Snapshot(entries: entries, companiesMissing: read.companiesMissing)
    }

    /// How many companies the tick reads lines and tenants for at once: one ConnectWise
    /// `company/id in` condition, two Acronis `uuids` pages. The tick's memory holds one batch's
    /// lines and tenants, whatever the number of companies.
    public static let batchSize = ConnectWiseProvisioning.companiesPerCondition

    /// Hands every company's facts as of `now` to `body`, one at a time: the PSA's companies a
    /// page at a time as it lists them, then each page's lines, mappings and tenants a batch of
    /// companies at a time (primary contacts only for companies that may get a new tenant now),
    /// so the tick holds one page of companies and one batch's lines and tenants, never every
    /// company's. Only the listed ids are kept whole, to find the mapped companies the PSA no
    /// longer lists, which is decided once the listing is complete.
    public func forEachEntry(
        now: Date, batchSize: Int = ProvisioningReader.batchSize, _ body: (Entry) async throws -> Void
    ) async throws -> BulkRead {
        let clocks = Dictionary(
            try await store.deprovisioningClocks().map { ($0.tenantId.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        var keys = Set<OfferingItemKey>()
        var listed = Set<String>()
        let size = max(1, batchSize)
        func read(_ batch: [CompanyFacts]) async throws {
            async let linesRead = psa.lines(companyIDs: Set(batch.map(\.id)), marker: setup.marker, now: now)
            // The batch's mappings only: at 10,000 companies every mapping at once was a large
            // part of the tick's memory.
            let mappings = Dictionary(
                try await store.companyMappings(psa: setup.psa, companyIds: batch.map(\.id)).map { ($0.companyId, $0) },
                uniquingKeysWith: { first, _ in first })
            let wanted = batch.compactMap { Self.status(mappings[$0.id]).tenantIDInPlay?.lowercased() }
            let tenants = wanted.isEmpty ? [:] : try await cloud.tenants(ids: wanted, keys: &keys)
            var lines = try await linesRead
            for company in batch {
                let mapping = mappings[company.id]
                let tenant = Self.status(mapping).tenantIDInPlay.flatMap { tenants[$0.lowercased()] }
                try await body(
                    try await entry(
                        company: company, lines: lines.removeValue(forKey: company.id) ?? [], mapping: mapping, tenant: tenant,
                        clock: tenant.flatMap { clocks[$0.id] }, now: now))
            }
        }
        // Whole batches across page boundaries (a PSA page need not be a multiple of a batch),
        // so the number of line reads is that of the companies, not of the pages.
        var pending: [CompanyFacts] = []
        try await psa.forEachCompanyPage { page in
            listed.formUnion(page.lazy.map(\.id))
            pending += page
            while pending.count >= size {
                let batch = Array(pending.prefix(size))
                pending.removeFirst(size)
                try await read(batch)
            }
        }
        if !pending.isEmpty { try await read(pending) }
        var missing: [CompanyMapping] = []
        var after: String?
        while true {
            let page = try await store.companyMappings(psa: setup.psa, status: .mapped, after: after, limit: size)
            missing += page.filter { $0.tenantId != nil && !listed.contains($0.companyId) }
            guard page.count == size, let last = page.last?.companyId else { break }
            after = last
        }
        return BulkRead(companies: listed.count, companiesMissing: missing)
    }

    /// One company's facts read afresh, or nil when the PSA no longer has the company.
    public func entry(companyID: String, now: Date) async throws -> Entry? {
        guard let company = try await psa.company(id: companyID) else { return nil }
        let lines = try await psa.lines(companyIDs: [companyID], marker: setup.marker, now: now)[companyID] ?? []
        let mapping = try await store.companyMapping(psa: setup.psa, companyId: companyID)
        var tenant: TenantFacts?
        if let id = Self.status(mapping).tenantIDInPlay { tenant = try await cloud.tenant(id: id) }
        let clock = try await tenant.asyncFlatMap { try await store.deprovisioningClock(tenantId: $0.id) }
        return try await entry(company: company, lines: lines, mapping: mapping, tenant: tenant, clock: clock, now: now)
    }

    private func entry(
        company: CompanyFacts, lines: [ContractLine], mapping: CompanyMapping?, tenant: TenantFacts?,
        clock: DeprovisioningClock?, now: Date
    ) async throws -> Entry {
        let status = Self.status(mapping)
        var facts = ProvisioningFacts(
            psa: setup.psa, company: company, lines: lines, mapping: status, tenant: tenant,
            deprovisioning: clock.map(Self.state) ?? .notStarted)
        if needsContact(facts, now: now) { facts.primaryContact = try await psa.primaryContact(companyID: company.id) }
        return Entry(facts: facts, mapping: mapping)
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
