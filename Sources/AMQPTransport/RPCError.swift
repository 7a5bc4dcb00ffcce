/// The failure of a synchronous AMQP method.
enum RPCError: Error {
    /// The broker closed the channel (close-ok already sent, state already updated).
    case channel(code: UInt16, text: String)
    /// The connection is unusable.
    case connection(ConnectionFailure)
}
