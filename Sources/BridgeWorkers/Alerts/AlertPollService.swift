import BridgeState
import Foundation
import Logging
import ServiceLifecycle

/// The alert-consumer's own poll loop (SPEC T1): polls every `worker.pollSeconds` of the settings
/// in force (60 s by default), so an alert does not wait for the 15-minute tick. A failed poll
/// is logged and recorded for `bridgectl status`, and the loop goes on. On graceful shutdown it
/// finishes the poll in progress and returns.
public struct AlertPollService: Service {
    public var poller: AlertPoller
    public var settings: SettingsCache
    public var store: StateStore
    public var worker: String
    public var instance: String
    /// Overrides the settings' interval (tests and benchmarks); nil follows the settings.
    public var interval: Duration?
    public var logger: Logger

    public init(
        poller: AlertPoller, settings: SettingsCache, store: StateStore, worker: String = "alert-consumer",
        instance: String, interval: Duration? = nil, logger: Logger
    ) {
        self.poller = poller
        self.settings = settings
        self.store = store
        self.worker = worker
        self.instance = instance
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        logger.info("alert poll loop started")
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            do {
                try await poller.poll()
                try? await store.recordHeartbeat(worker: worker, instanceId: instance)
            } catch {
                logger.error("alert poll failed", metadata: ["error": "\(error)"])
            }
            let wait = await nextInterval()
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: wait) }
        }
        logger.info("alert poll loop stopped")
    }

    private func nextInterval() async -> Duration {
        if let interval { return interval }
        let seconds = (try? await settings.current())??.settings.worker.pollSeconds ?? 60
        return .seconds(seconds)
    }
}
