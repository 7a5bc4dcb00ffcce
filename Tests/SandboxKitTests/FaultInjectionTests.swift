import Foundation
import SandboxKit
import Testing

@Suite("Fault injection")
struct FaultInjectionTests {
    static let world = SandboxWorld.generate(companies: 3, tenants: 3, alerts: 2, seed: 2)

    /// A request each API answers with 200 when no fault is injected.
    func probe(_ api: SandboxAPI, _ sandbox: Sandbox, _ client: HTTPTestClient, token: String) async throws -> TestResponse {
        switch api {
        case .connectWise: try await client.send("GET", sandbox.connectWise("/company/companies"), headers: sandbox.connectWiseHeaders)
        case .autotask: try await client.send("GET", sandbox.autotask("/Companies/29700000"), headers: sandbox.autotaskHeaders)
        case .acronis: try await client.send("GET", sandbox.acronis("/api/2/tenants/\(GeneratedIDs.acronisPartnerTenant)"), headers: ["Authorization": "Bearer \(token)"])
        }
    }

    @Test("S3: a rate limit answers 429 with Retry-After on every API", arguments: SandboxAPI.allCases)
    func rateLimit(_ api: SandboxAPI) async throws {
        try await withSandbox(SandboxConfiguration(world: Self.world)) { sandbox, client in
            let token = try await sandbox.acronisToken(client)
            await sandbox.setFaults(FaultSettings(rateLimit: RateLimit(requests: 2, perSeconds: 30)), for: api)
            #expect(try await probe(api, sandbox, client, token: token).status == 200)
            #expect(try await probe(api, sandbox, client, token: token).status == 200)
            let limited = try await probe(api, sandbox, client, token: token)
            #expect(limited.status == 429)
            let retryAfter = Int(limited.header("Retry-After") ?? "") ?? -1
            #expect((1...30).contains(retryAfter))
            switch api {
            case .connectWise: #expect(try limited.json["error"] == "ConnectWiseAPI")
            case .autotask: #expect(try limited.json["errors"].arrayValue?.isEmpty == false)
            case .acronis: #expect(try limited.json["error"]["code"] == 429)
            }
            #expect(await sandbox.calls(api).rejections["rateLimited"] == 1)
            await sandbox.setFaults(FaultSettings(rateLimit: RateLimit(requests: 1, perSeconds: 2)), for: api)
            #expect(try await probe(api, sandbox, client, token: token).status == 200)
            #expect(try await probe(api, sandbox, client, token: token).status == 429)
            try await Task.sleep(for: .milliseconds(2100))
            #expect(try await probe(api, sandbox, client, token: token).status == 200)
        }
    }

    @Test("failure rate 1 answers 500 and 503 (seeded), in each API's error shape", arguments: SandboxAPI.allCases)
    func failures(_ api: SandboxAPI) async throws {
        try await withSandbox(SandboxConfiguration(world: Self.world, faultSeed: 99)) { sandbox, client in
            let token = try await sandbox.acronisToken(client)
            await sandbox.setFaults(FaultSettings(failureRate: 1), for: api)
            var statuses: [Int] = []
            for _ in 0..<16 { statuses.append(try await probe(api, sandbox, client, token: token).status) }
            #expect(Set(statuses) == [500, 503])
            await sandbox.setFaults(FaultSettings(failureRate: 0), for: api)
            #expect(try await probe(api, sandbox, client, token: token).status == 200)
            #expect(await sandbox.calls(api).rejections["failure"] == 16)
        }
    }

    @Test("T4: a lost response carries the write out and answers 503, so only the external reference finds it")
    func lostResponse() async throws {
        try await withSandbox(SandboxConfiguration(world: Self.world)) { sandbox, client in
            await sandbox.setFaults(FaultSettings(lostResponseRate: 1), for: .connectWise)
            let response = try await client.send(
                "POST", sandbox.connectWise("/service/tickets"), headers: sandbox.connectWiseHeaders,
                json: ["summary": "Backup failed", "company": ["id": 250], "externalXRef": "alert-lost"])
            #expect(response.status == 503)
            #expect(await sandbox.ticketCount(.connectWise, externalRef: "alert-lost") == 1)
        }
    }

