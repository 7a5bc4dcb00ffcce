import CRabbitMQ
import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The thread that owns one rabbitmq-c connection, and everything that thread knows.
///
/// rabbitmq-c is not thread-safe, so exactly one thread calls it: ``run()`` loops over the
/// mailbox (commands from any task), the outgoing publish queues, the incoming frames and the
/// timers, and sleeps in `poll()` on the socket and the mailbox's eventfd when idle.
///
/// `@unchecked Sendable`: the stored `var`s are touched only by the connection thread, that is
/// inside ``run()`` and inside the closures of `.run` commands, which ``run()`` executes. The
/// `let`s are immutable or themselves `Sendable` (``Mailbox``, ``ConnectionStatus``).
final class ConnectionLoop: @unchecked Sendable {
    enum Phase {
        case starting(CheckedContinuation<Result<Void, AMQPError>, Never>)
        case connected
        case disconnected(retryAt: ContinuousClock.Instant, attempt: Int)
        case finished
    }

    static let controlChannel: UInt16 = 1
    static let getChannel: UInt16 = 2

    let configuration: AMQPConfiguration
    let logger: Logger
    let mailbox: Mailbox
    let status: ConnectionStatus

    // Connection-thread state.
    var phase: Phase
    var connection: amqp_connection_state_t?
    var socketDescriptor: Int32 = -1
    var topology: AMQPTopology
    var topologyNeedsDeclare = false
    var publishers: [Int: PublisherSlot] = [:]
    var consumers: [Int: ConsumerSlot] = [:]
    var owners: [UInt16: ChannelOwner] = [controlChannel: .control, getChannel: .get]
    var nextChannel: UInt16 = 3
    var nextSlotID = 1
    var controlChannelOpen = false
    var getChannelOpen = false
    var getGeneration: UInt64 = 0
    var getUnsettled: Set<UInt64> = []
    var generationCounter: UInt64 = 0
    /// A connection failure noticed inside a command; the loop acts on it after the command.
    var deferredFailure: ConnectionFailure?
    var closeRequest: (deadline: ContinuousClock.Instant, waiters: [CheckedContinuation<Void, Never>])?
    let arena = CArena()
    var commandBuffer: [Command] = []
    var dirtyConsumers: [ConsumerSlot] = []
    var random = SystemRandomNumberGenerator()

    init(
        configuration: AMQPConfiguration, topology: AMQPTopology, logger: Logger, mailbox: Mailbox,
        status: ConnectionStatus, start: CheckedContinuation<Result<Void, AMQPError>, Never>
    ) {
        self.configuration = configuration
        self.topology = topology
        self.logger = logger
        self.mailbox = mailbox
        self.status = status
        self.phase = .starting(start)
        commandBuffer.reserveCapacity(256)
    }

    /// Starts the dedicated thread running ``run()``.
    static func spawn(_ loop: ConnectionLoop) throws(AMQPError) {
        let context = Unmanaged.passRetained(loop).toOpaque()
        var thread = pthread_t()
        let result = pthread_create(
            &thread, nil,
            { context in
                let loop = Unmanaged<ConnectionLoop>.fromOpaque(context!).takeRetainedValue()
                loop.run()
                return nil
            }, context)
        guard result == 0 else {
            Unmanaged<ConnectionLoop>.fromOpaque(context).release()
            throw .connectionFailed("cannot start the AMQP connection thread (error \(result))")
        }
        pthread_detach(thread)
    }

    var isConnected: Bool {
        if case .connected = phase { return true }
        return false
    }

    // MARK: - Main loop

