/// A public cloud storage vendor (B3): one PSA product per vendor, however many storages of that
/// vendor a tenant has.
public enum PublicCloudVendor: String, Sendable, Hashable, CaseIterable, Comparable {
    /// Microsoft Azure storage.
    case microsoftAzure = "microsoft-azure"
    /// Amazon S3 storage.
    case amazonS3 = "amazon-s3"
    /// S3-compatible storage.
    case s3Compatible = "s3-compatible"

    public static func < (lhs: PublicCloudVendor, rhs: PublicCloudVendor) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
