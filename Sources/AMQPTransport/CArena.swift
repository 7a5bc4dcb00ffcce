import CRabbitMQ

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Scratch memory for the C structures handed to rabbitmq-c (strings, tables, properties).
///
/// rabbitmq-c encodes a method or a header frame while the call that sends it runs, so nothing
/// allocated here has to outlive that call: the connection thread calls ``reset()`` after each
/// batch of sends. The arena wraps an `amqp_pool_t`, whose pages are recycled rather than freed.
/// It belongs to one thread at a time and is not `Sendable`.
final class CArena {
    private let pool: UnsafeMutablePointer<amqp_pool_t>

    init(pageSize: Int = 16 * 1024) {
        pool = .allocate(capacity: 1)
        init_amqp_pool(pool, pageSize)
    }

    deinit {
        empty_amqp_pool(pool)
        pool.deallocate()
    }

    /// Forgets everything allocated so far, keeping the pages for reuse.
    func reset() {
        recycle_amqp_pool(pool)
    }

    /// Raw memory, aligned for any C type, valid until the next ``reset()``.
    func allocate(byteCount: Int) -> UnsafeMutableRawPointer {
        guard let memory = amqp_pool_alloc(pool, max(byteCount, 1)) else {
            fatalError("amqp_pool_alloc failed to allocate \(byteCount) bytes (out of memory)")
        }
        return memory
    }

    /// Typed memory for `count` values of `T`, zero-filled.
    func allocate<T>(_ type: T.Type, count: Int) -> UnsafeMutablePointer<T> {
        let bytes = MemoryLayout<T>.stride * max(count, 1)
        let raw = allocate(byteCount: bytes)
        memset(raw, 0, bytes)
        return raw.bindMemory(to: T.self, capacity: max(count, 1))
    }

    /// A copy of `string`'s UTF-8 bytes as an `amqp_bytes_t` (not NUL-terminated).
    func bytes(_ string: String) -> amqp_bytes_t {
        let count = string.utf8.count
        if count == 0 { return amqp_bytes_t(len: 0, bytes: nil) }
        let memory = allocate(byteCount: count)
        let copied = string.utf8.withContiguousStorageIfAvailable { source in
            memory.copyMemory(from: source.baseAddress!, byteCount: count)
            return true
        }
        if copied == nil {
            let array = Array(string.utf8)
            array.withUnsafeBytes { memory.copyMemory(from: $0.baseAddress!, byteCount: count) }
        }
        return amqp_bytes_t(len: count, bytes: memory)
    }

    /// A copy of `bytes` as an `amqp_bytes_t`.
    func bytes(_ bytes: [UInt8]) -> amqp_bytes_t {
        if bytes.isEmpty { return amqp_bytes_t(len: 0, bytes: nil) }
        let memory = allocate(byteCount: bytes.count)
        bytes.withUnsafeBytes { memory.copyMemory(from: $0.baseAddress!, byteCount: bytes.count) }
        return amqp_bytes_t(len: bytes.count, bytes: memory)
    }

    /// A NUL-terminated copy of `string` (for the few calls that take `const char *`).
    func cString(_ string: String) -> UnsafePointer<CChar> {
        let count = string.utf8.count
        let memory = allocate(byteCount: count + 1).bindMemory(to: CChar.self, capacity: count + 1)
        var index = 0
        for byte in string.utf8 {
            memory[index] = CChar(bitPattern: byte)
            index += 1
        }
        memory[count] = 0
        return UnsafePointer(memory)
    }
}
