import BridgeValues
import Foundation

/// What to do for a company.
public enum ProvisionAction: String, Sendable, Hashable, CaseIterable, Codable {
    /// Apply quotas, automatic customers and deprovisioning (P2-P4, P6).
    case sync
    /// Create a customer tenant for the company and map it (P5).
    case mapNewTenant = "map-new-tenant"
    /// Map the company to an existing tenant, `tenantId` (P5).
    case mapExistingTenant = "map-existing-tenant"
    /// Remove the mapping; quotas are not changed (P5).
    case unmap
}

/// `provision.company`: provisioning work for one PSA company.
public struct ProvisionCompany: MessagePayload {
    public static let messageType = MessageType.provisionCompany

    public var psa: PSAKind
    /// PSA company id (decimal digits).
    public var companyId: String
    public var action: ProvisionAction
    /// The tenant to map to (required for `mapExistingTenant`).
    public var tenantId: String?
    /// The tick slot a `sync` was fanned out from.
    public var tickSlot: Date?
    /// Who asked for a mapping action.
    public var requestedBy: String?

    public init(
        psa: PSAKind, companyId: String, action: ProvisionAction, tenantId: String? = nil, tickSlot: Date? = nil,
        requestedBy: String? = nil
    ) {
        self.psa = psa
        self.companyId = companyId
        self.action = action
        self.tenantId = tenantId
        self.tickSlot = tickSlot.map { Date(timeIntervalSince1970: $0.timeIntervalSince1970.rounded(.down)) }
        self.requestedBy = requestedBy
    }

    public var envelopeTenantId: String? { tenantId }
    public var envelopeCompanyId: String? { companyId }

    /// `provision.company:<psa>:<companyId>:<action>[:<tenantId>]:<tickSlot or messageId>`: a sync is
    /// one piece of work per company and tick slot; a manual action is new work per request.
    public func defaultIdempotencyKey(messageId: UUID) -> String {
        var parts = ["provision.company", psa.rawValue, companyId, action.rawValue]
        if let tenantId { parts.append(tenantId) }
        parts.append(tickSlot.map { Timestamp.format($0) } ?? messageId.uuidString.lowercased())
        return IdempotencyKey.make(parts)
    }

    private enum CodingKeys: String, CodingKey {
        case psa, companyId, action, tenantId, tickSlot, requestedBy
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            psa: try container.decode(PSAKind.self, forKey: .psa),
            companyId: try container.decode(String.self, forKey: .companyId),
            action: try container.decode(ProvisionAction.self, forKey: .action),
            tenantId: try container.decodeIfPresent(String.self, forKey: .tenantId),
            tickSlot: try container.decodeTimestampIfPresent(forKey: .tickSlot),
            requestedBy: try container.decodeIfPresent(String.self, forKey: .requestedBy))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(psa, forKey: .psa)
        try container.encode(companyId, forKey: .companyId)
        try container.encode(action, forKey: .action)
        try container.encodeIfPresent(tenantId, forKey: .tenantId)
        try container.encodeTimestampIfPresent(tickSlot, forKey: .tickSlot)
        try container.encodeIfPresent(requestedBy, forKey: .requestedBy)
    }
}
