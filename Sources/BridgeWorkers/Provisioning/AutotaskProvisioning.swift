import APIClients
import BridgeCore
import BridgeRules
import BridgeValues
import Foundation

/// ``ProvisioningPSA`` on Autotask.
///
/// - Companies: `Companies/query` in pages; type names from the `companyType` picklist labels;
///   active from `isActive`.
/// - Lines: active contracts (`status = 1`), their contract services, and the units of each
///   service's current period (`ContractServiceUnits`, the period containing now). A contract is
///   PAYG by its user-defined field (`Acronis PAYG` = Yes by default), so all of its services
///   are PAYG or all prepaid (P2). Read in batches of 500 ids, as Autotask's `in` allows.
/// - Products: services by name.
/// - ``prepare(marker:)`` creates the contract user-defined field when the PSA lacks it.
///
/// Every call goes through the client's request limiter (3 in flight per endpoint, the hourly
/// budget), like the ticket job's.
public struct AutotaskProvisioning: ProvisioningPSA {
    public let client: AutotaskClient
    /// Ids per `in` filter.
    public var batchSize = 500

    public init(client: AutotaskClient) {
        self.client = client
    }

    public var kind: PSAKind { .autotask }

    private func typeNames() async throws -> [Int: String] {
        var names: [Int: String] = [:]
        for value in try await client.picklist(entity: "Companies", field: "companyType") {
            if let id = value.intValue { names[id] = value.label ?? value.value }
        }
        return names
    }

    public func forEachCompanyPage(_ body: ([CompanyFacts]) async throws -> Void) async throws {
        let types = try await typeNames()
        try await client.forEachCompanyPage(.all, includeFields: ["id", "companyName", "companyType", "isActive"]) { page in
            try await body(page.map { facts($0, types: types) })
        }
    }

    public func company(id: String) async throws -> CompanyFacts? {
        guard let number = Int(id) else { return nil }
        let types = try await typeNames()
        do {
            return facts(try await client.company(id: number), types: types)
        } catch let error as APIError where error.isNotFound {
            return nil
        }
    }

    private func facts(_ company: ATCompany, types: [Int: String]) -> CompanyFacts {
        CompanyFacts(
            id: String(company.id), name: company.companyName ?? "",
            typeNames: company.companyType.flatMap { types[$0] }.map { [$0] } ?? [],
            isActive: company.isActive ?? false)
    }

    public func lines(companyIDs: Set<String>?, marker: PAYGMarker, now: Date) async throws -> [String: [ContractLine]] {
        var contracts: [ATContract] = []
        if let companyIDs {
            let ids = companyIDs.compactMap(Int.init).sorted()
            for chunk in ids.chunked(batchSize) {
                contracts += try await client.contracts(ATField("status") == 1 && ATField("companyID").in(chunk))
            }
        } else {
            contracts = try await client.contracts(ATField("status") == 1)
        }
        let byID = Dictionary(contracts.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var services: [ATContractService] = []
        var units: [ATContractServiceUnit] = []
        for chunk in byID.keys.sorted().chunked(batchSize) {
            services += try await client.contractServices(ATField("contractID").in(chunk))
            units += try await client.contractServiceUnits(
                ATField("contractID").in(chunk) && ATField("startDate") <= now && ATField("endDate") >= now)
        }
        let unitsByService = Dictionary(
            units.compactMap { unit in unit.contractServiceID.map { ($0, unit.units) } }, uniquingKeysWith: max)
        var result: [String: [ContractLine]] = [:]
        for service in services {
            guard let contractID = service.contractID, let contract = byID[contractID], let company = contract.companyID,
                let product = service.serviceID
            else { continue }
            let fields = Dictionary(
                (contract.userDefinedFields ?? []).map { ($0.name, $0.value.map { CustomFieldValue.text($0) } ?? .empty) },
                uniquingKeysWith: { first, _ in first })
            result[String(company), default: []].append(
                ContractLine(
                    id: service.id, contractID: contractID, productID: product,
                    quantity: Decimal(unitsByService[service.id] ?? 0), billing: marker.billing(fields: fields),
                    statusActive: contract.status == 1,
                    startDay: contract.startDate.map(CalendarDay.init(containing:)),
                    endDay: contract.endDate.map(CalendarDay.init(containing:))))
        }
        return result
    }

    public func primaryContact(companyID: String) async throws -> ContactFacts? {
        guard let id = Int(companyID), let contact = try await client.primaryContact(companyID: id) else { return nil }
        return ContactFacts(firstName: contact.firstName ?? "", lastName: contact.lastName ?? "", email: contact.emailAddress)
    }

    public func productIDs(_ references: [PSAReference]) async throws -> [PSAReference: Int] {
        var result: [PSAReference: Int] = [:]
        for reference in Set(references) {
            let services: [ATService]
            switch reference {
            case .id(let id): services = try await client.services(ATField("id") == id)
            case .name(let name): services = try await client.services(ATField("name") == name)
            }
            if let service = services.first(where: { $0.isActive != false }) ?? services.first { result[reference] = service.id }
        }
        return result
    }

    /// Creates the PAYG contract field (a list with Yes and No, default No) when it is missing.
    public func prepare(marker: PAYGMarker) async throws {
        let existing = try await client.userDefinedFieldDefinitions(entity: "Contracts")
        guard !existing.contains(where: { $0.name.lowercased() == marker.fieldName.lowercased() }) else { return }
        let udfTypes = try await client.picklist(entity: "UserDefinedFieldDefinitions", field: "udfType")
        let dataTypes = try await client.picklist(entity: "UserDefinedFieldDefinitions", field: "dataType")
        guard let contract = udfTypes.first(where: { $0.label == "Contract" })?.intValue,
            let list = dataTypes.first(where: { $0.label == "List" })?.intValue ?? dataTypes.first(where: { $0.label == "String" })?.intValue
        else {
            throw HandlerFailure.permanent(
                "cannot create the contract field '\(marker.fieldName)': Autotask lists no Contract user-defined field type or List data type")
        }
        _ = try await client.createUserDefinedFieldDefinition(
            ATUserDefinedFieldDefinitionCreate(
                name: marker.fieldName, udfType: contract, dataType: list,
                description: "Contract lines are pay-as-you-go (psa-bridge)", defaultValue: "No"))
    }
}
