import APIClients
import BridgeCore
import BridgeRules
import BridgeState
import BridgeValues
import Foundation
import SandboxKit
import Testing

@testable import BridgeWorkers

/// Provisioning end to end: the sandbox's PSA and cloud, the provisioner's tick and its
/// `provision.company` handler on a real broker (SPEC P1-P7).
extension FleetOnBrokerTests {
    /// The ConnectWise client of the fleet.
    static func connectWise(_ fleet: TicketFleet) async throws -> ConnectWiseClient {
        let settings = try await fleet.settingsCache.required().settings
        guard case .connectWise(let client) = try await fleet.clients.psa(settings.connection) else {
            throw HarnessError("the fleet is not on ConnectWise")
        }
        return client
    }

    /// The company's agreement additions as the sandbox holds them.
    static func additions(_ fleet: TicketFleet, company: String) async -> [JSONObject] {
        let agreements = Set(
            await fleet.sandbox.state.records(ConnectWiseWorld.Table.agreements)
                .filter { $0["company"]?["id"].intValue == Int(company) }.compactMap { $0["id"]?.intValue })
        return await fleet.sandbox.state.records(ConnectWiseWorld.Table.additions)
            .filter { agreements.contains($0["agreementId"]?.intValue ?? -1) }
    }

    /// Makes every addition of the company prepaid with `quantity`, except those of `payg` (PAYG).
    static func setAdditions(
        _ fleet: TicketFleet, company: String, quantity: Int, payg: Set<String> = [], cancelled: Bool = false
    ) async throws {
        let client = try await connectWise(fleet)
        for addition in await additions(fleet, company: company) {
            guard let id = addition["id"]?.intValue, let agreement = addition["agreementId"]?.intValue,
                let sku = addition["product"]?["identifier"].stringValue
            else { continue }
            var operations: [CWPatchOperation] = [
                .replace("quantity", with: .number(Double(quantity))),
                .replaceCustomFields([CWCustomField(id: 1, caption: "PAYG", type: "Checkbox", value: .bool(payg.contains(sku)))]),
            ]
            if cancelled {
                operations.append(.replace("cancelledDate", with: .string(Timestamp.format(Date().addingTimeInterval(-86_400), fractionalSeconds: false))))
            }
            _ = try await client.patchAddition(agreementID: agreement, id: id, operations)
        }
    }

    /// The quota each mapped product's offering item should have from the company's additions
    /// (P2, P3): any PAYG line → unlimited; prepaid only → the sum (GB as bytes for storage);
    /// no line → disabled, except the default storage when no storage product is on the contract.
    static func expectedQuotas(_ fleet: TicketFleet, company: String) async -> [String: String] {
        let lines = await additions(fleet, company: company).filter { $0["cancelledDate"]?.isNull ?? true }
        var expected: [String: String] = [:]
        let storageOnContract = lines.contains { $0["product"]?["identifier"].stringValue == "ACR-STORAGE-GB" }
        for product in ProvisioningFleet.mappedProducts {
            let own = lines.filter { $0["product"]?["identifier"].stringValue == product.sku }
            if own.isEmpty {
                expected[product.offeringItem] = product.type == "infra" && !storageOnContract ? "unlimited" : "disabled"
            } else if own.contains(where: { $0["customFields"]?[0]["value"].boolValue == true }) {
                expected[product.offeringItem] = "unlimited"
            } else {
                let sum = own.compactMap { $0["quantity"]?.intValue }.reduce(0, +)
                expected[product.offeringItem] = String(product.measurementUnit == "bytes" ? sum * (1 << 30) : sum)
            }
        }
        return expected
    }

    static func actualQuotas(_ fleet: ProvisioningFleet, tenant: String) async -> [String: String] {
        let items = await fleet.items(tenant: tenant)
        return Dictionary(
            ProvisioningFleet.mappedProducts.map { ($0.offeringItem, ProvisioningFleet.quota(items[$0.offeringItem])) },
            uniquingKeysWith: { a, _ in a })
    }

