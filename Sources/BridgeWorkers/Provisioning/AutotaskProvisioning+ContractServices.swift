import APIClients
import BridgeCore
import BridgeRules
import Foundation

/// Two-way sync's writes on Autotask (B7): `POST /Contracts/{id}/Services` to add a service (its
/// price from the service), and a contract service adjustment of minus the units held to remove
/// one, since contract services cannot be deleted.
extension AutotaskProvisioning: ContractServiceSync {
    public func contractService(productID: Int, contractID: Int) async throws -> Int? {
        try await client.contractServices(ATField("contractID") == contractID && ATField("serviceID") == productID).first?.id
    }

    public func addContractService(productID: Int, contractID: Int) async throws -> Int {
        let service = try await client.service(id: productID)
        return try await client.createContractService(
            ATContractServiceCreate(
                contractID: contractID, serviceID: productID, unitPrice: service.unitPrice, unitCost: service.unitCost))
    }

    public func units(of line: ContractLine, now: Date) async throws -> Decimal {
        try await AutotaskBilling(client: client).units(contractServiceID: line.id, now: now)
    }

    public func adjustUnits(of line: ContractLine, by change: Int, now: Date) async throws -> String {
        try await AutotaskBilling(client: client).adjust(
            contractID: line.contractID, serviceID: line.productID, contractServiceID: line.id, by: change, now: now)
    }

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
