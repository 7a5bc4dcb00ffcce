import BridgeCore

/// The handler of a worker whose domain work is not built yet (provisioning and billing come
/// with their own features). It refuses every message loudly, so the message is dead-lettered
/// with a reason that says what is missing, and nothing is silently dropped: once the feature
/// lands, `bridgectl dlq replay` hands the kept messages to it.
public struct FeaturePendingHandler: MessageHandler {
    public var feature: String

    public init(feature: String) { self.feature = feature }

    public func handle(_ message: Message, context: HandlerContext) async throws {
        throw HandlerFailure.noHandler(
            type: message.type, worker: context.worker,
            detail: "\(feature) is not implemented yet in this release")
    }
}
