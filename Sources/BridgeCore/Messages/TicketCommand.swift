import BridgeValues
import Foundation

/// What the ticket updater is asked to do.
public enum TicketAction: String, Sendable, Hashable, CaseIterable, Codable {
    /// A new or recurring alert: create, note or re-open (T1, T2).
    case open
    /// The alert was resolved or dismissed: close or note (T3).
    case resolve
}

/// `ticket.command`: a ticket command for one alert occurrence.
public struct TicketCommand: MessagePayload {
    public static let messageType = MessageType.ticketCommand

    public var psa: PSAKind
    public var action: TicketAction
    public var alertKey: AlertKey
    /// The alert occurrence this command is for (`CloudAlert.occurrence`).
    public var occurrence: String
    public var alert: CloudAlert
    /// The mapped PSA company.
    public var companyId: String
    public var tenantId: String

    public init(
        psa: PSAKind, action: TicketAction, alertKey: AlertKey, occurrence: String, alert: CloudAlert,
        companyId: String, tenantId: String
    ) {
        self.psa = psa
        self.action = action
        self.alertKey = alertKey
        self.occurrence = occurrence
        self.alert = alert
        self.companyId = companyId
        self.tenantId = tenantId
    }

    /// A command for `alert` with its key and occurrence derived from it.
    public init(psa: PSAKind, action: TicketAction, alert: CloudAlert, tenantId: String, companyId: String) {
        self.init(
            psa: psa, action: action, alertKey: alert.key(tenantId: tenantId), occurrence: alert.occurrence,
            alert: alert, companyId: companyId, tenantId: tenantId)
    }

    public var envelopeTenantId: String? { tenantId }
    public var envelopeCompanyId: String? { companyId }

    /// `ticket.command:<action>:<alertKey>:<occurrence>`: one piece of work per alert occurrence (T4).
    public func defaultIdempotencyKey(messageId: UUID) -> String {
        IdempotencyKey.make(["ticket.command", action.rawValue, alertKey.stableString, occurrence])
    }

    /// The alert key must be the alert's own: same tenant, type and resource.
    public func semanticProblems() -> [SchemaProblem] {
        var problems: [SchemaProblem] = []
        if !AlertKey.sameID(alertKey.tenantId, tenantId) {
            problems.append(
                SchemaProblem(path: "/alertKey/tenantId", keyword: "alertKey", message: "must equal /tenantId"))
        }
        if alertKey.alertType != alert.type {
            problems.append(
                SchemaProblem(path: "/alertKey/alertType", keyword: "alertKey", message: "must equal /alert/type"))
        }
        if !AlertKey.sameID(alertKey.resourceId, alert.resourceId) {
            problems.append(
                SchemaProblem(
                    path: "/alertKey/resourceId", keyword: "alertKey", message: "must equal /alert/resourceId"))
        }
        return problems
    }
}
