import APIClients
import BridgeCore
import BridgeState
import BridgeTestSupport
import BridgeValues
import Foundation
import Logging
import SandboxKit
import Testing

@testable import BridgeWorkers

/// Configuration failures (a secret that does not resolve, credentials the PSA refuses) are a
/// state of the worker: it does not consume, and the queue keeps its messages for the healthy
/// instances, instead of draining them into dead letters.
extension FleetOnBrokerTests {
    /// Raises `count` alerts, each on its own resource, polls once and returns their external
    /// references and the published commands' idempotency keys; the commands are then in
    /// `ticket-updater.work`.
    @discardableResult
    static func queueTicketCommands(
        _ fleet: TicketFleet, poller: AlertPoller, count: Int, tag: String
    ) async throws -> (references: [String], keys: [String]) {
        var references: [String] = []
        for index in 0..<count {
            let customer = fleet.customers[index % fleet.customers.count]
            let resource = "\(tag)-\(index)"
            try await fleet.raise("BackupFailed", on: customer, resource: resource)
            references.append(fleet.externalReference("BackupFailed", on: customer, resource: resource))
        }
        let report = try await poller.poll()
        #expect(report.published == count)
        return (references, report.publishedKeys)
    }

    /// A broker harness and a sandbox with ticket settings applied and every customer mapped.
    static func mappedTicketFleet(psa: PSAKind) async throws -> (FleetHarness, TicketFleet, AlertPoller) {
        let harness = try await FleetHarness.start()
        let fleet = try await TicketFleet.start(psa: psa, store: harness.store, catalog: harness.catalog, logger: harness.logger)
        try await fleet.apply(fleet.settingsYAML())
        for customer in fleet.customers { try await fleet.map(customer) }
        return (harness, fleet, fleet.poller(bus: harness.bus, logger: harness.logger))
    }

    /// How many of `references` have exactly one ticket, and how many have more.
    static func ticketCounts(_ fleet: TicketFleet, _ references: [String]) async -> (once: Int, duplicated: Int) {
        var once = 0
        var duplicated = 0
        for reference in references {
            switch await fleet.tickets(reference).count {
            case 1: once += 1
            case 0: break
            default: duplicated += 1
            }
        }
        return (once, duplicated)
    }

    @Test(
        "S3, T4 on ConnectWise: a ticket-updater started without a secret exits naming it and leaves all 100 commands queued (0 dead letters); started with it, it handles them"
    )
    func startedWithoutSecretExitsAndLeavesTheQueue() async throws {
        let (harness, fleet, poller) = try await Self.mappedTicketFleet(psa: .connectWise)
        let references = try await Self.queueTicketCommands(fleet, poller: poller, count: 100, tag: "NOSECRET").references
        let work = WorkQueue.ticketUpdaterWork
        #expect(try await harness.depth(work.name) == 100)

        let log = harness.directory.appendingPathComponent("misconfigured.log")
        let misconfigured = try Self.startTicketUpdater(
            harness, fleet: fleet, instance: "nosecret", log: log, without: ["TEST_CW_PUBLIC"])
        let exited = try await harness.eventuallyValue("the misconfigured ticket-updater exits", timeout: .seconds(60)) {
            misconfigured.isRunning ? nil : misconfigured.terminationStatus
        }
        #expect(exited == StartupConfigurationError.exitStatus)
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        let line = output.split(separator: "\n").first { $0.contains("cannot start") }.map(String.init)
        #expect(
            line == "ticket-updater@nosecret cannot start: cannot read the secret /connection/psa/connectwise/publicKey: environment variable TEST_CW_PUBLIC is not set",
            "the one line naming what is missing; output was: \(output)")
        #expect(!output.contains("sandboxPublicKey") && !output.contains("sandboxPrivateKey"), "no secret in the output")
        #expect(try await harness.depth(work.name) == 100, "every command is still queued")
        #expect(try await harness.depth(work.deadLetterQueue) == 0)
        #expect(await Self.ticketCounts(fleet, references).once == 0)

