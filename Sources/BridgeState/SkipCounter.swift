import Foundation

/// Why an alert created nothing (SPEC T5). Open set: the rules may add reasons.
public struct SkipReason: RawRepresentable, Sendable, Hashable {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    /// The alert's tenant is not mapped to a PSA company.
    public static let unmappedTenant = SkipReason(rawValue: "unmapped-tenant")
    /// Ticket creation is off for the alert's type.
    public static let disabledAlertType = SkipReason(rawValue: "disabled-alert-type")
    /// Ticket creation is off altogether.
    public static let ticketsDisabled = SkipReason(rawValue: "tickets-disabled")
}

/// How many alerts were skipped for one reason and alert type (SPEC T5).
public struct SkipCounter: Sendable, Equatable {
    public var reason: SkipReason
    public var alertType: String
    public var count: Int
    public var firstAt: Date
    public var lastAt: Date

    init(row: StateRow) {
        reason = SkipReason(rawValue: row["reason"])
        alertType = row["alert_type"]
        count = row["count"]
        firstAt = row["first_at"]
        lastAt = row["last_at"]
    }
}
