import APIClients
import BridgeCore
import BridgeState
import BridgeValues
import BridgeWorkers
import Foundation
import Hummingbird

/// The Company mapping tab (SPEC P5): every company the fleet knows, paged, searchable by name,
/// filterable by status; map to a new tenant (one or the selected rows), to an existing tenant
/// (with a tenant search), or remove a mapping. The same operations as `bridgectl map company`,
/// audited with the operator's name.
struct CompanyRoutes {
    var services: ConsoleServices
    static let pageSize = 50

    func register(on router: Router<ConsoleContext>) {
        router.get("/companies") { request, context in try await list(request, context: context) }
        router.post("/companies/bulk-map-new") { request, context in try await bulkMapNew(request, context: context) }
        router.get("/companies/:id") { request, context in try await company(request, context: context) }
        router.post("/companies/:id/map-new") { request, context in try await mapNew(request, context: context) }
        router.post("/companies/:id/remove") { request, context in try await remove(request, context: context) }
        router.post("/companies/:id/map-existing") { request, context in try await mapExisting(request, context: context) }
    }

    // MARK: Listing

    /// What the listing shows: filters from the query (or a form's `back` field).
    struct Listing {
        var query: String?
        var status: CompanyMapping.Status?
        var type: String?
        var page: Int

        init(_ fields: FormFields) {
            query = fields.text("q")
            status = fields.text("status").flatMap(CompanyMapping.Status.init(rawValue:))
            type = fields.text("type")
            page = max(1, fields.text("page").flatMap(Int.init) ?? 1)
        }

        func url(page: Int) -> String {
            var parts: [String] = []
            if let query { parts.append("q=" + Self.encode(query)) }
            if let status { parts.append("status=" + status.rawValue) }
            if let type { parts.append("type=" + Self.encode(type)) }
            parts.append("page=\(page)")
            return "/companies?" + parts.joined(separator: "&")
        }

        static func encode(_ text: String) -> String {
            var allowed = CharacterSet.alphanumerics
            allowed.insert(charactersIn: "-._~")
            return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
        }
    }

    func list(_ request: Request, context: ConsoleContext) async throws -> Response {
        try await render(Listing(FormFields(request.uri.query ?? "")), context: context)
    }

    /// The listing page, with what an action did.
    func render(
        _ listing: Listing, context: ConsoleContext, notice: String? = nil, problem: String? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        guard let settings = try await services.settings() else {
            return services.pages.render(
                "companies", title: "Company mapping", context: context, current: "/companies",
                problem: "No settings are applied yet: apply them with bridgectl settings apply.", status: .conflict)
        }
        let psa = settings.psa
        let (mappings, total) = try await services.store.companyMappingPage(
            psa: psa, nameContains: listing.query, status: listing.status, type: listing.type,
            offset: (listing.page - 1) * Self.pageSize, limit: Self.pageSize)
        let types: [[String: Any]] =
            [["value": "", "label": "All types", "selected": listing.type == nil]]
            + (try await services.store.companyTypeNames(psa: psa)).map { name in
                ["value": name, "label": name, "selected": name.lowercased() == listing.type?.lowercased()]
            }
        let counts = try await services.store.companyMappingCounts()
        let pages = max(1, (total + Self.pageSize - 1) / Self.pageSize)
        let statuses: [[String: Any]] =
            [["value": "", "label": "All statuses", "selected": listing.status == nil]]
            + CompanyMapping.Status.allCases.map { status in
                [
                    "value": status.rawValue, "label": CompanyMappingOperations.displayName(status),
                    "selected": status == listing.status,
                ]
            }
        let values: [String: Any] = [
            "query": listing.query ?? "", "statuses": statuses, "types": types, "total": total,
            "accountsTotal": counts.values.reduce(0, +), "accountsLinked": counts[.mapped] ?? 0,
            "back": listing.url(page: listing.page), "page": listing.page, "pages": pages,
            "previous": listing.page > 1 ? listing.url(page: listing.page - 1) : "",
            "next": listing.page < pages ? listing.url(page: listing.page + 1) : "",
            "rows": mappings.map(Self.row),
        ]
        return services.pages.render(
            "companies", title: "Company mapping", context: context, current: "/companies", values: values, notice: notice,
            problem: problem, status: status)
    }

    static func row(_ mapping: CompanyMapping) -> [String: Any] {
        [
            "companyId": mapping.companyId, "companyName": mapping.companyName ?? "",
            "companyTypes": (mapping.companyTypes ?? []).joined(separator: ", "),
            "status": CompanyMappingOperations.displayName(mapping.status), "error": mapping.error ?? "",
            "tenantId": mapping.tenantId ?? "", "tenantName": mapping.tenantName ?? "",
            "canMapNew": [.notMapped, .mappingFailed].contains(mapping.status),
            "canRemove": mapping.status != .notMapped,
        ]
    }

    // MARK: Actions

    func mapNew(_ request: Request, context: ConsoleContext) async throws -> Response {
        let form = try await context.checkedForm(request)
        let id = try context.parameters.require("id")
        let (notice, problem) = try await requestNewTenants([id], context: context)
        return try await render(Listing(FormFields(Self.backQuery(form))), context: context, notice: notice, problem: problem)
    }

