import Foundation
import SandboxKit
import Testing

@Suite("Harness")
struct SmokeTests {
    @Test("starts three listeners on ephemeral ports and answers each API's discovery")
    func startsAndAnswers() async throws {
        try await withSandbox { sandbox, client in
            #expect(Set([sandbox.acronisURL.port, sandbox.connectWiseURL.port, sandbox.autotaskURL.port]).count == 3)
            let info = try await client.send("GET", makeURL(sandbox.connectWiseURL, "/login/companyinfo/sandbox"))
            #expect(info.status == 200)
            #expect(try info.json["Codebase"] == "v4_6_release/")
            let zone = try await client.send(
                "GET", sandbox.autotask("/zoneInformation?user=\(encoded(sandbox.credentials.autotask.userName))"))
            #expect(zone.status == 200)
            #expect(try zone.json["url"].stringValue == sandbox.autotaskURL.absoluteString + "/atservicesrest/")
            let token = try await sandbox.acronisToken(client)
            #expect(!token.isEmpty)
        }
    }
}
