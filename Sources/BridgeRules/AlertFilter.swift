/// Decides whether an alert change becomes a ticket command (T1, T5).
///
/// Checks, in this order, the first failing one giving the reason:
/// 1. the ticket creation feature is on (else ``AlertSkipReason/ticketsFeatureOff``);
/// 2. the tenant is mapped to a company (else ``AlertSkipReason/unmappedTenant``);
/// 3. for an `open`: the alert type has a ticket setting and it is enabled (else
///    ``AlertSkipReason/disabledAlertType``); a type without a setting is
///    ``AlertSkipReason/alertTypeNotEnabled`` when the cloud lists it among its alert types, and
///    ``AlertSkipReason/unknownAlertType`` when it does not (or the list could not be read).
///
/// Decision where the SPEC is silent: a `resolve` passes step 3 whatever the alert type's
/// setting, so a ticket opened while its type was enabled is still closed or annotated (T3) after
/// the type is disabled; a resolve for a key that has no ticket then does nothing (see
/// ``TicketDecision``). An unmapped tenant stops resolves too: once a mapping is removed the
/// integration no longer acts for that tenant.
public enum AlertFilter {
    /// The route of one alert change.
    /// - Parameters:
    ///   - trigger: raised (`open`) or resolved (`resolve`).
    ///   - alertType: the cloud alert type id, e.g. `BackupFailed` (compared exactly).
    ///   - mappedCompanyID: the PSA company the tenant is mapped to, nil unless its mapping status
    ///     is Mapped.
    ///   - alertTypes: the per-type ticket settings: alert type id to "enabled".
    ///   - ticketsEnabled: the "ticket creation" feature switch.
    ///   - cloudAlertTypes: the alert types the cloud lists (its Alert Manager's registry); empty
    ///     when unknown.
    public static func route(
        trigger: TicketTrigger,
        alertType: String,
        mappedCompanyID: String?,
        alertTypes: [String: Bool],
        ticketsEnabled: Bool,
        cloudAlertTypes: Set<String> = []
    ) -> AlertRoute {
        guard ticketsEnabled else { return .skip(.ticketsFeatureOff) }
        guard let companyID = mappedCompanyID else { return .skip(.unmappedTenant) }
        if trigger == .open {
            guard let enabled = alertTypes[alertType] else {
                return .skip(cloudAlertTypes.contains(alertType) ? .alertTypeNotEnabled : .unknownAlertType)
            }
            guard enabled else { return .skip(.disabledAlertType) }
        }
        return .publish(companyID: companyID)
    }
}
