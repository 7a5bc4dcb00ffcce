import Foundation

/// The usage one storage product should report (B3).
public struct StorageProductUsage: Sendable, Hashable {
    public var productID: Int
    public var usageClass: StorageUsageClass
    /// The usage in bytes; nil when the cloud did not report this class (write nothing).
    public var bytes: Decimal?

    public init(productID: Int, usageClass: StorageUsageClass, bytes: Decimal?) {
        self.productID = productID
        self.usageClass = usageClass
        self.bytes = bytes
    }
}
