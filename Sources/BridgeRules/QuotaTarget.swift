/// The quota an offering item should have (P2, P3, P6), in the item's own unit (items for
/// ``OfferingItemUnit/count``, bytes for ``OfferingItemUnit/bytes``).
///
/// On the Acronis wire: ``unlimited`` is `quota: {value: null, overage: null}` with status 1;
/// ``limited(_:)`` is `{value: n, overage: 0}` with status 1; ``disabled`` is status 0 (or
/// `{value: 0, overage: 0}` where an item cannot be disabled, e.g. a locked item).
public enum QuotaTarget: Sendable, Hashable {
    case unlimited
    case limited(Int)
    case disabled
}
