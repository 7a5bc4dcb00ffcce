import BridgeValues
import Foundation

/// `usage.tenant`: usage reporting for one mapped tenant and its PSA company, for one period.
public struct UsageTenant: MessagePayload {
    public static let messageType = MessageType.usageTenant

    public var psa: PSAKind
    public var tenantId: String
    public var companyId: String
    /// The tick slot that started the report.
    public var tickSlot: Date
    /// First day of the period (inclusive).
    public var periodStart: CalendarDate
    /// Last day of the period (inclusive).
    public var periodEnd: CalendarDate

    public init(
        psa: PSAKind, tenantId: String, companyId: String, tickSlot: Date, periodStart: CalendarDate,
        periodEnd: CalendarDate
    ) {
        self.psa = psa
        self.tenantId = tenantId
        self.companyId = companyId
        self.tickSlot = Date(timeIntervalSince1970: tickSlot.timeIntervalSince1970.rounded(.down))
        self.periodStart = periodStart
        self.periodEnd = periodEnd
    }

    public var envelopeTenantId: String? { tenantId }
    public var envelopeCompanyId: String? { companyId }

    /// `usage.tenant:<psa>:<tenantId>:<companyId>:<periodStart>:<periodEnd>:<tickSlot>`.
    public func defaultIdempotencyKey(messageId: UUID) -> String {
        IdempotencyKey.make([
            "usage.tenant", psa.rawValue, tenantId, companyId, periodStart.description, periodEnd.description,
            Timestamp.format(tickSlot),
        ])
    }

    public func semanticProblems() -> [SchemaProblem] {
        guard periodEnd < periodStart else { return [] }
        return [
            SchemaProblem(
                path: "/periodEnd", keyword: "periodOrder",
                message: "must not be before periodStart (\(periodStart))")
        ]
    }

    private enum CodingKeys: String, CodingKey {
        case psa, tenantId, companyId, tickSlot, periodStart, periodEnd
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            psa: try container.decode(PSAKind.self, forKey: .psa),
            tenantId: try container.decode(String.self, forKey: .tenantId),
            companyId: try container.decode(String.self, forKey: .companyId),
            tickSlot: try container.decodeTimestamp(forKey: .tickSlot),
            periodStart: try container.decode(CalendarDate.self, forKey: .periodStart),
            periodEnd: try container.decode(CalendarDate.self, forKey: .periodEnd))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(psa, forKey: .psa)
        try container.encode(tenantId, forKey: .tenantId)
        try container.encode(companyId, forKey: .companyId)
        try container.encodeTimestamp(tickSlot, forKey: .tickSlot)
        try container.encode(periodStart, forKey: .periodStart)
        try container.encode(periodEnd, forKey: .periodEnd)
    }
}
