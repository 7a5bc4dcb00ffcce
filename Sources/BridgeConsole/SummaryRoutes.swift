import BridgeState
import BridgeValues
import BridgeWorkers
import Foundation
import Hummingbird

/// `GET /`: integration status, accounts total and linked, mapping failures, tickets, each
/// worker's last tick, queue depths and dead letters: `bridgectl status`'s report.
struct SummaryRoutes {
    var services: ConsoleServices

    func register(on router: Router<ConsoleContext>) {
        router.get("/") { request, context in try await summary(request, context: context) }
    }

    func summary(_ request: Request, context: ConsoleContext) async throws -> Response {
        var admin: (any BrokerAdmin)?
        var brokerError: String?
        do {
            admin = try await services.broker.broker()
        } catch {
            brokerError = "\(error)"
        }
        let report = try await StatusReport.gather(store: services.store, admin: admin, brokerError: brokerError)
        let values: [String: Any] = [
            "integrationOK": report.integration.allSatisfy { $0.state == "ok" },
            "integration": report.integration.map { item -> [String: Any] in
                ["component": item.component, "state": item.state, "message": item.message ?? "", "since": Timestamp.format(item.since, fractionalSeconds: false)]
            },
            "accountsTotal": report.accountsTotal, "accountsLinked": report.accountsLinked,
            "mappingFailures": report.mappingErrors.count, "hasMappingErrors": !report.mappingErrors.isEmpty,
            "mappingErrors": report.mappingErrors.map { item -> [String: Any] in
                ["psa": item.psa, "companyId": item.companyId, "companyName": item.companyName ?? "", "error": item.error]
            },
            "ticketsNew": report.ticketsCreatedLast24h, "ticketsOpen": report.ticketsOpen,
            "workers": report.workers.map { worker -> [String: Any] in
                [
                    "worker": worker.worker, "instance": worker.instance, "lastTick": worker.lastTick ?? "",
                    "lastSeenAt": Timestamp.format(worker.lastSeenAt, fractionalSeconds: false),
                ]
            },
            "brokerError": report.broker.error ?? "",
            "queues": report.broker.queues.map { queue -> [String: Any] in
                ["name": queue.name, "messages": queue.messages, "consumers": queue.consumers, "dead": queue.name.hasSuffix(".dead")]
            },
            "deadLetters": report.broker.deadLetters.values.reduce(0, +),
        ]
        return services.pages.render("summary", title: "Summary", context: context, current: "/", values: values)
    }
}
