/// A product to add to or remove from a contract (B3 public cloud storage, B7 two-way sync).
public enum ContractServiceChange: Sendable, Hashable {
    case add(productID: Int, vendor: PublicCloudVendor)
    case remove(productID: Int, vendor: PublicCloudVendor)
}
