import Synchronization

/// Deliveries handed from a connection thread to the tasks iterating an ``AMQPConsumer``.
///
/// The broker bounds it: at most `prefetch` unsettled deliveries per channel generation. After a
/// reconnect, deliveries of the dead generation are purged (the broker redelivers them).
final class DeliveryBuffer: Sendable {
    private struct Waiter {
        let id: UInt64
        let continuation: UnsafeContinuation<AMQPDelivery?, Never>
    }

    private struct State {
        var items: [AMQPDelivery] = []
        var head = 0
        var waiters: [Waiter] = []
        var finished = false
        var nextWaiterID: UInt64 = 0

        mutating func popFirst() -> AMQPDelivery? {
            guard head < items.count else { return nil }
            let item = items[head]
            head += 1
            if head == items.count {
                items.removeAll(keepingCapacity: true)
                head = 0
            } else if head >= 256 && head * 2 >= items.count {
                items.removeFirst(head)
                head = 0
            }
            return item
        }
    }

    private let state = Mutex(State())

    /// Connection thread: hands `delivery` to a waiting iterator or buffers it. Returns false when
    /// the buffer is finished (the caller then releases the delivery back to the broker).
    func push(_ delivery: AMQPDelivery) -> Bool {
        let outcome: (waiter: UnsafeContinuation<AMQPDelivery?, Never>?, accepted: Bool) = state.withLock { state in
            if state.finished { return (nil, false) }
            if !state.waiters.isEmpty { return (state.waiters.removeFirst().continuation, true) }
            state.items.append(delivery)
            return (nil, true)
        }
        outcome.waiter?.resume(returning: delivery)
        return outcome.accepted
    }

    /// Removes buffered deliveries whose generation is not `generation`; returns how many.
    @discardableResult
    func purge(keeping generation: UInt64) -> Int {
        state.withLock { state in
            let before = state.items.count - state.head
            let kept = state.items[state.head...].filter { $0.generation == generation }
            state.items = Array(kept)
            state.head = 0
            return before - kept.count
        }
    }

    /// Ends the sequence: waiting iterators get nil, later pushes are refused. Returns the
    /// deliveries that were still buffered.
    func finish() -> [AMQPDelivery] {
        let (left, waiters): ([AMQPDelivery], [Waiter]) = state.withLock { state in
            state.finished = true
            let left = Array(state.items[state.head...])
            state.items = []
            state.head = 0
            let waiters = state.waiters
            state.waiters = []
            return (left, waiters)
        }
        for waiter in waiters { waiter.continuation.resume(returning: nil) }
        return left
    }

    /// Number of deliveries buffered and not yet taken by an iterator.
    var count: Int { state.withLock { $0.items.count - $0.head } }

    /// The next delivery, or nil once the buffer is finished or the calling task is cancelled.
    func next() async -> AMQPDelivery? {
        enum Immediate { case item(AMQPDelivery), end, wait(UInt64) }
        let immediate: Immediate = state.withLock { state in
            if let item = state.popFirst() { return .item(item) }
            if state.finished { return .end }
            state.nextWaiterID += 1
            return .wait(state.nextWaiterID)
        }
        let id: UInt64
        switch immediate {
        case .item(let item): return item
        case .end: return nil
        case .wait(let waiterID): id = waiterID
        }
        return await withTaskCancellationHandler {
            await withUnsafeContinuation { (continuation: UnsafeContinuation<AMQPDelivery?, Never>) in
                let ready: AMQPDelivery?? = state.withLock { state in
                    if let item = state.popFirst() { return .some(item) }
                    if state.finished || Task.isCancelled { return .some(nil) }
                    state.waiters.append(Waiter(id: id, continuation: continuation))
                    return .none
                }
                if let ready { continuation.resume(returning: ready) }
            }
        } onCancel: {
            let waiter: Waiter? = state.withLock { state in
                guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return state.waiters.remove(at: index)
            }
            waiter?.continuation.resume(returning: nil)
        }
    }
}
