/// Where an ``AMQPConnection`` is in its life.
public enum AMQPConnectionState: Sendable, Hashable {
    /// Created, ``AMQPConnection/start()`` not called yet.
    case idle
    /// The first connection attempt is running.
    case connecting
    /// Connected, topology declared, publishers and consumers set up.
    case connected
    /// The connection was lost; the transport is waiting to reconnect or reconnecting.
    case reconnecting
    /// Closed (by ``AMQPConnection/close(timeout:)`` or because the first connection failed).
    case closed
}
