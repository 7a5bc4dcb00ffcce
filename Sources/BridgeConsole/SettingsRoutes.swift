import BridgeCore
import BridgeValues
import BridgeWorkers
import Foundation
import Hummingbird

/// The settings tabs: Integration settings (connection and features, secrets shown as set or not
/// set, a connection test per API), Product mapping, Provisioning and Ticket creation. Each shows
/// its sections of the settings in force as editable YAML; a save goes through the same
/// validation as `bridgectl settings apply` and is refused whole, with every problem's path
/// beside the section, or stored as a new settings version applied by `console:NAME`.
struct SettingsRoutes {
    var services: ConsoleServices

    /// A tab: its path, title, and the top-level settings sections it edits.
    struct Tab {
        var slug: String
        var title: String
        var sections: [String]
        var help: String
    }

    static let tabs: [Tab] = [
        Tab(
            slug: "connection", title: "Integration settings", sections: ["connection", "features"],
            help: "Secrets stay out of the settings: they are references ({env: NAME} or {file: PATH}) resolved by each worker."),
        Tab(
            slug: "products", title: "Product mapping", sections: ["productMappings", "publicCloudStorages", "usagePeriod", "twoWaySync"],
            help: "Each offering item maps to at most one PSA product and back (SPEC P2, P3, B3)."),
        Tab(
            slug: "provisioning", title: "Provisioning", sections: ["provisioning", "deprovisioning"],
            help: "Customer provisioning (P4) and deprovisioning (P6)."),
        Tab(slug: "tickets", title: "Ticket creation", sections: ["tickets"], help: "Board or queue, and the settings per alert type (T1-T6)."),
    ]

    func register(on router: Router<ConsoleContext>) {
        router.get("/settings/:tab") { request, context in try await page(request, context: context) }
        router.post("/settings/:tab") { request, context in try await save(request, context: context) }
        router.post("/connection-test") { request, context in try await test(request, context: context) }
    }

    func tab(_ context: ConsoleContext) throws -> Tab {
        let slug = try context.parameters.require("tab")
        guard let tab = Self.tabs.first(where: { $0.slug == slug }) else { throw HTTPError(.notFound, message: "no settings tab \(slug)") }
        return tab
    }

    func page(
        _ request: Request, context: ConsoleContext, tab: Tab? = nil, edits: [String: String] = [:],
        sectionProblems: [String: [String]] = [:], notice: String? = nil, problem: String? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let tab = try tab ?? self.tab(context)
        let record = try await services.store.currentSettings()
        guard let settings = try await services.settings(), let record else {
            return services.pages.render(
                "settings", title: tab.title, context: context, current: "/settings/\(tab.slug)",
                values: ["slug": tab.slug, "help": tab.help],
                problem: "No settings are applied yet: apply a first file with bridgectl settings apply.", status: .conflict)
        }
        let document = settings.jsonValue
        let sections = tab.sections.map { name -> [String: Any] in
            [
                "name": name, "text": edits[name] ?? Self.text(document[name]),
                "problems": sectionProblems[name] ?? [], "hasProblems": !(sectionProblems[name] ?? []).isEmpty,
            ]
        }
        var values: [String: Any] = [
            "slug": tab.slug, "help": tab.help, "sections": sections, "version": record.version,
            "appliedBy": record.appliedBy ?? "", "appliedAt": Timestamp.format(record.appliedAt, fractionalSeconds: false),
            "psa": settings.psa.displayName,
        ]
        if tab.slug == "connection" {
            values["secrets"] = Self.secrets(
                in: document["connection"] ?? .null, path: "connection", environment: services.clients.options.environment)
            values["connection"] = true
        }
        return services.pages.render(
            "settings", title: tab.title, context: context, current: "/settings/\(tab.slug)", values: values, notice: notice,
            problem: problem, status: status)
    }

