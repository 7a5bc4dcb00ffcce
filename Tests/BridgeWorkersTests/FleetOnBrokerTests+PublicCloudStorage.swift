import APIClients
import BridgeCore
import BridgeRules
import BridgeState
import BridgeValues
import Foundation
import SandboxKit
import Testing

@testable import BridgeWorkers

/// Public cloud storages (B3) through the broker, the provisioner and the sandbox.
extension FleetOnBrokerTests {
    static let azureInfra = "a2c3e4f5-0000-4000-8000-00000000a2e0"

    /// Adds a partner-owned Azure storage to the sandbox's cloud, with the storage offering item
    /// on it for the partner and (disabled) for every tenant that has the Acronis-hosted one.
    static func addAzureStorage(_ fleet: TicketFleet, partnerID: String) async throws {
        try await SandboxWorldEdit.table(fleet, "acronis", "infras") { infras in
            infras + [
                [
                    "id": .string(azureInfra), "name": "Azure (MSP account)", "owner_tenant_id": .string(partnerID),
                    "location_id": "6a8f9e0d-1c2b-4d3e-9f4a-5b6c7d8e9fa0", "platform_owned": false, "capabilities": ["backup"],
                    "url": "https://mspbackup.blob.core.windows.net/acronis", "backend_type": "azure", "version": 1, "readonly": false,
                ]
            ]
        }
        try await SandboxWorldEdit.table(fleet, "acronis", "offeringItems") { items in
            let onAzure = items.filter { $0["name"]?.stringValue == "pw_base_storage" && !($0["infra_id"]?.isNull ?? true) }.map { item in
                var item = item
                item["infra_id"] = .string(azureInfra)
                if item["tenant_id"]?.stringValue?.lowercased() != partnerID.lowercased() {
                    item["status"] = 0
                    item["quota"] = nil
                }
                return item
            }
            return items + onAzure
        }
    }

    @Test(
        "B3 on ConnectWise: a tenant that starts using an Azure storage gets the Azure product on its agreement once, with 1 unit; when it stops, the addition is cancelled; the storage's quota is left as the partner set it"
    )
    func publicCloudStorageOnConnectWise() async throws {
        let job = try await ProvisioningFleet.start(psa: .connectWise)
        do {
            let azureProduct = SandboxProduct.catalog[6]
            // With a second storage in the cloud, the storage mapping names its infra.
            let yaml = job.settingsYAML(extra: "publicCloudStorages:\n  - {vendor: microsoft-azure, psaProduct: \"\(azureProduct.sku)\"}")
                .replacingOccurrences(of: "usageName: storage}", with: "usageName: storage, infra: \(GeneratedIDs.backupStorage)}")
                .replacingOccurrences(of: "\n    defaultStorage: true", with: "")
            #expect(yaml.contains("infra: \(GeneratedIDs.backupStorage)"))
            try await job.apply(yaml)
            let settings = try await job.fleet.settingsCache.required().settings
            #expect(settings.publicCloudStorages == [PublicCloudStorageMapping(vendor: .microsoftAzure, psaProduct: .name(azureProduct.sku))])
            let partner = try await job.handler.provider.context(for: settings).setup.partnerID
            try await Self.addAzureStorage(job.fleet, partnerID: partner)
            await job.handler.provider.invalidate()
            let context = try await job.handler.provider.context(for: settings)
            let azureProductID = try #require(context.setup.planner.publicCloud.products[.microsoftAzure])
            #expect(context.setup.planner.publicCloud.infras[Self.azureInfra] == .microsoftAzure)

            // A customer the contract gives no Acronis storage: a customer has one backup storage.
            let storageProduct = try #require(context.setup.planner.mappings.first { $0.storage != nil }?.product)
            var candidate: TicketFleet.Customer?
            for customer in job.fleet.customers {
                let lines = try await context.psa.lines(companyIDs: [customer.companyId], marker: context.setup.marker, now: job.clock.now)[customer.companyId] ?? []
                if !lines.isEmpty, !lines.contains(where: { $0.productID == storageProduct }) {
                    candidate = customer
                    break
                }
            }
            let customer = try #require(candidate, "the seeded world has a customer whose lines carry no storage product")
            try await job.fleet.map(customer)
            try await job.tick()
            func azureLines() async -> [JSONObject] {
                await Self.additions(job.fleet, company: customer.companyId).filter {
                    $0["product"]?["id"].intValue == azureProductID
                }
            }
            func open(_ lines: [JSONObject]) -> [JSONObject] { lines.filter { $0["cancelledDate"]?.isNull ?? true } }
            #expect(open(await azureLines()).isEmpty, "no Azure storage in use yet: no Azure product")

            // The customer starts using Azure: 50 GB quota set by the partner.
            let azureItem = OfferingItemKey(name: "pw_base_storage", infraID: Self.azureInfra)
            try await context.cloud.setQuota(tenantID: customer.tenantId, item: azureItem, to: .limited(50 << 30), catalog: context.setup.catalog)
            #expect(try await job.tick().published == 1)
            let added = open(await azureLines())
            #expect(added.count == 1)
            #expect(added.first?["quantity"]?.doubleValue == 1)
            #expect(try await job.tick().published == 0, "in step: nothing to do")
            let quota = await job.fleet.sandbox.state.records(AcronisWorld.Table.offeringItems).first {
                $0["tenant_id"]?.stringValue?.lowercased() == customer.tenantId.lowercased() && $0["infra_id"]?.stringValue == Self.azureInfra
            }
            #expect(quota?["quota"]?["value"].intValue == 50 << 30, "the Azure storage keeps the partner's quota")

            // It stops: the addition is cancelled, once.
            try await context.cloud.setQuota(tenantID: customer.tenantId, item: azureItem, to: .disabled, catalog: context.setup.catalog)
            #expect(try await job.tick().published == 1)
            #expect(open(await azureLines()).isEmpty)
            #expect(await azureLines().count == 1, "the addition stays in the agreement's history, cancelled")
            #expect(try await job.tick().published == 0)

            let audit = try await job.harness.store.auditEntries(targetSystem: "connectwise").map(\.entry)
            #expect(audit.filter { $0.action == "contract-service.add" }.count == 1)
            #expect(audit.filter { $0.action == "contract-service.remove" }.count == 1)
            #expect(try await job.mapping(customer.companyId)?.syncError == nil)
        } catch {
            await job.stop()
            throw error
        }
        await job.stop()
    }
}

