import APIClients
import BridgeCore
import BridgeRules
import BridgeState
import BridgeValues
import Foundation

/// Manual company mapping, first part (SPEC P5), as `bridgectl map company` and
/// `bridgectl companies` use it. Mappings are stored by ids; names are fetched for display when
/// the APIs can be reached and cached on the mapping row, so a rename changes the shown name only.
public struct CompanyMappingOperations: Sendable {
    public var store: StateStore
    /// The settings in force (for the connections); nil before the first apply.
    public var settings: BridgeSettings?
    public var clients: APIClientPool
    /// Who asks, as the audit log records it: `bridgectl` or `console:NAME`.
    public var actor: String

    public init(store: StateStore, settings: BridgeSettings?, clients: APIClientPool, actor: String = "bridgectl") {
        self.store = store
        self.settings = settings
        self.clients = clients
        self.actor = actor
    }

    /// Records an operator's mapping change in the audit log (system `psa-bridge`, object the company).
    private func audit(_ action: String, psa: PSAKind, companyId: String, before: CompanyMapping?, after: CompanyMapping?, reason: String)
        async throws
    {
        func json(_ mapping: CompanyMapping?) -> Data? {
            guard let mapping else { return nil }
            var object: [String: JSONValue] = ["status": .string(Self.displayName(mapping.status))]
            if let tenant = mapping.tenantId { object["tenantId"] = .string(tenant) }
            return JSONValue.object(object).serialized()
        }
        _ = try await store.appendAudit(
            AuditEntry(
                worker: actor, action: action, targetSystem: "psa-bridge", targetId: "\(psa.rawValue) company \(companyId)",
                before: json(before), after: json(after), reason: reason))
    }

    /// Why a mapping command was refused.
    public struct Refusal: Error, Sendable, CustomStringConvertible {
        public var description: String
        init(_ description: String) { self.description = description }
    }

    /// What `map` did.
    public struct MapResult: Sendable {
        public var mapping: CompanyMapping
        /// Names that could not be fetched, and why (the mapping is stored by ids anyway).
        public var warnings: [String]
    }

    /// Maps PSA company `companyId` to cloud tenant `tenantId` (status Mapped).
    /// - Throws: ``Refusal`` for a malformed id, a company or tenant the APIs say does not exist,
    ///   or a tenant already held by another company.
    public func map(psa: PSAKind, companyId: String, tenantId: String) async throws -> MapResult {
        guard !companyId.isEmpty, companyId.allSatisfy(\.isASCIIDigit), let numericID = Int(companyId) else {
            throw Refusal("the company id must be the PSA's numeric id, not '\(companyId)'")
        }
        guard let tenant = UUID(uuidString: tenantId) else {
            throw Refusal("the tenant id must be the cloud tenant's UUID, not '\(tenantId)'")
        }
        let tenantID = tenant.uuidString.lowercased()
        var warnings: [String] = []
        var companyName: String?
        var tenantName: String?
        if let settings, settings.psa == psa {
            do {
                let port = try await clients.ticketing(settings.connection)
                guard let name = try await port.companyName(id: numericID) else {
                    throw Refusal("\(psa.displayName) has no company \(companyId)")
                }
                companyName = name
            } catch let refusal as Refusal {
                throw refusal
            } catch {
                warnings.append("company name not fetched: \(error)")
            }
            do {
                tenantName = try await clients.acronis(settings.connection).tenant(id: tenantID).name
            } catch let error as APIError where error.isNotFound {
                throw Refusal("the cloud has no tenant \(tenantID)")
            } catch {
                warnings.append("tenant name not fetched: \(error)")
            }
        } else {
            warnings.append("names not fetched: no settings for \(psa.displayName) applied")
        }
        if let companyName { try await store.recordCompany(psa: psa, companyId: companyId, name: companyName) }
        do {
            let before = try await store.companyMapping(psa: psa, companyId: companyId)
            let mapping = try await store.markMapped(
                psa: psa, companyId: companyId, tenantId: tenantID, tenantName: tenantName)
            try await audit(
                "mapping.set", psa: psa, companyId: companyId, before: before, after: mapping, reason: "P5 mapped by \(actor)")
            return MapResult(mapping: mapping, warnings: warnings)
        } catch StateStoreError.tenantAlreadyMapped(let tenant, _, let holder) {
            throw Refusal("tenant \(tenant) is already mapped to \(psa.displayName) company \(holder); remove that mapping first")
        }
    }

