import BridgeValues

/// A product to add to or remove from a contract (B3 public cloud storage, B7 two-way sync).
public enum ContractServiceChange: Sendable, Hashable {
    /// Add the vendor's product to the contract.
    case add(productID: Int, vendor: PublicCloudVendor)
    /// Remove the vendor's product from the contract.
    case remove(productID: Int, vendor: PublicCloudVendor)
}
