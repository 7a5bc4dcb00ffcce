import Foundation

/// Storage usage per storage mapping (B3).
public enum StorageBilling {
    /// Bytes in one GB: 2^30. Acronis `bytes` items are binary ("1073741824 = 1 GB" in the portal,
    /// acronis-api.md 7.2, 7.3), so quotas (P2) and billed usage (B3) use the same GB the portal
    /// shows.
    public static let bytesPerGigabyte = 1_073_741_824

    /// `bytes` in GB, exactly (no rounding; see ``UsageConversion`` for the PSA's precision).
    public static func gigabytes(bytes: Decimal) -> Decimal {
        bytes / Decimal(bytesPerGigabyte)
    }

    /// The usage each product of a storage mapping reports: the "quota and total usage" product
    /// gets standard + geo-redundant, the class 1, class 2 and geo-redundant products their own
    /// figures. Products not mapped are left out; the order is total, class 1, class 2,
    /// geo-redundant.
    public static func productUsages(mapping: OfferingItemMapping, usage: StorageUsage) -> [StorageProductUsage] {
        let products: [(Int?, StorageUsageClass)] = [
            (mapping.product, .total),
            (mapping.storage?.class1, .class1),
            (mapping.storage?.class2, .class2),
            (mapping.storage?.geoRedundant, .geoRedundant),
        ]
        return products.compactMap { product, usageClass in
            product.map { StorageProductUsage(productID: $0, usageClass: usageClass, bytes: usage.bytes(of: usageClass)) }
        }
    }
}
