import BridgeCore
import BridgeWorkers
import Foundation
import Hummingbird

/// The Dead letters tab: every dead-letter queue's messages (left in place), one with its body,
/// replay to its work queue, purge after a confirmation. `bridgectl dlq`'s operations; each
/// action is audited with the operator's name.
struct DeadLetterRoutes {
    var services: ConsoleServices

    func register(on router: Router<ConsoleContext>) {
        router.get("/dead-letters") { request, context in try await list(request, context: context) }
        router.post("/dead-letters/replay") { request, context in try await act(request, context: context, purge: false) }
        router.post("/dead-letters/purge") { request, context in try await act(request, context: context, purge: true) }
    }

    func list(_ request: Request, context: ConsoleContext, notice: String? = nil, problem: String? = nil) async throws -> Response {
        let query = FormFields(request.uri.query ?? "")
        let shown = query.text("id")
        let confirmPurge = query.text("confirm-purge")
        var rows: [[String: Any]] = []
        var brokerError: String?
        do {
            let operations = DeadLetterOperations(admin: try await services.broker.broker())
            for queue in WorkQueue.allCases.map(\.deadLetterQueue) {
                for letter in try await operations.list(queue: queue, limit: 200) {
                    var row: [String: Any] = [
                        "queue": letter.queue, "messageId": letter.messageId ?? "", "reason": letter.reason ?? "",
                        "detail": letter.detail ?? "", "attempts": letter.attempts.map(String.init) ?? "",
                        "deadAt": letter.deadAt ?? "", "replays": letter.replayCount,
                    ]
                    if let id = letter.messageId, id == shown { row["body"] = letter.body ?? "(\(letter.bodyBytes) bytes, not text)" }
                    if let id = letter.messageId, id == confirmPurge { row["confirmPurge"] = true }
                    rows.append(row)
                }
            }
        } catch {
            brokerError = "The broker could not be read: \(error)"
        }
        return services.pages.render(
            "dead-letters", title: "Dead letters", context: context, current: "/dead-letters",
            values: ["letters": rows, "count": rows.count], notice: notice, problem: problem ?? brokerError)
    }

    /// Replays or purges one dead letter (`id`), found in whichever dead-letter queue holds it.
    func act(_ request: Request, context: ConsoleContext, purge: Bool) async throws -> Response {
        let form = try await context.checkedForm(request)
        guard let id = form.text("id"), let queue = form.text("queue"), WorkQueue(anyQueueName: queue) != nil else {
            throw HTTPError(.badRequest, message: "name the dead letter (id) and its queue")
        }
        if purge && form["confirmed"] != "yes" {
            throw HTTPError(.badRequest, message: "a purge needs its confirmation")
        }
        let operations = DeadLetterOperations(admin: try await services.broker.broker())
        let result = purge
            ? try await operations.purge(queue: queue, selection: .id(id)) : try await operations.replay(queue: queue, selection: .id(id))
        let operatorName = context.operatorName ?? "?"
        if result.affected > 0 {
            _ = try await services.store.appendAudit(
                .init(
                    worker: "console:\(operatorName)", action: purge ? "dead-letter.purge" : "dead-letter.replay", targetSystem: "rabbitmq",
                    targetId: "\(queue) \(id)", reason: purge ? "purged by \(operatorName)" : "replayed by \(operatorName)"))
        }
        let done = purge ? "purged" : "replayed to its work queue"
        if result.affected == 0 {
            return try await list(request, context: context, problem: "No dead letter \(id) in \(queue) any more. \(result.failures.joined(separator: " "))")
        }
        return try await list(request, context: context, notice: "Dead letter \(id) \(done).")
    }
}
