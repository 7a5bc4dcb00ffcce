/// Identifies a cloud offering item of a tenant (P2, P3, B1): its `name` with the edition prefix
/// (e.g. `pw_base_workstations`) and, for infra items such as storage, the `infra_id` of the
/// storage it is bound to.
public struct OfferingItemKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The offering item name with its edition prefix.
    public var name: String
    /// The storage (infra) the item is bound to; nil for other items.
    public var infraID: String?

    /// A `OfferingItemKey` from its parts.
    public init(name: String, infraID: String? = nil) {
        self.name = name
        self.infraID = infraID
    }

    public static func < (lhs: OfferingItemKey, rhs: OfferingItemKey) -> Bool {
        (lhs.name, lhs.infraID ?? "") < (rhs.name, rhs.infraID ?? "")
    }

    /// `name` or `name@infraID`.
    public var description: String { infraID.map { "\(name)@\($0)" } ?? name }
}