    /// A section as the editor shows it: pretty JSON, which is YAML too.
    static func text(_ value: JSONValue?) -> String {
        guard let value else { return "" }
        return String(decoding: value.serialized(pretty: true), as: UTF8.self)
    }

    /// Every secret reference under `value`, and whether it resolves here, in `environment` or a
    /// readable file, as the console's own clients resolve them (its value is never shown).
    static func secrets(in value: JSONValue, path: String, environment: [String: String]) -> [[String: Any]] {
        switch value {
        case .object(let object):
            if object.count == 1, let reference = object["env"]?.stringValue {
                let set = !(environment[reference] ?? "").isEmpty
                return [["path": path, "reference": "environment variable \(reference)", "set": set]]
            }
            if object.count == 1, let reference = object["file"]?.stringValue {
                let set = FileManager.default.isReadableFile(atPath: reference)
                return [["path": path, "reference": "file \(reference)", "set": set]]
            }
            return object.keys.sorted().flatMap { secrets(in: object[$0]!, path: path + "." + $0, environment: environment) }
        case .array(let items):
            return items.enumerated().flatMap { secrets(in: $1, path: "\(path)[\($0)]", environment: environment) }
        default:
            return []
        }
    }

    func save(_ request: Request, context: ConsoleContext) async throws -> Response {
        let form = try await context.checkedForm(request)
        let tab = try tab(context)
        guard let section = form.text("section"), tab.sections.contains(section), let text = form["text"] else {
            throw HTTPError(.badRequest, message: "name the section and its text")
        }
        guard let current = try await services.settings() else { throw HTTPError(.conflict, message: "no settings are applied yet") }
        let operatorName = context.operatorName ?? "?"
        let updated: BridgeSettings
        do {
            updated = try SettingsLoader(catalog: services.catalog).load(
                replacing: section, with: text, in: current.jsonValue, source: "\(section) edited in the console")
        } catch {
            let problems = error.problems.map { problem in
                problem.path.description.isEmpty ? problem.message : "\(problem.path): \(problem.message)"
            }
            return try await page(
                request, context: context, edits: [section: text], sectionProblems: [section: problems],
                problem: "Not saved: the settings would not pass bridgectl settings apply.", status: .unprocessableContent)
        }
        let result = try await services.settingsCache.repository.apply(updated, appliedBy: "console:\(operatorName)")
        await services.settingsCache.invalidate()  // This page shows the new version at once.
        if result.changed {
            _ = try await services.store.appendAudit(
                .init(
                    worker: "console:\(operatorName)", action: "settings.apply", targetSystem: "psa-bridge",
                    targetId: "settings \(section)", after: JSONValue.object(["version": .integer(Int(result.current.version))]).serialized(),
                    reason: "\(section) edited in the console by \(operatorName)"))
        }
        let notice = result.changed
            ? "Saved \(section): settings version \(result.current.version). The workers pick it up at their next message."
            : "Nothing changed in \(section)."
        return try await page(request, context: context, notice: notice)
    }

    /// Test connection: one cheap authenticated read per API.
    func test(_ request: Request, context: ConsoleContext) async throws -> Response {
        _ = try await context.checkedForm(request)
        guard let settings = try await services.settings() else { throw HTTPError(.conflict, message: "no settings are applied yet") }
        var results: [String] = []
        var failed = false
        do {
            let partner = try await services.clients.acronis(settings.connection).ownTenantID()
            results.append("Acronis Cyber Cloud: OK (partner tenant \(partner)).")
        } catch {
            failed = true
            results.append("Acronis Cyber Cloud: failed: \(error).")
        }
        do {
            _ = try await services.clients.ticketing(settings.connection).companyName(id: 0)
            results.append("\(settings.psa.displayName): OK.")
        } catch {
            failed = true
            results.append("\(settings.psa.displayName): failed: \(error).")
        }
        return try await page(
            request, context: context, tab: Self.tabs[0], notice: failed ? nil : results.joined(separator: " "),
            problem: failed ? results.joined(separator: " ") : nil)
    }
}
