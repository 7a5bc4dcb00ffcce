/// Which cloud tenants the integration may change (P1).
///
/// Tenants in self-service mode or with support access disabled are never changed: no quota,
/// enable, disable or delete; their mapping shows the ``Protection/explanation``. Only customer
/// and partner (sub-partner, B5) tenants can be mapped at all.
public enum TenantGuard {
    /// Whether the integration may change `tenant`, or the first reason it may not: kind, then
    /// self-service mode, then support access.
    public static func evaluate(_ tenant: TenantFacts) -> Manageability {
        let kind = tenant.kind.lowercased()
        guard kind == "customer" || kind == "partner" else { return .neverChanged(.unsupportedKind(tenant.kind)) }
        if tenant.selfServiceMode { return .neverChanged(.selfServiceMode) }
        if tenant.supportAccessDisabled { return .neverChanged(.supportAccessDisabled) }
        return .manageable
    }

    /// Whether a tenant may be changed.
    public enum Manageability: Sendable, Hashable {
        /// The integration may change the tenant.
        case manageable
        /// The integration never changes the tenant, for this reason.
        case neverChanged(Protection)
    }

    /// Why a tenant is never changed.
    public enum Protection: Sendable, Hashable, CustomStringConvertible {
        /// Self-service mode.
        case selfServiceMode
        /// Support access disabled.
        case supportAccessDisabled
        /// A tenant kind other than customer or partner.
        case unsupportedKind(String)

        /// A stable label for counters: `self-service-mode`, `support-access-disabled`, `unsupported-kind`.
        public var code: String {
            switch self {
            case .selfServiceMode: "self-service-mode"
            case .supportAccessDisabled: "support-access-disabled"
            case .unsupportedKind: "unsupported-kind"
            }
        }

        /// The text the mapping shows.
        public var explanation: String {
            switch self {
            case .selfServiceMode:
                "the tenant is in self-service mode, so the integration does not change it"
            case .supportAccessDisabled:
                "the tenant has support access disabled, so the integration does not change it"
            case .unsupportedKind(let kind):
                "the tenant is a \(kind) tenant; only customer and partner tenants can be mapped"
            }
        }

        public var description: String { explanation }
    }
}
