import Foundation
import SandboxKit

/// Starts a sandbox for one test and always shuts it down.
func withSandbox<T>(
    _ configuration: SandboxConfiguration = SandboxConfiguration(), _ body: (Sandbox, HTTPTestClient) async throws -> T
) async throws -> T {
    let sandbox = try await Sandbox.start(configuration)
    do {
        let result = try await body(sandbox, HTTPTestClient())
        try await sandbox.shutdown()
        return result
    } catch {
        try? await sandbox.shutdown()
        throw error
    }
}

extension Sandbox {
    /// ConnectWise headers with the sandbox's credentials.
    var connectWiseHeaders: [String: String] {
        let keys = credentials.connectWise
        let basic = Data("\(keys.companyId)+\(keys.publicKey):\(keys.privateKey)".utf8).base64EncodedString()
        return ["Authorization": "Basic \(basic)", "clientId": keys.clientId]
    }

    /// Autotask headers with the sandbox's credentials.
    var autotaskHeaders: [String: String] {
        let user = credentials.autotask
        return ["UserName": user.userName, "Secret": user.secret, "ApiIntegrationCode": user.integrationCode]
    }

    /// `{connectWiseURL}/v4_6_release/apis/3.0` + path.
    func connectWise(_ path: String) -> URL {
        makeURL(connectWiseURL, "/v4_6_release/apis/3.0" + path)
    }

    /// `{autotaskURL}/atservicesrest/v1.0` + path.
    func autotask(_ path: String) -> URL {
        makeURL(autotaskURL, "/atservicesrest/v1.0" + path)
    }

    /// `{acronisURL}` + path.
    func acronis(_ path: String) -> URL {
        makeURL(acronisURL, path)
    }

    /// A fresh Acronis bearer token.
    func acronisToken(_ client: HTTPTestClient) async throws -> String {
        let keys = credentials.acronis
        let basic = Data("\(keys.clientId):\(keys.clientSecret)".utf8).base64EncodedString()
        let response = try await client.send(
            "POST", acronis("/api/2/idp/token"),
            headers: ["Authorization": "Basic \(basic)", "Content-Type": "application/x-www-form-urlencoded"],
            body: Data("grant_type=client_credentials".utf8))
        guard response.status == 200, let token = try response.json["access_token"].stringValue else {
            throw SandboxTestError("token request failed: \(response.status) \(response.text)")
        }
        return token
    }
}

struct SandboxTestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
