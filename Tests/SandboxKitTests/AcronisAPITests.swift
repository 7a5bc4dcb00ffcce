import Foundation
import SandboxKit
import Testing

@Suite("Acronis API")
struct AcronisAPITests {
    static let world = SandboxWorld.generate(companies: 9, agreementsPerCompany: 1, tenants: 9, alerts: 12, seed: 5)
    static let partner = GeneratedIDs.acronisPartnerTenant

    func bearer(_ token: String) -> [String: String] { ["Authorization": "Bearer \(token)"] }

    func json(_ token: String) -> [String: String] { ["Authorization": "Bearer \(token)", "Content-Type": "application/json"] }

    @Test("token: client credentials via Basic or form; bad client 401; missing, unknown and expired bearer 401")
    func tokens() async throws {
        let configuration = SandboxConfiguration(tokenLifetime: .seconds(3), world: Self.world)
        try await withSandbox(configuration) { sandbox, client in
            let tokenURL = sandbox.acronis("/api/2/idp/token")
            let form = ["Content-Type": "application/x-www-form-urlencoded"]
            let viaForm = try await client.send(
                "POST", tokenURL, headers: form,
                body: Data("grant_type=client_credentials&client_id=sandbox-client&client_secret=sandbox-client-secret".utf8))
            #expect(viaForm.status == 200)
            let issued = try viaForm.json
            #expect(issued["token_type"] == "bearer")
            #expect(issued["expires_in"] == 3)
            #expect((issued["expires_on"].intValue ?? 0) >= Int(Date().timeIntervalSince1970))
            var wrong = form
            wrong["Authorization"] = "Basic " + Data("sandbox-client:nope".utf8).base64EncodedString()
            let bad = try await client.send("POST", tokenURL, headers: wrong, body: Data("grant_type=client_credentials".utf8))
            #expect(bad.status == 401)
            #expect(try bad.json["error"] == "invalid_client")
            let grant = try await client.send("POST", tokenURL, headers: form, body: Data("grant_type=password".utf8))
            #expect(try grant.json["error"] == "unsupported_grant_type")

            let tenant = sandbox.acronis("/api/2/tenants/\(Self.partner)")
            let missing = try await client.send("GET", tenant)
            #expect(missing.status == 401)
            #expect(try missing.json["error"]["code"] == 401)
            #expect(try await client.send("GET", tenant, headers: bearer("made-up")).status == 401)
            let token = try await sandbox.acronisToken(client)
            #expect(try await client.send("GET", tenant, headers: bearer(token)).status == 200)
            #expect(try await client.send("GET", sandbox.acronis("/api/2/tenants/\(Self.partner)?access_token=\(token)")).status == 200)
            try await Task.sleep(for: .milliseconds(3200))
            let expired = try await client.send("GET", tenant, headers: bearer(token))
            #expect(expired.status == 401)
            #expect(try expired.json["error"]["message"].stringValue?.contains("expired") == true)
            let alerts = try await client.send("GET", sandbox.acronis("/api/alert_manager/v1/alerts"), headers: bearer(token))
            #expect(alerts.status == 401)
            let fresh = try await sandbox.acronisToken(client)
            #expect(try await client.send("GET", tenant, headers: bearer(fresh)).status == 200)
            _ = try await client.send("POST", makeURL(sandbox.acronisURL, "/_sandbox/acronis/tokens/expire"))
            #expect(try await client.send("GET", tenant, headers: bearer(fresh)).status == 401)
        }
    }

