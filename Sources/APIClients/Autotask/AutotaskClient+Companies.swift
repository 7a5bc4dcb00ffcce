extension AutotaskClient {
    /// Companies matching the filter, all pages (`POST /Companies/query`). Active customers:
    /// `ATField("isActive") == true && ATField("companyType") == customerValue`.
    public func companies(_ filter: ATFilter, includeFields: [String]? = nil) async throws -> [ATCompany] {
        try await query(ATCompany.self, "Companies", filter, includeFields: includeFields)
    }

    /// Companies matching the filter, handed to `body` a page at a time as they are read.
    public func forEachCompanyPage(
        _ filter: ATFilter, includeFields: [String]? = nil, _ body: ([ATCompany]) async throws -> Void
    ) async throws {
        try await forEachQueryPage(ATCompany.self, "Companies", filter, includeFields: includeFields, body)
    }

    /// One company (`GET /Companies/{id}`); ``APIError/Kind/notFound`` when it does not exist.
    public func company(id: Int) async throws -> ATCompany {
        try await item(ATCompany.self, "Companies", id: id)
    }

    /// Contacts matching the filter, all pages (`POST /Contacts/query`).
    public func contacts(_ filter: ATFilter) async throws -> [ATContact] {
        try await query(ATContact.self, "Contacts", filter)
    }

    /// The company's active primary contact, or nil
    /// (`companyID = X and primaryContact = true and isActive = 1`).
    public func primaryContact(companyID: Int) async throws -> ATContact? {
        try await contacts(
            ATField("companyID") == companyID && ATField("primaryContact") == true && ATField("isActive") == 1
        ).min { $0.id < $1.id }
    }

    /// Services of the catalog matching the filter (`POST /Services/query`).
    public func services(_ filter: ATFilter = .all) async throws -> [ATService] {
        try await query(ATService.self, "Services", filter)
    }

    /// Allocation codes matching the filter (`POST /BillingCodes/query`).
    public func billingCodes(_ filter: ATFilter = .all) async throws -> [ATBillingCode] {
        try await query(ATBillingCode.self, "BillingCodes", filter)
    }

    /// One service (`GET /Services/{id}`).
    public func service(id: Int) async throws -> ATService {
        try await item(ATService.self, "Services", id: id)
    }
}
