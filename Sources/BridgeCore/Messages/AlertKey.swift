import BridgeValues

/// What makes two cloud alerts "the same alert" (SPEC T2): tenant, alert type and resource.
///
/// Its `stableString` (or, when that is too long for the PSA field, a hashed short form) is
/// written into the ticket's external reference (ConnectWise `externalXRef`, 100 characters;
/// Autotask `externalID`, 50 characters), so a ticket whose creation outcome was lost is found by
/// it rather than created twice (T4). Both forms are part of the wire contract with tickets that
/// already exist in PSAs: do not change them.
public struct AlertKey: Sendable, Hashable, Codable, CustomStringConvertible {
    public var tenantId: String
    public var alertType: String
    public var resourceId: String

    public init(tenantId: String, alertType: String, resourceId: String) {
        self.tenantId = tenantId
        self.alertType = alertType
        self.resourceId = resourceId
    }

    /// `acr:{tenantId}:{alertType}:{resourceId}`. UUID-shaped ids are lower-cased (the Alert
    /// Manager may return either case); `%` and `:` inside a part are percent-encoded so the
    /// parts cannot run into each other.
    public var stableString: String {
        "acr:" + [Self.normalized(tenantId), Self.escaped(alertType), Self.normalized(resourceId)].joined(separator: ":")
    }

    /// The shortest form that fits: `stableString` when it has at most `maxLength` UTF-8 bytes,
    /// else `acr:{first 8 of tenantId}:{32 hex digits of SHA-256(stableString)}` (45 characters),
    /// or, for limits under 45, `acr:` and as many hex digits as fit (at least 16).
    public func externalReference(maxLength: Int) -> String {
        precondition(maxLength >= 20, "an external reference field shorter than 20 characters cannot hold an alert key")
        let full = stableString
        if full.utf8.count <= maxLength { return full }
        let digest = Digest.sha256Hex(full)
        let head = "acr:" + String(Self.escaped(Self.normalized(tenantId)).prefix(8)) + ":"
        if head.utf8.count + 32 <= maxLength { return head + digest.prefix(32) }
        return "acr:" + digest.prefix(maxLength - 4)
    }

    /// The external reference for `psa`'s ticket field (see `PSAKind.externalReferenceLimit`).
    public func externalReference(for psa: PSAKind) -> String {
        externalReference(maxLength: psa.externalReferenceLimit)
    }

    /// Whether `other` names the same alert (UUID-shaped parts compared without case).
    public func matches(_ other: AlertKey) -> Bool {
        stableString == other.stableString
    }

    public var description: String { stableString }

    /// Whether two ids are the same id: UUIDs compare without case, anything else exactly.
    static func sameID(_ a: String, _ b: String) -> Bool {
        normalized(a) == normalized(b)
    }

    private static func normalized(_ id: String) -> String {
        escaped(StringFormat.isUUID(id) ? id.lowercased() : id)
    }

    private static func escaped(_ part: String) -> String {
        guard part.utf8.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: ":") }) else { return part }
        var result = ""
        result.reserveCapacity(part.utf8.count + 8)
        for character in part {
            switch character {
            case "%": result += "%25"
            case ":": result += "%3A"
            default: result.append(character)
            }
        }
        return result
    }
}
