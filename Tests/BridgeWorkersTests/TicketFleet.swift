import APIClients
import BridgeCore
import BridgeState
import BridgeValues
import Foundation
import Logging
import SandboxKit

@testable import BridgeWorkers

/// An in-process sandbox (Acronis, ConnectWise, Autotask) with settings for one PSA, company
/// mappings, an alert poller and the clients pointed at it: the alerts-to-tickets job on top of
/// a ``FleetHarness`` (or a bare state file for tests without a broker).
struct TicketFleet {
    let sandbox: Sandbox
    let psa: PSAKind
    let store: StateStore
    let clients: APIClientPool
    let settingsCache: SettingsCache
    let catalog: SchemaCatalog
    /// Customer tenants of the generated world with their company on the PSA (same name).
    let customers: [Customer]

    struct Customer {
        var tenantId: String
        var name: String
        var companyId: String
    }

    /// The environment the settings' secrets are read from.
    static let environment = [
        "TEST_CW_PUBLIC": "sandboxPublicKey", "TEST_CW_PRIVATE": "sandboxPrivateKey",
        "TEST_AT_SECRET": "sandbox-secret", "TEST_AT_CODE": "SANDBOXINTEGRATIONCODE00000",
        "TEST_ACRONIS_SECRET": "sandbox-client-secret",
    ]

