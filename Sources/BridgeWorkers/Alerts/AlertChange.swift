import APIClients
import BridgeCore
import BridgeRules
import BridgeValues
import Foundation

/// One alert change read from the Alert Manager, as the ticket command it may become:
/// a new or recurring alert is an `open`, a dismissed one (or one whose severity became `ok`) a
/// `resolve` (acronis-api 11.5).
public struct AlertChange: Sendable, Hashable {
    public var alert: CloudAlert
    /// The tenant UUID, lower-cased.
    public var tenantId: String
    public var trigger: TicketTrigger

    /// Same tenant, alert type and resource: "the same alert" (T2).
    public var key: AlertKey { alert.key(tenantId: tenantId) }
    public var action: TicketAction { trigger == .open ? .open : .resolve }

    public init(alert: CloudAlert, tenantId: String, trigger: TicketTrigger) {
        self.alert = alert
        self.tenantId = tenantId
        self.trigger = trigger
    }

    /// The change an Acronis alert stands for.
    /// - Throws: ``AlertChangeError`` when the alert lacks what a ticket needs (tenant UUID,
    ///   `updatedAt`, a type) or a field is longer than a ticket command allows.
    public init(_ alert: AcronisAlert) throws(AlertChangeError) {
        func refuse(_ reason: String) -> AlertChangeError { AlertChangeError(alertID: alert.id, reason: reason) }
        guard let uuid = alert.tenant?.uuid, let tenant = UUID(uuidString: uuid) else {
            throw refuse("no tenant UUID")
        }
        guard let updatedAt = alert.updatedAt else { throw refuse("no updatedAt") }
        guard !alert.type.isEmpty, alert.type.count <= 200 else { throw refuse("alert type empty or over 200 characters") }
        guard !alert.id.isEmpty, alert.id.count <= 200 else { throw refuse("alert id empty or over 200 characters") }
        let details = alert.details
        let resourceID = [
            details?["resourceId"]?.stringValue, alert.context?["resourceId"]?.stringValue, details?["planId"]?.stringValue,
        ].compactMap { $0 }.first { !$0.isEmpty } ?? "tenant"
        guard resourceID.count <= 200 else { throw refuse("resource id over 200 characters") }
        let severityText = alert.severity?.lowercased() ?? "warning"
        let cleared = severityText == "ok"
        let severity = AlertSeverity(rawValue: severityText) ?? (cleared ? .information : .warning)
        let resolved = alert.isDismissed || cleared
        let cloudAlert = CloudAlert(
            id: alert.id, type: alert.type, category: alert.category.map { String($0.prefix(200)) }, severity: severity,
            resourceId: resourceID, resourceName: String((details?["resourceName"]?.stringValue ?? "").prefix(1000)),
            message: String(Self.message(details).prefix(65_536)),
            details: details.flatMap { $0.objectValue != nil || $0.stringValue != nil ? $0 : nil },
            createdAt: alert.createdAt ?? updatedAt, updatedAt: updatedAt, resolved: resolved)
        self.init(alert: cloudAlert, tenantId: tenant.uuidString.lowercased(), trigger: resolved ? .resolve : .open)
    }

    /// The alert's human text: the error reason, error text, description or message in its details.
    static func message(_ details: JSONValue?) -> String {
        guard let details else { return "" }
        let candidates: [JSONValue?] = [
            details["errorMessage"]?["reason"], details["error"]?["text"], details["description"], details["message"],
            details["errorMessage"],
        ]
        return candidates.compactMap { $0?.stringValue }.first { !$0.isEmpty } ?? ""
    }
}

/// An alert that cannot become a ticket command.
public struct AlertChangeError: Error, Sendable, Hashable, CustomStringConvertible {
    public var alertID: String
    public var reason: String

    public var description: String { "alert \(alertID) cannot become a ticket command: \(reason)" }
}
