import APIClients
import Foundation
import SandboxKit
import Testing

@Suite("Acronis client against the sandbox")
struct AcronisClientTests {
    @Test("P5: own tenant, one tenant, batch, and children followed over more than two cursor pages")
    func tenantsAndPaging() async throws {
        try await SandboxHarness.run(SandboxConfiguration(world: .generate(companies: 7, seed: 11))) { harness in
            let client = try harness.acronis(pageSize: 2)
            let partner = try await client.ownTenantID()
            #expect(partner == GeneratedIDs.acronisPartnerTenant)
            let own = try await client.tenant(id: partner)
            #expect(own.kind == .partner)

            let children = try await client.childTenants(of: partner)
            let world = await harness.sandbox.state.snapshot().acronis[.tenants]
            let expected = Set(world.filter { $0["parent_id"]?.stringValue == partner }.compactMap { $0["id"]?.stringValue })
            #expect(children.count == expected.count)
            #expect(Set(children.map(\.id)) == expected)
            #expect(expected.count == 7)
            // 7 children at 2 per page: 4 pages, each one request.
            #expect(await harness.calls(.acronis, "GET", "/api/2/tenants") == 4)

            let batch = try await client.tenants(ids: Array(expected.prefix(3)))
            #expect(Set(batch.map(\.id)) == Set(expected.prefix(3)))
        }
    }

