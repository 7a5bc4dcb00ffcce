import Foundation

/// The facts about one cloud alert that ticket text is made of (T1).
///
/// Built by the alert-consumer from the Acronis alert (`type`, `severity`, `details.resourceName`,
/// `details.planName`, `details.errorMessage.reason`, `createdAt`/`updatedAt`, ...).
public struct AlertFacts: Sendable, Hashable {
    /// The alert's id in the cloud.
    public var alertID: String
    /// The alert type id, e.g. `BackupFailed`.
    public var alertType: String
    /// The alert's human title, e.g. "Backup failed"; the type id is used when empty.
    public var title: String
    /// The severity as the cloud names it (`critical`, `error`, `warning`, `information`).
    public var severity: String
    /// The alert category, e.g. `Backup`.
    public var category: String?
    /// When the alert occurred (the occurrence shown in the ticket).
    public var occurredAt: Date
    /// The tenant's id.
    public var tenantID: String
    /// The tenant's name (the id is used when empty).
    public var tenantName: String
    /// The id of the resource (machine, mailbox, ...) the alert is about, when it has one.
    public var resourceID: String?
    /// The resource's name, preferred over its id in the summary.
    public var resourceName: String?
    /// The protection plan, when the alert names one.
    public var planName: String?
    /// The alert's detail text (error message or description).
    public var message: String?

    /// A `AlertFacts` from its parts.
    public init(
        alertID: String, alertType: String, title: String, severity: String, category: String? = nil,
        occurredAt: Date, tenantID: String, tenantName: String, resourceID: String? = nil,
        resourceName: String? = nil, planName: String? = nil, message: String? = nil
    ) {
        self.alertID = alertID
        self.alertType = alertType
        self.title = title
        self.severity = severity
        self.category = category
        self.occurredAt = occurredAt
        self.tenantID = tenantID
        self.tenantName = tenantName
        self.resourceID = resourceID
        self.resourceName = resourceName
        self.planName = planName
        self.message = message
    }
}