    func run() {
        psa_set_thread_name("amqp-connection")
        while true {
            switch phase {
            case .starting(let continuation):
                do throws(ConnectionFailure) {
                    try establish()
                    phase = .connected
                    status.update { $0.state = .connected }
                    continuation.resume(returning: .success(()))
                } catch {
                    logger.error(
                        "AMQP connection failed",
                        metadata: ["broker": "\(configuration.redactedURL)", "error": "\(error.reason)"])
                    phase = .finished
                    finish()
                    continuation.resume(
                        returning: .failure(.connectionFailed("\(configuration.redactedURL): \(error.reason)")))
                    return
                }
            case .connected:
                do throws(ConnectionFailure) {
                    try iterateConnected()
                } catch {
                    connectionLost(error)
                }
            case .disconnected(let retryAt, let attempt):
                processCommands()
                if closeRequest != nil {
                    finish()
                    return
                }
                let now = ContinuousClock.now
                if now < retryAt {
                    mailbox.wait(socket: -1, timeoutMilliseconds: (retryAt - now).milliseconds)
                    continue
                }
                status.update { $0.state = .reconnecting }
                do throws(ConnectionFailure) {
                    try establish()
                    phase = .connected
                    status.update {
                        $0.state = .connected
                        $0.reconnectCount += 1
                    }
                    logger.info(
                        "AMQP connection re-established",
                        metadata: ["broker": "\(configuration.redactedURL)", "attempt": "\(attempt + 1)"])
                } catch {
                    teardownConnection()
                    let delay = configuration.reconnect.delay(attempt: attempt + 1, using: &random)
                    logger.warning(
                        "AMQP reconnection failed",
                        metadata: [
                            "broker": "\(configuration.redactedURL)", "error": "\(error.reason)", "retryIn": "\(delay)",
                        ])
                    status.update { $0.lastError = error.reason }
                    phase = .disconnected(retryAt: .now + delay, attempt: attempt + 1)
                }
            case .finished:
                return
            }
        }
    }

    /// One pass while connected: commands, outgoing publishes, incoming frames, timers, sleep.
    private func iterateConnected() throws(ConnectionFailure) {
        guard let connection else { throw ConnectionFailure(reason: "no connection") }
        var didWork = processCommands()
        if let failure = deferredFailure {
            deferredFailure = nil
            throw failure
        }
        if try flushPublishes() { didWork = true }
        if try readFrames(budget: 256) > 0 { didWork = true }
        try serviceTimers()
        if closeRequest != nil, publishers.isEmpty, consumers.isEmpty {
            finishClose()
            return
        }
        if let closeRequest, ContinuousClock.now >= closeRequest.deadline {
            finishClose()
            return
        }
        amqp_maybe_release_buffers(connection)
        arena.reset()
        if didWork || amqp_frames_enqueued(connection) != 0 || amqp_data_in_buffer(connection) != 0 {
            return
        }
        let wake = mailbox.wait(socket: socketDescriptor, timeoutMilliseconds: sleepTimeout())
        if wake.timedOut {
            try heartbeatTick()
        }
    }

    /// How long the loop may sleep: until the next timer, at most a quarter heartbeat, at most 1 s.
    private func sleepTimeout() -> Int32 {
        var timeout: Duration = .seconds(1)
        if configuration.heartbeat > .zero { timeout = min(timeout, configuration.heartbeat / 4) }
        if let next = nextTimer() {
            let now = ContinuousClock.now
            timeout = min(timeout, next > now ? next - now : .zero)
        }
        return max(1, timeout.milliseconds)
    }

    /// Lets rabbitmq-c send a due heartbeat and notice a silent peer (a zero timeout would skip
    /// the receive-side heartbeat check, so this waits 1 ms).
    private func heartbeatTick() throws(ConnectionFailure) {
        guard let connection else { return }
        var frame = amqp_frame_t()
        var timeout = timeval(tv_sec: 0, tv_usec: 1000)
        let result = amqp_simple_wait_frame_noblock(connection, &frame, &timeout)
        if result == AMQP_STATUS_OK.rawValue {
            try handle(frame)
        } else if result != AMQP_STATUS_TIMEOUT.rawValue {
            throw ConnectionFailure(reason: Self.statusText(result))
        }
    }

