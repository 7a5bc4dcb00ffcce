import CRabbitMQ
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The lock-protected command queue into a connection thread, with an eventfd to wake it.
///
/// Senders append under the lock and write to the eventfd only when the thread said it is about
/// to sleep, so a busy connection thread costs senders one uncontended lock per command and no
/// system call.
final class Mailbox: Sendable {
    private struct State {
        var commands: [Command] = []
        var sleeping = false
        var closed = false
    }

    private let state = Mutex(State())
    private let wakeDescriptor: Int32

    init() throws(AMQPError) {
        let descriptor = psa_wakeup_fd_create()
        guard descriptor >= 0 else {
            throw .connectionFailed("cannot create the wake-up eventfd (errno \(errno))")
        }
        wakeDescriptor = descriptor
    }

    deinit {
        #if canImport(Glibc)
        Glibc.close(wakeDescriptor)
        #else
        Darwin.close(wakeDescriptor)
        #endif
    }

    /// Queues a command for the connection thread. Returns false, without keeping the command,
    /// when the connection has finished; the caller then fails whatever the command carried.
    func send(_ command: Command) -> Bool {
        let wake: Bool? = state.withLock { state in
            if state.closed { return nil }
            state.commands.append(command)
            let wake = state.sleeping
            state.sleeping = false
            return wake
        }
        guard let wake else { return false }
        if wake { psa_wakeup_fd_signal(wakeDescriptor) }
        return true
    }

    /// Connection thread: moves all queued commands into `buffer` (which must be empty).
    func drain(into buffer: inout [Command]) {
        state.withLock { state in
            if !state.commands.isEmpty { swap(&state.commands, &buffer) }
        }
    }

    /// Connection thread: sleeps until `socket` is readable, a command arrives or
    /// `timeoutMilliseconds` pass. Returns true when the socket is readable.
    @discardableResult
    func wait(socket: Int32, timeoutMilliseconds: Int32) -> (socketReadable: Bool, timedOut: Bool) {
        let mayWait = state.withLock { state in
            if !state.commands.isEmpty { return false }
            state.sleeping = true
            return true
        }
        guard mayWait else { return (false, false) }
        let result = psa_wait_readable(socket, wakeDescriptor, timeoutMilliseconds)
        state.withLock { $0.sleeping = false }
        if result > 0 && result & 2 != 0 { psa_wakeup_fd_drain(wakeDescriptor) }
        return (result > 0 && result & 1 != 0, result == 0)
    }

    /// Connection thread, at the very end: refuses further commands and returns the ones left.
    func close() -> [Command] {
        state.withLock { state in
            state.closed = true
            let left = state.commands
            state.commands = []
            return left
        }
    }
}
