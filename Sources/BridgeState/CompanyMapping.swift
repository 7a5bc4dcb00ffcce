import BridgeValues
import Foundation

/// A PSA company and the cloud tenant it is mapped to (SPEC P5). Mappings are by id; the names
/// are cached for display only, so a rename on either side changes nothing else.
public struct CompanyMapping: Sendable, Equatable {
    /// The mapping statuses operators see (SPEC P5).
    public enum Status: String, Sendable, CaseIterable {
        /// Known company, no tenant.
        case notMapped = "not-mapped"
        /// A mapping was requested and is queued (to an existing tenant, or to a new one when
        /// `tenantId` is `nil`).
        case readyForMapping = "ready-for-mapping"
        /// Linked to `tenantId`.
        case mapped
        /// The last mapping attempt failed; `error` says why.
        case mappingFailed = "mapping-failed"
        /// The PSA company disappeared (or left scope); the tenant id is kept.
        case companyMissing = "company-missing"
        /// The tenant disappeared; its id is kept for display.
        case tenantMissing = "tenant-missing"

        /// Statuses in which the tenant id is reserved for this company (one company per tenant).
        static let holdingTenant: [Status] = [.readyForMapping, .mapped, .companyMissing, .tenantMissing]
    }

    public var psa: PSAKind
    public var companyId: String
    public var tenantId: String?
    public var status: Status
    /// Why mapping failed or what is missing.
    public var error: String?
    public var companyName: String?
    public var tenantName: String?
    /// The PSA's company type names as last read; nil before the company was read with them.
    public var companyTypes: [String]?
    /// The last failure of a sync for this company (SPEC P7), cleared by the next success.
    public var syncError: String?
    public var syncErrorAt: Date?
    /// The last failure of billing for this company (SPEC P7, B1-B8), cleared by the next success.
    public var billingError: String?
    public var billingErrorAt: Date?
    public var createdAt: Date
    public var updatedAt: Date

    init(row: StateRow) throws {
        psa = try row.decode("psa", in: "company_mappings")
        companyId = row["company_id"]
        tenantId = row["tenant_id"]
        status = try row.decode("status", in: "company_mappings")
        error = row["error"]
        companyName = row["company_name"]
        tenantName = row["tenant_name"]
        let types: String? = row["company_types"]
        companyTypes = try types.map { text in
            guard let names = try? JSONDecoder().decode([String].self, from: Data(text.utf8)) else {
                throw StateStoreError.corruptRow(table: "company_mappings", column: "company_types", value: text)
            }
            return names
        }
        syncError = row["sync_error"]
        syncErrorAt = row["sync_error_at"]
        billingError = row["billing_error"]
        billingErrorAt = row["billing_error_at"]
        createdAt = row["created_at"]
        updatedAt = row["updated_at"]
    }
}
