import APIClients
import BridgeCore
import BridgeRules
import BridgeState
import Foundation

/// Reads what the billing planner needs (SPEC B1-B5): for every mapped company in bulk (the
/// usage-reporter's tick, `bridgectl billing preview` and `reconcile`), or for one company
/// afresh (the `usage.tenant` handler, `preview --company`). Both paths end in the same
/// ``Entry``, so what an operator previews is what the worker writes.
///
/// - Mapped companies come from the state database (status Mapped, with a tenant).
/// - Lines: the PSA's agreement additions or contract services, through the provisioner's read
///   (``ProvisioningPSA/lines(companyIDs:marker:)``), in bulk for all mapped companies.
/// - Usage: the current period from the live usages (`/tenants/usages?tenants=`, 100 tenants a
///   call); a past period (previous month, custom billing month) from one `usage_summary`
///   report of the partner's customers (B4, ``reportRows(tenantIDs:window:slot:)``), shared by
///   the reads of one tick slot through ``reports``.
/// - A mapped sub-partner's usage is the sum over the customers below it (B5).
public struct BillingReader: Sendable {
    public var psa: any ProvisioningPSA
    public var cloud: AcronisClient
    public var setup: ProvisioningSetup
    public var store: StateStore
    /// How long a past period's usage report is waited for.
    public var reportPolling: AcronisReportPolling
    /// Past periods' reports kept for the reads of one tick slot (nil: each read makes its own).
    public var reports: UsageReportCache?

    public init(
        psa: any ProvisioningPSA, cloud: AcronisClient, setup: ProvisioningSetup, store: StateStore,
        reportPolling: AcronisReportPolling = .standard, reports: UsageReportCache? = nil
    ) {
        self.psa = psa
        self.cloud = cloud
        self.setup = setup
        self.store = store
        self.reportPolling = reportPolling
        self.reports = reports
    }

    /// One mapped company with its tenant's usage and its lines.
    public struct Entry: Sendable {
        public var mapping: CompanyMapping
        /// The mapped tenant (lower-cased).
        public var tenantID: String
        /// The customers whose usage is summed, when the tenant is a sub-partner (B5).
        public var subPartnerCustomers: [String]?
        public var lines: [ContractLine]
        public var usage: TenantUsage
    }

    /// The storage items of the mappings, for the class split (B3).
    var storageItems: Set<OfferingItemKey> {
        Set(setup.planner.mappings.filter { $0.storage != nil }.map(\.item))
    }

    /// Every mapped company's entry for `window`, read in one go (preview, reconcile). The tick
    /// reads the same entries in batches (``forEachBatch(window:slot:now:batchSize:_:)``).
    /// - Parameters:
    ///   - slot: the tick slot the read is for; reads of one slot share a past period's usage
    ///     report through ``reports`` (nil: a report of its own).
    ///   - now: the job's clock, for the lines in effect (Autotask units of the period containing it).
    public func snapshot(window: UsageReportWindow, slot: Date? = nil, now: Date) async throws -> [Entry] {
        var entries: [Entry] = []
        try await forEachBatch(window: window, slot: slot, now: now, batchSize: Int.max) { entries += $0 }
        return entries
    }

    /// How many mapped companies the tick reads at once: within one ConnectWise `company/id in`
    /// condition, so a batch's agreements are one query, and few enough that a batch's lines and
    /// usage stay a small part of the worker's memory whatever the number of customers.
    public static let batchSize = ConnectWiseProvisioning.companiesPerCondition

    /// Every mapped company's entry for `window`, handed to `body` `batchSize` companies at a
    /// time: the tenant tree is read once, each batch's lines and usage as the batch comes, so
    /// memory holds one batch (a past period's report is one read, shared through ``reports``).
    public func forEachBatch(
        window: UsageReportWindow, slot: Date? = nil, now: Date, batchSize: Int = BillingReader.batchSize,
        _ body: ([Entry]) async throws -> Void
    ) async throws {
        // The mapped companies a page at a time too, so the tick never holds every mapping at
        // once (at 10,000 customers they were its largest allocation).
        let size = max(1, batchSize)
        var page = try await store.companyMappings(psa: setup.psa, status: .mapped, after: nil, limit: size)
        guard !page.isEmpty else { return }
        // The kind of every tenant not deleted, and the children of each: all the tick keeps of the
        // tree, read a page at a time.
        var live: [String: AcronisTenantKind?] = [:]
        var children: [String: [String]] = [:]
        try await cloud.forEachSubtreePage(of: setup.partnerID, withOfferingItems: false) { page in
            for tenant in page where tenant.deletedAt == nil {
                let id = tenant.id.lowercased()
                live[id] = tenant.kind
                if let parent = tenant.parentID?.lowercased() { children[parent, default: []].append(id) }
            }
        }
        func customers(below id: String) -> [String] {
            (children[id] ?? []).flatMap { child -> [String] in
                live[child] == .customer ? [child] : customers(below: child)
            }
        }
        while true {
            var batch: [(CompanyMapping, String, [String]?)] = []
            for mapping in page {
                guard let id = mapping.tenantId?.lowercased(), let kind = live[id] else { continue }
                batch.append((mapping, id, kind == .partner ? customers(below: id) : nil))
            }
            if !batch.isEmpty {
                let companyIDs = Set(batch.map(\.0.companyId))
                async let linesRead = psa.lines(companyIDs: companyIDs, marker: setup.marker, now: now)
                let rows = try await usageRows(tenantIDs: batch.flatMap { $0.2 ?? [$0.1] }, window: window, slot: slot)
                let lines = try await linesRead
                try await body(
                    batch.map { mapping, id, subCustomers in
                        Entry(
                            mapping: mapping, tenantID: id, subPartnerCustomers: subCustomers, lines: lines[mapping.companyId] ?? [],
                            usage: usage(of: subCustomers ?? [id], rows: rows, subPartner: subCustomers != nil))
                    })
            }
            guard page.count == size, let last = page.last?.companyId else { break }
            page = try await store.companyMappings(psa: setup.psa, status: .mapped, after: last, limit: size)
        }
    }

