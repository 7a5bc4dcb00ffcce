import BridgeValues

/// Public cloud storage products on a contract (B3): a vendor's product is enabled while at least
/// one storage of that vendor is on the tenant, and removed when none is.
public enum PublicCloudStorageRule {
    /// The vendors whose product should be on the contract: those with at least one storage.
    /// - Parameter storagesOnTenant: the vendor of each public cloud storage on the tenant (one
    ///   entry per storage; repeats are expected).
    public static func vendorsToEnable(storagesOnTenant: [PublicCloudVendor]) -> Set<PublicCloudVendor> {
        Set(storagesOnTenant)
    }

    /// The changes that bring the contract in line, ordered by vendor. Vendors without a mapped
    /// product are ignored.
    /// - Parameters:
    ///   - storagesOnTenant: the vendor of each public cloud storage on the tenant.
    ///   - vendorProducts: each vendor's mapped product.
    ///   - productsOnContract: the products currently on the contract.
    public static func changes(
        storagesOnTenant: [PublicCloudVendor], vendorProducts: [PublicCloudVendor: Int],
        productsOnContract: Set<Int>
    ) -> [ContractServiceChange] {
        let wanted = vendorsToEnable(storagesOnTenant: storagesOnTenant)
        return vendorProducts.sorted { $0.key < $1.key }.compactMap { vendor, product in
            switch (wanted.contains(vendor), productsOnContract.contains(product)) {
            case (true, false): return .add(productID: product, vendor: vendor)
            case (false, true): return .remove(productID: product, vendor: vendor)
            default: return nil
            }
        }
    }
}