    /// Reads and dispatches up to `budget` frames that are already available.
    private func readFrames(budget: Int) throws(ConnectionFailure) -> Int {
        guard let connection else { return 0 }
        var frame = amqp_frame_t()
        var zero = timeval(tv_sec: 0, tv_usec: 0)
        var count = 0
        while count < budget {
            let result = amqp_simple_wait_frame_noblock(connection, &frame, &zero)
            if result == AMQP_STATUS_TIMEOUT.rawValue { break }
            guard result == AMQP_STATUS_OK.rawValue else {
                throw ConnectionFailure(reason: Self.statusText(result))
            }
            count += 1
            try handle(frame)
        }
        return count
    }

    // MARK: - Commands

    /// Runs everything in the mailbox. Returns whether there was anything.
    @discardableResult
    func processCommands() -> Bool {
        mailbox.drain(into: &commandBuffer)
        guard !commandBuffer.isEmpty else { return false }
        for command in commandBuffer {
            switch command {
            case .publish(let id, let pending):
                enqueuePublish(pending, publisher: id)
            case .publishBatch(let id, let batch):
                for pending in batch { enqueuePublish(pending, publisher: id) }
            case .settle(let id, let generation, let tag, let settlement):
                queueSettlement(consumer: id, generation: generation, tag: tag, settlement)
            case .run(let body):
                flushSettlements()
                body(self)
            }
        }
        commandBuffer.removeAll(keepingCapacity: true)
        flushSettlements()
        return true
    }

    // MARK: - Connecting

    /// Connects, logs in, declares the topology and sets up every publisher and consumer.
    private func establish() throws(ConnectionFailure) {
        try connect()
        controlChannelOpen = false
        getChannelOpen = false
        getGeneration = 0
        getUnsettled = []
        do throws(RPCError) {
            try declareTopology(topology)
            topologyNeedsDeclare = false
        } catch {
            switch error {
            case .channel(let code, let text):
                throw ConnectionFailure(reason: "declaring the topology failed: \(code) \(text)")
            case .connection(let failure):
                throw failure
            }
        }
        let now = ContinuousClock.now
        for slot in publishers.values {
            slot.channelOpen = false
            slot.reopenAt = now
            slot.reopenAttempt = 0
        }
        for slot in consumers.values where slot.phase == .starting {
            slot.restartAt = now
            slot.restartAttempt = 0
        }
        try serviceTimers()
        if let failure = deferredFailure {
            deferredFailure = nil
            throw failure
        }
        arena.reset()
    }

    private func connect() throws(ConnectionFailure) {
        guard let state = amqp_new_connection() else {
            throw ConnectionFailure(reason: "amqp_new_connection failed (out of memory)")
        }
        connection = state
        guard let socket = amqp_tcp_socket_new(state) else {
            throw ConnectionFailure(reason: "amqp_tcp_socket_new failed")
        }
        var connectTimeout = timeval(configuration.connectTimeout)
        let opened = configuration.host.withCString { host in
            amqp_socket_open_noblock(socket, host, Int32(configuration.port), &connectTimeout)
        }
        guard opened == AMQP_STATUS_OK.rawValue else {
            throw ConnectionFailure(
                reason:
                    "cannot open a TCP connection to \(configuration.host):\(configuration.port): \(Self.statusText(opened))"
            )
        }
        _ = amqp_set_handshake_timeout(state, &connectTimeout)
        var rpcTimeout = timeval(configuration.rpcTimeout)
        _ = amqp_set_rpc_timeout(state, &rpcTimeout)

        var properties = arena.table(clientProperties)
        let heartbeat = Int32(configuration.heartbeat.components.seconds)
        let reply = configuration.virtualHost.withCString { vhost in
            configuration.username.withCString { user in
                configuration.password.withCString { password in
                    psa_amqp_login_plain(
                        state, vhost, 0, Int32(configuration.frameMax), heartbeat, &properties, user, password)
                }
            }
        }
        arena.reset()
        switch reply.reply_type {
        case AMQP_RESPONSE_NORMAL:
            break
        case AMQP_RESPONSE_SERVER_EXCEPTION where reply.reply.id == AMQP_CONNECTION_CLOSE_METHOD:
            let close = reply.reply.decoded.assumingMemoryBound(to: amqp_connection_close_t.self).pointee
            throw ConnectionFailure(
                reason:
                    "login to vhost '\(configuration.virtualHost)' as '\(configuration.username)' refused: \(close.reply_code) \(close.reply_text.string)"
            )
        case AMQP_RESPONSE_LIBRARY_EXCEPTION:
            throw ConnectionFailure(
                reason:
                    "login to vhost '\(configuration.virtualHost)' as '\(configuration.username)' failed: \(Self.statusText(reply.library_error))"
            )
        default:
            throw ConnectionFailure(reason: "login failed with an unexpected reply")
        }
        socketDescriptor = amqp_get_sockfd(state)
        logger.info(
            "AMQP connected",
            metadata: [
                "broker": "\(configuration.redactedURL)", "heartbeat": "\(amqp_get_heartbeat(state))s",
                "frameMax": "\(amqp_get_frame_max(state))",
            ])
    }

