import Foundation

/// Why an offering item gets its quota (P2, P3), for the audit log and `bridgectl status`.
public enum QuotaReason: Sendable, Hashable, CustomStringConvertible {
    /// Prepaid lines only: the quota is their summed quantity (P2).
    case prepaid(totalQuantity: Decimal)
    /// Pay-as-you-go lines only (P2).
    case payAsYouGo
    /// Prepaid and pay-as-you-go lines for the product, ConnectWise only (P2).
    case prepaidAndPayAsYouGo
    /// No active line (or unmapped), and Free provisioning is on (P3).
    case freeProvisioning
    /// A mapped item without an active line, Free provisioning off (P3).
    case noActiveLine
    /// An unmapped item, Free provisioning off (P3).
    case unmappedItem
    /// The default storage, because no storage product is on the contract (P3).
    case defaultStorage
    /// A storage whose quota product has no active line while one of its class 1, class 2 or
    /// geo-redundant products has one: the storage is on, unlimited, and billed through those lines.
    case storageBilledThroughUsageLines

    /// The reason in words, for the audit log and `bridgectl status`.
    public var description: String {
        switch self {
        case .prepaid(let total): "prepaid lines total \(total)"
        case .payAsYouGo: "pay-as-you-go line"
        case .prepaidAndPayAsYouGo: "prepaid and pay-as-you-go lines"
        case .freeProvisioning: "no active line, Free provisioning on"
        case .noActiveLine: "no active line"
        case .unmappedItem: "not mapped to a product"
        case .defaultStorage: "default storage, no storage product on the contract"
        case .storageBilledThroughUsageLines: "storage billed through its usage-class lines"
        }
    }
}