    @Test(
        "P2, P3 on ConnectWise: a mapped company's quotas follow its agreement additions (prepaid = sum of quantities, PAYG = unlimited, no line = disabled, default storage); a second tick writes nothing"
    )
    func quotasFollowAdditionsOnConnectWise() async throws {
        let job = try await ProvisioningFleet.start(psa: .connectWise)
        do {
            try await job.apply(job.settingsYAML())
            let customer = job.fleet.customers[0]
            try await job.fleet.map(customer)
            let skus = Set(await Self.additions(job.fleet, company: customer.companyId).compactMap { $0["product"]?["identifier"].stringValue })
            #expect(!skus.isEmpty, "the generated company has additions")
            try await Self.setAdditions(job.fleet, company: customer.companyId, quantity: 3, payg: Set(skus.sorted().prefix(1)))

            let first = try await job.tick()
            #expect(first.published >= 1)
            let expected = await Self.expectedQuotas(job.fleet, company: customer.companyId)
            #expect(await Self.actualQuotas(job, tenant: customer.tenantId) == expected)
            #expect(expected.values.contains("unlimited"))
            let audit = try await job.harness.store.auditEntries(targetSystem: "acronis", limit: 1000)
            #expect(audit.contains { $0.entry.action == "offering-item.quota" && $0.entry.targetId == customer.tenantId })
            #expect((try await job.mapping(customer.companyId))?.status == .mapped)

            // Steady state: nothing changed, so nothing is published and nothing written.
            let writes = audit.count
            let second = try await job.tick()
            #expect(second.published == 0, "a tick with no change publishes nothing")
            #expect(try await job.harness.store.auditEntries(targetSystem: "acronis", limit: 1000).count == writes)

            // A quantity changes: only that change is written.
            try await Self.setAdditions(job.fleet, company: customer.companyId, quantity: 5, payg: Set(skus.sorted().prefix(1)))
            let third = try await job.tick()
            #expect(third.published == 1)
            #expect(await Self.actualQuotas(job, tenant: customer.tenantId) == (await Self.expectedQuotas(job.fleet, company: customer.companyId)))
        } catch {
            await job.stop()
            throw error
        }
        await job.stop()
    }

    @Test(
        "P4 on ConnectWise: with automatic creation on, an unmapped company with an active line for a mapped product gets a tenant named after it, an admin user from the company name with the activation email, 2FA, and its quotas in the same pass"
    )
    func automaticCustomerOnConnectWise() async throws {
        let job = try await ProvisioningFleet.start(psa: .connectWise, companies: 3, tenants: 1)
        do {
            try await job.apply(
                job.settingsYAML(
                    provisioning: """
                          adminFrom: company-name
                          activationEmail: onboarding@msp.example
                          autoCreateCustomers: true
                          mfaForNewCustomers: true
                        """))
            let companies = await job.fleet.sandbox.state.records(ConnectWiseWorld.Table.companies)
            let mappedTenantNames = Set(job.fleet.customers.map(\.name))
            let candidates = companies.filter { !mappedTenantNames.contains($0["name"]?.stringValue ?? "") }
            #expect(candidates.count == 2, "two companies without a tenant")
            for customer in job.fleet.customers { try await job.fleet.map(customer) }
            let before = await job.tenants().count

            try await job.tick()
            let tenants = await job.tenants()
            #expect(tenants.count == before + candidates.count, "one new tenant per company")
            for company in candidates {
                let id = String(company["id"]!.intValue!)
                let name = company["name"]!.stringValue!
                let created = tenants.filter { $0["customer_id"]?.stringValue == id }
                #expect(created.count == 1, "company \(id) has one tenant")
                guard let tenant = created.first, let tenantID = tenant["id"]?.stringValue else { continue }
                #expect(tenant["name"]?.stringValue == name)
                #expect(tenant["kind"]?.stringValue == "customer")
                let mapping = try await job.mapping(id)
                #expect(mapping?.status == .mapped)
                #expect(mapping?.tenantId == tenantID.lowercased())
                let users = await job.fleet.sandbox.state.records(AcronisWorld.Table.users).filter {
                    $0["tenant_id"]?.stringValue?.lowercased() == tenantID.lowercased()
                }
                #expect(users.count == 1, "one admin user")
                #expect(users.first?["login"]?.stringValue?.hasSuffix(".admin") == true)
                #expect(users.first?["contact"]?["email"].stringValue == "onboarding@msp.example")
                let emails = await job.fleet.sandbox.state.records(AcronisWorld.Table.activationEmails)
                #expect(emails.contains { $0["user_id"]?.stringValue == users.first?["id"]?.stringValue })
                #expect(await Self.actualQuotas(job, tenant: tenantID) == (await Self.expectedQuotas(job.fleet, company: id)))
            }
            let again = try await job.tick()
            #expect(again.published == 0)
            #expect(await job.tenants().count == before + candidates.count, "no second tenant")
        } catch {
            await job.stop()
            throw error
        }
        await job.stop()
    }

