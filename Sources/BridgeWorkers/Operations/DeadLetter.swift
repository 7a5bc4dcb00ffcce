import Foundation

/// A message in a dead-letter queue, as `bridgectl dlq list | show` presents it.
public struct DeadLetter: Sendable, Equatable, Codable {
    public var queue: String
    public var messageId: String?
    public var reason: String?
    public var detail: String?
    public var attempts: Int?
    public var originalExchange: String?
    public var originalRoutingKey: String?
    public var sourceQueue: String?
    public var deadAt: String?
    public var deadBy: String?
    public var replayCount: Int
    public var bodyBytes: Int
    /// The body as text when it is UTF-8, else nil.
    public var body: String?

    public init(_ delivery: BusDelivery) {
        queue = delivery.queue
        messageId = delivery.messageId
        // A message the broker dead-lettered itself (delivery limit reached: the worker kept
        // crashing on it) has only the broker's x-first-death-* headers.
        let h = delivery.headers
        reason = h[BridgeHeaders.deadReason]?.stringValue ?? h["x-first-death-reason"].map { "broker-\($0)" }
        detail = delivery.headers[BridgeHeaders.deadDetail]?.stringValue
        attempts = delivery.headers[BridgeHeaders.attempt]?.intValue
        originalExchange = h[BridgeHeaders.originalExchange]?.stringValue ?? h["x-first-death-exchange"]?.stringValue
        originalRoutingKey = h[BridgeHeaders.originalRoutingKey]?.stringValue ?? delivery.routingKey
        sourceQueue = h[BridgeHeaders.sourceQueue]?.stringValue ?? h["x-first-death-queue"]?.stringValue
        deadAt = delivery.headers[BridgeHeaders.deadAt]?.stringValue
        deadBy = delivery.headers[BridgeHeaders.deadBy]?.stringValue
        replayCount = delivery.headers[BridgeHeaders.replayCount]?.intValue ?? 0
        bodyBytes = delivery.body.count
        body = String(validating: delivery.body, as: UTF8.self)
    }
}
