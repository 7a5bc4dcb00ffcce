import Foundation

/// A decoded message of any type.
public enum Message: Sendable, Hashable {
    case syncTick(Envelope<SyncTick>)
    case provisionCompany(Envelope<ProvisionCompany>)
    case usageTenant(Envelope<UsageTenant>)
    case ticketCommand(Envelope<TicketCommand>)

    public var type: MessageType {
        switch self {
        case .syncTick: .syncTick
        case .provisionCompany: .provisionCompany
        case .usageTenant: .usageTenant
        case .ticketCommand: .ticketCommand
        }
    }

    public var messageId: UUID { header.messageId }
    public var idempotencyKey: String { header.idempotencyKey }
    public var tenantId: String? { header.tenantId }
    public var companyId: String? { header.companyId }
    public var occurredAt: Date { header.occurredAt }
    public var attempt: Int { header.attempt }

    /// The same message for another attempt.
    public func withAttempt(_ attempt: Int) -> Message {
        switch self {
        case .syncTick(let envelope): .syncTick(envelope.withAttempt(attempt))
        case .provisionCompany(let envelope): .provisionCompany(envelope.withAttempt(attempt))
        case .usageTenant(let envelope): .usageTenant(envelope.withAttempt(attempt))
        case .ticketCommand(let envelope): .ticketCommand(envelope.withAttempt(attempt))
        }
    }

    private var header: (messageId: UUID, idempotencyKey: String, tenantId: String?, companyId: String?,
                         occurredAt: Date, attempt: Int) {
        switch self {
        case .syncTick(let e): (e.messageId, e.idempotencyKey, e.tenantId, e.companyId, e.occurredAt, e.attempt)
        case .provisionCompany(let e): (e.messageId, e.idempotencyKey, e.tenantId, e.companyId, e.occurredAt, e.attempt)
        case .usageTenant(let e): (e.messageId, e.idempotencyKey, e.tenantId, e.companyId, e.occurredAt, e.attempt)
        case .ticketCommand(let e): (e.messageId, e.idempotencyKey, e.tenantId, e.companyId, e.occurredAt, e.attempt)
        }
    }
}
