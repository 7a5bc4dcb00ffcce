import BridgeValues
import Foundation

/// An alert (`GET /api/alert_manager/v1/alerts`). Alert Manager bodies are camelCase.
public struct AcronisAlert: Sendable, Hashable, Decodable {
    /// Alert id (a UUID, sometimes upper-case).
    public var id: String
    /// Alert type id, e.g. `BackupFailed`.
    public var type: String
    public var category: String?
    /// `ok`, `information`, `warning`, `error`, `critical`.
    public var severity: String?
    public var tenant: Tenant?
    public var createdAt: Date?
    public var receivedAt: Date?
    /// Last change (creation or dismissal); the polling cursor advances over it.
    public var updatedAt: Date?
    /// Set when the alert was dismissed (by a user, the API, or because the condition cleared).
    public var deletedAt: Date?
    /// Type-specific details: `resourceId`, `resourceName`, `planId`, `planName`, ...
    public var details: JSONValue?
    /// Deprecated unique key of the alert per type, e.g. `{planId, resourceId}`.
    public var context: JSONValue?

    /// The tenant an alert belongs to.
    public struct Tenant: Sendable, Hashable, Decodable {
        /// Tenant UUID (maps to a PSA company).
        public var uuid: String?
        /// Legacy id (number or string).
        public var id: JSONValue?
        public var locator: String?
    }

    /// True when the alert has been dismissed or resolved.
    public var isDismissed: Bool { deletedAt != nil }

    /// The resource the alert is about (`details.resourceId`), if given.
    public var resourceID: String? { details?["resourceId"]?.stringValue }
    /// The resource's display name (`details.resourceName`), if given.
    public var resourceName: String? { details?["resourceName"]?.stringValue }

    /// `updatedAt` as Unix nanoseconds (millisecond precision), the unit Alert Manager filters use.
    public var updatedAtNanoseconds: Int64? { updatedAt.map(AcronisAlertCursor.nanoseconds(of:)) }

    enum CodingKeys: String, CodingKey {
        case id, type, category, severity, tenant, createdAt, receivedAt, updatedAt, deletedAt, details, context
    }
}
