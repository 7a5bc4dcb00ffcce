/// Why an alert creates no ticket command (T5). The raw values are stable: they are the counter
/// labels that `bridgectl status` shows.
public enum AlertSkipReason: String, Sendable, Hashable, CaseIterable {
    /// The "ticket creation" feature is off.
    case ticketsFeatureOff = "tickets-feature-off"
    /// The alert's tenant is not mapped to a PSA company (or its mapping is not in the Mapped
    /// status: ready, failed, company missing, tenant missing).
    case unmappedTenant = "unmapped-tenant"
    /// The alert type has no entry in the ticket settings, and the cloud does not list it among
    /// its alert types either.
    case unknownAlertType = "unknown-alert-type"
    /// The alert type's entry is disabled.
    case disabledAlertType = "disabled-alert-type"
    /// The cloud lists the alert type, but the ticket settings do not enable it (no entry).
    case alertTypeNotEnabled = "alert-type-not-enabled"
}
