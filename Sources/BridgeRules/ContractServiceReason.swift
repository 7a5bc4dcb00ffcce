import BridgeValues

/// Why the provisioner adds a service to a contract or takes one off (B3, B7).
public enum ContractServiceReason: Sendable, Hashable, CustomStringConvertible {
    /// Two-way sync (B7): the item is enabled in the cloud.
    case enabledInCloud(OfferingItemKey)
    /// Two-way sync (B7): the item is disabled in the cloud.
    case disabledInCloud(OfferingItemKey)
    /// Public cloud storage (B3): the tenant has at least one storage of the vendor (add), or none
    /// any more (remove).
    case publicCloudStorage(PublicCloudVendor)

    public var description: String {
        switch self {
        case .enabledInCloud(let item): "\(item) is enabled in the cloud (two-way sync, B7)"
        case .disabledInCloud(let item): "\(item) is disabled in the cloud (two-way sync, B7)"
        case .publicCloudStorage(let vendor): "public cloud storage of \(vendor.displayName) (B3)"
        }
    }
}