    @Test("P4 P6: create customer and partner, update with version, stale version refused, disable, delete only when disabled")
    func tenantLifecycle() async throws {
        try await SandboxHarness.run { harness in
            let client = try harness.acronis()
            let partner = try await client.ownTenantID()
            let created = try await client.createTenant(
                AcronisTenantCreate(
                    name: #"O'Brien "Backup" & Co"#, parentID: partner, kind: .customer, customerID: "cw:250",
                    contact: AcronisContact(email: "it@obrien.example", firstName: "Pat", lastName: "O'Brien")))
            #expect(created.kind == .customer)
            #expect(created.customerID == "cw:250")
            #expect(created.parentID == partner)
            let subPartner = try await client.createTenant(AcronisTenantCreate(name: "Reseller", parentID: partner, kind: .partner))
            #expect(subPartner.kind == .partner)

            let renamed = try await client.updateTenant(
                id: created.id, AcronisTenantUpdate(version: created.version, name: "O'Brien & Co", internalTag: "psa"))
            #expect(renamed.name == "O'Brien & Co")
            #expect(renamed.version != created.version)

            // A write with the old version is refused (optimistic concurrency).
            await #expect {
                _ = try await client.updateTenant(id: created.id, AcronisTenantUpdate(version: created.version, name: "stale"))
            } throws: { error in
                (error as? APIError)?.status == 409
            }

            // Deleting an enabled tenant is refused with the API's own code and message.
            do {
                try await client.deleteTenant(id: created.id, version: renamed.version)
                Issue.record("deleting an enabled tenant must fail")
            } catch let error as APIError {
                #expect(error.status == 400)
                #expect(error.code == "1006")
                #expect(!error.messages.isEmpty)
            }

            let disabled = try await client.setTenantEnabled(id: created.id, enabled: false, version: renamed.version)
            #expect(disabled.enabled == false)
            let enabled = try await client.setTenantEnabled(id: created.id, enabled: true, version: disabled.version)
            #expect(enabled.enabled == true)

            try await client.disableAndDeleteTenant(id: created.id)
            await #expect {
                _ = try await client.tenant(id: created.id)
            } throws: { error in
                (error as? APIError)?.isNotFound == true
            }
            let remaining = try await client.childTenants(of: partner)
            #expect(!remaining.contains { $0.id == created.id })
            #expect(remaining.contains { $0.id == subPartner.id })
        }
    }

    @Test("P4: pricing mode trial to production (read, version, no-op when equal) and tenant MFA")
    func pricingAndMFA() async throws {
        try await SandboxHarness.run { harness in
            let client = try harness.acronis()
            let partner = try await client.ownTenantID()
            let tenant = try await client.createTenant(AcronisTenantCreate(name: "Trial Co", parentID: partner, kind: .customer))
            let before = try await client.pricing(tenantID: tenant.id)
            #expect(before.mode == .trial)
            let after = try await client.setPricingMode(tenantID: tenant.id, to: .production)
            #expect(after.mode == .production)
            #expect(try await client.pricing(tenantID: tenant.id).mode == .production)
            let callsBefore = await harness.calls(.acronis, "PUT", "/api/2/tenants/{id}/pricing")
            _ = try await client.setPricingMode(tenantID: tenant.id, to: .production)
            #expect(await harness.calls(.acronis, "PUT", "/api/2/tenants/{id}/pricing") == callsBefore)

            try await client.setMFA(tenantID: tenant.id, enabled: true)
            #expect(try await client.mfaStatus(tenantID: tenant.id).isEnabled)
            try await client.setMFA(tenantID: tenant.id, enabled: false)
            #expect(try await client.mfaStatus(tenantID: tenant.id).isEnabled == false)
        }
    }

    @Test("P2 P3: applications, offering items of all editions, quotas updated with their version")
    func offeringItemsAndQuotas() async throws {
        try await SandboxHarness.run { harness in
            let client = try harness.acronis()
            let partner = try await client.ownTenantID()
            let applications = try await client.applications()
            let backup = try #require(applications.first { $0.type == "backup" })
            #expect(try await client.applicationIDs(tenantID: partner).contains(backup.id))

            let partnerItems = try await client.offeringItems(tenantID: partner)
            #expect(partnerItems.contains { $0.edition == "standard" })  // edition=* returns legacy items too

            let customer = try #require(try await client.childTenants(of: partner).first { $0.kind == .customer })
            let items = try await client.offeringItems(tenantID: customer.id)
            let item = try #require(items.first { $0.type == "count" && $0.locked != true })
            let version = item.quota?.version ?? 0
            let result = try await client.updateOfferingItems(
                tenantID: customer.id, [.enable(item, quota: .hardLimit(10, version: version))])
            #expect(result.contains { $0.name == item.name && $0.isEnabled })

            let limited = try #require(try await client.offeringItems(tenantID: customer.id).first { $0.name == item.name })
            #expect(limited.isEnabled)
            #expect(limited.quota?.value == 10)
            #expect(limited.quota?.overage == 0)
            let quotaVersion = try #require(limited.quota?.version)

            // Unlimited: value null, written with the current quota version.
            _ = try await client.updateOfferingItems(
                tenantID: customer.id, [.enable(limited, quota: .unlimited(version: quotaVersion))])
            let unlimited = try #require(try await client.offeringItems(tenantID: customer.id).first { $0.name == item.name })
            #expect(unlimited.quota?.isUnlimited == true)
            #expect(unlimited.quota?.version != quotaVersion)

            // A stale quota version is refused.
            await #expect {
                _ = try await client.updateOfferingItems(
                    tenantID: customer.id, [.enable(limited, quota: .hardLimit(5, version: quotaVersion))])
            } throws: { error in
                (error as? APIError)?.status == 409
            }

            _ = try await client.updateOfferingItems(tenantID: customer.id, [.disable(unlimited)])
            let disabled = try #require(try await client.offeringItems(tenantID: customer.id).first { $0.name == item.name })
            #expect(!disabled.isEnabled)
        }
    }

    @Test("P4: a new customer gets offering items picked from available_for_child (reference section 14 step 2)")
    func newCustomerOfferingItems() async throws {
        try await SandboxHarness.run { harness in
            let client = try harness.acronis()
            let partner = try await client.ownTenantID()
            let tenant = try await client.createTenant(AcronisTenantCreate(name: "Quota Co", parentID: partner, kind: .customer))
            let available = try await client.offeringItemsAvailableForChild(parentID: partner, kind: .customer)
            let workstations = try #require(available.first { $0.usageName == "workstations" && $0.type == "count" })
            _ = try await client.updateOfferingItems(
                tenantID: tenant.id, [.enable(workstations, quota: .hardLimit(10, version: 0))])
            let enabled = try #require(try await client.offeringItems(tenantID: tenant.id).first { $0.name == workstations.name })
            #expect(enabled.isEnabled)
            #expect(enabled.quota?.value == 10)
            #expect(enabled.quota?.overage == 0)
        }
    }

    @Test("B1 B3: storages of a tenant, infra details, usages per tenant and in batch")
    func infraAndUsages() async throws {
        try await SandboxHarness.run { harness in
            let client = try harness.acronis()
            let partner = try await client.ownTenantID()
            let customers = try await client.childTenants(of: partner).filter { $0.kind == .customer }
            let customer = try #require(customers.first)
            let infraIDs = try await client.infraIDs(tenantID: customer.id)
            #expect(!infraIDs.isEmpty)
            let infras = try await client.infras(ids: infraIDs)
            #expect(Set(infras.map(\.id)) == Set(infraIDs))
            let one = try await client.infra(id: infraIDs[0])
            #expect(one.id == infraIDs[0])
            #expect(one.capabilities?.isEmpty == false)

            let usages = try await client.usages(tenantID: customer.id)
            #expect(!usages.isEmpty)
            let worldUsages = await harness.sandbox.state.snapshot().acronis[.usages].filter {
                $0["tenant_id"]?.stringValue == customer.id
            }
            #expect(usages.count == worldUsages.count)
            let batch = try await client.usages(tenantIDs: customers.map(\.id))
            #expect(Set(batch.keys) == Set(customers.map(\.id)))
            #expect(batch[customer.id]?.count == usages.count)
        }
    }

    @Test("P4: login check, user creation, activation e-mail and admin role")
    func users() async throws {
        try await SandboxHarness.run { harness in
            let client = try harness.acronis()
            let partner = try await client.ownTenantID()
            let tenant = try await client.createTenant(AcronisTenantCreate(name: "User Co", parentID: partner, kind: .customer))
            let login = "admin.userco"
            #expect(try await client.isLoginAvailable(login))
            let user = try await client.createUser(
                AcronisUserCreate(
                    tenantID: tenant.id, login: login,
                    contact: AcronisContact(email: "admin@userco.example", firstName: "Ada", lastName: "Admin")))
            #expect(user.tenantID == tenant.id)
            #expect(user.login == login)
            #expect(try await client.isLoginAvailable(login) == false)
            try await client.sendActivationEmail(userID: user.id)
            let sent = await harness.sandbox.state.snapshot().acronis[.activationEmails]
            #expect(sent.contains { $0["user_id"]?.stringValue == user.id })
            try await client.setAccessPolicies(
                userID: user.id, [AcronisAccessPolicy(roleID: "company_admin", tenantID: tenant.id, userID: user.id)])
            #expect(try await client.user(id: user.id).id == user.id)
        }
    }

    @Test("T1 T3: alert types; alerts since a cursor over several pages, dismissed ones included")
    func alerts() async throws {
        try await SandboxHarness.run(SandboxConfiguration(world: .generate(companies: 4, alerts: 7, seed: 5))) { harness in
            let client = try harness.acronis(pageSize: 2)
            let types = try await client.alertTypes(osType: "windows")
            #expect(types.contains { $0.id == "BackupFailed" })

            let all = try await client.alerts(updatedAfter: nil)
            let world = await harness.sandbox.state.snapshot().acronis[.alerts]
            #expect(all.count == world.count)
            #expect(all.count > 4)  // more than two pages of two
            #expect(Set(all.map(\.id)).count == all.count)
            // At 2 per page: at least ceil(n / 2) requests, so more than two pages were followed.
            let pages = await harness.calls(.acronis, "GET", "/api/alert_manager/v1/alerts")
            #expect(pages >= (all.count + 1) / 2)
            #expect(pages >= 3)
            let updated = all.compactMap(\.updatedAt)
            #expect(updated == updated.sorted())  // oldest change first

            let cursor = AcronisAlertCursor(nanoseconds: 0).advanced(past: all)
            let since = try await client.alerts(updatedAfter: cursor)
            #expect(since.allSatisfy { ($0.updatedAtNanoseconds ?? 0) >= cursor.nanoseconds })

            // Dismiss one: it comes back after the cursor, marked dismissed.
            let target = try #require(all.first { !$0.isDismissed })
            #expect(try await client.alert(id: target.id).id == target.id)
            try await Task.sleep(for: .milliseconds(5))
            try await client.dismissAlert(id: target.id)
            let changes = try await client.alerts(updatedAfter: cursor)
            let dismissed = try #require(changes.first { $0.id == target.id })
            #expect(dismissed.isDismissed)
            #expect(try await client.alert(id: target.id).isDismissed)
            await #expect {
                _ = try await client.alert(id: target.id, includeDismissed: false)
            } throws: { error in
                (error as? APIError)?.isNotFound == true
            }
            let visible = try await client.alerts(updatedAfter: nil, includeDismissed: false)
            #expect(!visible.contains { $0.id == target.id })
        }
    }

    @Test("token: renewed before expiry and after the server drops it, without the caller noticing")
    func tokenExpiryMidRun() async throws {
        try await SandboxHarness.run(SandboxConfiguration(tokenLifetime: .seconds(1), world: .generate(companies: 2, seed: 3))) { harness in
            let client = try harness.acronis()
            let partner = try await client.ownTenantID()
            for _ in 0..<6 {
                _ = try await client.tenant(id: partner)
                try await Task.sleep(for: .milliseconds(450))
            }
            // 1 s tokens renewed at 80 %: about every 0.8 s over ~2.7 s.
            let fetched = await client.tokenFetchCount()
            #expect(fetched >= 3)
            #expect(await harness.calls(.acronis, "POST", "/api/2/idp/token") == fetched)

            // The server forgets every token: the next call gets 401, renews once and succeeds.
            await harness.sandbox.state.setTokenLifetime(.seconds(3600))
            _ = try await client.tenant(id: partner)
            let before = await client.tokenFetchCount()
            await harness.sandbox.state.expireTokens()
            let tenant = try await client.tenant(id: partner)
            #expect(tenant.id == partner)
            #expect(await client.tokenFetchCount() == before + 1)
        }
    }

    @Test("S5: a response missing a field the client needs is a typed error naming the field and the request")
    func missingField() async throws {
        var world = SandboxWorld.generate(companies: 2, seed: 9)
        let partner = world.acronis.partnerTenantId
        world.acronis[.tenants] = world.acronis[.tenants].map { tenant in
            var tenant = tenant
            if tenant["id"]?.stringValue == partner { tenant["version"] = nil }
            return tenant
        }
        try await SandboxHarness.run(SandboxConfiguration(world: world)) { harness in
            let client = try harness.acronis()
            do {
                _ = try await client.tenant(id: partner)
                Issue.record("a tenant without version must not decode")
            } catch let error as APIError {
                #expect(error.kind == .invalidResponse(field: "version"))
                #expect(error.method == "GET")
                #expect(error.path == "/api/2/tenants/\(partner)")
                #expect(error.description.contains("'version'"))
            }
        }
    }
}
