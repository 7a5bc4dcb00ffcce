import BridgeValues

/// A public cloud storage vendor mapped to one PSA product (SPEC B3).
public struct PublicCloudStorageMapping: Sendable, Hashable {
    public var vendor: PublicCloudVendor
    public var psaProduct: PSAReference

    public init(vendor: PublicCloudVendor, psaProduct: PSAReference) {
        self.vendor = vendor
        self.psaProduct = psaProduct
    }

    var jsonValue: JSONValue {
        ["vendor": .string(vendor.rawValue), "psaProduct": psaProduct.jsonValue]
    }
}
