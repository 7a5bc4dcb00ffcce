import Foundation
import Logging

/// Whether a worker can do its job as configured: a state of the worker, not of any message.
///
/// A missing secret, settings that do not resolve against the PSA, or credentials the PSA or the
/// cloud refuse say nothing about the message in hand. While they last the worker is *paused*:
/// the ``DeliveryProcessor`` hands every delivery back to its queue without spending an attempt,
/// the ``WorkerService`` cancels its consumers, `/health` answers not ready with the reason, and
/// `bridgectl status` shows the reason and since when (SPEC S1). The service checks again with
/// growing delay (``retryDelays``) and resumes by itself once the check passes.
///
/// The check is the worker's own (``ReadinessCheck``); a worker without one is always ready.
public actor WorkerReadiness {
    /// Where the worker stands.
    public enum State: Sendable, Equatable {
        case ready
        /// Paused since `since`, because of `reason` (safe to show: no secret).
        case paused(reason: String, since: Date)
    }

    /// The worker's check; nil for a worker that needs nothing beyond the broker and the database.
    public nonisolated let check: (any ReadinessCheck)?
    /// Delays between checks while paused: each next one used in turn, the last one repeated.
    public nonisolated let retryDelays: [Duration]
    private let recorder: IntegrationStatusRecorder?
    private let logger: Logger
    private(set) public var state: State = .ready
    private var pauseWaiters: [UUID: CheckedContinuation<Void, Never>] = [:]
    private var pauses = 0
    private var confirming: Task<CheckResult, Never>?

    /// - Parameters:
    ///   - check: the worker's readiness check.
    ///   - recorder: where the state is recorded for `bridgectl status` (component `worker@instance`).
    ///   - retryDelays: the growing delays between checks while paused.
    public init(
        check: (any ReadinessCheck)?, recorder: IntegrationStatusRecorder?,
        retryDelays: [Duration] = [.seconds(1), .seconds(2), .seconds(5), .seconds(10), .seconds(30), .seconds(60)],
        logger: Logger
    ) {
        self.check = check
        self.recorder = recorder
        self.retryDelays = retryDelays.isEmpty ? [.seconds(1)] : retryDelays
        self.logger = logger
    }

    /// Whether the worker is paused.
    public var isPaused: Bool {
        if case .paused = state { return true }
        return false
    }

    /// How many times the worker paused since it started (for tests and metrics).
    public var pauseCount: Int { pauses }

    /// Runs the check once. Returns nil when it passes, else the configuration failure's reason.
    /// Errors of other kinds (a PSA that is down, a timeout) are not configuration failures: they
    /// are returned as `.inconclusive`.
    public nonisolated func evaluate() async -> CheckResult {
        guard let check else { return .passed }
        do {
            try await check.check()
            return .passed
        } catch {
            if let reason = HandlerFailure.configurationReason(of: error) { return .failed(reason) }
            return .inconclusive("\(error)")
        }
    }

    /// Runs the check on behalf of a handler that saw a configuration failure; concurrent
    /// callers share one check. A failed check pauses the worker.
    public func confirm() async -> CheckResult {
        if case .paused(let reason, _) = state { return .failed(reason) }
        let task: Task<CheckResult, Never>
        if let confirming {
            task = confirming
        } else {
            task = Task { await self.evaluate() }
            confirming = task
        }
        let result = await task.value
        confirming = nil
        if case .failed(let reason) = result { await pause(reason) }
        return result
    }

    /// The outcome of one check.
    public enum CheckResult: Sendable, Equatable {
        case passed
        /// A configuration failure, with its reason.
        case failed(String)
        /// The check could not tell (the API was unreachable): neither ready nor a configuration failure.
        case inconclusive(String)
    }

    /// Pauses the worker for `reason`. Returns false when it was paused already.
    @discardableResult
    public func pause(_ reason: String) async -> Bool {
        guard case .ready = state else { return false }
        state = .paused(reason: reason, since: Date())
        pauses += 1
        logger.error("worker paused: configuration failure; messages stay in the queue", metadata: ["reason": "\(reason)"])
        for waiter in pauseWaiters.values { waiter.resume() }
        pauseWaiters.removeAll()
        await recorder?.error(reason)
        return true
    }

    /// Records a new reason while paused (the check failed for another reason than before).
    public func stillPaused(_ reason: String) async {
        guard case .paused(let current, let since) = state, current != reason else { return }
        state = .paused(reason: reason, since: since)
        logger.error("worker still paused", metadata: ["reason": "\(reason)"])
        await recorder?.error(reason)
    }

    /// Resumes the worker.
    public func resume() async {
        guard case .paused = state else { return }
        state = .ready
        logger.notice("worker resumed: its configuration works again")
        await recorder?.ok()
    }

    /// Records that the worker is ready (once at start).
    public func markReady() async {
        guard case .ready = state else { return }
        await recorder?.ok()
    }

    /// Returns once the worker is paused, or at once when it is; also returns when the calling
    /// task is cancelled.
    public func waitUntilPaused() async {
        if isPaused { return }
        let id = UUID()
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if isPaused || Task.isCancelled {
                    continuation.resume()
                } else {
                    pauseWaiters[id] = continuation
                }
            }
        } onCancel: {
            Task { await self.cancelWaiter(id) }
        }
    }

    private func cancelWaiter(_ id: UUID) {
        pauseWaiters.removeValue(forKey: id)?.resume()
    }

    /// The delay before check number `attempt` (0-based) while paused.
    public nonisolated func delay(beforeCheck attempt: Int) -> Duration {
        retryDelays[min(attempt, retryDelays.count - 1)]
    }
}

/// A worker's check that its settings, the secrets they name and the connections its job needs
/// work: it throws what is missing. Errors that ``HandlerFailure/configurationReason(of:)``
/// recognises (``HandlerFailure/configuration(_:)``, an unreadable secret, settings that do not
/// resolve, credentials refused with 401/403) are configuration failures; others are inconclusive.
public protocol ReadinessCheck: Sendable {
    func check() async throws
}
