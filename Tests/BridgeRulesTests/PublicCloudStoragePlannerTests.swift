import BridgeRules
import BridgeValues
import Foundation
import Testing

@Suite("Public cloud storages in the provisioning pass (B3)")
struct PublicCloudStoragePlannerTests {
    typealias F = PlannerFixture
    static let azure1 = OfferingItemKey(name: "pw_base_storage", infraID: "azure-1")
    static let azure2 = OfferingItemKey(name: "pw_base_storage", infraID: "azure-2")
    static let s3 = OfferingItemKey(name: "pw_base_storage", infraID: "s3-a")
    static let storages = PublicCloudStorages(
        products: [.microsoftAzure: 701, .amazonS3: 702],
        infras: ["azure-1": .microsoftAzure, "azure-2": .microsoftAzure, "s3-a": .amazonS3])

    static func settings(_ storages: PublicCloudStorages = storages) -> ProvisioningPlannerSettings {
        var settings = F.settings()
        settings.publicCloud = storages
        return settings
    }

    static func contractChanges(_ plan: ProvisioningPlan) -> [ProvisioningChange.Action] {
        plan.changes.map(\.action).filter { action in
            switch action {
            case .addContractService, .removeContractService: true
            default: false
            }
        }
    }

    @Test("B3 two Azure storages on the tenant put one Azure product on the contract, with 1 unit; none of S3 puts none", arguments: [PSAKind.connectWise, .autotask])
    func oneProductPerVendor(psa: PSAKind) {
        let items = F.inStepItems + [F.item(Self.azure1, .unlimited), F.item(Self.azure2, .limited(5)), F.item(Self.s3, .disabled)]
        let plan = F.plan(F.facts(tenant: F.tenant(items), psa: psa), settings: Self.settings())
        #expect(Self.contractChanges(plan) == [
            .addContractService(tenantID: F.tenantID, productID: 701, contractID: 1, units: 1, reason: .publicCloudStorage(.microsoftAzure))
        ])
        #expect(!plan.changes.contains { change in
            if case .setQuota(_, let item, _, _, _) = change.action { return item.infraID != nil && item != F.storageA && item != F.storageB }
            return false
        }, "public cloud storage items keep the quotas the partner gives them")
    }

    @Test("B3 the vendor's product comes off when its last storage is gone; a line ending today is off already")
    func removedWhenNone() {
        let azureLine = line(9, product: 701, quantity: "1")
        let items = F.inStepItems + [F.item(Self.azure1, .disabled)]
        let plan = F.plan(F.facts(lines: F.contract + [azureLine], tenant: F.tenant(items)), settings: Self.settings())
        #expect(Self.contractChanges(plan) == [
            .removeContractService(tenantID: F.tenantID, line: azureLine, reason: .publicCloudStorage(.microsoftAzure))
        ])
        let endingToday = line(9, product: 701, quantity: "1", end: CalendarDay(containing: F.now))
        let after = F.plan(F.facts(lines: F.contract + [endingToday], tenant: F.tenant(items)), settings: Self.settings())
        #expect(Self.contractChanges(after).isEmpty)
        let zeroUnits = line(9, product: 701, quantity: "0")
        let autotaskAfter = F.plan(F.facts(lines: F.contract + [zeroUnits], tenant: F.tenant(items), psa: .autotask), settings: Self.settings())
        #expect(Self.contractChanges(autotaskAfter).isEmpty, "Autotask: a service at 0 units is off")
    }

    @Test("B3 in step writes nothing; no vendor mapped leaves public cloud storages to the contract; a company without active lines (its deprovisioning clock running) gets no product added")
    func quietAndUnconfigured() {
        let items = F.inStepItems + [F.item(Self.azure1, .unlimited)]
        let inStep = F.plan(F.facts(lines: F.contract + [line(9, product: 701, quantity: "1")], tenant: F.tenant(items)), settings: Self.settings())
        #expect(inStep.changes.isEmpty)
        let unconfigured = F.plan(F.facts(tenant: F.tenant(items)), settings: F.settings())
        #expect(Self.contractChanges(unconfigured).isEmpty)
        #expect(unconfigured.changes.contains { $0.action == F.contractQuota(Self.azure1, .unlimited, .disabled, .unmappedItem) })
        let noContract = F.plan(F.facts(lines: [line(1, product: 101, quantity: "10", active: false)], tenant: F.tenant(items)), settings: Self.settings())
        #expect(Self.contractChanges(noContract).isEmpty)
        #expect(noContract.deprovisioning?.startedAt != nil)
    }

    @Test("B3 a storage's vendor from its backend type, endpoint and owner")
    func vendorOfStorage() {
        #expect(PublicCloudVendor(backendType: "azure", url: "https://x.blob.core.windows.net", platformOwned: false) == .microsoftAzure)
        #expect(PublicCloudVendor(backendType: "s3", url: "https://s3.eu-west-1.amazonaws.com/bucket", platformOwned: false) == .amazonS3)
        #expect(PublicCloudVendor(backendType: "s3", url: "https://s3.partner.example", platformOwned: false) == .s3Compatible)
        #expect(PublicCloudVendor(backendType: "s3_compatible", url: "https://s3.amazonaws.com", platformOwned: false) == .s3Compatible)
        #expect(PublicCloudVendor(backendType: "acronis", url: "https://eu-cloud.acronis.com", platformOwned: false) == nil)
        #expect(PublicCloudVendor(backendType: "azure", url: nil, platformOwned: true) == nil, "Acronis-hosted storages are not the partner's public cloud")
        #expect(PublicCloudVendor(backendType: nil, url: "https://s3.amazonaws.com", platformOwned: false) == nil)
    }
}
