extension ConnectWiseClient {
    /// Companies matching the query, all pages (`GET /company/companies`). Customer companies:
    /// `CWQuery(where: CWField("status/name") == "Active" && CWField("deletedFlag") == false,
    /// childConditions: CWField("types/name") == "Client")`.
    public func companies(_ query: CWQuery = CWQuery()) async throws -> [CWCompany] {
        try await listAll(CWCompany.self, "/company/companies", query)
    }

    /// Companies matching the query, handed to `body` a page at a time as they are read.
    public func forEachCompanyPage(_ query: CWQuery = CWQuery(), _ body: ([CWCompany]) async throws -> Void) async throws {
        try await forEachPage(CWCompany.self, "/company/companies", query, body)
    }

    /// One company (`GET /company/companies/{id}`).
    public func company(id: Int) async throws -> CWCompany {
        try await get(CWCompany.self, "/company/companies/\(id)")
    }

    /// Company types (`GET /company/companies/types`).
    public func companyTypes() async throws -> [CWCompanyType] {
        try await listAll(CWCompanyType.self, "/company/companies/types", CWQuery())
    }

    /// Company statuses (`GET /company/companies/statuses`).
    public func companyStatuses() async throws -> [CWCompanyStatus] {
        try await listAll(CWCompanyStatus.self, "/company/companies/statuses", CWQuery())
    }

    /// Contacts matching the query, all pages (`GET /company/contacts`).
    public func contacts(_ query: CWQuery = CWQuery()) async throws -> [CWContact] {
        try await listAll(CWContact.self, "/company/contacts", query)
    }

    /// The company's default (primary) contact: `company/id = X and defaultFlag = true`, or nil.
    public func primaryContact(companyID: Int) async throws -> CWContact? {
        let matches = try await contacts(
            CWQuery(
                where: CWField("company/id") == companyID && CWField("defaultFlag") == true,
                orderBy: .ascending("id")))
        return matches.first { $0.inactiveFlag != true } ?? matches.first
    }

    /// Product catalog items matching the query (`GET /procurement/catalog`).
    public func catalogItems(_ query: CWQuery = CWQuery()) async throws -> [CWCatalogItem] {
        try await listAll(CWCatalogItem.self, "/procurement/catalog", query)
    }

    /// One catalog item (`GET /procurement/catalog/{id}`).
    public func catalogItem(id: Int) async throws -> CWCatalogItem {
        try await get(CWCatalogItem.self, "/procurement/catalog/\(id)")
    }
}
