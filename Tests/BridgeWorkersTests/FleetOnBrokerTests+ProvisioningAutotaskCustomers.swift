import BridgeRules
import BridgeValues
import Foundation
import SandboxKit
import Testing

@testable import BridgeWorkers

/// Automatic customers on Autotask (P4): admin from the primary contact, Trial, then Production.
extension FleetOnBrokerTests {
    @Test(
        "P4 on Autotask: a company that gains a contract line gets a tenant named after it and an admin user from its primary contact, in Trial, switched to Production after a full month (test clock)"
    )
    func automaticCustomerOnAutotask() async throws {
        let job = try await ProvisioningFleet.start(psa: .autotask, companies: 4, tenants: 1)
        do {
            try await job.apply(
                job.settingsYAML(
                    provisioning: """
                          adminFrom: primary-contact
                          autoCreateCustomers: true
                          mode: Trial
                        """))
            for customer in job.fleet.customers { try await job.fleet.map(customer) }
            // The companies in scope with an active contract service of a mapped product.
            let settings = try await job.fleet.settingsCache.required().settings
            let context = try await job.handler.provider.context(for: settings)
            let candidates = try await job.handler.preview(context).filter { item in
                item.plan.changes.contains { $0.isTenantCreation }
            }.map(\.entry.facts.company)
            #expect(!candidates.isEmpty, "the generated world has a company that gains a tenant")
            let before = await job.tenants().count

            try await job.tick()
            let tenants = await job.tenants()
            #expect(tenants.count == before + candidates.count, "one new tenant per company")
            let contacts = await job.fleet.sandbox.state.records(AutotaskWorld.Table.Contacts)
            for company in candidates {
                let created = tenants.filter { $0["customer_id"]?.stringValue == company.id }
                #expect(created.count == 1, "company \(company.id) has one tenant")
                guard let tenant = created.first, let tenantID = tenant["id"]?.stringValue?.lowercased() else { continue }
                #expect(tenant["name"]?.stringValue == company.name)
                #expect(tenant["pricing_mode"]?.stringValue == "trial", "created in Trial as set")
                #expect(try await job.mapping(company.id)?.status == .mapped)
                let primary = try #require(
                    contacts.first { $0["companyID"]?.intValue == Int(company.id) && $0["primaryContact"]?.boolValue == true })
                let users = await job.fleet.sandbox.state.records(AcronisWorld.Table.users).filter {
                    $0["tenant_id"]?.stringValue?.lowercased() == tenantID
                }
                #expect(users.count == 1, "one admin user")
                #expect(users.first?["contact"]?["email"].stringValue == primary["emailAddress"]?.stringValue, "the primary contact's email")
                #expect(users.first?["contact"]?["firstname"].stringValue == primary["firstName"]?.stringValue)
            }
            #expect(try await job.tick().published == 0, "nothing more to do within the month")

            job.clock.advance(days: 32)
            try await job.tick()
            for company in candidates {
                let tenant = await job.tenants().first { $0["customer_id"]?.stringValue == company.id }
                #expect(tenant?["pricing_mode"]?.stringValue == "production", "company \(company.id): Production after a full month")
            }
            let audit = try await job.harness.store.auditEntries(targetSystem: "acronis", limit: 1_000)
            #expect(audit.filter { $0.entry.action == "tenant.create" }.count == candidates.count, "each create audited once")
        } catch {
            await job.stop()
            throw error
        }
        await job.stop()
    }
}

extension FleetOnBrokerTests {
    @Test(
        "P4, P5, P7 on ConnectWise: a company whose new tenant's name is already taken under the partner is Mapping failed with the existing tenant's id and the command that maps it; no tenant is made twice, the others go on, and mapping it by hand clears the error"
    )
    func tenantNameTakenIsMappingFailed() async throws {
        let job = try await ProvisioningFleet.start(psa: .connectWise, companies: 3, tenants: 1)
        do {
            try await job.apply(
                job.settingsYAML(
                    provisioning: """
                          adminFrom: company-name
                          activationEmail: onboarding@msp.example
                          autoCreateCustomers: true
                        """))
            // The generated customer's tenant exists, but its company is left unmapped.
            let taken = job.fleet.customers[0]
            try await Self.setAdditions(job.fleet, company: taken.companyId, quantity: 2)
            let before = await job.tenants()
            try await job.tick()

            let mapping = try #require(try await job.mapping(taken.companyId))
            #expect(mapping.status == .mappingFailed)
            #expect(mapping.error?.contains("a tenant named '\(taken.name)' (\(taken.tenantId.lowercased())) already exists") == true, "\(mapping.error ?? "")")
            #expect(mapping.error?.contains("bridgectl map company \(taken.companyId) --tenant \(taken.tenantId.lowercased())") == true)
            let tenants = await job.tenants()
            #expect(tenants.filter { $0["name"]?.stringValue == taken.name }.count == 1, "no second tenant of that name")
            let others = tenants.count - before.count
            #expect(others >= 1, "the other companies got their tenants (\(others))")

            try await job.fleet.map(taken)
            try await job.tick()
            let fixed = try #require(try await job.mapping(taken.companyId))
            #expect(fixed.status == .mapped)
            #expect(fixed.error == nil)
            #expect(await Self.actualQuotas(job, tenant: taken.tenantId) == (await Self.expectedQuotas(job.fleet, company: taken.companyId)))
        } catch {
            await job.stop()
            throw error
        }
        await job.stop()
    }
}
