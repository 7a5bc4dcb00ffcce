import BridgeConsole
import BridgeState
import BridgeValues
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SandboxKit
import Testing

@testable import BridgeWorkers

/// The admin console's routes on the provisioning job: login, sessions, CSRF, the company
/// mapping tab acting through the broker and the provisioner, hostile names shown as text.
extension FleetOnBrokerTests {
    static let markupName = "<script>alert(1)</script> & \"Co\" 'x'"

    /// A console on the job's state, clients and broker, with operator `alice`.
    static func console(_ job: ProvisioningFleet) async throws -> ConsoleApplication {
        let accounts = ConsoleAccounts(store: job.harness.store, cost: 4)
        try await accounts.add(name: "alice", password: "correct horse battery")
        let bus = job.harness.bus
        let services = try ConsoleServices(
            store: job.harness.store, catalog: job.harness.catalog, clients: job.fleet.clients, broker: BrokerLink { bus },
            accounts: accounts, configuration: ConsoleConfiguration(),
            throttle: LoginThrottle(baseDelay: .milliseconds(50), maximumDelay: .milliseconds(200)), logger: job.harness.logger)
        return ConsoleApplication(services: services, configuration: ConsoleConfiguration())
    }

    @Test(
        "P5 on ConnectWise, console: log in, find a company by name, map it to a new tenant and see it Mapped after the provisioner runs; audited as the operator; CSRF refused; hostile names shown as text; log out"
    )
    func consoleMapsCompanyToNewTenant() async throws {
        let job = try await ProvisioningFleet.start(psa: .connectWise, companies: 4, tenants: 1)
        do {
            try await job.apply(
                job.settingsYAML(provisioning: ProvisioningFleet.adminFromCompanyName))
            let companies = await job.fleet.sandbox.state.records(ConnectWiseWorld.Table.companies)
            let target = try #require(companies.first { $0["name"]?.stringValue != job.fleet.customers[0].name })
            let id = String(target["id"]!.intValue!)
            let hostile = try #require(companies.first { $0["id"] != target["id"] && $0["name"]?.stringValue != job.fleet.customers[0].name })
            let hostileID = String(hostile["id"]!.intValue!)
            try await SandboxWorldEdit.records(job.fleet, "connectwise", "companies") { company in
                if company["id"] == hostile["id"] { company["name"] = .string(Self.markupName) }
            }
            try await job.tick()  // The provisioner's tick records every company the console lists.
            let console = try await Self.console(job)
            let app = Application(router: console.router())
            try await app.test(.router) { client in
                // Every page but the login page needs a session.
                try await client.execute(uri: "/companies", method: .get) { response in
                    #expect(response.status == .seeOther && response.headers[.location] == "/login")
                }
                try await client.execute(uri: "/companies/\(id)/map-new", method: .post) { response in
                    #expect(response.status == .unauthorized)
                }
                // The login form sets its own token; a post without it is refused.
                let (loginCookie, loginToken) = try await client.execute(uri: "/login", method: .get) { response in
                    let cookie = try #require(Self.setCookie(response, ConsoleSessions.loginCookieName))
                    let token = try #require(Self.hiddenField(String(buffer: response.body), "csrf"))
                    #expect(cookie.value == token)
                    return (cookie.value, token)
                }
                try await client.execute(
                    uri: "/login", method: .post, headers: Self.form(cookies: [ConsoleSessions.loginCookieName: loginCookie]),
                    body: Self.body(["csrf": "forged", "name": "alice", "password": "correct horse battery"])
                ) { response in
                    #expect(response.status == .forbidden)
                }
                // A wrong password is refused, counted, and says nothing about which part was wrong.
                try await client.execute(
                    uri: "/login", method: .post, headers: Self.form(cookies: [ConsoleSessions.loginCookieName: loginCookie]),
                    body: Self.body(["csrf": loginToken, "name": "alice", "password": "wrong password here"])
                ) { response in
                    #expect(response.status == .unauthorized)
                    #expect(String(buffer: response.body).contains("Wrong operator name or password."))
                }
                #expect(try await job.harness.store.consoleOperator(name: "alice")?.failedLogins == 1)
                let session = try await client.execute(
                    uri: "/login", method: .post, headers: Self.form(cookies: [ConsoleSessions.loginCookieName: loginCookie]),
                    body: Self.body(["csrf": loginToken, "name": "alice", "password": "correct horse battery"])
                ) { response in
                    #expect(response.status == .seeOther && response.headers[.location] == "/")
                    let header = response.headers[values: .setCookie].first { $0.hasPrefix(ConsoleSessions.cookieName + "=") } ?? ""
                    #expect(header.contains("HttpOnly") && header.contains("SameSite=Strict"), "\(header)")
                    return try #require(Self.setCookie(response, ConsoleSessions.cookieName)).value
                }
                #expect(try await job.harness.store.consoleOperator(name: "alice")?.failedLogins == 0)
                let signedIn = [ConsoleSessions.cookieName: session]

                // The summary, with the headers every response carries.
                try await client.execute(uri: "/", method: .get, headers: Self.headers(cookies: signedIn)) { response in
                    #expect(response.status == .ok)
                    let csp = response.headers[.contentSecurityPolicy] ?? ""
                    #expect(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline") && csp.contains("frame-ancestors 'none'"))
                    #expect(response.headers[.xContentTypeOptions] == "nosniff")
                    #expect(response.headers[HTTPField.Name("X-Frame-Options")!] == "DENY")
                    let html = String(buffer: response.body)
                    #expect(html.contains("id=\"accounts-total\">4<"), "accounts total from the state")
                }
                // The hostile name is text: escaped, never markup.
                try await client.execute(uri: "/companies?q=alert", method: .get, headers: Self.headers(cookies: signedIn)) { response in
                    let html = String(buffer: response.body)
                    #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot; &#39;x&#39;"), "\(html)")
                    #expect(!html.contains("<script>"))
                    #expect(html.contains("id=\"company-\(hostileID)\"") && html.contains("id=\"matching\">1<"))
                }
                // Filter by the PSA's company type, as the tick recorded it.
                let typeName = try #require(try await job.harness.store.companyTypeNames(psa: .connectWise).first)
                let ofType = try await job.harness.store.companyMappings(psa: .connectWise)
                    .filter { ($0.companyTypes ?? []).contains { $0.lowercased() == typeName.lowercased() } }
                try await client.execute(
                    uri: "/companies?type=" + (typeName.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""),
                    method: .get, headers: Self.headers(cookies: signedIn)
                ) { response in
                    let html = String(buffer: response.body)
                    #expect(!ofType.isEmpty && html.contains("id=\"matching\">\(ofType.count)<"), "\(ofType.count) of type \(typeName)")
                    #expect(ofType.allSatisfy { html.contains("id=\"company-\($0.companyId)\"") })
                }
                // Search by name finds the target; its row offers a new tenant.
                let targetName = try #require(target["name"]?.stringValue)
                let csrf = try await client.execute(
                    uri: "/companies?q=" + (targetName.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""), method: .get,
                    headers: Self.headers(cookies: signedIn)
                ) { response in
                    let html = String(buffer: response.body)
                    #expect(html.contains("id=\"company-\(id)\"") && html.contains("/companies/\(id)/map-new"))
                    return try #require(Self.hiddenField(html, "csrf"))
                }
                // Without the session's token the action is refused and nothing changes.
                try await client.execute(
                    uri: "/companies/\(id)/map-new", method: .post, headers: Self.form(cookies: signedIn), body: Self.body(["csrf": "x"])
                ) { response in
                    #expect(response.status == .forbidden)
                }
                #expect(try await job.mapping(id)?.status == .notMapped)
                try await client.execute(
                    uri: "/companies/\(id)/map-new", method: .post, headers: Self.form(cookies: signedIn),
                    body: Self.body(["csrf": csrf, "back": "/companies?q=x"])
                ) { response in
                    #expect(response.status == .ok)
                    #expect(String(buffer: response.body).contains("Ready for mapping to a new tenant; the provisioner creates it now"))
                }
                let mapped = try await job.harness.eventuallyValue("the company mapped to a new tenant", timeout: .seconds(60)) {
                    let mapping = try await job.mapping(id)
                    return mapping?.status == .mapped ? mapping : nil
                }
                #expect(await job.tenants().filter { $0["customer_id"]?.stringValue == id }.count == 1)
                try await client.execute(uri: "/companies?status=mapped", method: .get, headers: Self.headers(cookies: signedIn)) { response in
                    let html = String(buffer: response.body)
                    #expect(html.contains("id=\"company-\(id)\"") && html.contains(mapped.tenantId ?? "?"))
                }
                let audit = try await job.harness.store.auditEntries(targetSystem: "psa-bridge", targetId: "connectwise company \(id)")
                #expect(audit.map(\.entry.worker) == ["console:alice"] && audit.map(\.entry.action) == ["mapping.request-new-tenant"])

                // Logging out ends the session everywhere.
                try await client.execute(
                    uri: "/logout", method: .post, headers: Self.form(cookies: signedIn), body: Self.body(["csrf": csrf])
                ) { response in
                    #expect(response.status == .seeOther && response.headers[.location] == "/login")
                }
                try await client.execute(uri: "/", method: .get, headers: Self.headers(cookies: signedIn)) { response in
                    #expect(response.status == .seeOther && response.headers[.location] == "/login")
                }
            }
        } catch {
            await job.stop()
            throw error
        }
        await job.stop()
    }