        let healthy = try Self.startTicketUpdater(
            harness, fleet: fleet, instance: "withsecret", log: harness.directory.appendingPathComponent("healthy.log"))
        defer {
            if healthy.isRunning {
                kill(healthy.processIdentifier, SIGKILL)
                healthy.waitUntilExit()
            }
        }
        try await harness.eventually("all 100 commands become tickets", timeout: .seconds(120)) {
            await Self.ticketCounts(fleet, references).once == 100
        }
        #expect(await Self.ticketCounts(fleet, references).duplicated == 0)
        #expect(try await harness.depth(work.deadLetterQueue) == 0)
        kill(healthy.processIdentifier, SIGTERM)
        healthy.waitUntilExit()
        #expect(healthy.terminationStatus == 0)
        await fleet.stop()
        await harness.stop()
    }

    @Test("S3, T1: an alert-consumer started without the cloud's client secret exits naming it and consumes nothing")
    func alertConsumerWithoutSecretExits() async throws {
        let harness = try await FleetHarness.start()
        let fleet = try await TicketFleet.start(
            psa: .autotask, store: harness.store, catalog: harness.catalog, logger: harness.logger)
        try await fleet.apply(fleet.settingsYAML())
        let log = harness.directory.appendingPathComponent("alert-consumer.log")
        let process = try Self.startTicketUpdater(
            harness, fleet: fleet, instance: "nosecret", log: log, without: ["TEST_ACRONIS_SECRET"], worker: "alert-consumer")
        let exited = try await harness.eventuallyValue("the alert-consumer exits", timeout: .seconds(60)) {
            process.isRunning ? nil : process.terminationStatus
        }
        #expect(exited == StartupConfigurationError.exitStatus)
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        #expect(
            output.contains(
                "alert-consumer@nosecret cannot start: cannot read the secret /connection/cloud/clientSecret: environment variable TEST_ACRONIS_SECRET is not set"),
            "output was: \(output)")
        #expect(await fleet.sandbox.calls(.acronis).calls.values.reduce(0, +) == 0, "no cloud call was made")
        await fleet.stop()
        await harness.stop()
    }

    /// An in-process ticket-updater instance with its own environment for secrets.
    struct TicketInstance {
        let name: String
        let readiness: WorkerReadiness
        let handled: HandledCounter
        let clients: APIClientPool
        let running: Task<Void, any Error>

        static func start(
            _ name: String, harness: FleetHarness, fleet: TicketFleet, environment: [String: String]
        ) async throws -> TicketInstance {
            let clients = try APIClientPool(
                options: .init(
                    retry: HTTPRetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(50), maxDelay: .seconds(1), maxTotalTime: .seconds(5)),
                    autotaskDiscoveryURL: fleet.sandbox.autotaskURL.absoluteString + "/atservicesrest", environment: environment),
                logger: harness.logger)
            let settings = SettingsCache(repository: SettingsRepository(store: harness.store, catalog: harness.catalog), maxAge: .zero)
            let provider = TicketingProvider(clients: clients)
            let readiness = WorkerReadiness(
                check: TicketingReadiness(settings: settings, provider: provider),
                recorder: IntegrationStatusRecorder(store: harness.store, component: "ticket-updater@\(name)"),
                retryDelays: [.milliseconds(200), .milliseconds(400), .milliseconds(800)], logger: harness.logger)
            let handled = HandledCounter(
                next: TicketCommandHandler(store: harness.store, settings: settings, provider: provider))
            let processor = DeliveryProcessor(
                worker: .ticketUpdater, instance: name, decoder: MessageDecoder(catalog: harness.catalog), store: harness.store,
                bus: harness.bus, retryPolicy: RetryPolicy(), handler: handled, logger: harness.logger,
                metrics: WorkerMetrics(worker: .ticketUpdater), readiness: readiness)
            let service = WorkerService(
                queues: [.ticketUpdaterWork], bus: harness.bus, processor: processor, prefetch: 20, concurrency: 4,
                logger: harness.logger)
            return TicketInstance(
                name: name, readiness: readiness, handled: handled, clients: clients, running: Task { try await service.run() })
        }

        func stop() async {
            await BoundedStop.worker(running, "ticket-updater \(name)")
            let clients = self.clients
            await BoundedStop.fixture("ticket-updater \(name)'s API client pool") { await clients.shutdown() }
        }
    }

    @Test(
        "S1, S3, T4 on ConnectWise: two ticket-updaters, one misconfigured at runtime by re-applied settings: the healthy one handles all 100, the other reports the error and resumes when the settings are fixed"
    )
    func runtimeMisconfigurationPausesOneInstance() async throws {
        let (harness, fleet, poller) = try await Self.mappedTicketFleet(psa: .connectWise)

        // Both instances start ready; only "healthy" has the variable the next settings name.
        var healthyEnvironment = TicketFleet.environment
        healthyEnvironment["ROTATED_CW_PUBLIC"] = TicketFleet.environment["TEST_CW_PUBLIC"]
        let healthy = try await TicketInstance.start("healthy", harness: harness, fleet: fleet, environment: healthyEnvironment)
        let stale = try await TicketInstance.start("stale", harness: harness, fleet: fleet, environment: TicketFleet.environment)
        try await harness.eventually("both instances consume") {
            try await harness.bus.queueStatus(WorkQueue.ticketUpdaterWork.name).consumers == 2
        }

        // Settings re-applied: the public key now comes from a variable "stale" does not have.
        let rotated = fleet.settingsYAML().replacingOccurrences(of: "{env: TEST_CW_PUBLIC}", with: "{env: ROTATED_CW_PUBLIC}")
        try await fleet.apply(rotated)
        let references = try await Self.queueTicketCommands(fleet, poller: poller, count: 100, tag: "ROTATE").references
        try await harness.eventually("all 100 commands become tickets", timeout: .seconds(120)) {
            await Self.ticketCounts(fleet, references).once == 100
        }
        #expect(await Self.ticketCounts(fleet, references).duplicated == 0)
        #expect(try await harness.depth(WorkQueue.ticketUpdaterWork.deadLetterQueue) == 0, "nothing dead-lettered")
        // A ticket is in the PSA a moment before its handler returns and is counted.
        try await harness.eventually("the healthy instance counted all 100") { await healthy.handled.count == 100 }
        #expect(await stale.handled.count == 0)
        guard case .paused(let reason, _) = await stale.readiness.state else {
            Issue.record("the misconfigured instance is not paused")
            return
        }
        #expect(reason == "cannot read the secret /connection/psa/connectwise/publicKey: environment variable ROTATED_CW_PUBLIC is not set")
        #expect(await healthy.readiness.state == .ready)
        try await harness.eventually("the paused instance's consumer is cancelled") {
            try await harness.bus.queueStatus(WorkQueue.ticketUpdaterWork.name).consumers == 1
        }
        let report = try await StatusReport.gather(store: harness.store, admin: nil, brokerError: nil)
        let entry = report.integration.first { $0.component == "ticket-updater@stale" }
        #expect(entry?.state == "error")
        #expect(entry?.message?.contains("ROTATED_CW_PUBLIC") == true)
        #expect(report.text.contains("ERROR in ticket-updater@stale since "))

        // Fixed: the settings name a variable both have again; the paused one resumes by itself.
        try await fleet.apply(fleet.settingsYAML())
        try await harness.eventually("the paused instance resumes", timeout: .seconds(30)) {
            await stale.readiness.state == .ready
        }
        try await harness.eventually("both instances consume again") {
            try await harness.bus.queueStatus(WorkQueue.ticketUpdaterWork.name).consumers == 2
        }
        let after = try await StatusReport.gather(store: harness.store, admin: nil, brokerError: nil)
        #expect(after.integration.first { $0.component == "ticket-updater@stale" }?.state == "ok")
        let more = try await Self.queueTicketCommands(fleet, poller: poller, count: 20, tag: "FIXED").references
        try await harness.eventually("the next commands become tickets", timeout: .seconds(60)) {
            await Self.ticketCounts(fleet, more).once == 20
        }
        try await harness.eventually("the two instances counted all 120") {
            await healthy.handled.count + stale.handled.count == 120
        }
        #expect(await healthy.handled.count + stale.handled.count == 120)
        await healthy.stop()
        await stale.stop()
        await fleet.stop()
        await harness.stop()
    }

    @Test(
        "S1, S3, T4: credentials revoked in the PSA pause a ticket-updater process (401: /health not ready, status shows it, nothing dead-lettered); restored, it resumes and handles every command",
        arguments: [PSAKind.connectWise, .autotask])
    func revokedCredentialsPauseAndResume(psa: PSAKind) async throws {
        let (harness, fleet, poller) = try await Self.mappedTicketFleet(psa: psa)
        let port = try freePort()
        let worker = try Self.startTicketUpdater(
            harness, fleet: fleet, instance: "revoked", log: harness.directory.appendingPathComponent("revoked.log"),
            metricsPort: port)
        defer {
            if worker.isRunning {
                kill(worker.processIdentifier, SIGKILL)
                worker.waitUntilExit()
            }
        }
        let health = "http://127.0.0.1:\(port)/health"
        try await harness.eventually("the worker is up and ready", timeout: .seconds(60)) {
            (try? await HTTPGet.fetch(health))?.status == 200
        }

        await fleet.sandbox.revokeCredentials(fleet.sandboxPSA)
        let references = try await Self.queueTicketCommands(fleet, poller: poller, count: 20, tag: "REVOKED").references
        let paused = try await harness.eventuallyValue("/health reports not ready", timeout: .seconds(60)) {
            let answer = try? await HTTPGet.fetch(health)
            return answer?.status == 503 ? answer?.body : nil
        }
        #expect(paused.contains("\"ready\":false"))
        #expect(paused.contains("refused the credentials"))
        #expect(paused.contains("HTTP 401"))
        let work = WorkQueue.ticketUpdaterWork
        try await harness.eventually("the commands wait in the queue with no consumer") {
            let status = try await harness.bus.queueStatus(work.name)
            return status.consumers == 0 && status.messages == 20
        }
        #expect(try await harness.depth(work.deadLetterQueue) == 0, "nothing dead-lettered")
        #expect(try await harness.store.deferredMessages(queue: work.name).isEmpty, "no attempt spent")
        let report = try await StatusReport.gather(store: harness.store, admin: nil, brokerError: nil)
        let entry = report.integration.first { $0.component == "ticket-updater@revoked" }
        #expect(entry?.state == "error")
        #expect(entry?.message?.contains("refused the credentials") == true)
        #expect(await Self.ticketCounts(fleet, references).once == 0)

        await fleet.sandbox.restoreCredentials(fleet.sandboxPSA)
        try await harness.eventually("every command becomes a ticket after the restore", timeout: .seconds(120)) {
            await Self.ticketCounts(fleet, references).once == 20
        }
        #expect(await Self.ticketCounts(fleet, references).duplicated == 0)
        #expect(try await harness.depth(work.deadLetterQueue) == 0)
        #expect((try? await HTTPGet.fetch(health))?.status == 200)
        let after = try await StatusReport.gather(store: harness.store, admin: nil, brokerError: nil)
        #expect(after.integration.first { $0.component == "ticket-updater@revoked" }?.state == "ok")
        kill(worker.processIdentifier, SIGTERM)
        worker.waitUntilExit()
        await fleet.stop()
        await harness.stop()
    }
}

