import CRabbitMQ

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

// Conversion between Swift field tables and rabbitmq-c's `amqp_table_t`.

private func kind(_ value: amqp_field_value_kind_t) -> UInt8 { UInt8(truncatingIfNeeded: value.rawValue) }

extension CArena {
    /// Encodes `table` into memory owned by the arena. Keys are written in sorted order, so the
    /// same table always produces the same bytes.
    func table(_ table: AMQPTable) -> amqp_table_t {
        if table.isEmpty { return amqp_table_t(num_entries: 0, entries: nil) }
        let entries = allocate(amqp_table_entry_t.self, count: table.count)
        for (index, key) in table.keys.sorted().enumerated() {
            entries[index].key = bytes(key)
            entries[index].value = fieldValue(table[key]!)
        }
        return amqp_table_t(num_entries: Int32(table.count), entries: entries)
    }

    func fieldValue(_ value: AMQPFieldValue) -> amqp_field_value_t {
        var field = amqp_field_value_t()
        switch value {
        case .string(let string):
            field.kind = kind(AMQP_FIELD_KIND_UTF8)
            field.value.bytes = bytes(string)
        case .bool(let bool):
            field.kind = kind(AMQP_FIELD_KIND_BOOLEAN)
            field.value.boolean = bool ? 1 : 0
        case .int(let int):
            field.kind = kind(AMQP_FIELD_KIND_I32)
            field.value.i32 = int
        case .long(let long):
            field.kind = kind(AMQP_FIELD_KIND_I64)
            field.value.i64 = long
        case .double(let double):
            field.kind = kind(AMQP_FIELD_KIND_F64)
            field.value.f64 = double
        case .timestamp(let date):
            field.kind = kind(AMQP_FIELD_KIND_TIMESTAMP)
            field.value.u64 = UInt64(max(0, date.timeIntervalSince1970.rounded(.down)))
        case .bytes(let data):
            field.kind = kind(AMQP_FIELD_KIND_BYTES)
            field.value.bytes = bytes(data)
        case .table(let nested):
            field.kind = kind(AMQP_FIELD_KIND_TABLE)
            field.value.table = table(nested)
        case .array(let elements):
            field.kind = kind(AMQP_FIELD_KIND_ARRAY)
            let entries = allocate(amqp_field_value_t.self, count: elements.count)
            for (index, element) in elements.enumerated() {
                entries[index] = fieldValue(element)
            }
            field.value.array = amqp_array_t(
                num_entries: Int32(elements.count), entries: elements.isEmpty ? nil : entries)
        case .void:
            field.kind = kind(AMQP_FIELD_KIND_VOID)
        }
        return field
    }
}

extension AMQPFieldValue {
    /// Decodes one rabbitmq-c field value (copying everything out of C memory).
    init(_ field: amqp_field_value_t) {
        let value = field.value
        switch field.kind {
        case kind(AMQP_FIELD_KIND_BOOLEAN): self = .bool(value.boolean != 0)
        case kind(AMQP_FIELD_KIND_I8): self = .int(Int32(value.i8))
        case kind(AMQP_FIELD_KIND_U8): self = .int(Int32(value.u8))
        case kind(AMQP_FIELD_KIND_I16): self = .int(Int32(value.i16))
        case kind(AMQP_FIELD_KIND_U16): self = .int(Int32(value.u16))
        case kind(AMQP_FIELD_KIND_I32): self = .int(value.i32)
        case kind(AMQP_FIELD_KIND_U32): self = .long(Int64(value.u32))
        case kind(AMQP_FIELD_KIND_I64): self = .long(value.i64)
        case kind(AMQP_FIELD_KIND_U64): self = .long(Int64(bitPattern: value.u64))
        case kind(AMQP_FIELD_KIND_F32): self = .double(Double(value.f32))
        case kind(AMQP_FIELD_KIND_F64): self = .double(value.f64)
        case kind(AMQP_FIELD_KIND_DECIMAL):
            var scaled = Double(value.decimal.value)
            for _ in 0..<Int(value.decimal.decimals) { scaled /= 10 }
            self = .double(scaled)
        case kind(AMQP_FIELD_KIND_UTF8): self = .string(value.bytes.string)
        case kind(AMQP_FIELD_KIND_BYTES): self = .bytes(value.bytes.array)
        case kind(AMQP_FIELD_KIND_TIMESTAMP):
            self = .timestamp(Date(timeIntervalSince1970: TimeInterval(value.u64)))
        case kind(AMQP_FIELD_KIND_TABLE): self = .table(AMQPTable(value.table))
        case kind(AMQP_FIELD_KIND_ARRAY):
            var elements: [AMQPFieldValue] = []
            let array = value.array
            if array.num_entries > 0, let entries = array.entries {
                elements.reserveCapacity(Int(array.num_entries))
                for index in 0..<Int(array.num_entries) {
                    elements.append(AMQPFieldValue(entries[index]))
                }
            }
            self = .array(elements)
        default: self = .void
        }
    }
}

extension AMQPTable {
    /// Decodes a rabbitmq-c table (copying everything out of C memory). When a key repeats, the
    /// last entry wins.
    init(_ table: amqp_table_t) {
        self.init()
        guard table.num_entries > 0, let entries = table.entries else { return }
        reserveCapacity(Int(table.num_entries))
        for index in 0..<Int(table.num_entries) {
            self[entries[index].key.string] = AMQPFieldValue(entries[index].value)
        }
    }
}

extension AMQPTable {
    /// The table in AMQP wire format (4-byte length, then entries), as rabbitmq-c encodes it.
    /// Used to check sizes and by tests; publishing encodes directly.
    func wireBytes() throws(AMQPError) -> [UInt8] {
        let arena = CArena()
        var table = arena.table(self)
        var capacity = 4096
        while true {
            var buffer = [UInt8](repeating: 0, count: capacity)
            var offset = 0
            let status = buffer.withUnsafeMutableBytes { raw in
                amqp_encode_table(amqp_bytes_t(len: raw.count, bytes: raw.baseAddress), &table, &offset)
            }
            if status == AMQP_STATUS_OK.rawValue { return Array(buffer[..<offset]) }
            guard status == AMQP_STATUS_TABLE_TOO_BIG.rawValue || status == AMQP_STATUS_BAD_AMQP_DATA.rawValue,
                capacity < 64 * 1024 * 1024
            else {
                throw .invalidArgument("table cannot be encoded: \(ConnectionLoop.statusText(status))")
            }
            capacity *= 4
        }
    }

    /// Decodes a table from AMQP wire format.
    init(wireBytes bytes: [UInt8]) throws(AMQPError) {
        var pool = amqp_pool_t()
        init_amqp_pool(&pool, 4096)
        defer { empty_amqp_pool(&pool) }
        var table = amqp_table_t()
        var offset = 0
        var copy = bytes
        let status = copy.withUnsafeMutableBytes { raw in
            amqp_decode_table(amqp_bytes_t(len: raw.count, bytes: raw.baseAddress), &pool, &table, &offset)
        }
        guard status == AMQP_STATUS_OK.rawValue else {
            throw .invalidArgument("bytes are not an AMQP field table: \(ConnectionLoop.statusText(status))")
        }
        self.init(table)
    }
}
