import Foundation

/// A tenant's usage for one reporting period, as the billing rules read it (B1, B3, B5).
///
/// `items` holds the usage of every offering item (items, or bytes for storage) keyed like the
/// product mappings; `storages` adds the class split of a storage item where the cloud reports
/// one (B3). A storage item without an entry in `storages` reports its whole usage as standard.
public struct TenantUsage: Sendable, Hashable {
    /// Usage per offering item.
    public var items: [OfferingItemKey: Decimal]
    /// The class split of storage items (standard, geo-redundant, class 1, class 2).
    public var storages: [OfferingItemKey: StorageUsage]

    /// A `TenantUsage` from its parts.
    public init(items: [OfferingItemKey: Decimal] = [:], storages: [OfferingItemKey: StorageUsage] = [:]) {
        self.items = items
        self.storages = storages
    }

    /// No usage at all.
    public static let none = TenantUsage()

    /// The storage usage of `key`: its class split when reported, else its whole usage as
    /// standard storage.
    public func storage(_ key: OfferingItemKey) -> StorageUsage {
        storages[key] ?? StorageUsage(standardBytes: items[key] ?? 0)
    }

    /// A mapped sub-partner's usage (B5): the sum over its customers, item by item and storage
    /// class by storage class (a class one customer does not report counts as 0 there, and as
    /// not reported only when no customer reports it).
    public static func subPartnerTotal(_ customers: [TenantUsage]) -> TenantUsage {
        var total = TenantUsage(items: UsageAggregation.subPartnerTotal(customers.map(\.items)))
        for key in Set(customers.flatMap(\.storages.keys)) {
            let parts = customers.map { $0.storage(key) }
            func sum(_ value: (StorageUsage) -> Decimal?) -> Decimal? {
                let values = parts.compactMap(value)
                return values.isEmpty ? nil : values.reduce(0, +)
            }
            total.storages[key] = StorageUsage(
                standardBytes: parts.map(\.standardBytes).reduce(0, +),
                geoRedundantBytes: parts.map(\.geoRedundantBytes).reduce(0, +),
                class1Bytes: sum(\.class1Bytes), class2Bytes: sum(\.class2Bytes))
        }
        return total
    }
}