    static func start(
        psa: PSAKind, store: StateStore, catalog: SchemaCatalog, tenants: Int = 3,
        configuration: SandboxConfiguration? = nil, autotaskLimiter: AutotaskRequestLimiter = AutotaskRequestLimiter(),
        logger: Logger
    ) async throws -> TicketFleet {
        let sandbox = try await Sandbox.start(
            configuration
                ?? SandboxConfiguration(world: .generate(companies: tenants, tenants: tenants, alerts: 0, seed: 11)))
        let state = sandbox.state
        let tenantRecords = await state.records(AcronisWorld.Table.tenants).filter {
            $0["kind"]?.stringValue == "customer"
        }
        var companies: [String: String] = [:]
        switch psa {
        case .connectWise:
            for company in await state.records(ConnectWiseWorld.Table.companies) {
                if let name = company["name"]?.stringValue, let id = company["id"]?.intValue { companies[name] = String(id) }
            }
        case .autotask:
            for company in await state.records(AutotaskWorld.Table.Companies) {
                if let name = company["companyName"]?.stringValue, let id = company["id"]?.intValue {
                    companies[name] = String(id)
                }
            }
        }
        let customers = tenantRecords.compactMap { tenant -> Customer? in
            guard let id = tenant["id"]?.stringValue, let name = tenant["name"]?.stringValue, let company = companies[name]
            else { return nil }
            return Customer(tenantId: id, name: name, companyId: company)
        }.sorted { $0.companyId.count != $1.companyId.count ? $0.companyId.count < $1.companyId.count : $0.companyId < $1.companyId }
        let clients = try APIClientPool(
            options: .init(
                retry: HTTPRetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(100), maxDelay: .seconds(1), maxTotalTime: .seconds(10)),
                autotaskLimiter: autotaskLimiter,
                autotaskDiscoveryURL: sandbox.autotaskURL.absoluteString + "/atservicesrest", environment: environment),
            logger: logger)
        let cache = SettingsCache(repository: SettingsRepository(store: store, catalog: catalog), maxAge: .zero)
        return TicketFleet(
            sandbox: sandbox, psa: psa, store: store, clients: clients, settingsCache: cache, catalog: catalog,
            customers: customers)
    }

    var sandboxPSA: SandboxAPI { psa == .connectWise ? .connectWise : .autotask }

    /// Settings YAML for this fleet's PSA with tickets on.
    func settingsYAML(
        autoClose: Bool = true, newTicketAfterDays: Int? = 1, tickets: Bool = true, extraAlertTypes: String = "",
        closeStatus: String? = nil, pollSeconds: Int = 60
    ) -> String {
        let connection: String
        let ticketsBlock: String
        switch psa {
        case .connectWise:
            connection = """
                    connectwise:
                      site: 127.0.0.1:\(sandbox.connectWiseURL.port!)
                      company: \(sandbox.credentials.connectWise.companyId)
                      clientId: \(sandbox.credentials.connectWise.clientId)
                      publicKey: {env: TEST_CW_PUBLIC}
                      privateKey: {env: TEST_CW_PRIVATE}
                """
            ticketsBlock = """
                  board: Acronis Alerts
                  autoClose: {enabled: \(autoClose)\(autoClose ? ", status: \(closeStatus ?? "Completed")" : "")}
                  alertTypes:
                    - alertType: BackupFailed
                      type: Backup
                      subtype: Failure
                      item: Server
                      status: New
                      priority: Priority 2 - High
                    - alertType: NoBackupForXDays
                      status: New
                    - alertType: MachineOffline30
                      enabled: false
                """
        case .autotask:
            connection = """
                    autotask:
                      username: \(sandbox.credentials.autotask.userName)
                      secret: {env: TEST_AT_SECRET}
                      integrationCode: {env: TEST_AT_CODE}
                """
            ticketsBlock = """
                  queue: Monitoring Alert
                  autoClose: {enabled: \(autoClose)\(autoClose ? ", status: \(closeStatus ?? "Complete")" : "")}
                  autotask: {source: Monitoring Alert, noteType: Task Notes, publish: All Autotask Users}
                  alertTypes:
                    - alertType: BackupFailed
                      issueType: Backup
                      status: New
                      priority: High
                      dueInDays: 2
                    - alertType: NoBackupForXDays
                      status: New
                    - alertType: MachineOffline30
                      enabled: false
                """
        }
        return """
            connection:
              psa:
            \(connection)
              cloud:
                datacenterUrl: \(sandbox.acronisURL.absoluteString)
                clientId: \(sandbox.credentials.acronis.clientId)
                clientSecret: {env: TEST_ACRONIS_SECRET}
            features:
              tickets: \(tickets)
            tickets:
              newTicketAfterDays: {enabled: \(newTicketAfterDays != nil), days: \(newTicketAfterDays ?? 1)}
            \(ticketsBlock)
            \(extraAlertTypes)
            worker:
              pollSeconds: \(pollSeconds)
            """
    }

    /// Validates and stores settings.
    @discardableResult
    func apply(_ yaml: String) async throws -> BridgeSettings {
        let settings = try SettingsLoader(catalog: catalog).load(yaml: yaml, source: "test settings")
        _ = try await store.applySettings(settings.jsonValue.serialized(), appliedBy: "test")
        await settingsCache.invalidate()
        return settings
    }

    /// Maps a customer's company to its tenant (P5, by ids).
    func map(_ customer: Customer) async throws {
        _ = try await store.markMapped(
            psa: psa, companyId: customer.companyId, tenantId: customer.tenantId, tenantName: customer.name)
    }

    func poller(bus: any MessageBus, logger: Logger) -> AlertPoller {
        AlertPoller(store: store, settings: settingsCache, clients: clients, bus: bus, logger: logger)
    }

    func handler() -> TicketCommandHandler {
        TicketCommandHandler(store: store, settings: settingsCache, provider: TicketingProvider(clients: clients))
    }

    /// Raises an alert of `type` on a resource (fixed resource id, so repeats are "the same alert").
    @discardableResult
    func raise(_ type: String, on customer: Customer, resource: String) async throws -> String {
        let alert = try await sandbox.raiseAlert(
            tenantId: customer.tenantId, type: type, resourceName: resource,
            details: ["resourceId": .string("res-\(resource.lowercased())")])
        return alert["id"]!.stringValue!
    }

    /// The external reference the tickets of that alert key carry (T4).
    func externalReference(_ type: String, on customer: Customer, resource: String) -> String {
        AlertKey(tenantId: customer.tenantId, alertType: type, resourceId: "res-\(resource.lowercased())")
            .externalReference(for: psa)
    }

    func linkKey(_ type: String, on customer: Customer, resource: String) -> String {
        AlertKey(tenantId: customer.tenantId, alertType: type, resourceId: "res-\(resource.lowercased())").stableString
    }

    /// The PSA tickets of an external reference.
    func tickets(_ reference: String) async -> [JSONObject] {
        await sandbox.state.tickets(sandboxPSA, externalRef: reference)
    }

    /// Notes on a PSA ticket.
    func notes(ticket id: Int) async -> [JSONObject] {
        switch psa {
        case .connectWise:
            return await sandbox.state.records(ConnectWiseWorld.Table.ticketNotes).filter {
                ($0["ticketId"]?.intValue ?? $0["ticket"]?["id"].intValue) == id
            }
        case .autotask:
            return await sandbox.state.records(AutotaskWorld.Table.TicketNotes).filter { $0["ticketID"]?.intValue == id }
        }
    }

    /// The PSA ticket's status id.
    static func status(of ticket: JSONObject, psa: PSAKind) -> Int? {
        psa == .connectWise ? ticket["status"]?["id"].intValue : ticket["status"]?.intValue
    }

    /// A product on one of the customer's agreements (ConnectWise catalog identifier) or contracts
    /// (Autotask service name), and the ids of the agreements/contracts that carry it.
    func billedProduct(for customer: Customer) async throws -> (name: String, holders: Set<Int>) {
        let company = Int(customer.companyId) ?? -1
        let state = sandbox.state
        switch psa {
        case .connectWise:
            let ids = Set(await state.records(ConnectWiseWorld.Table.agreements).filter { $0["company"]?["id"].intValue == company }.compactMap { $0["id"]?.intValue })
            let addition = await state.records(ConnectWiseWorld.Table.additions).first { ids.contains($0["agreementId"]?.intValue ?? -1) }
            guard let name = addition?["product"]?["identifier"].stringValue else { throw HarnessError("company \(company) has no agreement addition") }
            let holders = Set(await state.records(ConnectWiseWorld.Table.additions).filter {
                $0["product"]?["identifier"].stringValue == name && ids.contains($0["agreementId"]?.intValue ?? -1)
            }.compactMap { $0["agreementId"]?.intValue })
            return (name, holders)
        case .autotask:
            let ids = Set(await state.records(AutotaskWorld.Table.Contracts).filter { $0["companyID"]?.intValue == company }.compactMap { $0["id"]?.intValue })
            let line = await state.records(AutotaskWorld.Table.ContractServices).first { ids.contains($0["contractID"]?.intValue ?? -1) }
            let service = line?["serviceID"]?.intValue
            guard let name = await state.records(AutotaskWorld.Table.Services).first(where: { $0["id"]?.intValue == service })?["name"]?.stringValue
            else { throw HarnessError("company \(company) has no contract service") }
            let holders = Set(await state.records(AutotaskWorld.Table.ContractServices).filter {
                $0["serviceID"]?.intValue == service && ids.contains($0["contractID"]?.intValue ?? -1)
            }.compactMap { $0["contractID"]?.intValue })
            return (name, holders)
        }
    }

    func stop() async {
        let (clients, sandbox) = (self.clients, self.sandbox)
        await BoundedStop.fixture("the test's API client pool") { await clients.shutdown() }
        await BoundedStop.fixture("the sandbox") { try? await sandbox.shutdown() }
    }
}