    private var clientProperties: AMQPTable {
        [
            "connection_name": .string(configuration.connectionName),
            "product": "psa-bridge AMQPTransport",
            "platform": "Swift",
            "capabilities": [
                "consumer_cancel_notify": true,
                "connection.blocked": true,
                "publisher_confirms": true,
                "basic.nack": true,
            ],
        ]
    }

    /// Destroys the rabbitmq-c connection without the close handshake (the socket may be dead).
    func teardownConnection() {
        if let connection {
            amqp_destroy_connection(connection)
        }
        connection = nil
        socketDescriptor = -1
        controlChannelOpen = false
        getChannelOpen = false
    }

    /// Reacts to a lost connection: fails unconfirmed publishes (retriably), invalidates
    /// deliveries, and schedules a reconnect.
    private func connectionLost(_ failure: ConnectionFailure) {
        logger.warning(
            "AMQP connection lost", metadata: ["broker": "\(configuration.redactedURL)", "error": "\(failure.reason)"])
        teardownConnection()
        for slot in Array(publishers.values) {
            publisherChannelGone(slot, error: .connectionLost(failure.reason))
        }
        for slot in Array(consumers.values) {
            consumerChannelGone(slot, reason: failure.reason)
        }
        getGeneration = 0
        getUnsettled = []
        status.update {
            $0.state = .reconnecting
            $0.lastError = failure.reason
            $0.blocked = false
        }
        if closeRequest != nil {
            finish()
            return
        }
        let delay = configuration.reconnect.delay(attempt: 0, using: &random)
        phase = .disconnected(retryAt: .now + delay, attempt: 0)
    }

    // MARK: - Closing

    /// Starts closing the connection: consumers are cancelled and drained, publishers wait for
    /// their confirms, all until `deadline`.
    func requestClose(deadline: ContinuousClock.Instant, waiter: CheckedContinuation<Void, Never>?) {
        if var request = closeRequest {
            if let waiter { request.waiters.append(waiter) }
            closeRequest = request
            return
        }
        closeRequest = (deadline, waiter.map { [$0] } ?? [])
        for slot in Array(consumers.values) {
            stopConsumer(slot, deadline: deadline, waiter: nil)
        }
        for slot in Array(publishers.values) {
            closePublisher(slot, deadline: deadline, waiter: nil)
        }
    }

    /// Closes the AMQP connection politely, then finishes.
    private func finishClose() {
        if let connection {
            _ = amqp_connection_close(connection, AMQP_REPLY_SUCCESS)
        }
        finish()
    }

