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