extension FleetOnBrokerTests {
    @Test(
        "B3 on Autotask: a tenant that starts using an Azure storage gets the Azure service on its contract holding 1 unit; when it stops, the units go to 0 (contract services cannot be deleted); quiet ticks write nothing"
    )
    func publicCloudStorageOnAutotask() async throws {
        let job = try await ProvisioningFleet.start(psa: .autotask)
        do {
            let azureProduct = SandboxProduct.catalog[6]
            let yaml = job.settingsYAML(extra: "publicCloudStorages:\n  - {vendor: microsoft-azure, psaProduct: \"\(azureProduct.name)\"}")
                .replacingOccurrences(of: "usageName: storage}", with: "usageName: storage, infra: \(GeneratedIDs.backupStorage)}")
                .replacingOccurrences(of: "\n    defaultStorage: true", with: "")
            try await job.apply(yaml)
            let settings = try await job.fleet.settingsCache.required().settings
            let partner = try await job.handler.provider.context(for: settings).setup.partnerID
            try await Self.addAzureStorage(job.fleet, partnerID: partner)
            await job.handler.provider.invalidate()
            let context = try await job.handler.provider.context(for: settings)
            let azureService = try #require(context.setup.planner.publicCloud.products[.microsoftAzure])
            let storageProduct = try #require(context.setup.planner.mappings.first { $0.storage != nil }?.product)
            var chosen: (TicketFleet.Customer, [ContractLine])?
            for customer in job.fleet.customers {
                let lines = try await context.psa.lines(companyIDs: [customer.companyId], marker: context.setup.marker, now: job.clock.now)[customer.companyId] ?? []
                if !lines.isEmpty, !lines.contains(where: { $0.productID == storageProduct || $0.productID == azureService }) {
                    chosen = (customer, lines)
                    break
                }
            }
            let (customer, lines) = try #require(chosen, "the seeded world has a customer whose contract carries no storage service")
            try await job.fleet.map(customer)
            try await job.tick()
            let client = try await Self.autotask(job.fleet)
            let billing = AutotaskBilling(client: client)
            func azureUnits() async throws -> [Decimal] {
                var units: [Decimal] = []
                for contract in Set(lines.map(\.contractID)) {
                    for service in try await client.contractServices(ATField("contractID") == contract && ATField("serviceID") == azureService) {
                        units.append(try await billing.units(contractServiceID: service.id, now: Date()))
                    }
                }
                return units
            }
            #expect(try await azureUnits().isEmpty)

            let azureItem = OfferingItemKey(name: "pw_base_storage", infraID: Self.azureInfra)
            try await context.cloud.setQuota(tenantID: customer.tenantId, item: azureItem, to: .unlimited, catalog: context.setup.catalog)
            #expect(try await job.tick().published == 1)
            #expect(try await azureUnits() == [1], "one Azure service on the contract, holding 1 unit")
            #expect(try await job.tick().published == 0)

            try await context.cloud.setQuota(tenantID: customer.tenantId, item: azureItem, to: .disabled, catalog: context.setup.catalog)
            #expect(try await job.tick().published == 1)
            #expect(try await azureUnits() == [0], "the Azure service stays on the contract at 0 units")
            #expect(try await job.tick().published == 0)
            let audit = try await job.harness.store.auditEntries(targetSystem: "autotask").map(\.entry)
            #expect(audit.map(\.action).sorted() == ["contract-service.add", "contract-service.remove"])
        } catch {
            await job.stop()
            throw error
        }
        await job.stop()
    }
}