    @Test(
        "P6 on ConnectWise: when every line ends, quotas go to zero at once, the tenant is disabled after N days and deleted after M days (test clock); a line that comes back first re-enables it and stops the clock"
    )
    func deprovisioningOnConnectWise() async throws {
        let job = try await ProvisioningFleet.start(psa: .connectWise)
        do {
            try await job.apply(
                job.settingsYAML(
                    deprovisioning: """
                          quotasToZero: true
                          disableAfterDays: {enabled: true, days: 10}
                          deleteAfterDays: {enabled: true, days: 30}
                        """))
            let kept = job.fleet.customers[0]
            let returning = job.fleet.customers[1]
            for customer in [kept, returning] { try await job.fleet.map(customer) }
            try await Self.setAdditions(job.fleet, company: kept.companyId, quantity: 4)
            try await Self.setAdditions(job.fleet, company: returning.companyId, quantity: 4)
            try await job.tick()

            // Every line of both companies ends.
            try await Self.setAdditions(job.fleet, company: kept.companyId, quantity: 4, cancelled: true)
            try await Self.setAdditions(job.fleet, company: returning.companyId, quantity: 4, cancelled: true)
            try await job.tick()
            for customer in [kept, returning] {
                let quotas = await Self.actualQuotas(job, tenant: customer.tenantId)
                #expect(quotas.values.allSatisfy { $0 == "0" || $0 == "disabled" }, "quotas to zero at once: \(quotas)")
                #expect(try await job.harness.store.deprovisioningClock(tenantId: customer.tenantId) != nil)
            }
            func enabled(_ tenant: String) async -> Bool? {
                await job.tenants().first { $0["id"]?.stringValue?.lowercased() == tenant.lowercased() }?["enabled"]?.boolValue
            }
            job.clock.advance(days: 9)
            try await job.tick()
            #expect(await enabled(kept.tenantId) == true, "not disabled before 10 days")
            job.clock.advance(days: 1)
            try await job.tick()
            #expect(await enabled(kept.tenantId) == false, "disabled after 10 days")
            #expect(await enabled(returning.tenantId) == false)

            // A line comes back for one company: enabled again, clock stopped.
            let client = try await Self.connectWise(job.fleet)
            if let addition = await Self.additions(job.fleet, company: returning.companyId).first,
                let id = addition["id"]?.intValue, let agreement = addition["agreementId"]?.intValue
            {
                _ = try await client.patchAddition(agreementID: agreement, id: id, [.replace("cancelledDate", with: .null)])
            }
            try await job.tick()
            #expect(await enabled(returning.tenantId) == true, "a returning line re-enables the tenant")
            #expect(try await job.harness.store.deprovisioningClock(tenantId: returning.tenantId) == nil)

            job.clock.advance(days: 20)
            try await job.tick()
            #expect(await enabled(kept.tenantId) == nil, "deleted after 30 days")
            #expect(await enabled(returning.tenantId) == true)
            let actions = try await job.harness.store.auditEntries(targetSystem: "acronis", limit: 1000).map(\.entry.action)
            #expect(actions.filter { $0 == "tenant.delete" }.count == 1)
            #expect(actions.filter { $0 == "tenant.disable" }.count == 2)
            #expect(actions.filter { $0 == "tenant.enable" }.count == 1)
        } catch {
            await job.stop()
            throw error
        }
        await job.stop()
    }
}

