import BridgeValues
import Foundation

/// The deprovisioning clock of a tenant whose company lost its last active line (SPEC P6).
public struct DeprovisioningClock: Sendable, Equatable {
    /// A deprovisioning step, recorded once when done.
    public enum Step: String, Sendable, CaseIterable {
        case quotasZeroed = "quotas_zeroed_at"
        case disabled = "disabled_at"
        case deleted = "deleted_at"
    }

    public var tenantId: String
    public var psa: PSAKind
    public var companyId: String
    /// When the clock started (the N days count from here).
    public var startedAt: Date
    public var quotasZeroedAt: Date?
    public var disabledAt: Date?
    public var deletedAt: Date?
    public var updatedAt: Date

    init(row: StateRow) throws {
        tenantId = row["tenant_id"]
        psa = try row.decode("psa", in: "deprovisioning_clocks")
        companyId = row["company_id"]
        startedAt = row["started_at"]
        quotasZeroedAt = row["quotas_zeroed_at"]
        disabledAt = row["disabled_at"]
        deletedAt = row["deleted_at"]
        updatedAt = row["updated_at"]
    }
}
