import BridgeValues
import APIClients
import Foundation
import SandboxKit
import Testing

@Suite("Retries, rate limits and exactly-once creates against the sandbox")
struct ResilienceTests {
    @Test("S3: a 429 with Retry-After is waited out (time measured >= Retry-After) and then succeeds")
    func rateLimitThenSuccess() async throws {
        let recorder = LogRecorder()
        try await SandboxHarness.run(logger: recorder.logger()) { harness in
            let client = try harness.connectWise()
            _ = try await client.companyInfo()
            await harness.sandbox.state.scriptFault(
                ScriptedFault(status: 429, method: "GET", pathContains: "/service/priorities", retryAfterSeconds: 2),
                for: .connectWise)
            let (priorities, elapsed) = try await measure { try await client.priorities() }
            #expect(!priorities.isEmpty)
            #expect(await harness.calls(.connectWise, "GET", "/{codebase}/apis/3.0/service/priorities") == 2)
            let retry = try #require(recorder.records.first { $0.message == "API call will be retried" })
            #expect(retry.metadata["retry_after_ms"] == "2000")
            #expect(elapsed >= .seconds(2))
        }
    }

    @Test("S3: a fixed-window rate limit (429 with Retry-After computed by the server) is waited out")
    func rateLimitWindow() async throws {
        let recorder = LogRecorder()
        try await SandboxHarness.run(logger: recorder.logger()) { harness in
            let client = try harness.connectWise()
            _ = try await client.companyInfo()
            // One request per 5 s window (opened by the first request): the second call lands in
            // the same window even on a loaded machine; with a 1 s window it once came too late.
            await harness.sandbox.state.setFaults(
                FaultSettings(rateLimit: RateLimit(requests: 1, perSeconds: 5)), for: .connectWise)
            _ = try await client.priorities()
            let (priorities, elapsed) = try await measure { try await client.priorities() }
            #expect(!priorities.isEmpty)
            #expect(await harness.sandbox.state.calls(.connectWise).rejections["rateLimited"] == 1)
            let retry = try #require(recorder.records.first { $0.message == "API call will be retried" })
            let retryAfterMs = try #require(retry.metadata["retry_after_ms"].flatMap { Int64($0) })
            #expect(retryAfterMs >= 1000)
            #expect(elapsed >= .milliseconds(retryAfterMs))
        }
    }

    @Test("S3 T4: a create refused with 429 was not processed, so it is sent again and made once")
    func createRetriedAfter429() async throws {
        try await SandboxHarness.run { harness in
            let client = try harness.autotask()
            let company = try #require(try await client.companies(.all).first)
            await harness.sandbox.state.scriptFault(
                ScriptedFault(count: 2, status: 429, method: "POST", pathContains: "/Tickets", retryAfterSeconds: 1),
                for: .autotask)
            let key = "alert-429-\(UUID().uuidString.prefix(6))"
            let id = try await client.createTicket(
                ATTicketCreate(
                    companyID: company.id, title: "Rate limited create", status: ATTicket.newStatus, priority: 2,
                    dueDateTime: Date().addingTimeInterval(3600), externalID: key))
            #expect(try await client.tickets(externalID: key).map(\.id) == [id])
            #expect(await harness.calls(.autotask, "POST", "/atservicesrest/v1.0/Tickets") == 3)
        }
    }

    @Test("S3: a 5xx on a read is retried with backoff and the call then succeeds")
    func serverErrorThenSuccess() async throws {
        try await SandboxHarness.run { harness in
            let client = try harness.acronis()
            let partner = try await client.ownTenantID()
            await harness.sandbox.state.scriptFault(
                ScriptedFault(count: 2, status: 503, method: "GET", pathContains: "/api/2/tenants/"), for: .acronis)
            await harness.sandbox.state.resetCalls()
            let (tenant, elapsed) = try await measure { try await client.tenant(id: partner) }
            #expect(tenant.id == partner)
            #expect(await harness.calls(.acronis, "GET", "/api/2/tenants/{id}") == 3)
            // Two backoff steps of the test policy: at least 150 ms + 300 ms.
            #expect(elapsed >= .milliseconds(450))
        }
    }

