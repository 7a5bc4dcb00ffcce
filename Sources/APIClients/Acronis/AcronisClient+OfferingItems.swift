extension AcronisClient {
    /// All services of the platform (`GET /api/2/applications`).
    public func applications() async throws -> [AcronisApplication] {
        try await get(AcronisItems<AcronisApplication>.self, "\(Self.accountPath)/applications").items
    }

    /// Ids of the services enabled for a tenant (`GET /api/2/tenants/{id}/applications`).
    public func applicationIDs(tenantID: String) async throws -> [String] {
        try await get(AcronisItems<String>.self, "\(Self.accountPath)/tenants/\(Self.segment(tenantID))/applications")
            .items
    }

    /// A tenant's offering items with quotas (`GET /api/2/tenants/{id}/offering_items`).
    /// - Parameter edition: `*` (default) for all editions. Without it the API returns only the
    ///   legacy `standard` edition.
    public func offeringItems(tenantID: String, edition: String = "*") async throws -> [AcronisOfferingItem] {
        try await get(
            AcronisItems<AcronisOfferingItem>.self,
            "\(Self.accountPath)/tenants/\(Self.segment(tenantID))/offering_items", query: [("edition", edition)]
        ).items
    }

    /// Offering items a child of `kind` may get under `parentID`
    /// (`GET /api/2/tenants/{parent}/offering_items/available_for_child`).
    public func offeringItemsAvailableForChild(
        parentID: String, kind: AcronisTenantKind, edition: String = "*"
    ) async throws -> [AcronisOfferingItem] {
        try await get(
            AcronisItems<AcronisOfferingItem>.self,
            "\(Self.accountPath)/tenants/\(Self.segment(parentID))/offering_items/available_for_child",
            query: [("kind", kind.rawValue), ("edition", edition)]
        ).items
    }

    /// Enables, disables or sets quotas of offering items (`PUT /api/2/tenants/{id}/offering_items`,
    /// body root key `offering_items`). Each quota must carry its current version.
    /// - Returns: the resulting items as the server reports them.
    @discardableResult
    public func updateOfferingItems(
        tenantID: String, _ items: [AcronisOfferingItemUpdate]
    ) async throws -> [AcronisOfferingItem] {
        struct Body: Encodable {
            var offeringItems: [AcronisOfferingItemUpdate]
            enum CodingKeys: String, CodingKey { case offeringItems = "offering_items" }
        }
        return try await sendJSON(
            "PUT", "\(Self.accountPath)/tenants/\(Self.segment(tenantID))/offering_items",
            body: Body(offeringItems: items), idempotency: .idempotent,
            returning: AcronisItems<AcronisOfferingItem>.self
        ).items
    }
}
