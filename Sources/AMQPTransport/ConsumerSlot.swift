/// Connection-thread state of one ``AMQPConsumer``.
final class ConsumerSlot {
    enum Phase: Equatable {
        /// Needs channel open / qos / consume at `restartAt`.
        case starting
        /// `basic.consume-ok` received; deliveries flow.
        case consuming
        /// `basic.cancel` sent by us; waiting for handlers to settle what they hold.
        case draining
    }

    let id: Int
    let channel: UInt16
    let queue: String
    let prefetch: UInt16
    let consumerTag: String
    let arguments: AMQPTable
    let buffer: DeliveryBuffer
    let status: ConsumerStatus

    var phase: Phase = .starting
    var channelOpen = false
    /// Generation of the current channel incarnation (0 while closed).
    var generation: UInt64 = 0
    var tracker = AckTracker()
    var restartAt: ContinuousClock.Instant? = .now
    var restartAttempt = 0
    /// Settlements received in the current command batch.
    var pendingSettles: [(tag: UInt64, settlement: Settlement)] = []
    var stopping: (deadline: ContinuousClock.Instant, waiters: [CheckedContinuation<Int, Never>])?

    init(
        id: Int, channel: UInt16, queue: String, prefetch: UInt16, consumerTag: String,
        arguments: AMQPTable, buffer: DeliveryBuffer, status: ConsumerStatus
    ) {
        self.id = id
        self.channel = channel
        self.queue = queue
        self.prefetch = prefetch
        self.consumerTag = consumerTag
        self.arguments = arguments
        self.buffer = buffer
        self.status = status
    }
}