    /// Queues the company for a new tenant (status Ready for mapping, P5): the provisioner creates
    /// the tenant, its admin user and its quotas, then marks it Mapped (or Mapping failed with
    /// the reason). Returns the mapping and the `provision.company` to publish so it happens now
    /// rather than at the next tick.
    public func requestNewTenant(psa: PSAKind, companyId: String) async throws -> (CompanyMapping, Message) {
        guard !companyId.isEmpty, companyId.allSatisfy(\.isASCIIDigit) else {
            throw Refusal("the company id must be the PSA's numeric id, not '\(companyId)'")
        }
        if let existing = try await store.companyMapping(psa: psa, companyId: companyId), let tenant = existing.tenantId,
            [.mapped, .companyMissing, .tenantMissing].contains(existing.status)
        {
            throw Refusal("\(psa.displayName) company \(companyId) is already mapped to tenant \(tenant); remove that mapping first")
        }
        let before = try await store.companyMapping(psa: psa, companyId: companyId)
        let mapping = try await store.requestMapping(psa: psa, companyId: companyId, tenantId: nil)
        try await audit(
            "mapping.request-new-tenant", psa: psa, companyId: companyId, before: before, after: mapping,
            reason: "P5 new tenant requested by \(actor)")
        let message = Message.provisionCompany(
            Envelope(payload: ProvisionCompany(psa: psa, companyId: companyId, action: .mapNewTenant, requestedBy: actor)))
        return (mapping, message)
    }

    /// Removes the company's mapping (status Not mapped). Changes no quota (P5).
    public func unmap(psa: PSAKind, companyId: String) async throws -> CompanyMapping {
        do {
            let before = try await store.companyMapping(psa: psa, companyId: companyId)
            let mapping = try await store.unmap(psa: psa, companyId: companyId)
            try await audit(
                "mapping.remove", psa: psa, companyId: companyId, before: before, after: mapping,
                reason: "P5 mapping removed by \(actor); no quota changed")
            return mapping
        } catch StateStoreError.mappingNotFound {
            throw Refusal("\(psa.displayName) company \(companyId) has no mapping")
        }
    }

    /// One company as `bridgectl companies` lists it.
    public struct Listing: Sendable, Codable, Equatable {
        public var psa: String
        public var companyId: String
        public var companyName: String?
        /// "Not mapped", "Ready for mapping", "Mapped", "Mapping failed", "Company missing", "Tenant missing".
        public var status: String
        public var tenantId: String?
        public var tenantName: String?
        public var error: String?
        /// The PSA's company type names (P1), when the PSA was read.
        public var types: [String]? = nil
        /// Whether the PSA calls the company active (P1), when the PSA was read.
        public var active: Bool? = nil
    }

    /// The PSA's companies (when it can be reached) with their mapping status, plus every
    /// stored mapping; names of mapped companies and tenants are refreshed on the way.
    /// - Returns: the listing, sorted by company id, and what could not be fetched.
    public func companies(psa: PSAKind) async throws -> (companies: [Listing], warnings: [String]) {
        var warnings: [String] = []
        var rows = Dictionary(
            try await store.companyMappings(psa: psa).map { ($0.companyId, $0) }, uniquingKeysWith: { a, _ in a })
        var listed: [CompanyFacts] = []
        if let settings, settings.psa == psa {
            do {
                listed = try await ProvisioningProvider.ports(for: settings, clients: clients).psa.companies()
                for company in listed {
                    if let row = rows[company.id], !company.name.isEmpty, row.companyName != company.name {
                        rows[company.id] = try await store.recordCompany(psa: psa, companyId: company.id, name: company.name)
                    }
                }
            } catch {
                warnings.append("\(psa.displayName) companies not listed: \(error)")
            }
            let tenantIDs = rows.values.compactMap(\.tenantId)
            if !tenantIDs.isEmpty {
                do {
                    for tenant in try await clients.acronis(settings.connection).tenants(ids: tenantIDs) {
                        let cached = rows.values.first { $0.tenantId == tenant.id }?.tenantName
                        if let name = tenant.name, cached != name { try await store.recordTenantName(tenantId: tenant.id, name: name) }
                    }
                    rows = Dictionary(
                        try await store.companyMappings(psa: psa).map { ($0.companyId, $0) },
                        uniquingKeysWith: { a, _ in a })
                } catch {
                    warnings.append("tenant names not refreshed: \(error)")
                }
            }
        } else {
            warnings.append("only stored mappings listed: no settings for \(psa.displayName) applied")
        }
        let facts = Dictionary(listed.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var result: [Listing] = rows.values.map {
            Listing(
                psa: psa.rawValue, companyId: $0.companyId, companyName: $0.companyName,
                status: Self.displayName($0.status), tenantId: $0.tenantId, tenantName: $0.tenantName,
                error: $0.error ?? $0.syncError, types: facts[$0.companyId]?.typeNames, active: facts[$0.companyId]?.isActive)
        }
        for company in listed where rows[company.id] == nil {
            result.append(
                Listing(
                    psa: psa.rawValue, companyId: company.id, companyName: company.name, status: "Not mapped",
                    types: company.typeNames, active: company.isActive))
        }
        result.sort { (Int($0.companyId) ?? .max, $0.companyId) < (Int($1.companyId) ?? .max, $1.companyId) }
        return (result, warnings)
    }

    /// The status as operators read it (P5).
    public static func displayName(_ status: CompanyMapping.Status) -> String {
        switch status {
        case .notMapped: "Not mapped"
        case .readyForMapping: "Ready for mapping"
        case .mapped: "Mapped"
        case .mappingFailed: "Mapping failed"
        case .companyMissing: "Company missing"
        case .tenantMissing: "Tenant missing"
        }
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
