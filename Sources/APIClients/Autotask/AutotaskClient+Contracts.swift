extension AutotaskClient {
    /// Contracts matching the filter (`POST /Contracts/query`), e.g. a company's recurring ones:
    /// `ATField("companyID") == 123 && ATField("contractType") == ATContract.recurringServiceType`.
    public func contracts(_ filter: ATFilter) async throws -> [ATContract] {
        try await query(ATContract.self, "Contracts", filter)
    }

    /// One contract (`GET /Contracts/{id}`).
    public func contract(id: Int) async throws -> ATContract {
        try await item(ATContract.self, "Contracts", id: id)
    }

    /// Writes contract user-defined fields (`PATCH /Contracts` with `{"id", "userDefinedFields"}`).
    public func updateContractUDFs(contractID: Int, _ fields: [ATUserDefinedField]) async throws {
        struct Body: Encodable {
            var id: Int
            var userDefinedFields: [ATUserDefinedField]
        }
        _ = try await sendForItemID(
            "PATCH", "/Contracts", body: Body(id: contractID, userDefinedFields: fields), idempotency: .idempotent)
    }

    /// Services on contracts matching the filter (`POST /ContractServices/query`), e.g.
    /// `ATField("contractID") == 42`.
    public func contractServices(_ filter: ATFilter) async throws -> [ATContractService] {
        try await query(ATContractService.self, "ContractServices", filter)
    }

    /// Puts a service on a recurring contract (`POST /Contracts/{id}/Services`) and returns the
    /// contract service id. Not resent once it may have reached the server: look it up with
    /// ``contractServices(_:)`` (`contractID` and `serviceID`) before trying again. Contract
    /// services cannot be deleted; to stop billing one, bring its units to zero with an adjustment.
    public func createContractService(_ service: ATContractServiceCreate) async throws -> Int {
        try await sendForItemID(
            "POST", "/Contracts/\(service.contractID)/Services", body: service, idempotency: .notIdempotent)
    }

    /// Unit rows matching the filter (`POST /ContractServiceUnits/query`), one per billing period.
    public func contractServiceUnits(_ filter: ATFilter) async throws -> [ATContractServiceUnit] {
        try await query(ATContractServiceUnit.self, "ContractServiceUnits", filter)
    }

    /// Creates a unit adjustment (`POST /Contracts/{id}/ServiceAdjustments`) and returns its id.
    /// Never resent once it may have reached the server (Autotask answers validation errors with
    /// 500 and has no idempotency key): the caller records adjustments to make each exactly once.
    public func createContractServiceAdjustment(_ adjustment: ATContractServiceAdjustment) async throws -> Int {
        try await sendForItemID(
            "POST", "/Contracts/\(adjustment.contractID)/ServiceAdjustments", body: adjustment,
            idempotency: .notIdempotent)
    }
}
