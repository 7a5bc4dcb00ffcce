import BridgeCore
import BridgeState
import BridgeValues
import Foundation
import Logging

/// Publishes a worker's deferred messages back to their queues once they are due (SPEC S3).
///
/// A retry waits in the state (``StateStore/deferMessage(queue:messageId:headers:body:delay:deferredBy:)``) rather than in a broker delay
/// queue: a TTL queue dead-lettering back to the work queue can drop messages across a broker
/// restart. Every worker process runs a relay for its own queues; relays lease the rows they take,
/// so processes on any host share the work. A message is deleted only after the broker confirmed
/// its copy; a relay killed in between lets its lease lapse and another publishes it again, and
/// the inbox drops the second copy. While the broker is away the rows wait.
public struct DeferredRelay: Sendable {
    public var queues: [WorkQueue]
    public var store: StateStore
    public var bus: any MessageBus
    public var logger: Logger
    /// The longest the relay sleeps between looks at the state.
    public var pollInterval: Duration
    /// Messages taken per claim.
    public var batchSize: Int

    public init(
        queues: [WorkQueue], store: StateStore, bus: any MessageBus, logger: Logger, pollInterval: Duration = .seconds(1),
        batchSize: Int = 100
    ) {
        self.queues = queues
        self.store = store
        self.bus = bus
        self.logger = logger
        self.pollInterval = pollInterval
        self.batchSize = batchSize
    }

    /// Relays until the task is cancelled: one look at the state per pass, a claim only when
    /// something is due.
    public func run() async {
        var failures = 0
        let names = queues.map(\.name)
        while !Task.isCancelled {
            do {
                let wait = try await store.nextDeferredDue(queues: names)
                if let wait, wait <= 0 {
                    let relayed = try await relay(names)
                    failures = 0
                    if relayed > 0 { continue }  // more may be due at once
                    // Due but not taken: another relay holds it; look again after the interval.
                    try await Task.sleep(for: pollInterval)
                } else {
                    failures = 0
                    try await Task.sleep(for: wait.map { min(pollInterval, .milliseconds(Int($0 * 1000) + 1)) } ?? pollInterval)
                }
            } catch is CancellationError {
                return
            } catch {
                failures += 1
                logger.warning(
                    "relaying deferred messages failed; they wait in the state",
                    metadata: ["error": "\(error)", "failures": "\(failures)"])
                try? await Task.sleep(for: min(pollInterval * (1 << min(failures, 4)), .seconds(15)))
            }
        }
    }

    /// Claims a batch of due messages, publishes them and forgets them; returns how many.
    private func relay(_ names: [String]) async throws -> Int {
        let due = try await store.claimDueDeferredMessages(queues: names, limit: batchSize)
        guard !due.isEmpty else { return 0 }
        let outbound = due.map { message in
            OutboundMessage(
                exchange: "", routingKey: message.queue, messageId: message.messageId,
                headers: Self.headers(fromJSON: message.headers), body: Array(message.body))
        }
        try await bus.publish(outbound)
        try await store.releaseDeferredMessages(due)
        logger.debug("deferred messages back on their queues", metadata: ["count": "\(due.count)"])
        return due.count
    }

    /// AMQP headers as a JSON object, as the state keeps them.
    static func json(fromHeaders headers: [String: HeaderValue]) -> Data {
        JSONValue.object(headers.mapValues(\.jsonValue)).serialized()
    }

    /// The headers back from ``json(fromHeaders:)``.
    static func headers(fromJSON data: Data) -> [String: HeaderValue] {
        guard case .object(let object)? = try? JSONValue(parsing: data) else { return [:] }
        return object.compactMapValues(HeaderValue.init(jsonValue:))
    }
}
