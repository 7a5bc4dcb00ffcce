/// The quota an offering item should have (P2, P3, P6), in the item's own unit (items for
/// ``OfferingItemUnit/count``, bytes for ``OfferingItemUnit/bytes``).
///
/// On the Acronis wire: ``unlimited`` is `quota: {value: null, overage: null}` with status 1;
/// ``limited(_:)`` is `{value: n, overage: 0}` with status 1; ``disabled`` is status 0 (or
/// `{value: 0, overage: 0}` where an item cannot be disabled, e.g. a locked item).
public enum QuotaTarget: Sendable, Hashable, CustomStringConvertible {
    /// No limit (Acronis `value: null`).
    case unlimited
    /// A hard limit of this many items or bytes, overage 0.
    case limited(Int)
    /// The item is off (status 0).
    case disabled

    /// "unlimited", "limited to N" or "disabled", for the audit log.
    public var description: String {
        switch self {
        case .unlimited: "unlimited"
        case .limited(let value): "limited to \(value)"
        case .disabled: "disabled"
        }
    }
}
