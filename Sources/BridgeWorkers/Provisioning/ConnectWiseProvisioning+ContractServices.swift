import APIClients
import BridgeRules
import Foundation

/// Contract writes on ConnectWise (B3): an agreement addition created to put a product on an
/// agreement, cancelled (`cancelledDate`) to take it off; both looked for first.
extension ConnectWiseProvisioning: ContractServiceSync {
    public func addContractService(productID: Int, contractID: Int, units: Int, now: Date) async throws -> Int {
        let additions = try await client.additions(agreementID: contractID, CWQuery(where: CWField("product/id") == productID))
        let quantity = Double(units)
        if let open = additions.first(where: { $0.cancelledDate == nil || $0.cancelledDate! > now }) {
            if (open.quantity ?? 0) != quantity {
                _ = try await client.setAdditionQuantity(agreementID: contractID, additionID: open.id, quantity: quantity)
            }
            return open.id
        }
        let created = try await client.createAddition(
            agreementID: contractID, CWAdditionCreate(productID: productID, quantity: quantity, effectiveDate: now))
        return created.id
    }

    public func removeContractService(_ line: ContractLine, now: Date) async throws -> String? {
        let addition = try await client.addition(agreementID: line.contractID, id: line.id)
        if let cancelled = addition.cancelledDate, cancelled <= now { return nil }
        return String(try await client.cancelAddition(agreementID: line.contractID, additionID: line.id, on: now).id)
    }
}
