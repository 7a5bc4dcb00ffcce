import BridgeValues
import Foundation

/// A contract or mapping the rules refuse to act on (P2, P7): the affected items keep their
/// current quota and the problem is recorded on the company's mapping.
public enum ContractProblem: Error, Sendable, Hashable, CustomStringConvertible {
    /// Autotask: pay-as-you-go and prepaid lines for the same product. An Autotask contract is
    /// either PAYG or prepaid; a product on both kinds is a mapping error (P2).
    case mixedBilling(productID: Int, contractIDs: [Int])
    /// A line with a quantity below zero.
    case negativeQuantity(lineID: Int, quantity: Decimal)
    /// A quantity too large for a quota.
    case quantityOutOfRange(productID: Int, quantity: Decimal)
    /// One product mapped to several offering items; mappings are 1:1 both ways.
    case productMappedTwice(productID: Int, items: [OfferingItemKey])
    /// Two-way sync (B7): an item enabled in the cloud whose service cannot be added, because the
    /// company has no contract with an active line to add it to.
    case noContractForService(productID: Int, item: OfferingItemKey)
    /// Public cloud storage (B3): the tenant uses the vendor's storage, but the company has no
    /// contract with an active line to add the vendor's product to.
    case noContractForStorage(productID: Int, vendor: PublicCloudVendor)

    public var description: String {
        switch self {
        case .mixedBilling(let productID, let contractIDs):
            let contracts = contractIDs.map(String.init).joined(separator: ", ")
            return "product \(productID) has pay-as-you-go and prepaid lines (contracts \(contracts)); "
                + "an Autotask contract must be either PAYG or prepaid"
        case .negativeQuantity(let lineID, let quantity):
            return "line \(lineID) has a negative quantity \(quantity)"
        case .quantityOutOfRange(let productID, let quantity):
            return "product \(productID): the quantity \(quantity) is too large for a quota"
        case .productMappedTwice(let productID, let items):
            let names = items.map(\.description).joined(separator: ", ")
            return "product \(productID) is mapped to several offering items (\(names)); each product maps to one item"
        case .noContractForService(let productID, let item):
            return "offering item \(item) is enabled in the cloud, but the company has no active contract to add service \(productID) to (two-way sync)"
        case .noContractForStorage(let productID, let vendor):
            return "the tenant uses \(vendor.displayName) storage, but the company has no active contract to add product \(productID) to"
        }
    }
}
