extension AcronisClient {
    /// Ids of the storages visible to a tenant (`GET /api/2/tenants/{id}/infra` → `infras`).
    public func infraIDs(tenantID: String) async throws -> [String] {
        struct Body: Decodable { var infras: [String] }
        return try await get(Body.self, "\(Self.accountPath)/tenants/\(Self.segment(tenantID))/infra").infras
    }

    /// One storage (`GET /api/2/infra/{id}`).
    public func infra(id: String) async throws -> AcronisInfra {
        try await get(AcronisInfra.self, "\(Self.accountPath)/infra/\(Self.segment(id))")
    }

    /// Storages by id (`GET /api/2/infra?uuids=`), 100 per call.
    public func infras(ids: [String]) async throws -> [AcronisInfra] {
        var result: [AcronisInfra] = []
        for chunk in ids.chunked(Self.batchSize) {
            result += try await get(
                AcronisItems<AcronisInfra>.self, "\(Self.accountPath)/infra",
                query: [("uuids", chunk.joined(separator: ","))]
            ).items
        }
        return result
    }

    /// A tenant's usage counters for the current period (`GET /api/2/tenants/{id}/usages`).
    public func usages(tenantID: String) async throws -> [AcronisUsage] {
        try await get(AcronisItems<AcronisUsage>.self, "\(Self.accountPath)/tenants/\(Self.segment(tenantID))/usages")
            .items
    }

    /// Usages of many tenants (`GET /api/2/tenants/usages?tenants=`), 100 tenants per call,
    /// keyed by tenant id.
    public func usages(tenantIDs: [String]) async throws -> [String: [AcronisUsage]] {
        struct Entry: Decodable, Sendable {
            var tenant: String
            var usages: [AcronisUsage]
        }
        var result: [String: [AcronisUsage]] = [:]
        for chunk in tenantIDs.chunked(Self.batchSize) {
            let entries = try await get(
                AcronisItems<Entry>.self, "\(Self.accountPath)/tenants/usages",
                query: [("tenants", chunk.joined(separator: ","))]
            ).items
            for entry in entries { result[entry.tenant, default: []] += entry.usages }
        }
        return result
    }
}
