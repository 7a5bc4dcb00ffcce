import Foundation

/// Usage of a mapped sub-partner (B5): the sum over its customers.
public enum UsageAggregation {
    /// The per-item sum of every customer's usage; an item missing at a customer counts as 0 there.
    /// - Parameter customers: each customer's usage by offering item (or any other key).
    public static func subPartnerTotal<Key: Hashable>(_ customers: [[Key: Decimal]]) -> [Key: Decimal] {
        customers.reduce(into: [:]) { total, usage in
            total.merge(usage, uniquingKeysWith: +)
        }
    }
}