    func bulkMapNew(_ request: Request, context: ConsoleContext) async throws -> Response {
        let form = try await context.checkedForm(request)
        let ids = form.values["company"] ?? []
        guard !ids.isEmpty else {
            return try await render(
                Listing(FormFields(Self.backQuery(form))), context: context, problem: "Select at least one company first.")
        }
        let (notice, problem) = try await requestNewTenants(ids, context: context)
        return try await render(Listing(FormFields(Self.backQuery(form))), context: context, notice: notice, problem: problem)
    }

    /// Marks each company Ready for mapping to a new tenant and hands it to the provisioner.
    func requestNewTenants(_ ids: [String], context: ConsoleContext) async throws -> (notice: String?, problem: String?) {
        let settings = try await services.settings()
        guard let psa = settings?.psa else { return (nil, "No settings are applied yet.") }
        let operations = services.mappingOperations(settings: settings, operatorName: context.operatorName ?? "?")
        var messages: [OutboundMessage] = []
        var refusals: [String] = []
        for id in ids {
            do {
                messages.append(OutboundMessage(try await operations.requestNewTenant(psa: psa, companyId: id).1))
            } catch let refusal as CompanyMappingOperations.Refusal {
                refusals.append(refusal.description)
            }
        }
        var notice: String?
        if !messages.isEmpty {
            do {
                try await services.broker.broker().publish(messages)
                notice = "\(messages.count) \(messages.count == 1 ? "company is" : "companies are") Ready for mapping to a new tenant; the provisioner creates \(messages.count == 1 ? "it" : "them") now."
            } catch {
                notice = "\(messages.count) \(messages.count == 1 ? "company is" : "companies are") Ready for mapping to a new tenant; the broker could not be reached (\(error)), so the provisioner creates \(messages.count == 1 ? "it" : "them") at its next tick."
            }
        }
        return (notice, refusals.isEmpty ? nil : refusals.joined(separator: " "))
    }

    func remove(_ request: Request, context: ConsoleContext) async throws -> Response {
        let form = try await context.checkedForm(request)
        let id = try context.parameters.require("id")
        let settings = try await services.settings()
        guard let psa = settings?.psa else { throw HTTPError(.conflict, message: "no settings are applied yet") }
        let operations = services.mappingOperations(settings: settings, operatorName: context.operatorName ?? "?")
        let listing = Listing(FormFields(Self.backQuery(form)))
        do {
            _ = try await operations.unmap(psa: psa, companyId: id)
            return try await render(listing, context: context, notice: "Company \(id): mapping removed (no quota changed).")
        } catch let refusal as CompanyMappingOperations.Refusal {
            return try await render(listing, context: context, problem: refusal.description, status: .conflict)
        }
    }

    /// The query of the listing a form came from (its `back` field), or none.
    static func backQuery(_ form: FormFields) -> String {
        guard let back = form["back"], back.hasPrefix("/companies?") else { return "" }
        return String(back.dropFirst("/companies?".count))
    }

    // MARK: One company

    func company(_ request: Request, context: ConsoleContext, notice: String? = nil, problem: String? = nil,
                 status: HTTPResponse.Status = .ok) async throws -> Response {
        let id = try context.parameters.require("id")
        guard let settings = try await services.settings() else { throw HTTPError(.conflict, message: "no settings are applied yet") }
        guard let mapping = try await services.store.companyMapping(psa: settings.psa, companyId: id) else {
            throw HTTPError(.notFound, message: "the fleet knows no \(settings.psa.displayName) company \(id)")
        }
        let query = FormFields(request.uri.query ?? "").text("tenant-q")
        var values = Self.row(mapping)
        values["tenantQuery"] = query ?? ""
        if let query {
            do {
                let client = try await services.clients.acronis(settings.connection)
                let partner = try await client.ownTenantID()
                let tenants = try await client.childTenants(of: partner)
                    .filter { $0.kind == .customer && ($0.name ?? "").localizedCaseInsensitiveContains(query) }
                    .prefix(50)
                values["tenants"] = tenants.map { ["id": $0.id.lowercased(), "name": $0.name ?? ""] }
            } catch {
                values["tenantsError"] = "The cloud's tenants could not be read: \(error)"
            }
        }
        return services.pages.render(
            "company", title: "Company \(id)", context: context, current: "/companies", values: values, notice: notice,
            problem: problem, status: status)
    }

    func mapExisting(_ request: Request, context: ConsoleContext) async throws -> Response {
        let form = try await context.checkedForm(request)
        let id = try context.parameters.require("id")
        let settings = try await services.settings()
        guard let psa = settings?.psa else { throw HTTPError(.conflict, message: "no settings are applied yet") }
        guard let tenant = form.text("tenant") else {
            return try await company(request, context: context, problem: "Choose a tenant first.", status: .badRequest)
        }
        let operations = services.mappingOperations(settings: settings, operatorName: context.operatorName ?? "?")
        do {
            let result = try await operations.map(psa: psa, companyId: id, tenantId: tenant)
            let warnings = result.warnings.isEmpty ? "" : " (" + result.warnings.joined(separator: "; ") + ")"
            return try await company(
                request, context: context, notice: "Company \(id) is mapped to tenant \(result.mapping.tenantId ?? tenant)\(warnings).")
        } catch let refusal as CompanyMappingOperations.Refusal {
            return try await company(request, context: context, problem: refusal.description, status: .conflict)
        }
    }
}
