/// Connection-thread state of one ``AMQPPublisher``.
final class PublisherSlot {
    let id: Int
    let channel: UInt16
    let window: Int
    /// Accepted but not yet sent (window full, channel reopening or reconnecting).
    var pending: [PendingPublish] = []
    var pendingHead = 0
    /// Sent and waiting for the broker's confirm.
    var outstanding = ConfirmWindow<PublishCompletion>()
    var channelOpen = false
    /// When to try opening the channel again.
    var reopenAt: ContinuousClock.Instant? = .now
    var reopenAttempt = 0
    /// Set by ``AMQPPublisher/close(timeout:)`` or a connection close.
    var closing: (deadline: ContinuousClock.Instant, waiters: [CheckedContinuation<Void, Never>])?

    init(id: Int, channel: UInt16, window: Int) {
        self.id = id
        self.channel = channel
        self.window = window
    }

    var hasPending: Bool { pendingHead < pending.count }

    func popPending() -> PendingPublish? {
        guard pendingHead < pending.count else { return nil }
        let item = pending[pendingHead]
        pendingHead += 1
        if pendingHead == pending.count {
            pending.removeAll(keepingCapacity: true)
            pendingHead = 0
        }
        return item
    }

    func takeAllPending() -> ArraySlice<PendingPublish> {
        let left = pending[pendingHead...]
        pending = []
        pendingHead = 0
        return left
    }
}