/// Provisioning on Autotask: contract services, their units and the PAYG contract field.
extension FleetOnBrokerTests {
    static func autotask(_ fleet: TicketFleet) async throws -> AutotaskClient {
        let settings = try await fleet.settingsCache.required().settings
        guard case .autotask(let client) = try await fleet.clients.psa(settings.connection) else {
            throw HarnessError("the fleet is not on Autotask")
        }
        return client
    }

    /// The quota each mapped product's item should have from the company's contract services and
    /// their current units, read from the Autotask API (P2, P3).
    static func expectedAutotaskQuotas(_ fleet: TicketFleet, company: String) async throws -> [String: String] {
        let client = try await autotask(fleet)
        let contracts = try await client.contracts(ATField("companyID") == Int(company)! && ATField("status") == 1)
        let services = try await client.services()
        var expected: [String: String] = [:]
        var lines: [(sku: String, units: Int, payg: Bool)] = []
        let now = Date()
        for contract in contracts {
            let payg = contract.userDefinedFields?.first { $0.name == "Acronis PAYG" }?.value == "Yes"
            let units = try await client.contractServiceUnits(
                ATField("contractID") == contract.id && ATField("startDate") <= now && ATField("endDate") >= now)
            for service in try await client.contractServices(ATField("contractID") == contract.id) {
                let name = services.first { $0.id == service.serviceID }?.name ?? ""
                let sku = SandboxProduct.catalog.first { $0.name == name }?.sku ?? name
                lines.append((sku, units.first { $0.contractServiceID == service.id }?.units ?? 0, payg))
            }
        }
        let storageOnContract = lines.contains { $0.sku == "ACR-STORAGE-GB" }
        for product in ProvisioningFleet.mappedProducts {
            let own = lines.filter { $0.sku == product.sku }
            if own.isEmpty {
                expected[product.offeringItem] = product.type == "infra" && !storageOnContract ? "unlimited" : "disabled"
            } else if own.contains(where: \.payg) {
                expected[product.offeringItem] = "unlimited"
            } else {
                let sum = own.map(\.units).reduce(0, +)
                expected[product.offeringItem] = String(product.measurementUnit == "bytes" ? sum * (1 << 30) : sum)
            }
        }
        return expected
    }

    @Test(
        "P2, P3 on Autotask: quotas follow contract services (prepaid = the current period's units, a contract marked Acronis PAYG = Yes is unlimited); a unit adjustment changes only that quota; a quiet tick writes nothing"
    )
    func quotasFollowContractServicesOnAutotask() async throws {
        let job = try await ProvisioningFleet.start(psa: .autotask)
        do {
            try await job.apply(job.settingsYAML())
            let prepaid = job.fleet.customers[0]
            let payg = job.fleet.customers[1]
            for customer in [prepaid, payg] { try await job.fleet.map(customer) }
            let client = try await Self.autotask(job.fleet)
            for (customer, flag) in [(prepaid, "No"), (payg, "Yes")] {
                for contract in try await client.contracts(ATField("companyID") == Int(customer.companyId)!) {
                    try await client.updateContractUDFs(contractID: contract.id, [ATUserDefinedField(name: "Acronis PAYG", value: flag)])
                }
            }
            try await job.tick()
            for customer in [prepaid, payg] {
                let expected = try await Self.expectedAutotaskQuotas(job.fleet, company: customer.companyId)
                #expect(await Self.actualQuotas(job, tenant: customer.tenantId) == expected, "company \(customer.companyId)")
            }
            #expect(
                try await Self.expectedAutotaskQuotas(job.fleet, company: payg.companyId).values.contains("unlimited"),
                "the PAYG contract's items are unlimited")
            #expect(try await job.tick().published == 0, "nothing changed")

            // Two more units on one prepaid service.
            let contract = try #require(try await client.contracts(ATField("companyID") == Int(prepaid.companyId)! && ATField("status") == 1).first)
            let service = try #require(try await client.contractServices(ATField("contractID") == contract.id).first)
            _ = try await client.createContractServiceAdjustment(
                ATContractServiceAdjustment(
                    contractID: contract.id, contractServiceID: service.id, effectiveDate: Date().addingTimeInterval(-60), unitChange: 2))
            let changed = try await job.tick()
            #expect(changed.published == 1)
            #expect(
                await Self.actualQuotas(job, tenant: prepaid.tenantId)
                    == (try await Self.expectedAutotaskQuotas(job.fleet, company: prepaid.companyId)))
        } catch {
            await job.stop()
            throw error
        }
        await job.stop()
    }

    @Test(
        "P2 on Autotask: the Acronis PAYG contract field is created when the PSA lacks it, once"
    )
    func paygFieldCreatedOnAutotask() async throws {
        let job = try await ProvisioningFleet.start(psa: .autotask)
        do {
            // A world whose Autotask has no user-defined field definitions yet.
            try await SandboxWorldEdit.table(job.fleet, "autotask", "UserDefinedFieldDefinitions") { _ in [] }
            try await job.apply(job.settingsYAML())
            try await job.tick()
            try await job.tick()
            let definitions = await job.fleet.sandbox.state.records(AutotaskWorld.Table.UserDefinedFieldDefinitions)
            #expect(definitions.filter { $0["name"]?.stringValue == "Acronis PAYG" && $0["udfType"]?.intValue == 3 }.count == 1)
        } catch {
            await job.stop()
            throw error
        }
        await job.stop()
    }
}