extension FleetOnBrokerTests {
    @Test(
        "S3: a configuration failure the worker's check confirms pauses it and hands the message back unspent; one the check does not confirm belongs to the message and is retried with an attempt counted"
    )
    func configurationFailureConfirmedOrNot() async throws {
        let harness = try await FleetHarness.start()
        defer { Task { await harness.stop() } }
        let check = SwitchableCheck()
        let readiness = WorkerReadiness(check: check, recorder: nil, logger: harness.logger)
        var processor = harness.processor(.provisioner, handler: ConfigurationFailingHandler())
        processor.readiness = readiness
        let message = Self.provisionMessage(company: "4242")
        let body = Array(MessageEncoder().encode(message))
        func delivery() -> (BusDelivery, SettlementLog) {
            let log = SettlementLog()
            return (
                BusDelivery(
                    queue: WorkQueue.provisionerWork.name, exchange: FleetTopology.workExchange, routingKey: "provision.company",
                    messageId: "cfg-1", headers: [:], body: body, redelivered: false, settle: { await log.record($0) }),
                log
            )
        }

        // The check passes: the failure is the message's, retried through the delay queue.
        let (first, firstLog) = delivery()
        let retried = await processor.process(first, from: .provisionerWork)
        #expect(retried == .retried(tier: RetryPolicy().tiers[0].name, nextAttempt: 2))
        #expect(await firstLog.settlements == [.ack])
        #expect(await readiness.isPaused == false)

        // The check fails too: paused, the message back in its queue as it came, no attempt spent.
        await check.fail("cannot read the secret /connection/psa/connectwise/privateKey: environment variable CW_PRIVATE_KEY is not set")
        _ = try await harness.bus.purge(WorkQueue.provisionerWork.name)
        let (second, secondLog) = delivery()
        let handedBack = await processor.process(second, from: .provisionerWork)
        guard case .handedBack(let reason) = handedBack else {
            Issue.record("expected a hand-back, got \(handedBack)")
            return
        }
        #expect(reason.contains("CW_PRIVATE_KEY"))
        #expect(await secondLog.settlements == [.ack])
        #expect(await readiness.isPaused)
        let back = try await harness.eventuallyValue("the message back in its queue") {
            try await harness.bus.get(WorkQueue.provisionerWork.name)
        }
        #expect(back.body == body)
        #expect(back.headers[BridgeHeaders.attempt] == nil, "no attempt spent")
        await back.ack()

        // While paused, a delivery goes back unhandled, without even being decoded.
        let (third, _) = delivery()
        guard case .handedBack = await processor.process(third, from: .provisionerWork) else {
            Issue.record("a delivery while paused is handed back")
            return
        }
        #expect(try await harness.depth(WorkQueue.provisionerWork.deadLetterQueue) == 0)
    }
}

/// A readiness check whose verdict the test sets.
actor SwitchableCheck: ReadinessCheck {
    private var failure: String?

    func fail(_ reason: String?) { failure = reason }

    func check() async throws {
        if let failure { throw HandlerFailure.configuration(failure) }
    }
}

/// A handler that always reports a configuration failure.
struct ConfigurationFailingHandler: MessageHandler {
    func handle(_ message: Message, context: HandlerContext) async throws {
        throw HandlerFailure.configuration("the PSA refused the credentials (HTTP 403)")
    }
}

/// How a test delivery was settled.
actor SettlementLog {
    private(set) var settlements: [BusDelivery.Settlement] = []
    func record(_ settlement: BusDelivery.Settlement) { settlements.append(settlement) }
}

/// Counts the messages a handler handled successfully.
actor HandledCounter: MessageHandler {
    let next: any MessageHandler
    private(set) var count = 0

    init(next: any MessageHandler) { self.next = next }

    func handle(_ message: Message, context: HandlerContext) async throws {
        try await next.handle(message, context: context)
        count += 1
    }
}
