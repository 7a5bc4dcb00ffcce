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
    /// The worker's readiness: no poll while it is paused, and a configuration failure of a
    /// poll (credentials refused, a secret that does not resolve) pauses it.
    public var readiness: WorkerReadiness?
    public var logger: Logger

    public init(
        poller: AlertPoller, settings: SettingsCache, store: StateStore, worker: String = "alert-consumer",
        instance: String, interval: Duration? = nil, readiness: WorkerReadiness? = nil, logger: Logger
    ) {
        self.readiness = readiness
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
            if await readiness?.isPaused == true {
                logger.debug("worker paused by a configuration failure; alert poll skipped")
            } else {
                do {
                    try await poller.poll()
                    try? await store.recordHeartbeat(worker: worker, instanceId: instance)
                } catch {
                    logger.error("alert poll failed", metadata: ["error": "\(error)"])
                    if HandlerFailure.configurationReason(of: error) != nil { _ = await readiness?.confirm() }
                }
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