/// Scope, protected tenants and local errors.
extension FleetOnBrokerTests {
    /// Replaces tenant records in the sandbox's world (a world edit, as an operator's change in
    /// the cloud portal would make).
    static func editTenants(_ fleet: TicketFleet, _ edit: (inout [String: SandboxKit.JSONValue]) -> Void) async throws {
        try await SandboxWorldEdit.records(fleet, "acronis", "tenants", edit)
    }

    @Test(
        "P1 on ConnectWise: a tenant in self-service mode is never written, and its mapping says why; a company out of scope (not a customer type) is left alone"
    )
    func selfServiceTenantsAreNeverWritten() async throws {
        let job = try await ProvisioningFleet.start(psa: .connectWise)
        do {
            try await job.apply(job.settingsYAML(provisioning: "  companyTypes: [Partner]"))
            let outOfScope = job.fleet.customers[1]
            try await job.fleet.map(outOfScope)
            try await Self.setAdditions(job.fleet, company: outOfScope.companyId, quantity: 2)
            try await job.tick()
            #expect(try await job.harness.store.auditEntries(targetSystem: "acronis", limit: 100).isEmpty, "out of scope: nothing written")

            try await job.apply(job.settingsYAML())
            let protected = job.fleet.customers[0]
            try await job.fleet.map(protected)
            try await Self.editTenants(job.fleet) { record in
                if record["id"]?.stringValue?.lowercased() == protected.tenantId.lowercased() { record["ancestral_access"] = false }
            }
            let before = await job.items(tenant: protected.tenantId)
            try await job.tick()
            #expect(await job.items(tenant: protected.tenantId) == before, "the self-service tenant is unchanged")
            let written = try await job.harness.store.auditEntries(targetSystem: "acronis", limit: 100)
            #expect(!written.contains { $0.entry.targetId == protected.tenantId })
            #expect(written.contains { $0.entry.targetId == outOfScope.tenantId }, "the company back in scope is provisioned")
            let mapping = try await job.mapping(protected.companyId)
            #expect(mapping?.status == .mapped)
            #expect(mapping?.syncError?.contains("self-service") == true, "\(mapping?.syncError ?? "no error")")
            #expect(try await job.tick().published == 0, "the reason is recorded once, not republished every tick")
        } catch {
            await job.stop()
            throw error
        }
        await job.stop()
    }

