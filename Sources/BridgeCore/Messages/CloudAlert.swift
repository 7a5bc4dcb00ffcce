import BridgeValues
import Foundation

/// Alert severities that can reach a ticket (the Alert Manager's `ok` is a resolution, not an alert).
public enum AlertSeverity: String, Sendable, Hashable, CaseIterable, Codable {
    case critical, error, warning, information
}

/// A cloud alert as the ticket updater needs it.
public struct CloudAlert: Sendable, Hashable, Codable {
    /// Alert Manager id.
    public var id: String
    /// Alert type id, e.g. `BackupFailed`.
    public var type: String
    /// Category, e.g. `Backup`.
    public var category: String?
    public var severity: AlertSeverity
    public var resourceId: String
    public var resourceName: String
    /// Human text of the alert.
    public var message: String
    /// Type-specific details, an object or a string, as the cloud gave them.
    public var details: JSONValue?
    public var createdAt: Date
    public var updatedAt: Date
    /// Whether the alert was resolved or dismissed.
    public var resolved: Bool

    public init(
        id: String, type: String, category: String? = nil, severity: AlertSeverity, resourceId: String,
        resourceName: String, message: String, details: JSONValue? = nil, createdAt: Date, updatedAt: Date,
        resolved: Bool
    ) {
        self.id = id
        self.type = type
        self.category = category
        self.severity = severity
        self.resourceId = resourceId
        self.resourceName = resourceName
        self.message = message
        self.details = details
        self.createdAt = createdAt.roundedToMilliseconds
        self.updatedAt = updatedAt.roundedToMilliseconds
        self.resolved = resolved
    }

    /// Identifies this occurrence of the alert: `<id>@<updatedAt>` (RFC 3339). A new occurrence
    /// of the same alert (recurrence, resolution) has a new `updatedAt`.
    public var occurrence: String {
        id + "@" + Timestamp.format(updatedAt)
    }

    /// The key that makes alerts "the same alert" for this one, under `tenantId`.
    public func key(tenantId: String) -> AlertKey {
        AlertKey(tenantId: tenantId, alertType: type, resourceId: resourceId)
    }

    private enum CodingKeys: String, CodingKey {
        case id, type, category, severity, resourceId, resourceName, message, details, createdAt, updatedAt, resolved
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try container.decode(String.self, forKey: .id),
            type: try container.decode(String.self, forKey: .type),
            category: try container.decodeIfPresent(String.self, forKey: .category),
            severity: try container.decode(AlertSeverity.self, forKey: .severity),
            resourceId: try container.decode(String.self, forKey: .resourceId),
            resourceName: try container.decode(String.self, forKey: .resourceName),
            message: try container.decode(String.self, forKey: .message),
            details: try container.decodeIfPresent(JSONValue.self, forKey: .details),
            createdAt: try container.decodeTimestamp(forKey: .createdAt),
            updatedAt: try container.decodeTimestamp(forKey: .updatedAt),
            resolved: try container.decode(Bool.self, forKey: .resolved))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(type, forKey: .type)
        try container.encodeIfPresent(category, forKey: .category)
        try container.encode(severity, forKey: .severity)
        try container.encode(resourceId, forKey: .resourceId)
        try container.encode(resourceName, forKey: .resourceName)
        try container.encode(message, forKey: .message)
        if let details, !details.isNull { try container.encode(details, forKey: .details) }
        try container.encodeTimestamp(createdAt, forKey: .createdAt)
        try container.encodeTimestamp(updatedAt, forKey: .updatedAt)
        try container.encode(resolved, forKey: .resolved)
    }
}
