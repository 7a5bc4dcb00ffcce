import APIClients
import BridgeRules
import Foundation

/// One usage figure of a tenant for a period, from the live usages (the current month) or a
/// usage report (past periods): which offering item, on which storage, how much.
public struct UsageRow: Sendable, Hashable {
    public var tenantID: String
    /// The offering item name (with its edition prefix).
    public var name: String
    /// The usage name without prefix.
    public var usageName: String
    /// The storage, for infra usages.
    public var infraID: String?
    /// Items, bytes or seconds.
    public var value: Decimal

    public init(tenantID: String, name: String, usageName: String, infraID: String?, value: Decimal) {
        self.tenantID = tenantID
        self.name = name
        self.usageName = usageName
        self.infraID = infraID
        self.value = value
    }

    /// A live usage counter (`value` covers the current period; for compute points it is the
    /// cumulative value since the period's start, the figure to bill).
    init(tenantID: String, live usage: AcronisUsage) {
        self.init(
            tenantID: tenantID.lowercased(), name: usage.name, usageName: usage.usageName ?? usage.name,
            infraID: usage.infraID, value: Self.decimal(usage.value))
    }

    /// A Double from JSON as the exact decimal it was written as (no locale: `String(Double)`
    /// writes "." and `Decimal(string:)` reads it without loading any locale data).
    static func decimal(_ value: Double) -> Decimal {
        Decimal(string: String(value)) ?? Decimal(value)
    }

    /// Usage names that split a storage's usage by class (B3). Inferred: the Acronis references
    /// confirm neither these names nor that a data center reports them (acronis-api.md 9.2); a
    /// row of one of them counts for every mapped storage item on the same `infra_id`.
    static let storageClasses: [String: StorageUsageClass] = [
        "class1_storage": .class1, "class2_storage": .class2, "geo_redundant_storage": .geoRedundant,
    ]

    /// A tenant's ``TenantUsage`` from its rows: every row is an item's usage; the storage class
    /// rows add the class split of the mapped storage items (`storageItems`) on their storage.
    static func tenantUsage(_ rows: [UsageRow], storageItems: Set<OfferingItemKey>) -> TenantUsage {
        var usage = TenantUsage()
        for row in rows {
            usage.items[OfferingItemKey(name: row.name, infraID: row.infraID), default: 0] += row.value
        }
        for key in storageItems {
            var storage = StorageUsage(standardBytes: usage.items[key] ?? 0)
            for row in rows where row.infraID == key.infraID {
                switch storageClasses[row.usageName] {
                case .class1?: storage.class1Bytes = (storage.class1Bytes ?? 0) + row.value
                case .class2?: storage.class2Bytes = (storage.class2Bytes ?? 0) + row.value
                case .geoRedundant?: storage.geoRedundantBytes += row.value
                case .total?, nil: continue
                }
            }
            usage.storages[key] = storage
        }
        return usage
    }
}