    @Test("P5 on ConnectWise, console and bridgectl: removing a mapping in either gives the same mapping and the same audit entry but for who did it")
    func consoleAndBridgectlRemoveAlike() async throws {
        let job = try await ProvisioningFleet.start(psa: .connectWise, companies: 4, tenants: 2)
        do {
            try await job.apply(job.settingsYAML())
            let first = job.fleet.customers[0]
            let second = job.fleet.customers[1]
            try await job.fleet.map(first)
            try await job.fleet.map(second)
            let console = try await Self.console(job)
            let app = Application(router: console.router())
            let (status, output) = try await Self.bridgectl(job, ["map", "company", first.companyId, "--remove"])
            #expect(status == 0, "\(output)")
            try await app.test(.router) { client in
                let session = try await Self.logIn(client)
                let csrf = try await client.execute(uri: "/companies", method: .get, headers: Self.headers(cookies: session)) { response in
                    try #require(Self.hiddenField(String(buffer: response.body), "csrf"))
                }
                try await client.execute(
                    uri: "/companies/\(second.companyId)/remove", method: .post, headers: Self.form(cookies: session),
                    body: Self.body(["csrf": csrf])
                ) { response in
                    #expect(response.status == .ok)
                    #expect(String(buffer: response.body).contains("mapping removed (no quota changed)"))
                }
            }
            let byTool = try #require(try await job.mapping(first.companyId))
            let byConsole = try #require(try await job.mapping(second.companyId))
            #expect(byTool.status == .notMapped && byConsole.status == .notMapped)
            #expect(byTool.tenantId == byConsole.tenantId && byTool.error == byConsole.error)
            let toolAudit = try await job.harness.store.auditEntries(targetSystem: "psa-bridge", targetId: "connectwise company \(first.companyId)")
            let consoleAudit = try await job.harness.store.auditEntries(targetSystem: "psa-bridge", targetId: "connectwise company \(second.companyId)")
            #expect(toolAudit.map(\.entry.worker) == ["bridgectl"] && consoleAudit.map(\.entry.worker) == ["console:alice"])
            #expect(toolAudit.map(\.entry.action) == consoleAudit.map(\.entry.action))
            #expect(toolAudit.first?.entry.after == consoleAudit.first?.entry.after)
            #expect(toolAudit.first?.entry.reason.replacingOccurrences(of: "bridgectl", with: "X")
                == consoleAudit.first?.entry.reason.replacingOccurrences(of: "console:alice", with: "X"))
        } catch {
            await job.stop()
            throw error
        }
        await job.stop()
    }

    // MARK: Helpers

    /// Requests as a logged-in operator: each returns the status and the page.
    struct SignedIn {
        let client: any TestClientProtocol
        let session: [String: String]

        func get(_ uri: String) async throws -> (HTTPResponse.Status, String) {
            try await client.execute(uri: uri, method: .get, headers: FleetOnBrokerTests.headers(cookies: session)) {
                ($0.status, String(buffer: $0.body))
            }
        }

        func post(_ uri: String, _ body: ByteBuffer) async throws -> (HTTPResponse.Status, String) {
            try await client.execute(uri: uri, method: .post, headers: FleetOnBrokerTests.form(cookies: session), body: body) {
                ($0.status, String(buffer: $0.body))
            }
        }

        func post(_ uri: String, _ fields: [String: String]) async throws -> (HTTPResponse.Status, String) {
            try await post(uri, FleetOnBrokerTests.body(fields))
        }
    }

    /// Logs `alice` in and returns the session cookie.
    static func logIn(_ client: some TestClientProtocol) async throws -> [String: String] {
        let (cookie, token) = try await client.execute(uri: "/login", method: .get) { response in
            (try #require(setCookie(response, ConsoleSessions.loginCookieName)).value, try #require(hiddenField(String(buffer: response.body), "csrf")))
        }
        let session = try await client.execute(
            uri: "/login", method: .post, headers: form(cookies: [ConsoleSessions.loginCookieName: cookie]),
            body: body(["csrf": token, "name": "alice", "password": "correct horse battery"])
        ) { response in
            try #require(setCookie(response, ConsoleSessions.cookieName)).value
        }
        return [ConsoleSessions.cookieName: session]
    }

    static func headers(cookies: [String: String]) -> HTTPFields {
        [.cookie: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")]
    }

    static func form(cookies: [String: String]) -> HTTPFields {
        var fields = headers(cookies: cookies)
        fields[.contentType] = "application/x-www-form-urlencoded"
        return fields
    }

    static func body(_ fields: [String: String]) -> ByteBuffer {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let encoded = fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }
        return ByteBuffer(string: encoded.joined(separator: "&"))
    }

    static func setCookie(_ response: TestResponse, _ name: String) -> Cookie? {
        Cookies(from: response.headers[values: .setCookie])[name]
    }

    /// The value of the first hidden input named `name`.
    static func hiddenField(_ html: String, _ name: String) -> String? {
        guard let range = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }
}