    @Test(
        "P7 on ConnectWise: a company whose writes the cloud refuses gets the error on its mapping and the others go on; the next tick retries it"
    )
    func errorsStayLocal() async throws {
        let job = try await ProvisioningFleet.start(psa: .connectWise)
        do {
            try await job.apply(job.settingsYAML())
            let failing = job.fleet.customers[0]
            let healthy = job.fleet.customers[1]
            for customer in [failing, healthy] {
                try await job.fleet.map(customer)
                try await Self.setAdditions(job.fleet, company: customer.companyId, quantity: 2)
            }
            await job.fleet.sandbox.scriptFault(
                ScriptedFault(count: 50, status: 400, method: "PUT", pathContains: failing.tenantId), for: .acronis)
            try await job.tick()
            #expect(await Self.actualQuotas(job, tenant: healthy.tenantId) == (await Self.expectedQuotas(job.fleet, company: healthy.companyId)))
            let mapping = try await job.mapping(failing.companyId)
            #expect(mapping?.syncError?.contains("provisioning failed") == true, "\(mapping?.syncError ?? "no error")")
            #expect(try await job.harness.depth(WorkQueue.provisionerWork.deadLetterQueue) == 0)
            let status = try await StatusReport.gather(store: job.harness.store, admin: nil, brokerError: nil)
            #expect(status.mappingErrors.contains { $0.companyId == failing.companyId })

            await job.fleet.sandbox.state.clearScriptedFaults()
            try await job.tick()
            #expect(await Self.actualQuotas(job, tenant: failing.tenantId) == (await Self.expectedQuotas(job.fleet, company: failing.companyId)))
            #expect((try await job.mapping(failing.companyId))?.syncError == nil, "the error is cleared once it works")
        } catch {
            await job.stop()
            throw error
        }
        await job.stop()
    }
}

/// `bridgectl plan` and `bridgectl map company --new` against the provisioning job.
extension FleetOnBrokerTests {
    /// Runs the built bridgectl on the fleet's state and sandbox; returns its exit status and output.
    static func bridgectl(_ job: ProvisioningFleet, _ arguments: [String]) async throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = try executable("bridgectl")
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["PSA_BRIDGE_AMQP_URL"] = environment["PSA_BRIDGE_TEST_AMQP_URL"]
        environment["PSA_BRIDGE_DB"] = job.harness.store.location.description
        environment["PSA_BRIDGE_SCHEMAS"] = FleetHarness.repositoryRoot.appendingPathComponent("schemas").path
        environment[APIClientPool.autotaskDiscoveryVariable] = job.fleet.sandbox.autotaskURL.absoluteString + "/atservicesrest"
        for (name, value) in TicketFleet.environment { environment[name] = value }
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test(
        "P2, P3, P5 on ConnectWise: bridgectl plan prints what the provisioner then does, change for change, and writes nothing"
    )
    func planPreviewsWhatTheProvisionerDoes() async throws {
        let job = try await ProvisioningFleet.start(psa: .connectWise)
        do {
            try await job.apply(job.settingsYAML())
            let customer = job.fleet.customers[0]
            try await job.fleet.map(customer)
            try await Self.setAdditions(job.fleet, company: customer.companyId, quantity: 6)
            let before = await job.items(tenant: customer.tenantId)
            let (status, output) = try await Self.bridgectl(job, ["plan", "--company", customer.companyId, "--json"])
            #expect(status == 0, "\(output)")
            let plans = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]] ?? []
            let keys = (plans.first?["changes"] as? [[String: Any]] ?? []).compactMap { $0["key"] as? String }
            #expect(!keys.isEmpty, "the plan has changes: \(output)")
            #expect(await job.items(tenant: customer.tenantId) == before, "plan writes nothing")
            #expect(try await job.harness.store.auditEntries(targetSystem: "acronis", limit: 100).isEmpty)

