import BridgeCore

/// The alert-consumer's handler: every `sync.tick` polls the alerts once (besides the poll
/// loop), so a manual `bridgectl sync now` reads them at once. A failed poll is transient: the
/// tick is deferred for a retry.
public struct AlertTickHandler: MessageHandler {
    public var poller: AlertPoller

    public init(poller: AlertPoller) {
        self.poller = poller
    }

    public func handle(_ message: Message, context: HandlerContext) async throws {
        guard case .syncTick = message else {
            throw HandlerFailure.permanent("the alert-consumer handles sync.tick only, not \(message.type.rawValue)")
        }
        do {
            let report = try await poller.poll()
            context.logger.info("tick: alert poll published \(report.published) commands")
        } catch {
            throw HandlerFailure.classify(error)
        }
    }
}
