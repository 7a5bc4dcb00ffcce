import APIClients
import BridgeCore
import BridgeRules
import BridgeValues
import Foundation
import SandboxKit
import Testing

@testable import BridgeWorkers

/// Billing where one product has prepaid and pay-as-you-go additions (ConnectWise, B2).
extension FleetOnBrokerTests {
    @Test(
        "B2 on ConnectWise: where a product has a prepaid and a PAYG addition, the PAYG addition shows the whole usage and the prepaid one keeps its quantity"
    )
    func combinedLinesOnConnectWise() async throws {
        let billing = try await BillingFleet.start(psa: .connectWise, companies: 40, tenants: 40, seed: 31)
        do {
            try await billing.apply(billing.settingsYAML())
            let fleet = billing.fleet
            // A customer with a workstations addition and an addition of another product, which
            // becomes a second workstations addition (the generated agreements carry a product once).
            var chosen: (TicketFleet.Customer, JSONObject, JSONObject)?
            for customer in fleet.customers {
                let active = await Self.additions(fleet, company: customer.companyId).filter { $0["cancelledDate"]?.isNull ?? true }
                if let workstations = active.first(where: { $0["product"]?["identifier"].stringValue == "ACR-WORKSTATIONS" }),
                    let other = active.first(where: { $0["product"]?["identifier"].stringValue != "ACR-WORKSTATIONS" })
                {
                    chosen = (customer, workstations, other)
                    break
                }
            }
            let (customer, first, second) = try #require(chosen, "a generated customer with workstations and another product")
            let client = try await Self.connectWise(fleet)
            let product = try #require(first["product"]?["id"].intValue)
            _ = try await client.patchAddition(
                agreementID: try #require(second["agreementId"]?.intValue), id: try #require(second["id"]?.intValue),
                [.replace("product", withReferenceTo: product)])
            let lines = [first, second]
            try await fleet.map(customer)
            let prepaid = try #require(lines[0]["id"]?.intValue)
            let payg = try #require(lines[1]["id"]?.intValue)
            for (line, isPAYG, quantity) in [(lines[0], false, 5.0), (lines[1], true, 0.0)] {
                _ = try await client.patchAddition(
                    agreementID: try #require(line["agreementId"]?.intValue), id: try #require(line["id"]?.intValue),
                    [
                        .replace("quantity", with: .number(quantity)),
                        .replaceCustomFields([CWCustomField(id: 1, caption: "PAYG", type: "Checkbox", value: .bool(isPAYG))]),
                    ])
            }
            try await billing.setUsage(customer.tenantId, ["pw_base_workstations": 12])

            let preview = try await billing.handler.preview(try await billing.billingJob(), companyID: customer.companyId)
            let planned = try #require(preview.first?.plan.lines.first { $0.lineID == payg })
            #expect(planned.target == 12 && planned.reason.hasPrefix("B1"), "the preview shows the whole usage on the PAYG line")
            #expect(preview.first?.plan.lines.contains { $0.lineID == prepaid } == false, "the prepaid line is not billed")

            #expect(try await billing.tick().published == 1)
            let after = Dictionary(
                (await Self.additionsByProduct(fleet, company: customer.companyId)["ACR-WORKSTATIONS"] ?? []).compactMap { line in
                    line["id"]?.intValue.map { ($0, Self.quantity(line)) }
                }, uniquingKeysWith: { a, _ in a })
            #expect(after[payg] == 12, "B2: the PAYG addition shows the whole usage, not the part above the prepaid 5")
            #expect(after[prepaid] == 5, "the prepaid addition keeps its quantity")
        } catch {
            await billing.stop()
            throw error
        }
        await billing.stop()
    }
}
