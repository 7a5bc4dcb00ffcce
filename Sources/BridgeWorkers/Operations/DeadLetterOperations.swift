import Foundation

/// `bridgectl dlq`: list, show, replay and purge dead letters (SPEC S3).
///
/// Every pass is bounded by the queue's depth when it starts, so messages that arrive meanwhile
/// (or that a replay sends back because they fail again) are not visited twice: no endless loop.
/// Messages that are looked at and not chosen are returned to the queue, in order, at the end.
/// A replay publishes the message to its original exchange and routing key with confirms and
/// only then removes it, so a crash mid-replay duplicates at worst; the workers' inbox makes a
/// replayed message that was already handled a no-op (idempotent).
public struct DeadLetterOperations: Sendable {
    public var admin: any BrokerAdmin

    public init(admin: any BrokerAdmin) { self.admin = admin }

    /// Which dead letters an operation applies to.
    public enum Selection: Sendable, Equatable {
        case all
        case id(String)
        case reason(String)

        func matches(_ letter: DeadLetter) -> Bool {
            switch self {
            case .all: return true
            case .id(let id): return letter.messageId == id
            case .reason(let code): return letter.reason == code
            }
        }
    }

    /// What a replay or purge did.
    public struct Result: Sendable, Equatable, Codable {
        public var queue: String
        public var examined: Int
        public var affected: Int
        public var failures: [String]
    }

    /// The dead letters of `queue`, at most `limit`, left in place.
    public func list(queue: String, limit: Int = 1000) async throws -> [DeadLetter] {
        try await visit(queue: queue, limit: limit) { _ in .keep }.letters
    }

    /// Replays the selected dead letters of `queue` to their original destination.
    public func replay(queue: String, selection: Selection) async throws -> Result {
        try await visit(queue: queue) { delivery in
            let letter = DeadLetter(delivery)
            guard selection.matches(letter) else { return .keep }
            guard let exchange = letter.originalExchange, let routingKey = letter.originalRoutingKey else {
                return .fail("message \(letter.messageId ?? "?") has no original exchange/routing key headers")
            }
            var headers = delivery.headers
            for name in [
                BridgeHeaders.deadReason, BridgeHeaders.deadDetail, BridgeHeaders.deadAt, BridgeHeaders.deadBy,
                BridgeHeaders.sourceQueue,
            ] {
                headers[name] = nil
            }
            headers[BridgeHeaders.attempt] = .int(1)
            headers[BridgeHeaders.replayCount] = .int(letter.replayCount + 1)
            // A message dead-lettered from a retry path went to its worker queue directly; replay
            // there too (the default exchange routes by queue name), so a tick goes back to the one
            // worker that failed it, not to every tick queue.
            let target: OutboundMessage
            if let source = letter.sourceQueue {
                target = OutboundMessage(
                    exchange: "", routingKey: source, messageId: delivery.messageId, headers: headers, body: delivery.body)
            } else {
                target = OutboundMessage(
                    exchange: exchange, routingKey: routingKey, messageId: delivery.messageId, headers: headers,
                    body: delivery.body)
            }
            do {
                try await admin.publish([target])
                return .remove
            } catch {
                return .fail("message \(letter.messageId ?? "?"): \(error)")
            }
        }.result
    }

    /// Removes the selected dead letters of `queue` for good.
    public func purge(queue: String, selection: Selection) async throws -> Result {
        if selection == .all {
            let depth = try await admin.queueStatus(queue).messages
            let purged = try await admin.purge(queue)
            return Result(queue: queue, examined: depth, affected: purged, failures: [])
        }
        return try await visit(queue: queue) { delivery in
            selection.matches(DeadLetter(delivery)) ? .remove : .keep
        }.result
    }

    private enum Verdict {
        case keep
        case remove
        case fail(String)
    }

    private func visit(
        queue: String, limit: Int = .max, _ decide: (BusDelivery) async -> Verdict
    ) async throws -> (letters: [DeadLetter], result: Result) {
        let depth = min(try await currentDepth(queue), limit)
        var kept: [BusDelivery] = []
        var letters: [DeadLetter] = []
        var affected = 0
        var failures: [String] = []
        var examined = 0
        do {
            while examined < depth, let delivery = try await admin.get(queue) {
                examined += 1
                letters.append(DeadLetter(delivery))
                switch await decide(delivery) {
                case .keep:
                    kept.append(delivery)
                case .remove:
                    await delivery.ack()
                    affected += 1
                case .fail(let why):
                    failures.append(why)
                    kept.append(delivery)
                }
            }
        } catch {
            for delivery in kept { await delivery.reject(requeue: true) }
            throw error
        }
        for delivery in kept { await delivery.reject(requeue: true) }
        await settle(queue: queue, atLeast: kept.count)
        return (letters, Result(queue: queue, examined: examined, affected: affected, failures: failures))
    }

    /// The queue's depth. A quorum queue applies returned messages asynchronously, so a count read
    /// right after another pass returned its messages can lag; an empty answer is read once more.
    private func currentDepth(_ queue: String) async throws -> Int {
        let depth = try await admin.queueStatus(queue).messages
        guard depth == 0 else { return depth }
        try await Task.sleep(for: .milliseconds(250))
        return try await admin.queueStatus(queue).messages
    }

    /// Waits (up to 2 s) until the messages this pass returned show in the queue's depth, so the
    /// next operation, here or in another process, sees them.
    private func settle(queue: String, atLeast count: Int) async {
        guard count > 0 else { return }
        let deadline = ContinuousClock.now + .seconds(2)
        while ContinuousClock.now < deadline {
            if let depth = try? await admin.queueStatus(queue).messages, depth >= count { return }
            try? await Task.sleep(for: .milliseconds(50))
        }
    }
}
