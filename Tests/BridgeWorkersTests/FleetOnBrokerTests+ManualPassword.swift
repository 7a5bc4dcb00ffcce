import BridgeCore
import BridgeState
import Foundation
import SandboxKit
import BridgeTestSupport
import Testing

@testable import BridgeWorkers

/// P4 with the account password defined manually, through the broker and the sandbox.
extension FleetOnBrokerTests {
    @Test(
        "P4 on ConnectWise: with the password defined manually, an automatic customer's admin user gets the password from its secret and is active, no activation email is sent, and the password appears in no audit row or state column"
    )
    func manuallyDefinedPasswordOnConnectWise() async throws {
        let job = try await ProvisioningFleet.start(psa: .connectWise, companies: 3, tenants: 1)
        do {
            let password = "Kx7-manual-Secret-\(UUID().uuidString.prefix(8))"
            let file = job.directory("admin-password")
            try (password + "\n").write(to: file, atomically: true, encoding: .utf8)
            try await job.apply(
                job.settingsYAML(
                    provisioning: """
                          adminFrom: company-name
                          activationEmail: onboarding@msp.example
                          autoCreateCustomers: true
                          accountPassword: defined-manually
                          adminPassword: {file: \(file.path)}
                        """))
            let settings = try await job.fleet.settingsCache.required().settings
            #expect(settings.provisioning.accountPassword == .definedManually)
            #expect(!settings.redacted().contains(password), "the settings hold the reference only")
            for customer in job.fleet.customers { try await job.fleet.map(customer) }
            let before = Set(await job.tenants().compactMap { $0["id"]?.stringValue?.lowercased() })

            try await job.tick()
            let created = await job.tenants().filter { !before.contains($0["id"]?.stringValue?.lowercased() ?? "") }
            #expect(created.count == 2, "one tenant for each company without one")
            let newTenants = Set(created.compactMap { $0["id"]?.stringValue?.lowercased() })
            let users = await job.fleet.sandbox.state.records(AcronisWorld.Table.users).filter {
                newTenants.contains($0["tenant_id"]?.stringValue?.lowercased() ?? "")
            }
            #expect(users.count == 2)
            #expect(users.allSatisfy { $0["activated"]?.boolValue == true }, "the password activates each admin user")
            let emails = await job.fleet.sandbox.state.records(AcronisWorld.Table.activationEmails)
            let userIDs = Set(users.compactMap { $0["id"]?.stringValue })
            #expect(!emails.contains { userIDs.contains($0["user_id"]?.stringValue ?? "") }, "no activation email")

            let audit = try await job.harness.store.auditEntries(targetSystem: "acronis", limit: 1_000).map(\.entry)
            #expect(audit.filter { $0.action == "user.password" }.count == 2)
            #expect(audit.filter { $0.action == "user.activation-email" }.isEmpty)
            #expect(try await job.tick().published == 0, "nothing left to do")
            #expect(try await job.harness.store.auditEntries(targetSystem: "acronis", limit: 1_000).filter { $0.entry.action == "user.password" }.count == 2)

            // The password is in no audit row and nowhere in the state database's files.
            for entry in audit {
                let text = [entry.reason, entry.before.map { String(decoding: $0, as: UTF8.self) }, entry.after.map { String(decoding: $0, as: UTF8.self) }]
                #expect(!text.compactMap { $0 }.joined().contains(password))
            }
            #expect(try await job.harness.store.tablesHolding(password).isEmpty, "no table of the state holds the password")
            #expect(try await !job.harness.store.tablesHolding("user.password").isEmpty, "the scan reads the audit rows")
            let stateFiles = try FileManager.default.contentsOfDirectory(at: job.harness.directory, includingPropertiesForKeys: nil)
                .filter { $0.lastPathComponent.hasPrefix("state.sqlite") }
            #expect(stateFiles.isEmpty == TestState.isPostgres, "the SQLite state's files are scanned too")
            for url in stateFiles {
                let bytes = try Data(contentsOf: url)
                #expect(bytes.range(of: Data(password.utf8)) == nil, "\(url.lastPathComponent) holds no password")
            }
        } catch {
            await job.stop()
            throw error
        }
        await job.stop()
    }
}