    @Test("scripted faults: the next N matching requests get a status, in order, then requests go through")
    func scriptedFaults() async throws {
        try await withSandbox(SandboxConfiguration(world: Self.world)) { sandbox, client in
            let ticket: JSONValue = ["companyID": 29_700_000, "title": "x", "status": 1, "priority": 2, "dueDateTime": "2030-01-01T00:00:00Z", "externalID": "s-1"]
            let scripted = try await client.send(
                "POST", makeURL(sandbox.autotaskURL, "/_sandbox/faults/next"),
                json: ["count": 2, "status": 503, "method": "POST", "pathContains": "/Tickets", "retryAfterSeconds": 4])
            #expect(scripted.status == 200)
            await sandbox.scriptFault(ScriptedFault(status: 502, method: "POST", pathContains: "/tickets", afterHandling: true), for: .autotask)
            await sandbox.scriptFault(ScriptedFault(status: 429, method: "POST", retryAfterSeconds: 7), for: .autotask)
            // Other routes are not touched.
            #expect(try await client.send("GET", sandbox.autotask("/Companies/29700000"), headers: sandbox.autotaskHeaders).status == 200)
            let first = try await client.send("POST", sandbox.autotask("/Tickets"), headers: sandbox.autotaskHeaders, json: ticket)
            #expect(first.status == 503)
            #expect(first.header("Retry-After") == "4")
            #expect(try await client.send("POST", sandbox.autotask("/Tickets"), headers: sandbox.autotaskHeaders, json: ticket).status == 503)
            #expect(await sandbox.ticketCount(.autotask, externalRef: "s-1") == 0)
            let lost = try await client.send("POST", sandbox.autotask("/Tickets"), headers: sandbox.autotaskHeaders, json: ticket)
            #expect(lost.status == 502)
            #expect(await sandbox.ticketCount(.autotask, externalRef: "s-1") == 1)
            let limited = try await client.send("POST", sandbox.autotask("/Tickets"), headers: sandbox.autotaskHeaders, json: ticket)
            #expect(limited.status == 429)
            #expect(limited.header("Retry-After") == "7")
            #expect(try await client.send("POST", sandbox.autotask("/Tickets"), headers: sandbox.autotaskHeaders, json: ticket).status == 200)
            #expect(await sandbox.ticketCount(.autotask, externalRef: "s-1") == 2)
            #expect(await sandbox.calls(.autotask).rejections["scripted"] == 3)
        }
    }

    @Test("latency with jitter delays answers; PUT /_sandbox/config changes faults at runtime")
    func latencyAndRuntimeConfig() async throws {
        try await withSandbox(SandboxConfiguration(world: Self.world)) { sandbox, client in
            let config = makeURL(sandbox.connectWiseURL, "/_sandbox/config")
            let put = try await client.send("PUT", config, json: ["latencyMs": 150, "jitterMs": 50])
            #expect(try put.json["latencyMs"] == 150)
            let start = ContinuousClock.now
            #expect(try await client.send("GET", sandbox.connectWise("/company/companies"), headers: sandbox.connectWiseHeaders).status == 200)
            let elapsed = ContinuousClock.now - start
            #expect(elapsed >= .milliseconds(150))
            let fail = try await client.send("PUT", config, json: ["latencyMs": 0, "jitterMs": 0, "failureRate": 1, "failureStatuses": [503]])
            #expect(fail.status == 200)
            #expect(try await client.send("GET", sandbox.connectWise("/company/companies"), headers: sandbox.connectWiseHeaders).status == 503)
            #expect(try await client.send("PUT", config, json: ["failureRate": 2]).status == 400)
            _ = try await client.send("PUT", config, json: ["failureRate": 0, "api": "all", "tokenLifetimeSeconds": 1])
            #expect(await sandbox.state.faults(for: .autotask).failureRate == 0)
            let acronisConfig = try await client.send("GET", makeURL(sandbox.acronisURL, "/_sandbox/config"))
            #expect(try acronisConfig.json["tokenLifetimeSeconds"] == 1)
            #expect(try await client.send("GET", sandbox.connectWise("/company/companies"), headers: sandbox.connectWiseHeaders).status == 200)
        }
    }
}
