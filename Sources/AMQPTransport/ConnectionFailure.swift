/// A failure that ends the AMQP connection (socket error, heartbeat timeout, protocol error,
/// `connection.close` from the broker, RPC timeout). The loop reconnects after it.
struct ConnectionFailure: Error, CustomStringConvertible {
    var reason: String
    var description: String { reason }
}
