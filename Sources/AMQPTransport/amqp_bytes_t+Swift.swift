import CRabbitMQ

extension amqp_bytes_t {
    /// The bytes decoded as UTF-8 (invalid sequences become U+FFFD).
    var string: String {
        guard len > 0, let bytes else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: bytes, count: len), as: UTF8.self)
    }

    /// A Swift copy of the bytes.
    var array: [UInt8] {
        guard len > 0, let bytes else { return [] }
        return [UInt8](UnsafeRawBufferPointer(start: bytes, count: len))
    }
}
