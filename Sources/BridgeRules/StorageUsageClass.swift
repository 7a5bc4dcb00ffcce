/// The storage usage a product can be mapped to (B3).
public enum StorageUsageClass: String, Sendable, Hashable, CaseIterable {
    /// "Quota and total usage": standard plus geo-redundant.
    case total
    /// "Class 1 (free) usage" only.
    case class1
    /// "Class 2 (billed) usage" only.
    case class2
    /// Geo-redundant usage.
    case geoRedundant = "geo-redundant"
}
