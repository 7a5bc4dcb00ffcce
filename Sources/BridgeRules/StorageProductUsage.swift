import Foundation

/// The usage one storage product should report (B3).
public struct StorageProductUsage: Sendable, Hashable {
    /// The mapped product.
    public var productID: Int
    /// Which storage usage the product reports.
    public var usageClass: StorageUsageClass
    /// The usage in bytes; nil when the cloud did not report this class (write nothing).
    public var bytes: Decimal?

    /// A `StorageProductUsage` from its parts.
    public init(productID: Int, usageClass: StorageUsageClass, bytes: Decimal?) {
        self.productID = productID
        self.usageClass = usageClass
        self.bytes = bytes
    }
}
