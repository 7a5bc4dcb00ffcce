import Foundation

/// A tenant's usage of one storage (one `infra_id`) in bytes (B3).
///
/// The class split is optional: the Acronis reference does not confirm that every data center
/// reports class 1 and class 2 usage, and a missing figure is not the same as zero.
public struct StorageUsage: Sendable, Hashable {
    /// Standard (not geo-replicated) usage.
    public var standardBytes: Decimal
    /// Geo-redundant replica usage (0 without geo-redundancy).
    public var geoRedundantBytes: Decimal
    /// Class 1 (free) usage, when reported.
    public var class1Bytes: Decimal?
    /// Class 2 (billed) usage, when reported.
    public var class2Bytes: Decimal?

    /// A `StorageUsage` from its parts.
    public init(standardBytes: Decimal, geoRedundantBytes: Decimal = 0, class1Bytes: Decimal? = nil, class2Bytes: Decimal? = nil) {
        self.standardBytes = standardBytes
        self.geoRedundantBytes = geoRedundantBytes
        self.class1Bytes = class1Bytes
        self.class2Bytes = class2Bytes
    }

    /// The bytes of `usageClass`: total = standard + geo-redundant (B3); nil when not reported.
    public func bytes(of usageClass: StorageUsageClass) -> Decimal? {
        switch usageClass {
        case .total: standardBytes + geoRedundantBytes
        case .class1: class1Bytes
        case .class2: class2Bytes
        case .geoRedundant: geoRedundantBytes
        }
    }
}
