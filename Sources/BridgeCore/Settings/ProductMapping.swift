/// One offering item mapped to one PSA product (ConnectWise catalog item / Autotask service),
/// 1:1 both ways.
public struct ProductMapping: Sendable, Hashable {
    /// Which usage of a storage offering item a product carries (SPEC B3).
    public enum StorageUsage: String, Sendable, Hashable, CaseIterable {
        /// Quota and total usage (standard + geo-redundant).
        case total
        /// Class 1 (free) usage.
        case class1
        /// Class 2 (billed) usage.
        case class2
        /// Geo-redundant usage.
        case geoRedundant = "geo-redundant"
    }

    public var offeringItem: OfferingItemRef
    /// For storage items only; `.total` when a storage item's mapping does not say.
    public var storageUsage: StorageUsage?
    public var psaProduct: PSAReference
    /// Unlimited quota when the company has no line for the item (P3) [off].
    public var freeProvisioning: Bool
    /// The storage a customer gets when its contract carries no storage product (P3).
    public var defaultStorage: Bool

    public init(
        offeringItem: OfferingItemRef, storageUsage: StorageUsage? = nil, psaProduct: PSAReference,
        freeProvisioning: Bool = false, defaultStorage: Bool = false
    ) {
        self.defaultStorage = defaultStorage
        self.offeringItem = offeringItem
        self.storageUsage = storageUsage ?? (offeringItem.isStorage ? .total : nil)
        self.psaProduct = psaProduct
        self.freeProvisioning = freeProvisioning
    }
}

/// An offering item as settings name it: application, edition, usage name and, for storage per
/// location, the infra.
public struct OfferingItemRef: Sendable, Hashable, CustomStringConvertible {
    /// Application (service) type or id, e.g. `backup`.
    public var application: String
    /// Edition, e.g. `pck_per_workload`; nil for edition-less items.
    public var edition: String?
    /// Usage name without edition prefix, e.g. `workstations`, `storage`.
    public var usageName: String
    /// Storage (infra) id or name.
    public var infra: String?

    public init(application: String, edition: String? = nil, usageName: String, infra: String? = nil) {
        self.application = application
        self.edition = edition
        self.usageName = usageName
        self.infra = infra
    }

    /// Storage items are those whose usage name ends in `storage` (`storage`, `local_storage`,
    /// `dr_storage`, ...); they take a `storageUsage`.
    public var isStorage: Bool { usageName.hasSuffix("storage") }

    /// `backup/pck_per_workload/storage@infra`.
    public var description: String {
        application + "/" + (edition ?? "-") + "/" + usageName + (infra.map { "@" + $0 } ?? "")
    }
}