    @Test("P4/P6: create a customer, stale version → 409, delete of an enabled tenant → 400 code 1006, disable then delete")
    func tenantLifecycle() async throws {
        try await withSandbox(SandboxConfiguration(world: Self.world)) { sandbox, client in
            let token = try await sandbox.acronisToken(client)
            let noType = try await client.send(
                "POST", sandbox.acronis("/api/2/tenants"), headers: bearer(token), body: Data(#"{"name":"X","parent_id":"\#(Self.partner)","kind":"customer"}"#.utf8))
            #expect(noType.status == 415)
            let created = try await client.send(
                "POST", sandbox.acronis("/api/2/tenants"), headers: json(token),
                json: ["name": "Acme Ltd", "parent_id": .string(Self.partner), "kind": "customer", "customer_id": "psa:250", "contact": ["email": "it@acme.example"]])
            #expect(created.status == 201)
            let tenant = try created.json
            let id = tenant["id"].stringValue!
            #expect(tenant["pricing_mode"] == "trial")
            #expect(tenant["enabled"] == true)
            let available = try await client.send(
                "GET", sandbox.acronis("/api/2/tenants/\(Self.partner)/offering_items/available_for_child?kind=customer&edition=pck_per_workload"),
                headers: bearer(token)).json
            #expect(available["items"].arrayValue?.contains { $0["name"] == "pw_base_workstations" } == true)
            let enable = try await client.send(
                "PUT", sandbox.acronis("/api/2/tenants/\(id)/offering_items"), headers: json(token),
                json: [
                    "offering_items": [
                        [
                            "application_id": .string(GeneratedIDs.cyberProtectionApplication), "name": "pw_base_workstations", "status": 1,
                            "quota": ["value": 5, "overage": 0, "version": 0],
                        ],
                        [
                            "application_id": .string(GeneratedIDs.cyberProtectionApplication), "name": "pw_base_storage", "status": 1,
                            "infra_id": .string(GeneratedIDs.backupStorage),
                        ],
                    ]
                ])
            #expect(enable.status == 200)
            let items = try await client.send("GET", sandbox.acronis("/api/2/tenants/\(id)/offering_items?edition=*"), headers: bearer(token)).json
            let enabled = items["items"].arrayValue!.filter { $0["status"] == 1 }.map { $0["name"].stringValue! }.sorted()
            #expect(enabled == ["pw_base_storage", "pw_base_workstations"])
            let duplicate = try await client.send(
                "POST", sandbox.acronis("/api/2/tenants"), headers: json(token), json: ["name": "acme ltd", "parent_id": .string(Self.partner), "kind": "customer"])
            #expect(duplicate.status == 409)
            let version = tenant["version"].intValue!

            let update = try await client.send(
                "PUT", sandbox.acronis("/api/2/tenants/\(id)"), headers: json(token), json: ["internal_tag": "x", "version": .int(version)])
            #expect(update.status == 200)
            let newVersion = try update.json["version"].intValue!
            #expect(newVersion > version)
            let stale = try await client.send(
                "PUT", sandbox.acronis("/api/2/tenants/\(id)"), headers: json(token), json: ["enabled": false, "version": .int(version)])
            #expect(stale.status == 409)
            #expect(try stale.json["error"]["code"] == 409)
            let noVersion = try await client.send("PUT", sandbox.acronis("/api/2/tenants/\(id)"), headers: json(token), json: ["enabled": false])
            #expect(noVersion.status == 400)

            let deleteEnabled = try await client.send("DELETE", sandbox.acronis("/api/2/tenants/\(id)?version=\(newVersion)"), headers: bearer(token))
            #expect(deleteEnabled.status == 400)
            #expect(try deleteEnabled.json["error"]["code"] == 1006)
            #expect(try deleteEnabled.json["error"]["message"] == "It is prohibited to delete a non-disabled tenant.")
            let disable = try await client.send(
                "PUT", sandbox.acronis("/api/2/tenants/\(id)"), headers: json(token), json: ["enabled": false, "version": .int(newVersion)])
            #expect(try disable.json["enabled"] == false)
            let disabledVersion = try disable.json["version"].intValue!
            let staleDelete = try await client.send("DELETE", sandbox.acronis("/api/2/tenants/\(id)?version=\(newVersion)"), headers: bearer(token))
            #expect(staleDelete.status == 409)
            let deleted = try await client.send("DELETE", sandbox.acronis("/api/2/tenants/\(id)?version=\(disabledVersion)"), headers: bearer(token))
            #expect(deleted.status == 204)
            #expect(try await client.send("GET", sandbox.acronis("/api/2/tenants/\(id)"), headers: bearer(token)).status == 404)
            let withDeleted = try await client.send(
                "GET", sandbox.acronis("/api/2/tenants?uuids=\(id)&allow_deleted=true"), headers: bearer(token))
            #expect(try withDeleted.json["items"][0]["deleted_at"].stringValue != nil)

            let pricing = try await client.send("GET", sandbox.acronis("/api/2/tenants/\(Self.partner)/pricing"), headers: bearer(token))
            #expect(try pricing.json["mode"] == "production")
            let customer = Self.world.acronis[.tenants].first { $0["pricing_mode"] == "trial" && $0["kind"] == "customer" }
            if let customer, let customerId = customer["id"]?.stringValue {
                let current = try await client.send("GET", sandbox.acronis("/api/2/tenants/\(customerId)/pricing"), headers: bearer(token)).json
                let live = try await client.send(
                    "PUT", sandbox.acronis("/api/2/tenants/\(customerId)/pricing"), headers: json(token),
                    json: ["mode": "production", "version": current["version"]])
                #expect(try live.json["mode"] == "production")
                #expect(try live.json["production_start_date"].stringValue != nil)
                let back = try await client.send(
                    "PUT", sandbox.acronis("/api/2/tenants/\(customerId)/pricing"), headers: json(token),
                    json: ["mode": "trial", "version": try live.json["version"]])
                #expect(back.status == 400)
            }
            // P1: a self-service customer (ancestral_access false) is read-only for the partner.
            let selfService = try await client.send(
                "POST", sandbox.acronis("/api/2/tenants"), headers: json(token),
                json: ["name": "Self Service Co", "parent_id": .string(Self.partner), "kind": "customer", "ancestral_access": false])
            let selfId = try selfService.json["id"].stringValue!
            let selfVersion = try selfService.json["version"]
            #expect(try await client.send("GET", sandbox.acronis("/api/2/tenants/\(selfId)"), headers: bearer(token)).status == 200)
            let refused = try await client.send(
                "PUT", sandbox.acronis("/api/2/tenants/\(selfId)"), headers: json(token), json: ["enabled": false, "version": selfVersion])
            #expect(refused.status == 403)
            let refusedItems = try await client.send(
                "PUT", sandbox.acronis("/api/2/tenants/\(selfId)/offering_items"), headers: json(token), json: ["offering_items": []])
            #expect(refusedItems.status == 403)
            let mfa = try await client.send(
                "PUT", sandbox.acronis("/api/2/tenants/\(Self.partner)/mfa/status"), headers: json(token), json: ["enabled": true])
            #expect(try mfa.json["mfa_status"] == "enabled")
        }
    }

    @Test("cursor paging of tenants: limit and only after=cursor on later pages, until no after")
    func tenantPaging() async throws {
        try await withSandbox(SandboxConfiguration(world: Self.world)) { sandbox, client in
            let token = try await sandbox.acronisToken(client)
            var url = sandbox.acronis("/api/2/tenants?parent_id=\(Self.partner)&limit=2&lod=basic")
            var names: [String] = []
            var pages = 0
            while true {
                let page = try await client.send("GET", url, headers: bearer(token)).json
                pages += 1
                let items = page["items"].arrayValue!
                #expect(items.count <= 2)
                #expect(items.allSatisfy { $0["contact"].isNull })
                names += items.map { $0["name"].stringValue! }
                #expect(page["timestamp"].stringValue != nil)
                guard let after = page["paging"]["cursors"]["after"].stringValue, !after.isEmpty else { break }
                url = sandbox.acronis("/api/2/tenants?after=\(encoded(after))")
            }
            let expected = Self.world.acronis[.tenants].filter { $0["parent_id"]?.stringValue == Self.partner }.map { $0["name"]!.stringValue! }
            #expect(names == expected)
            #expect(pages == 5)
            let both = try await client.send("GET", sandbox.acronis("/api/2/tenants?parent_id=\(Self.partner)&uuids=\(Self.partner)"), headers: bearer(token))
            #expect(both.status == 400)
            let subtree = try await client.send("GET", sandbox.acronis("/api/2/tenants?subtree_root_id=\(Self.partner)&limit=1000"), headers: bearer(token))
            #expect(try subtree.json["items"].arrayValue?.count == Self.world.acronis[.tenants].count)
            let name = expected[2]
            let found = try await client.send(
                "GET", sandbox.acronis("/api/2/search?tenant=\(Self.partner)&text=\(encoded(String(name.dropFirst(2).prefix(6)).uppercased()))"),
                headers: bearer(token)).json
            #expect(found["items"].arrayValue?.contains { $0["obj_type"] == "tenant" && $0["name"].stringValue == name } == true)
            let children = try await client.send("GET", sandbox.acronis("/api/2/tenants/\(Self.partner)/children"), headers: bearer(token))
            #expect(try children.json["items"].arrayValue?.count == expected.count)
        }
    }

    @Test("P2/P3: offering items need edition=*; PUT offering_items with quota versions; usages follow set values")
    func offeringItemsAndUsage() async throws {
        try await withSandbox(SandboxConfiguration(world: Self.world)) { sandbox, client in
            let token = try await sandbox.acronisToken(client)
            let tenant = Self.world.acronis[.tenants].first { $0["kind"] == "customer" && $0["parent_id"]?.stringValue == Self.partner }!
            let id = tenant["id"]!.stringValue!
            let legacy = try await client.send("GET", sandbox.acronis("/api/2/tenants/\(id)/offering_items"), headers: bearer(token)).json
            #expect(legacy["items"].arrayValue?.allSatisfy { $0["edition"].isNull || $0["edition"] == "standard" } == true)
            let all = try await client.send("GET", sandbox.acronis("/api/2/tenants/\(id)/offering_items?edition=*"), headers: bearer(token)).json
            let workstations = all["items"].arrayValue!.first { $0["name"] == "pw_base_workstations" }!
            let quotaVersion = workstations["quota"]["version"].intValue ?? 0
            let body: JSONValue = [
                "offering_items": [
                    [
                        "application_id": .string(GeneratedIDs.cyberProtectionApplication), "name": "pw_base_workstations", "status": 1,
                        "quota": ["value": 10, "overage": 0, "version": .int(quotaVersion)],
                    ]
                ]
            ]
            let put = try await client.send("PUT", sandbox.acronis("/api/2/tenants/\(id)/offering_items"), headers: json(token), json: body)
            #expect(put.status == 200)
            let updated = try put.json["items"].arrayValue!.first { $0["name"] == "pw_base_workstations" }!
            #expect(updated["quota"]["value"] == 10)
            #expect(updated["status"] == 1)
            let stale = try await client.send("PUT", sandbox.acronis("/api/2/tenants/\(id)/offering_items"), headers: json(token), json: body)
            #expect(stale.status == 409)
            let wrongKey = try await client.send(
                "PUT", sandbox.acronis("/api/2/tenants/\(id)/offering_items"), headers: json(token), json: ["items": body["offering_items"]])
            #expect(wrongKey.status == 400)
            let noInfra = try await client.send(
                "PUT", sandbox.acronis("/api/2/tenants/\(id)/offering_items"), headers: json(token),
                json: ["offering_items": [["application_id": .string(GeneratedIDs.cyberProtectionApplication), "name": "pw_base_storage", "status": 1]]])
            #expect(noInfra.status == 400)
            let twoStorages = try await client.send(
                "PUT", sandbox.acronis("/api/2/tenants/\(id)/offering_items"), headers: json(token),
                json: [
                    "offering_items": [
                        ["application_id": .string(GeneratedIDs.cyberProtectionApplication), "name": "pw_base_storage", "status": 1, "infra_id": .string(GeneratedIDs.backupStorage)],
                        ["application_id": .string(GeneratedIDs.cyberProtectionApplication), "name": "pw_base_storage", "status": 1, "infra_id": .string(GeneratedIDs.partnerStorage)],
                    ]
                ])
            #expect(twoStorages.status == 400)

            let set = try await client.send(
                "POST", makeURL(sandbox.acronisURL, "/_sandbox/acronis/tenants/\(id)/usage"),
                json: ["items": [["name": "workstations", "value": 7]]])
            #expect(set.status == 200)
            let usages = try await client.send("GET", sandbox.acronis("/api/2/tenants/\(id)/usages"), headers: bearer(token)).json
            let row = usages["items"].arrayValue!.first { $0["name"] == "pw_base_workstations" }!
            #expect(row["value"] == 7)
            #expect(row["absolute_value"] == 7)
            #expect(row["offering_item"]["quota"]["value"] == 10)
            #expect(row["tenant_uuid"].stringValue == id)
            let batch = try await client.send("GET", sandbox.acronis("/api/2/tenants/usages?tenants=\(id)&usage_names=workstations"), headers: bearer(token)).json
            #expect(batch["items"][0]["usages"].arrayValue?.map { $0["value"] } == [7])
            try await sandbox.setUsage(tenantId: id, [UsageValue(name: "class2_storage", infraId: GeneratedIDs.backupStorage, value: 5_368_709_120)])
            let extra = try await client.send("GET", sandbox.acronis("/api/2/tenants/\(id)/usages?usage_names=class2_storage"), headers: bearer(token)).json
            #expect(extra["items"].arrayValue?.map { $0["value"] } == [5_368_709_120])
            #expect(extra["items"][0]["offering_item"] == .null)
            let infra = try await client.send("GET", sandbox.acronis("/api/2/tenants/\(id)/infra"), headers: bearer(token)).json
            #expect(infra["infras"].arrayValue?.contains(.string(GeneratedIDs.backupStorage)) == true)
        }
    }

    @Test("P4: users, login check, activation e-mail (recorded), access policies")
    func users() async throws {
        try await withSandbox(SandboxConfiguration(world: Self.world)) { sandbox, client in
            let token = try await sandbox.acronisToken(client)
            let tenant = Self.world.acronis[.tenants].first { $0["kind"] == "customer" }!["id"]!
            #expect(try await client.send("GET", sandbox.acronis("/api/2/users/check_login?username=new.admin"), headers: bearer(token)).status == 204)
            let created = try await client.send(
                "POST", sandbox.acronis("/api/2/users"), headers: json(token),
                json: ["tenant_id": tenant, "login": "new.admin", "contact": ["email": "admin@acme.example", "firstname": "A", "lastname": "B"]])
            #expect(created.status == 200)
            let user = try created.json
            #expect(user["activated"] == false)
            #expect(try await client.send("GET", sandbox.acronis("/api/2/users/check_login?username=new.admin"), headers: bearer(token)).status == 409)
            let taken = try await client.send("POST", sandbox.acronis("/api/2/users"), headers: json(token), json: ["tenant_id": tenant, "login": "new.admin"])
            #expect(taken.status == 409)
            let id = user["id"].stringValue!
            let noBody = try await client.send("POST", sandbox.acronis("/api/2/users/\(id)/send-activation-email"), headers: bearer(token))
            #expect(noBody.status == 415)
            let sent = try await client.send("POST", sandbox.acronis("/api/2/users/\(id)/send-activation-email"), headers: json(token), json: [:])
            #expect(sent.status == 204)
            let emails = await sandbox.state.records(.activationEmails)
            #expect(emails.map { $0["email"] } == ["admin@acme.example"])
            let policies = try await client.send(
                "PUT", sandbox.acronis("/api/2/users/\(id)/access_policies"), headers: json(token),
                json: ["items": [["id": "00000000-0000-0000-0000-000000000000", "role_id": "company_admin", "tenant_id": tenant, "trustee_type": "user", "version": 0]]])
            #expect(try policies.json["items"][0]["role_id"] == "company_admin")
            #expect(try policies.json["items"][0]["trustee_id"].stringValue == id)
        }
    }

    @Test("T1/T3: alerts filtered on updated_at (ns), dismissed alerts only with show_deleted, cursor paging and severity")
    func alerts() async throws {
        try await withSandbox(SandboxConfiguration(world: Self.world)) { sandbox, client in
            let token = try await sandbox.acronisToken(client)
            let all = Self.world.acronis[.alerts]
            let active = all.filter { $0["deletedAt"]?.isNull ?? true }
            let base = "/api/alert_manager/v1/alerts"
            let plain = try await client.send("GET", sandbox.acronis(base + "?limit=100"), headers: bearer(token)).json
            #expect(plain["items"].arrayValue?.count == active.count)
            let withDeleted = try await client.send("GET", sandbox.acronis(base + "?show_deleted=true&limit=100"), headers: bearer(token)).json
            #expect(withDeleted["items"].arrayValue?.count == all.count)
            let onlyDeleted = try await client.send("GET", sandbox.acronis(base + "?show_deleted_only=true"), headers: bearer(token)).json
            #expect(onlyDeleted["items"].arrayValue?.allSatisfy { $0["deletedAt"].stringValue != nil } == true)
            #expect(onlyDeleted["items"].arrayValue?.count == all.count - active.count)

            // Cursor on updatedAt: nothing newer, then a raised alert and a resolved one come back.
            let newest = all.compactMap { $0["updatedAt"]?.stringValue.flatMap(ISODate.parse) }.max()!
            let cursor = Int(newest.timeIntervalSince1970 * 1000) * 1_000_000
            let poll = sandbox.acronis(base + "?show_deleted=true&updated_at=gt(\(cursor))&order=asc(updated_at)&limit=100")
            #expect(try await client.send("GET", poll, headers: bearer(token)).json["items"] == [])
            let tenant = Self.world.acronis[.tenants].first { $0["kind"] == "customer" }!["id"]!.stringValue!
            let raised = try await client.send(
                "POST", makeURL(sandbox.acronisURL, "/_sandbox/acronis/alerts"),
                json: ["type": "BackupFailed", "tenant": .string(tenant), "details": ["resourceName": "SRV-99"]])
            let alertId = try raised.json["id"].stringValue!
            let toResolve = active[0]["id"]!.stringValue!
            _ = try await client.send("POST", makeURL(sandbox.acronisURL, "/_sandbox/acronis/alerts/\(toResolve)/resolve"))
            let changed = try await client.send("GET", poll, headers: bearer(token)).json["items"].arrayValue!
            #expect(Set(changed.map { $0["id"].stringValue! }) == [alertId, toResolve])
            #expect(changed.first { $0["id"].stringValue == toResolve }?["deletedAt"].stringValue != nil)
            let withoutDeleted = try await client.send("GET", sandbox.acronis(base + "?updated_at=gt(\(cursor))"), headers: bearer(token)).json
            #expect(withoutDeleted["items"].arrayValue?.map { $0["id"] } == [.string(alertId)])
            let lt = try await client.send("GET", sandbox.acronis(base + "?show_deleted=true&updated_at=lt(\(cursor))&limit=100"), headers: bearer(token)).json
            let older = await sandbox.state.records(.alerts).filter {
                ($0["updatedAt"]?.stringValue.flatMap(ISODate.parse)).map { Int($0.timeIntervalSince1970 * 1000) * 1_000_000 < cursor } ?? false
            }
            #expect(older.count == all.count - 2)
            #expect(lt["items"].arrayValue?.count == older.count)
            let hidden = try await client.send("GET", sandbox.acronis(base + "/\(toResolve)"), headers: bearer(token))
            #expect(hidden.status == 404)
            let shown = try await client.send("GET", sandbox.acronis(base + "/\(toResolve.lowercased())?show_deleted=true"), headers: bearer(token))
            #expect(shown.status == 200)

            // Paging with limit=3 and after only.
            var url = sandbox.acronis(base + "?show_deleted=true&limit=3&order=asc(created_at)")
            var seen: [String] = []
            var pages = 0
            while true {
                let page = try await client.send("GET", url, headers: bearer(token)).json
                pages += 1
                seen += page["items"].arrayValue!.map { $0["id"].stringValue! }
                guard let after = page["paging"]["cursors"]["after"].stringValue else { break }
                if pages > 1 { #expect(page["paging"]["cursors"]["before"].stringValue != nil) }
                url = sandbox.acronis(base + "?limit=3&after=\(encoded(after))")
            }
            #expect(seen.count == all.count + 1)
            #expect(Set(seen).count == seen.count)
            #expect(pages == 5)

            let severe = try await client.send("GET", sandbox.acronis(base + "?show_deleted=true&severity=ge(error)&limit=100"), headers: bearer(token)).json
            let expectedSevere = all.filter { ["error", "critical"].contains($0["severity"]!.stringValue!) }.count + 1
            #expect(severe["items"].arrayValue?.count == expectedSevere)
            let byType = try await client.send("GET", sandbox.acronis(base + "?show_deleted=true&type=BackupFailed&tenant=or(\(tenant),\(Self.partner))"), headers: bearer(token)).json
            #expect(byType["items"].arrayValue?.allSatisfy { $0["type"] == "BackupFailed" && $0["tenant"]["uuid"].stringValue == tenant } == true)
            let badFilter = try await client.send("GET", sandbox.acronis(base + "?updated_at=after(5)"), headers: bearer(token))
            #expect(badFilter.status == 400)
            let dismiss = try await client.send("DELETE", sandbox.acronis(base + "/\(alertId)"), headers: bearer(token))
            #expect(dismiss.status == 204)
            let types = try await client.send("GET", sandbox.acronis("/api/alert_manager/v1/types?os_type=windows"), headers: bearer(token)).json
            #expect(types["items"].arrayValue?.contains { $0["id"] == "BackupFailed" } == true)
            #expect(try await client.send("GET", sandbox.acronis("/api/alert_manager/v1/types"), headers: bearer(token)).status == 400)
        }
    }
}
