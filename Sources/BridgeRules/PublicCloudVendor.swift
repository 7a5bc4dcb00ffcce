/// A public cloud storage vendor (B3): one PSA product per vendor, however many storages of that
/// vendor a tenant has.
public enum PublicCloudVendor: String, Sendable, Hashable, CaseIterable, Comparable {
    case microsoftAzure = "microsoft-azure"
    case amazonS3 = "amazon-s3"
    case s3Compatible = "s3-compatible"

    public static func < (lhs: PublicCloudVendor, rhs: PublicCloudVendor) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