    /// Ends the loop: fails whatever is left, ends every consumer sequence, resumes close waiters.
    func finish() {
        teardownConnection()
        if case .starting(let continuation) = phase {
            continuation.resume(returning: .failure(.closed))
        }
        phase = .finished
        for slot in Array(publishers.values) {
            publisherChannelGone(slot, error: .closed)
            for pending in slot.takeAllPending() { pending.completion.complete(.failure(.closed)) }
            for waiter in slot.closing?.waiters ?? [] { waiter.resume() }
        }
        publishers = [:]
        for slot in Array(consumers.values) {
            _ = slot.buffer.finish()
            slot.status.update {
                $0.consuming = false
                $0.stopped = true
            }
            let abandoned = slot.tracker.unsettledCount
            for waiter in slot.stopping?.waiters ?? [] { waiter.resume(returning: abandoned) }
        }
        consumers = [:]
        status.update {
            $0.state = .closed
            $0.blocked = false
        }
        logger.info("AMQP connection closed", metadata: ["broker": "\(configuration.redactedURL)"])
        // Commands that arrive from now on are refused by the mailbox; run the ones already queued
        // so that their callers are answered.
        for command in mailbox.close() {
            switch command {
            case .publish(_, let pending): pending.completion.complete(.failure(.closed))
            case .publishBatch(_, let batch): for pending in batch { pending.completion.complete(.failure(.closed)) }
            case .settle: break
            case .run(let body): body(self)
            }
        }
        for waiter in closeRequest?.waiters ?? [] { waiter.resume() }
        closeRequest = nil
    }

    // MARK: - Timers

    /// Reopens channels, restarts consumers, finishes drains and publisher closes that are due.
    func serviceTimers() throws(ConnectionFailure) {
        guard connection != nil else { return }
        let now = ContinuousClock.now
        if topologyNeedsDeclare {
            do throws(RPCError) {
                try declareTopology(topology)
                topologyNeedsDeclare = false
            } catch {
                if case .connection(let failure) = error { throw failure }
                logger.error("re-declaring the AMQP topology failed", metadata: ["error": "\(error)"])
            }
        }
        for slot in Array(publishers.values) {
            if !slot.channelOpen, let reopenAt = slot.reopenAt, reopenAt <= now, slot.closing == nil {
                try openPublisherChannel(slot)
            }
            if let closing = slot.closing,
                (slot.outstanding.isEmpty && !slot.hasPending) || now >= closing.deadline || !slot.channelOpen
            {
                try completePublisherClose(slot)
            }
        }
        for slot in Array(consumers.values) {
            switch slot.phase {
            case .starting:
                if let restartAt = slot.restartAt, restartAt <= now, slot.stopping == nil {
                    try startConsumer(slot)
                }
            case .consuming:
                break
            case .draining:
                if let stopping = slot.stopping,
                    slot.tracker.unsettledCount == 0 || now >= stopping.deadline || !slot.channelOpen
                {
                    try completeConsumerStop(slot)
                }
            }
        }
    }

    /// The earliest instant a timer needs the loop awake.
    private func nextTimer() -> ContinuousClock.Instant? {
        var next: ContinuousClock.Instant? = closeRequest?.deadline
        func consider(_ instant: ContinuousClock.Instant?) {
            guard let instant else { return }
            next = next.map { min($0, instant) } ?? instant
        }
        for slot in publishers.values {
            if !slot.channelOpen { consider(slot.reopenAt) }
            consider(slot.closing?.deadline)
        }
        for slot in consumers.values {
            if slot.phase == .starting { consider(slot.restartAt) }
            consider(slot.stopping?.deadline)
        }
        return next
    }

    func allocateChannel(for owner: ChannelOwner) -> UInt16 {
        while owners[nextChannel] != nil { nextChannel &+= 1 }
        let channel = nextChannel
        owners[channel] = owner
        nextChannel &+= 1
        if nextChannel < 3 { nextChannel = 3 }
        return channel
    }

    func nextGeneration() -> UInt64 {
        generationCounter += 1
        return generationCounter
    }

    static func statusText(_ status: Int32) -> String {
        guard let text = amqp_error_string2(status) else { return "status \(status)" }
        return String(cString: text)
    }
}