    @Test("S3 T4: a POST create that got 500 is NOT sent again (the sandbox counts one call)")
    func createNotRetriedAfter500() async throws {
        try await SandboxHarness.run { harness in
            let cw = try harness.connectWise()
            let at = try harness.autotask()
            let acronis = try harness.acronis()
            let cwCompany = try #require(try await cw.companies().first)
            let atCompany = try #require(try await at.companies(.all).first)
            let atContract = try #require(try await at.contracts(.all).first)
            let partner = try await acronis.ownTenantID()
            let service = try #require(try await at.contractServices(ATField("contractID") == atContract.id).first?.serviceID)
            for api in [SandboxAPI.connectWise, .autotask, .acronis] {
                await harness.sandbox.state.setFaults(FaultSettings(failureRate: 1, failureStatuses: [500]), for: api)
            }

            func expect500(_ body: () async throws -> Void) async {
                do {
                    try await body()
                    Issue.record("the create must fail")
                } catch let error as APIError {
                    #expect(error.status == 500)
                    #expect(error.kind == .httpStatus(500))
                    #expect(error.attempts == 1)
                } catch {
                    Issue.record("unexpected error \(error)")
                }
            }
            await expect500 {
                _ = try await cw.createTicket(CWTicketCreate(summary: "x", companyID: cwCompany.id, externalXRef: "k1"))
            }
            await expect500 {
                _ = try await cw.createTicketNote(ticketID: 1, CWTicketNoteCreate(text: "n"))
            }
            await expect500 {
                _ = try await at.createTicket(
                    ATTicketCreate(companyID: atCompany.id, title: "x", status: 1, priority: 2, externalID: "k2"))
            }
            await expect500 {
                _ = try await at.createContractServiceAdjustment(
                    ATContractServiceAdjustment(contractID: atContract.id, serviceID: service, effectiveDate: Date(), unitChange: 1))
            }
            await expect500 {
                _ = try await acronis.createTenant(AcronisTenantCreate(name: "x", parentID: partner, kind: .customer))
            }
            #expect(await harness.calls(.connectWise, "POST", "/{codebase}/apis/3.0/service/tickets") == 1)
            #expect(await harness.calls(.connectWise, "POST", "/{codebase}/apis/3.0/service/tickets/{parentId}/notes") == 1)
            #expect(await harness.calls(.autotask, "POST", "/atservicesrest/v1.0/Tickets") == 1)
            #expect(await harness.calls(.autotask, "POST", "/atservicesrest/v1.0/Contracts/{parentId}/ServiceAdjustments") == 1)
            #expect(await harness.calls(.acronis, "POST", "/api/2/tenants") == 1)

            // The same 500 on a read is retried up to the policy's attempts.
            await #expect {
                _ = try await cw.priorities()
            } throws: { error in
                (error as? APIError)?.attempts == SandboxHarness.fastRetry.maxAttempts
            }
            #expect(await harness.calls(.connectWise, "GET", "/{codebase}/apis/3.0/service/priorities") == SandboxHarness.fastRetry.maxAttempts)
        }
    }

    @Test("P7: when a later page fails, the listing fails whole: no partial data (ConnectWise and Autotask)")
    func failedPageFailsTheListing() async throws {
        var configuration = SandboxConfiguration(world: .generate(companies: 8, seed: 14))
        configuration.faults[.connectWise] = FaultSettings(latencyMs: 150)
        configuration.faults[.autotask] = FaultSettings(latencyMs: 150)
        try await SandboxHarness.run(configuration) { harness in
            let retry = HTTPRetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(20), maxDelay: .milliseconds(50))
            let cw = try harness.connectWise(pageSize: 2, retry: retry)
            let at = try harness.autotask(pageSize: 2, retry: retry)
            _ = try await cw.companyInfo()
            _ = try await at.zoneInformation()

            // Once the first page has arrived at the server, every later request fails.
            func failAfterFirst(_ api: SandboxAPI, _ method: String, _ template: String) -> Task<Void, any Error> {
                Task {
                    while await harness.calls(api, method, template) == 0 { try await Task.sleep(for: .milliseconds(2)) }
                    await harness.sandbox.state.setFaults(FaultSettings(failureRate: 1, failureStatuses: [503]), for: api)
                }
            }
            let cwFlip = failAfterFirst(.connectWise, "GET", "/{codebase}/apis/3.0/company/companies")
            await #expect {
                _ = try await cw.companies()
            } throws: { error in
                (error as? APIError)?.status == 503
            }
            try await cwFlip.value
            #expect(await harness.calls(.connectWise, "GET", "/{codebase}/apis/3.0/company/companies") == 3)

            let atFlip = failAfterFirst(.autotask, "POST", "/atservicesrest/v1.0/Companies/query")
            await #expect {
                _ = try await at.companies(.all)
            } throws: { error in
                (error as? APIError)?.status == 503
            }
            try await atFlip.value
            #expect(await harness.calls(.autotask, "POST", "/atservicesrest/v1.0/Companies/query/next") == 2)
        }
    }

    @Test("T4: a create whose response is lost is not repeated, and is found by its external reference")
    func lostResponseCreate() async throws {
        try await SandboxHarness.run { harness in
            let client = try harness.connectWise()
            let company = try #require(try await client.companies().first)
            await harness.sandbox.state.setFaults(FaultSettings(lostResponseRate: 1), for: .connectWise)
            let key = "alert-lost-\(UUID().uuidString.prefix(6))"
            await #expect {
                _ = try await client.createTicket(CWTicketCreate(summary: "Lost", companyID: company.id, externalXRef: key))
            } throws: { error in
                guard let error = error as? APIError else { return false }
                return error.attempts == 1 && error.isTransient
            }
            await harness.sandbox.state.setFaults(.none, for: .connectWise)
            #expect(await harness.calls(.connectWise, "POST", "/{codebase}/apis/3.0/service/tickets") == 1)
            #expect(try await client.tickets(externalXRef: key).count == 1)
        }
    }

    @Test("a refused connection is known not to have reached the server, so even a create is tried again")
    func connectionRefused() async throws {
        let transport = try HTTPTransport()
        defer { Task { try? await transport.shutdown() } }
        let (port, held) = try refusingPort()
        defer { close(held) }
        let client = try ConnectWiseClient(
            configuration: ConnectWiseConfiguration(
                site: "http://127.0.0.1:\(port)", companyID: "c", publicKey: "p", privateKey: Secret("k-secret"),
                clientID: Secret("client-id"), codebase: "v4_6_release/",
                retry: HTTPRetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(20), maxDelay: .milliseconds(50))),
            transport: transport, logger: SandboxHarness.quietLogger)
        do {
            _ = try await client.createTicket(CWTicketCreate(summary: "x", companyID: 1))
            Issue.record("nothing listens on port \(port)")
        } catch let error as APIError {
            #expect(error.kind == .notSent)
            #expect(error.attempts == 3)
            #expect(error.path == "/v4_6_release/apis/3.0/service/tickets")
        }
        try await transport.shutdown()
    }
}

/// A loopback port that refuses connections for as long as the returned socket stays open: the
/// socket is bound and never listens, so a connect is refused (ECONNREFUSED) and no other test's
/// server can take the port meanwhile (a port closed again could be handed to one at once).
func refusingPort() throws -> (port: Int, socket: Int32) {
    let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard socket >= 0 else { throw POSIXError(.EIO) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer -> Int32 in
            guard bind(socket, pointer, length) == 0 else { return -1 }
            return getsockname(socket, pointer, &length)
        }
    }
    guard bound == 0 else {
        close(socket)
        throw POSIXError(.EADDRINUSE)
    }
    return (Int(UInt16(bigEndian: address.sin_port)), socket)
}
