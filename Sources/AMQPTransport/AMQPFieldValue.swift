#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// An AMQP 0-9-1 field table: message headers and the arguments of declarations and consumers.
public typealias AMQPTable = [String: AMQPFieldValue]

/// One value of an AMQP 0-9-1 field table or field array.
///
/// Encoding uses the RabbitMQ field types: `.string` is a long string (`S`), `.int` a signed
/// 32-bit integer (`I`), `.long` a signed 64-bit integer (`l`), `.double` a 64-bit float (`d`),
/// `.bool` (`t`), `.timestamp` (`T`, whole seconds), `.bytes` (`x`), `.void` (`V`), `.table` (`F`)
/// and `.array` (`A`). Decoding maps the narrower integer and float types a peer may send onto
/// `.int`, `.long` and `.double`.
public enum AMQPFieldValue: Sendable, Hashable {
    case string(String)
    case bool(Bool)
    case int(Int32)
    case long(Int64)
    case double(Double)
    case timestamp(Date)
    case bytes([UInt8])
    case table(AMQPTable)
    case array([AMQPFieldValue])
    case void
}

extension AMQPFieldValue {
    /// The value as a string, when it is one.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The value as an integer, when it is any integer kind.
    public var intValue: Int? {
        switch self {
        case .int(let value): return Int(value)
        case .long(let value): return Int(value)
        default: return nil
        }
    }

    /// The value as a Boolean, when it is one.
    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The value as a floating-point number, when it is a number.
    public var doubleValue: Double? {
        switch self {
        case .double(let value): return value
        case .int(let value): return Double(value)
        case .long(let value): return Double(value)
        default: return nil
        }
    }

    /// The value as a date, when it is a timestamp.
    public var dateValue: Date? {
        if case .timestamp(let value) = self { return value }
        return nil
    }

    /// The nested table, when the value is one.
    public var tableValue: AMQPTable? {
        if case .table(let value) = self { return value }
        return nil
    }

    /// The elements, when the value is an array.
    public var arrayValue: [AMQPFieldValue]? {
        if case .array(let value) = self { return value }
        return nil
    }
}

extension AMQPFieldValue: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
}

extension AMQPFieldValue: ExpressibleByIntegerLiteral {
    /// Integer literals become `.long`, which RabbitMQ accepts for every numeric argument.
    public init(integerLiteral value: Int64) { self = .long(value) }
}

extension AMQPFieldValue: ExpressibleByBooleanLiteral {
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension AMQPFieldValue: ExpressibleByFloatLiteral {
    public init(floatLiteral value: Double) { self = .double(value) }
}

extension AMQPFieldValue: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: AMQPFieldValue...) { self = .array(elements) }
}

extension AMQPFieldValue: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, AMQPFieldValue)...) {
        self = .table(AMQPTable(elements, uniquingKeysWith: { _, last in last }))
    }
}
