import APIClients
import BridgeCore
import BridgeRules
import BridgeValues
import Foundation

/// ``ProvisioningPSA`` on ConnectWise Manage.
///
/// - Companies: `/company/companies` (not deleted), their `types` names, active when the status
///   name is one of the settings' active statuses.
/// - Lines: active agreements (`agreementStatus = "Active"`) in pages, then each agreement's
///   additions; a line is active while neither the addition nor its agreement is cancelled,
///   between the addition's effective date and its cancel date (or the agreement's end date).
///   PAYG from the addition's custom field (`PAYG` checkbox by default).
/// - Products: catalog items by identifier.
public struct ConnectWiseProvisioning: ProvisioningPSA {
    public let client: ConnectWiseClient
    /// Company status names that count as active (P1).
    public let activeStatuses: Set<String>
    /// Agreements whose additions are read at once. ConnectWise has no bulk read of additions
    /// across agreements, so a tick reads one page per active agreement; 16 at once keeps a
    /// 10,000-agreement tick near a minute at 100 ms per call, well inside ConnectWise's
    /// throttling (429 with Retry-After, which the client honours).
    public var concurrency = 16

    public init(client: ConnectWiseClient, activeStatuses: [String]) {
        self.client = client
        self.activeStatuses = Set(activeStatuses.map { $0.lowercased() })
    }

    public var kind: PSAKind { .connectWise }

    public func forEachCompanyPage(_ body: ([CompanyFacts]) async throws -> Void) async throws {
        try await client.forEachCompanyPage(
            CWQuery(
                where: CWField("deletedFlag") == false, orderBy: .ascending("id"),
                fields: ["id", "name", "status", "types", "deletedFlag"])
        ) { try await body($0.map(facts)) }
    }

    public func company(id: String) async throws -> CompanyFacts? {
        guard let number = Int(id) else { return nil }
        do {
            let company = try await client.company(id: number)
            return company.deletedFlag == true ? nil : facts(company)
        } catch let error as APIError where error.isNotFound {
            return nil
        }
    }

    private func facts(_ company: CWCompany) -> CompanyFacts {
        CompanyFacts(
            id: String(company.id), name: company.name ?? "",
            typeNames: (company.types ?? []).compactMap(\.name),
            isActive: company.status?.name.map { activeStatuses.contains($0.lowercased()) } ?? false,
            isDeleted: company.deletedFlag ?? false)
    }

    /// The most company ids a `company/id in (…)` condition names (about 1.5 KB of URL).
    static let companiesPerCondition = 200

    public func lines(companyIDs: Set<String>?, marker: PAYGMarker, now: Date) async throws -> [String: [ContractLine]] {
        var condition = CWField("agreementStatus") == "Active"
        var wanted: Set<Int>?
        if let companyIDs {
            let ids = companyIDs.compactMap(Int.init).sorted()
            guard !ids.isEmpty else { return [:] }
            if ids.count <= Self.companiesPerCondition {
                condition = condition && CWField("company/id").in(ids)
            } else {
                // A longer IN-list makes a URL servers refuse: read every active agreement in
                // pages and keep those of the companies asked for.
                wanted = Set(ids)
            }
        }
        let agreements = try await client.agreements(CWQuery(where: condition, orderBy: .ascending("id")))
            .filter { $0.cancelledFlag != true && $0.company?.id != nil }
            .filter { agreement in wanted.map { $0.contains(agreement.company!.id!) } ?? true }
        var result: [String: [ContractLine]] = [:]
        try await withThrowingTaskGroup(of: (CWAgreement, [CWAddition]).self) { group in
            var pending = agreements[...]
            func next() {
                guard let agreement = pending.popFirst() else { return }
                group.addTask { (agreement, try await client.additions(agreementID: agreement.id)) }
            }
            for _ in 0..<concurrency { next() }
            while let (agreement, additions) = try await group.next() {
                let company = String(agreement.company!.id!)
                result[company, default: []] += additions.compactMap { Self.line($0, agreement: agreement, marker: marker) }
                next()
            }
        }
        return result
    }

    static func line(_ addition: CWAddition, agreement: CWAgreement, marker: PAYGMarker) -> ContractLine? {
        guard let product = addition.product?.id else { return nil }
        let fields = Dictionary(
            (addition.customFields ?? []).compactMap { field in field.caption.map { ($0, CustomFieldValue(field.value)) } },
            uniquingKeysWith: { first, _ in first })
        let status = (addition.agreementStatus ?? "Active").lowercased()
        return ContractLine(
            id: addition.id, contractID: agreement.id, productID: product, quantity: Decimal(addition.quantity ?? 0),
            billing: marker.billing(fields: fields),
            statusActive: status == "active" && agreement.cancelledFlag != true,
            startDay: addition.effectiveDate.map(CalendarDay.init(containing:)),
            endDay: (addition.cancelledDate ?? (agreement.noEndingDateFlag == true ? nil : agreement.endDate))
                .map(CalendarDay.init(containing:)))
    }

    public func primaryContact(companyID: String) async throws -> ContactFacts? {
        guard let id = Int(companyID), let contact = try await client.primaryContact(companyID: id) else { return nil }
        return ContactFacts(firstName: contact.firstName ?? "", lastName: contact.lastName ?? "", email: contact.primaryEmail)
    }

    public func productIDs(_ references: [PSAReference]) async throws -> [PSAReference: Int] {
        var result: [PSAReference: Int] = [:]
        for reference in Set(references) {
            let items: [CWCatalogItem]
            switch reference {
            case .id(let id):
                items = try await client.catalogItems(CWQuery(where: CWField("id") == id))
            case .name(let name):
                items = try await client.catalogItems(CWQuery(where: CWField("identifier") == name))
            }
            if let item = items.first(where: { $0.inactiveFlag != true }) ?? items.first { result[reference] = item.id }
        }
        return result
    }

    public func prepare(marker: PAYGMarker) async throws {}
}

extension CustomFieldValue {
    /// A PSA custom field's value as the rules read it.
    init(_ value: JSONValue?) {
        switch value {
        case .bool(let flag)?: self = .bool(flag)
        case .string(let text)?: self = text.isEmpty ? .empty : .text(text)
        case .integer(let number)?: self = .number(Double(number))
        case .number(let number)?: self = .number(number)
        default: self = .empty
        }
    }
}
