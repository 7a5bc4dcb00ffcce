import BridgeState
import BridgeValues
import SandboxKit

/// What the job benchmarks share about the sandbox: the secrets' environment, the connection
/// block of the settings, and every customer tenant mapped to the PSA company of its name.
enum BenchSandbox {
    /// The sandbox's secrets under the variables the bench settings name.
    static func secrets(_ sandbox: Sandbox) -> [String: String] {
        [
            "BENCH_CW_PUBLIC": sandbox.credentials.connectWise.publicKey, "BENCH_CW_PRIVATE": sandbox.credentials.connectWise.privateKey,
            "BENCH_AT_SECRET": sandbox.credentials.autotask.secret, "BENCH_AT_CODE": sandbox.credentials.autotask.integrationCode,
            "BENCH_ACRONIS_SECRET": sandbox.credentials.acronis.clientSecret,
        ]
    }

    /// The settings' `connection` block for `psa` on the sandbox, secrets by variable.
    static func connectionYAML(_ psa: PSAKind, _ sandbox: Sandbox) -> String {
        let connection: String
        if psa == .connectWise {
            connection = """
                    connectwise:
                      site: 127.0.0.1:\(sandbox.connectWiseURL.port ?? 0)
                      company: \(sandbox.credentials.connectWise.companyId)
                      clientId: \(sandbox.credentials.connectWise.clientId)
                      publicKey: {env: BENCH_CW_PUBLIC}
                      privateKey: {env: BENCH_CW_PRIVATE}
                """
        } else {
            connection = """
                    autotask:
                      username: \(sandbox.credentials.autotask.userName)
                      secret: {env: BENCH_AT_SECRET}
                      integrationCode: {env: BENCH_AT_CODE}
                """
        }
        return """
            connection:
              psa:
            \(connection)
              cloud:
                datacenterUrl: \(sandbox.acronisURL.absoluteString)
                clientId: \(sandbox.credentials.acronis.clientId)
                clientSecret: {env: BENCH_ACRONIS_SECRET}
            """
    }

    struct Customer {
        var tenantId: String
        var companyId: String
    }

    /// Maps every customer tenant of the generated world to the PSA company of the same name.
    static func mapCustomers(_ psa: PSAKind, sandbox: Sandbox, store: StateStore) async throws -> [Customer] {
        let state = sandbox.state
        var companies: [String: Int] = [:]
        if psa == .connectWise {
            for company in await state.records(ConnectWiseWorld.Table.companies) {
                if let name = company["name"]?.stringValue, let id = company["id"]?.intValue { companies[name] = id }
            }
        } else {
            for company in await state.records(AutotaskWorld.Table.Companies) {
                if let name = company["companyName"]?.stringValue, let id = company["id"]?.intValue { companies[name] = id }
            }
        }
        var customers: [Customer] = []
        for tenant in await state.records(AcronisWorld.Table.tenants) where tenant["kind"]?.stringValue == "customer" {
            guard let id = tenant["id"]?.stringValue, let name = tenant["name"]?.stringValue, let company = companies[name] else { continue }
            _ = try await store.markMapped(psa: psa, companyId: String(company), tenantId: id, tenantName: name)
            customers.append(Customer(tenantId: id, companyId: String(company)))
        }
        guard !customers.isEmpty else { throw BenchError("the generated world has no customer tenant with a company") }
        return customers
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