    /// One company's entry for `window`, read afresh; nil when the company is not mapped to
    /// `tenantID` any more or the tenant is gone.
    public func entry(
        companyID: String, tenantID: String, window: UsageReportWindow, slot: Date? = nil, now: Date
    ) async throws -> Entry? {
        guard let mapping = try await store.companyMapping(psa: setup.psa, companyId: companyID), mapping.status == .mapped,
            let mapped = mapping.tenantId?.lowercased(), mapped == tenantID.lowercased()
        else { return nil }
        let tenant: AcronisTenant
        do {
            tenant = try await cloud.tenant(id: mapped)
        } catch let error as APIError where error.isNotFound {
            return nil
        }
        guard tenant.deletedAt == nil else { return nil }
        var subCustomers: [String]?
        if tenant.kind == .partner {
            subCustomers = try await cloud.subtreeTenants(of: mapped, withOfferingItems: false)
                .filter { $0.kind == .customer && $0.deletedAt == nil }.map { $0.id.lowercased() }
        }
        async let linesRead = psa.lines(companyIDs: [companyID], marker: setup.marker, now: now)
        let rows = try await usageRows(tenantIDs: subCustomers ?? [mapped], window: window, slot: slot)
        return Entry(
            mapping: mapping, tenantID: mapped, subPartnerCustomers: subCustomers, lines: try await linesRead[companyID] ?? [],
            usage: usage(of: subCustomers ?? [mapped], rows: rows, subPartner: subCustomers != nil))
    }

    private func usage(of tenants: [String], rows: [String: [UsageRow]], subPartner: Bool) -> TenantUsage {
        let each = tenants.map { UsageRow.tenantUsage(rows[$0] ?? [], storageItems: storageItems) }
        return subPartner ? TenantUsage.subPartnerTotal(each) : (each.first ?? .none)
    }

    /// The usage rows of `tenantIDs` for `window`, by tenant id (lower-cased): the live usages
    /// while the window includes today, else the partner's usage report for the window (B4).
    func usageRows(tenantIDs: [String], window: UsageReportWindow, slot: Date? = nil) async throws -> [String: [UsageRow]] {
        guard !tenantIDs.isEmpty else { return [:] }
        guard window.includesToday else { return try await reportRows(tenantIDs: tenantIDs, window: window, slot: slot) }
        var result: [String: [UsageRow]] = [:]
        for (tenant, usages) in try await cloud.usages(tenantIDs: tenantIDs) {
            result[tenant.lowercased(), default: []] += usages.map { UsageRow(tenantID: tenant, live: $0) }
        }
        return result
    }

    /// A past window's rows (B4): one `usage_summary` report of every customer below the
    /// partner (`all_customers` of `setup.partnerID`, so a sub-partner's customers are in it,
    /// B5) for the window's days, whatever number of tenants is asked for; the rows of
    /// `tenantIDs` are kept, each billed on its effective total (``UsageRow/init(report:)``).
    /// A report that failed is a permanent failure naming it; one not generated in time is
    /// transient (the message is retried later).
    func reportRows(tenantIDs: [String], window: UsageReportWindow, slot: Date? = nil) async throws -> [String: [UsageRow]] {
        let rows: [AcronisUsageReportRow]
        let (cloud, partner, polling) = (self.cloud, setup.partnerID, reportPolling)
        let read: @Sendable () async throws -> [AcronisUsageReportRow] = {
            try await cloud.usageSummary(
                tenantID: partner, level: .allCustomers, start: window.first.description, end: window.last.description,
                polling: polling)
        }
        do {
            if let reports, let slot {
                rows = try await reports.rows(partnerID: partner, window: window, slot: slot, read: read)
            } else {
                rows = try await read()
            }
        } catch let error as AcronisReportError {
            let text = "usage for the past period \(window.label): \(error)"
            throw error.isTransient ? HandlerFailure.transient(text) : HandlerFailure.permanent(text)
        }
        let wanted = Set(tenantIDs.map { $0.lowercased() })
        var result: [String: [UsageRow]] = [:]
        for row in rows {
            let usage = UsageRow(report: row)
            guard wanted.contains(usage.tenantID) else { continue }
            result[usage.tenantID, default: []].append(usage)
        }
        return result
    }
}