            try await job.tick()
            let written = try await job.harness.store.auditEntries(targetSystem: "acronis", limit: 100)
            #expect(written.count == keys.count, "one write per planned change")
            #expect(Set(written.map(\.entry.reason)).count == keys.count, "each planned change written once")
            let (_, after) = try await Self.bridgectl(job, ["plan", "--company", customer.companyId])
            #expect(after.contains("nothing to do"), "\(after)")
        } catch {
            await job.stop()
            throw error
        }
        await job.stop()
    }

    @Test(
        "P5 on ConnectWise: map company --new queues the company (Ready for mapping) and the provisioner creates its tenant and marks it Mapped; removing the mapping changes no quota"
    )
    func mapToNewTenantOnConnectWise() async throws {
        let job = try await ProvisioningFleet.start(psa: .connectWise, companies: 3, tenants: 1)
        do {
            try await job.apply(
                job.settingsYAML(provisioning: ProvisioningFleet.adminFromCompanyName))
            let companies = await job.fleet.sandbox.state.records(ConnectWiseWorld.Table.companies)
            let target = try #require(companies.first { $0["name"]?.stringValue != job.fleet.customers[0].name })
            let id = String(target["id"]!.intValue!)
            let (status, output) = try await Self.bridgectl(job, ["map", "company", id, "--new"])
            #expect(status == 0, "\(output)")
            let mapped = try await job.harness.eventuallyValue("the company mapped to a new tenant", timeout: .seconds(60)) {
                let mapping = try await job.mapping(id)
                return mapping?.status == .mapped ? mapping : nil
            }
            let tenant = try #require(mapped.tenantId)
            #expect(await job.tenants().filter { $0["customer_id"]?.stringValue == id }.count == 1)
            #expect(mapped.tenantName == target["name"]?.stringValue)
            let quotas = await Self.actualQuotas(job, tenant: tenant)
            #expect(quotas == (await Self.expectedQuotas(job.fleet, company: id)))

            let (removed, text) = try await Self.bridgectl(job, ["map", "company", id, "--remove"])
            #expect(removed == 0, "\(text)")
            #expect((try await job.mapping(id))?.status == .notMapped)
            try await job.tick()
            #expect(await Self.actualQuotas(job, tenant: tenant) == quotas, "removing a mapping changes no quota")
        } catch {
            await job.stop()
            throw error
        }
        await job.stop()
    }
}

extension FleetOnBrokerTests {
    @Test(
        "P2, P3, S5 on ConnectWise: settings check resolves every product mapping against the PSA catalog and the cloud's offering items and refuses the file with the path of each problem"
    )
    func settingsCheckResolvesProductMappings() async throws {
        let job = try await ProvisioningFleet.start(psa: .connectWise)
        do {
            let good = job.directory("good.yaml")
            try job.settingsYAML().write(to: good, atomically: true, encoding: .utf8)
            let ok = try await Self.bridgectl(job, ["settings", "check", good.path])
            #expect(ok.status == 0, "\(ok.output)")
            #expect(ok.output.contains("product mappings resolved"))

            let bad = job.directory("bad.yaml")
            let yaml = job.settingsYAML()
                .replacingOccurrences(of: "psaProduct: \"ACR-SERVERS\"", with: "psaProduct: \"ACR-NO-SUCH-THING\"")
                .replacingOccurrences(of: "usageName: vms}", with: "usageName: unicorns}")
                + """
                  - offeringItem: {application: backup, usageName: local_storage}
                    psaProduct: "ACR-WORKSTATIONS"

                """
            try yaml.write(to: bad, atomically: true, encoding: .utf8)
            let refused = try await Self.bridgectl(job, ["settings", "check", bad.path])
            #expect(refused.status == 2, "\(refused.output)")
            #expect(refused.output.contains("/productMappings/5/psaProduct"), "product mapped twice: \(refused.output)")
            let applied = try await Self.bridgectl(job, ["settings", "apply", bad.path])
            #expect(applied.status == 2, "apply refuses it too")

            let unknown = job.directory("unknown.yaml")
            try job.settingsYAML()
                .replacingOccurrences(of: "psaProduct: \"ACR-SERVERS\"", with: "psaProduct: \"ACR-NO-SUCH-THING\"")
                .replacingOccurrences(of: "usageName: vms}", with: "usageName: unicorns}")
                .write(to: unknown, atomically: true, encoding: .utf8)
            let resolved = try await Self.bridgectl(job, ["settings", "check", unknown.path])
            #expect(resolved.status == 2, "\(resolved.output)")
            #expect(resolved.output.contains("/productMappings/1/psaProduct: ConnectWise Manage has no catalog item \"ACR-NO-SUCH-THING\""), "\(resolved.output)")
            #expect(resolved.output.contains("/productMappings/2/offeringItem: the partner has no offering item"), "\(resolved.output)")
        } catch {
            await job.stop()
            throw error
        }
        await job.stop()
    }
}
