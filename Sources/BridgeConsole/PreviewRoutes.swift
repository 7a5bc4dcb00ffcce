import BridgeRules
import BridgeWorkers
import Foundation
import Hummingbird

/// The Preview tab: for one company, the provisioning plan (`bridgectl plan --company`) and the
/// billing preview (`bridgectl billing preview --company`), read afresh, with nothing written.
struct PreviewRoutes {
    var services: ConsoleServices

    func register(on router: Router<ConsoleContext>) {
        router.get("/preview") { request, context in try await page(request, context: context) }
    }

    func page(_ request: Request, context: ConsoleContext) async throws -> Response {
        let company = FormFields(request.uri.query ?? "").text("company")
        var values: [String: Any] = ["company": company ?? ""]
        guard let company else {
            return services.pages.render("preview", title: "Preview", context: context, current: "/preview", values: values)
        }
        guard company.allSatisfy(\.isNumber) else {
            return services.pages.render(
                "preview", title: "Preview", context: context, current: "/preview", values: values,
                problem: "A company is named by its PSA id (digits).", status: .badRequest)
        }
        guard let settings = try await services.settings() else {
            return services.pages.render(
                "preview", title: "Preview", context: context, current: "/preview", values: values,
                problem: "No settings are applied yet.", status: .conflict)
        }
        var problems: [String] = []
        do {
            let job = try await ProvisioningProvider(clients: services.clients).context(for: settings)
            if let item = try await ProvisioningPreview(store: services.store).plans(job, companyID: company).first {
                values["provisioning"] = [
                    "name": item.entry.facts.company.name, "mapping": item.entry.facts.mapping.description,
                    "changes": item.plan.changes.map(\.description), "problems": item.plan.problems.map(\.description),
                    "nothing": item.plan.changes.isEmpty && item.plan.problems.isEmpty,
                    "outOfScope": item.plan.outOfScope?.rawValue ?? "",
                ] as [String: Any]
            } else {
                problems.append("\(settings.psa.displayName) has no company \(company).")
            }
        } catch {
            problems.append("The provisioning plan could not be made: \(error)")
        }
        do {
            let job = try await BillingJob.make(
                for: settings, provider: ProvisioningProvider(clients: services.clients), store: services.store)
            if let item = try await BillingPreview(store: services.store).plans(job, companyID: company).first {
                values["billing"] = [
                    "period": item.plan.window.label,
                    "lines": item.plan.lines.map { line -> [String: Any] in
                        [
                            "lineId": line.lineID, "productId": line.productID, "item": line.item.description,
                            "current": line.current.description, "target": line.target.description,
                            "write": line.write.operatorDescription, "reason": line.reason, "needsWrite": line.needsWrite,
                        ]
                    },
                    "problems": item.plan.problems.map(\.description),
                ] as [String: Any]
            } else {
                values["billingNone"] = true
            }
        } catch {
            problems.append("The billing preview could not be made: \(error)")
        }
        return services.pages.render(
            "preview", title: "Preview", context: context, current: "/preview", values: values,
            problem: problems.isEmpty ? nil : problems.joined(separator: " "))
    }
}
