import BridgeValues
import Foundation

/// A value bound to a statement or read from a column, the same on both backends.
///
/// The store keeps five kinds of values: integers (counts, ids, flags as 0/1), reals, text (ids,
/// statuses, JSON documents, instants as ``Timestamp/formatStorage(_:)`` text), blobs and NULL.
/// SQLite keeps them natively; PostgreSQL columns are `BIGINT`, `DOUBLE PRECISION`, `TEXT` and
/// `BYTEA`, and its booleans and numerics are read back as integers or reals.
public enum StateValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob(Data)

    /// The value as a short type name, for errors (never the value itself: it may be a document).
    var kindName: String {
        switch self {
        case .null: "NULL"
        case .integer: "integer"
        case .real: "real"
        case .text: "text"
        case .blob: "blob"
        }
    }
}

/// A Swift type the store binds and reads: `String`, the integers, `Double`, `Bool` (0/1),
/// `Data` and `Date`.
public protocol StateValueConvertible: Sendable {
    /// The value to bind.
    var stateValue: StateValue { get }
    /// The Swift value of a column, or `nil` when the stored value cannot be one (NULL included).
    static func fromStateValue(_ value: StateValue) -> Self?
}

extension String: StateValueConvertible {
    public var stateValue: StateValue { .text(self) }
    public static func fromStateValue(_ value: StateValue) -> String? {
        switch value {
        case .text(let text): text
        case .integer(let integer): String(integer)
        case .real(let real): String(real)
        case .blob(let data): String(data: data, encoding: .utf8)
        case .null: nil
        }
    }
}

extension Int64: StateValueConvertible {
    public var stateValue: StateValue { .integer(self) }
    public static func fromStateValue(_ value: StateValue) -> Int64? {
        switch value {
        case .integer(let integer): integer
        case .real(let real): real.rounded(.towardZero) == real ? Int64(exactly: real) : nil
        case .text(let text): Int64(text)
        case .blob, .null: nil
        }
    }
}

extension Int: StateValueConvertible {
    public var stateValue: StateValue { .integer(Int64(self)) }
    public static func fromStateValue(_ value: StateValue) -> Int? { Int64.fromStateValue(value).flatMap(Int.init(exactly:)) }
}

extension Int32: StateValueConvertible {
    public var stateValue: StateValue { .integer(Int64(self)) }
    public static func fromStateValue(_ value: StateValue) -> Int32? {
        Int64.fromStateValue(value).flatMap(Int32.init(exactly:))
    }
}

extension Double: StateValueConvertible {
    public var stateValue: StateValue { .real(self) }
    public static func fromStateValue(_ value: StateValue) -> Double? {
        switch value {
        case .integer(let integer): Double(integer)
        case .real(let real): real
        case .text(let text): Double(text)
        case .blob, .null: nil
        }
    }
}

extension Bool: StateValueConvertible {
    public var stateValue: StateValue { .integer(self ? 1 : 0) }
    public static func fromStateValue(_ value: StateValue) -> Bool? {
        switch value {
        case .integer(let integer): integer != 0
        case .real(let real): real != 0
        case .text(let text): Int64(text).map { $0 != 0 }
        case .blob, .null: nil
        }
    }
}

extension Data: StateValueConvertible {
    public var stateValue: StateValue { .blob(self) }
    public static func fromStateValue(_ value: StateValue) -> Data? {
        switch value {
        case .blob(let data): data
        case .text(let text): Data(text.utf8)
        case .integer, .real, .null: nil
        }
    }
}

extension Date: StateValueConvertible {
    /// Instants are stored as UTC text with milliseconds (``Timestamp/formatStorage(_:)``), the
    /// form earlier releases' SQLite files hold, so they sort and compare as text.
    public var stateValue: StateValue { .text(Timestamp.formatStorage(self)) }
    public static func fromStateValue(_ value: StateValue) -> Date? {
        switch value {
        case .text(let text): Timestamp.parse(text)
        case .integer(let seconds): Date(timeIntervalSince1970: TimeInterval(seconds))
        case .real(let seconds): Date(timeIntervalSince1970: seconds)
        case .blob, .null: nil
        }
    }
}

extension StateValue: StateValueConvertible {
    public var stateValue: StateValue { self }
    public static func fromStateValue(_ value: StateValue) -> StateValue? { value }
}

/// The values bound to one statement, in order (`?`) or by number (`?1`, `?2`, …).
public struct StateArguments: Sendable, ExpressibleByArrayLiteral {
    /// The values, `.null` for a `nil`.
    public private(set) var values: [StateValue]

    public init() { values = [] }

    public init(arrayLiteral elements: (any StateValueConvertible)?...) {
        values = elements.map { $0?.stateValue ?? .null }
    }

    public init(_ values: [StateValue]) { self.values = values }

    public static func + (lhs: StateArguments, rhs: StateArguments) -> StateArguments {
        StateArguments(lhs.values + rhs.values)
    }

    public static func += (lhs: inout StateArguments, rhs: StateArguments) {
        lhs.values += rhs.values
    }

    public mutating func append(_ value: (any StateValueConvertible)?) {
        values.append(value?.stateValue ?? .null)
    }
}
