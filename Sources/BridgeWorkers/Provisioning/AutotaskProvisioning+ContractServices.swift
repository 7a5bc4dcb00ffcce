import APIClients
import BridgeCore
import BridgeRules
import Foundation

/// Contract writes on Autotask (B3, B7): `POST /Contracts/{id}/Services` to put a service on a
/// contract (at the service's price), contract service adjustments to set its units, since
/// contract services cannot be deleted.
extension AutotaskProvisioning: ContractServiceSync {
    public func addContractService(productID: Int, contractID: Int, units: Int, now: Date) async throws -> Int {
        let billing = AutotaskBilling(client: client)
        let existing = try await client.contractServices(ATField("contractID") == contractID && ATField("serviceID") == productID).first
        let id: Int
        if let existing {
            id = existing.id
        } else {
            let service = try await client.service(id: productID)
            id = try await client.createContractService(
                ATContractServiceCreate(
                    contractID: contractID, serviceID: productID, unitPrice: service.unitPrice, unitCost: service.unitCost))
        }
        guard units > 0 else { return id }
        let held = try await billing.units(contractServiceID: id, now: now)
        let change = units - NSDecimalNumber(decimal: held).intValue
        if change != 0 {
            _ = try await billing.adjust(contractID: contractID, serviceID: productID, contractServiceID: id, by: change, now: now)
        }
        return id
    }

    public func removeContractService(_ line: ContractLine, now: Date) async throws -> String? {
        let billing = AutotaskBilling(client: client)
        let held = try await billing.units(contractServiceID: line.id, now: now)
        guard held != 0 else { return nil }
        return try await billing.adjust(
            contractID: line.contractID, serviceID: line.productID, contractServiceID: line.id,
            by: -NSDecimalNumber(decimal: held).intValue, now: now)
    }

    /// What stands between the settings' two-way sync defaults (B7) and the mapped `services`:
    /// the allocation code and period type must exist, and each service must bill to them, since
    /// a contract service takes both from its service.
    public func defaultsProblems(
        services: [Int], allocationCode: PSAReference, periodType: String
    ) async throws -> TwoWaySyncDefaultsProblems {
        var problems = TwoWaySyncDefaultsProblems()
        let codes: [ATBillingCode]
        switch allocationCode {
        case .id(let id): codes = try await client.billingCodes(ATField("id") == id)
        case .name(let name): codes = try await client.billingCodes(ATField("name") == name)
        }
        let code = codes.first { $0.isActive != false }
        if code == nil { problems.allocationCode = "Autotask has no active allocation code \(allocationCode)" }
        let periods = try await client.picklist(entity: "Services", field: "periodType")
        let period = periods.first { $0.label?.lowercased() == periodType.lowercased() }?.intValue
        if period == nil {
            problems.periodType = "Autotask services have no period type '\(periodType)' (\(periods.compactMap(\.label).joined(separator: ", ")))"
        }
        guard let code, let period, !services.isEmpty else { return problems }
        let label = periods.first { $0.intValue == period }?.label ?? periodType
        for chunk in services.sorted().chunked(batchSize) {
            for service in try await client.services(ATField("id").in(chunk)) {
                var differences: [String] = []
                if service.billingCodeID != code.id {
                    differences.append("allocation code \(service.billingCodeID.map(String.init) ?? "none") instead of \(code.id)")
                }
                if service.periodType != period {
                    let theirs = periods.first { $0.intValue == service.periodType }?.label ?? service.periodType.map(String.init) ?? "none"
                    differences.append("period \(theirs) instead of \(label)")
                }
                guard !differences.isEmpty else { continue }
                problems.services[service.id] =
                    "service \(service.name ?? String(service.id)) bills to \(differences.joined(separator: " and ")); two-way sync adds services with the allocation code and period type of twoWaySync: set them on the service or change twoWaySync"
            }
        }
        return problems
    }
}
