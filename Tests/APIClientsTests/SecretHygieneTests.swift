import APIClients
import Foundation
import SandboxKit
import Testing

@Suite("Secrets never reach errors, descriptions or logs")
struct SecretHygieneTests {
    /// Strings that must never appear: the credentials and what they turn into on the wire.
    private static func forbidden(_ credentials: SandboxCredentials, wrong: [String]) -> [String] {
        let cw = credentials.connectWise
        return [
            credentials.acronis.clientSecret, cw.privateKey, cw.clientId, credentials.autotask.secret,
            credentials.autotask.integrationCode,
            Data("\(credentials.acronis.clientId):\(credentials.acronis.clientSecret)".utf8).base64EncodedString(),
            Data("\(cw.companyId)+\(cw.publicKey):\(cw.privateKey)".utf8).base64EncodedString(),
            "Bearer ", "Basic ",
        ] + wrong
    }

    @Test("S5: authentication failures name the request and the API's message, never the secret")
    func errorsCarryNoSecret() async throws {
        let recorder = LogRecorder()
        try await SandboxHarness.run(logger: recorder.logger()) { harness in
            let wrong = ["wrong-acronis-secret-1", "wrong-cw-private-key-2", "wrong-autotask-secret-3"]
            var errors: [APIError] = []
            do { _ = try await harness.acronis(secret: wrong[0]).ownTenantID() } catch let error as APIError { errors.append(error) }
            do { _ = try await harness.connectWise(privateKey: wrong[1]).priorities() } catch let error as APIError { errors.append(error) }
            do { _ = try await harness.autotask(secret: wrong[2]).companies(.all) } catch let error as APIError { errors.append(error) }
            #expect(errors.count == 3)
            #expect(errors.map(\.status) == [401, 401, 401])
            #expect(errors.map(\.service) == [.acronis, .connectWise, .autotask])
            #expect(errors.allSatisfy { !$0.messages.isEmpty && !$0.path.isEmpty })

            // Successful calls too, so that tokens and headers were in play.
            _ = try await harness.acronis().ownTenantID()
            _ = try await harness.connectWise().priorities()
            _ = try await harness.autotask().companies(.all)

            let forbidden = Self.forbidden(harness.sandbox.credentials, wrong: wrong)
            for error in errors {
                let texts = [error.description, String(reflecting: error), "\(error.messages)", error.path, error.code ?? ""]
                for text in texts {
                    for secret in forbidden {
                        #expect(!text.contains(secret), "error text leaks \(secret.prefix(3))…: \(text)")
                    }
                }
            }
            #expect(!recorder.records.isEmpty)
            for record in recorder.records {
                for secret in forbidden {
                    #expect(!record.text.contains(secret), "log leaks \(secret.prefix(3))…: \(record.text)")
                }
            }
        }
    }

    @Test("configurations and clients print credentials as <redacted>")
    func descriptionsAreRedacted() async throws {
        try await SandboxHarness.run { harness in
            let credentials = harness.sandbox.credentials
            let clients: [Any] = [try harness.acronis(), try harness.connectWise(), try harness.autotask()]
            let forbidden = Self.forbidden(credentials, wrong: []).filter { $0 != "Bearer " && $0 != "Basic " }
            for client in clients {
                var dumped = ""
                dump(client, to: &dumped, maxDepth: 6)
                for text in [String(describing: client), String(reflecting: client), dumped] {
                    for secret in forbidden {
                        #expect(!text.contains(secret), "description leaks \(secret.prefix(3))…")
                    }
                }
            }
        }
    }
}