extension FleetOnBrokerTests {
    @Test(
        "P1, P5 on ConnectWise, console: map to an existing tenant found by name, refused for a tenant another company holds; bulk map of the selected rows (one out of scope fails with the reason); an empty selection is refused"
    )
    func consoleMapsExistingAndBulk() async throws {
        let job = try await ProvisioningFleet.start(psa: .connectWise, companies: 8, tenants: 2)
        do {
            try await job.apply(
                job.settingsYAML(provisioning: ProvisioningFleet.adminFromCompanyName))
            try await job.tick()
            let first = job.fleet.customers[0]
            let second = job.fleet.customers[1]
            try await job.fleet.map(first)
            let console = try await Self.console(job)
            let app = Application(router: console.router())
            try await app.test(.router) { client in
                let session = try await Self.logIn(client)
                let operatorPages = SignedIn(client: client, session: session)
                func get(_ uri: String) async throws -> (HTTPResponse.Status, String) { try await operatorPages.get(uri) }
                func post(_ uri: String, _ body: ByteBuffer) async throws -> (HTTPResponse.Status, String) { try await operatorPages.post(uri, body) }
                // The picker finds the second customer's tenant by name.
                let word = String(second.name.split(separator: " ").first ?? "")
                let (_, picker) = try await get(
                    "/companies/\(second.companyId)?tenant-q=" + (word.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
                let csrf = try #require(Self.hiddenField(picker, "csrf"))
                #expect(picker.contains("value=\"\(second.tenantId)\""), "the tenant search lists \(second.name)")
                let (_, mapped) = try await post(
                    "/companies/\(second.companyId)/map-existing", Self.body(["csrf": csrf, "tenant": second.tenantId]))
                #expect(mapped.contains("Company \(second.companyId) is mapped to tenant \(second.tenantId)"), "\(mapped)")
                #expect(try await job.mapping(second.companyId)?.status == .mapped)

                // A tenant another company holds is refused, and says which.
                let others = try await job.harness.store.companyMappings(psa: .connectWise, status: .notMapped)
                let other = try #require(others.first)
                let (refused, refusal) = try await post(
                    "/companies/\(other.companyId)/map-existing", Self.body(["csrf": csrf, "tenant": first.tenantId]))
                #expect(refused == .conflict && refusal.contains("already mapped to ConnectWise Manage company \(first.companyId)"), "\(refusal)")
                #expect(try await job.mapping(other.companyId)?.status == .notMapped)

                // Bulk: nothing selected is refused; the selected rows are queued and provisioned.
                let (_, none) = try await post("/companies/bulk-map-new", Self.body(["csrf": csrf]))
                #expect(none.contains("Select at least one company first."))
                // Customers in scope (P1: active, of a customer type), and one that is not.
                let records = await job.fleet.sandbox.state.records(ConnectWiseWorld.Table.companies)
                func inScope(_ id: String) -> Bool {
                    guard let record = records.first(where: { $0["id"]?.intValue.map(String.init) == id }) else { return false }
                    let types = record["types"]?.arrayValue?.compactMap { $0["name"].stringValue?.lowercased() } ?? []
                    return record["status"]?["name"].stringValue == "Active" && types.contains { ["customer", "client"].contains($0) }
                }
                let candidates = others.dropFirst().map(\.companyId)
                let chosen = Array(candidates.filter(inScope).prefix(2))
                try #require(chosen.count == 2, "two unmapped customers in scope among \(candidates)")
                let outside = candidates.first { !inScope($0) }
                var encoded = "csrf=\(csrf)"
                for id in chosen + (outside.map { [$0] } ?? []) { encoded += "&company=\(id)" }
                let (_, bulk) = try await post("/companies/bulk-map-new", ByteBuffer(string: encoded))
                #expect(bulk.contains("\(chosen.count + (outside == nil ? 0 : 1)) companies are Ready for mapping to a new tenant"), "\(bulk)")
                for id in chosen {
                    _ = try await job.harness.eventuallyValue("company \(id) mapped to a new tenant", timeout: .seconds(60)) {
                        try await job.mapping(id)?.status == .mapped ? true : nil
                    }
                    #expect(await job.tenants().filter { $0["customer_id"]?.stringValue == id }.count == 1)
                }
                // A company out of scope fails with the reason instead of waiting (P1, P5).
                if let outside {
                    let failed = try await job.harness.eventuallyValue("company \(outside) refused", timeout: .seconds(60)) {
                        let mapping = try await job.mapping(outside)
                        return mapping?.status == .mappingFailed ? mapping : nil
                    }
                    #expect(failed.error?.contains("P1") == true, "\(String(describing: failed.error))")
                    let (_, listed) = try await get("/companies?status=mapping-failed")
                    #expect(listed.contains("id=\"company-\(outside)\"") && listed.contains("Mapping failed"))
                }
            }
        } catch {
            await job.stop()
            throw error
        }
        await job.stop()
    }
}
