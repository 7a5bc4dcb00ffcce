import BridgeValues
import Foundation

extension ConnectWiseClient {
    /// Agreements matching the query, all pages (`GET /finance/agreements`), e.g.
    /// `CWField("company/id") == 250 && CWField("cancelledFlag") == false`.
    public func agreements(_ query: CWQuery = CWQuery()) async throws -> [CWAgreement] {
        try await listAll(CWAgreement.self, "/finance/agreements", query)
    }

    /// One agreement (`GET /finance/agreements/{id}`).
    public func agreement(id: Int) async throws -> CWAgreement {
        try await get(CWAgreement.self, "/finance/agreements/\(id)")
    }

    /// Updates an agreement with PATCH operations (`PATCH /finance/agreements/{id}`).
    public func patchAgreement(id: Int, _ operations: [CWPatchOperation]) async throws -> CWAgreement {
        try await patch("/finance/agreements/\(id)", operations, returning: CWAgreement.self)
    }

    /// Additions (lines) of an agreement, all pages (`GET /finance/agreements/{id}/additions`).
    public func additions(agreementID: Int, _ query: CWQuery = CWQuery()) async throws -> [CWAddition] {
        try await listAll(CWAddition.self, "/finance/agreements/\(agreementID)/additions", query)
    }

    /// One addition (`GET /finance/agreements/{id}/additions/{additionId}`).
    public func addition(agreementID: Int, id: Int) async throws -> CWAddition {
        try await get(CWAddition.self, "/finance/agreements/\(agreementID)/additions/\(id)")
    }

    /// Adds a product to an agreement (`POST /finance/agreements/{id}/additions`). Not resent once
    /// it may have reached the server: the caller looks for the addition before trying again.
    public func createAddition(agreementID: Int, _ addition: CWAdditionCreate) async throws -> CWAddition {
        try await sendJSON(
            "POST", "/finance/agreements/\(agreementID)/additions", body: addition, idempotency: .notIdempotent,
            returning: CWAddition.self)
    }

    /// Cancels an addition from `date` on (`cancelledDate`); it stays on the agreement's history.
    public func cancelAddition(agreementID: Int, additionID: Int, on date: Date) async throws -> CWAddition {
        try await patchAddition(
            agreementID: agreementID, id: additionID, [.replace("cancelledDate", with: .string(Timestamp.format(date, fractionalSeconds: false)))])
    }

    /// Updates an addition with PATCH operations.
    public func patchAddition(agreementID: Int, id: Int, _ operations: [CWPatchOperation]) async throws -> CWAddition {
        try await patch("/finance/agreements/\(agreementID)/additions/\(id)", operations, returning: CWAddition.self)
    }

    /// Sets an addition's `quantity` (absolute, fractions allowed): `[{"op":"replace","path":"quantity","value":q}]`.
    public func setAdditionQuantity(agreementID: Int, additionID: Int, quantity: Double) async throws -> CWAddition {
        try await patchAddition(agreementID: agreementID, id: additionID, [.replace("quantity", with: .number(quantity))])
    }

    /// Replaces an addition's whole `customFields` array (partial element updates are unreliable).
    public func setAdditionCustomFields(
        agreementID: Int, additionID: Int, _ fields: [CWCustomField]
    ) async throws -> CWAddition {
        try await patchAddition(agreementID: agreementID, id: additionID, [.replaceCustomFields(fields)])
    }

    /// Replaces an agreement's whole `customFields` array.
    public func setAgreementCustomFields(agreementID: Int, _ fields: [CWCustomField]) async throws -> CWAgreement {
        try await patchAgreement(id: agreementID, [.replaceCustomFields(fields)])
    }
}
