import BridgeValues
import Foundation

/// Types usable as Autotask filter values.
public protocol ATValueConvertible: Sendable {
    var atValue: JSONValue { get }
}

extension String: ATValueConvertible { public var atValue: JSONValue { .string(self) } }
extension Int: ATValueConvertible { public var atValue: JSONValue { .integer(self) } }
extension Double: ATValueConvertible { public var atValue: JSONValue { .number(self) } }
extension Bool: ATValueConvertible { public var atValue: JSONValue { .bool(self) } }
/// Dates are sent as ISO 8601 UTC (`2024-05-01T00:00:00Z`).
extension Date: ATValueConvertible { public var atValue: JSONValue { .string(Timestamp.format(self, fractionalSeconds: false)) } }
extension JSONValue: ATValueConvertible { public var atValue: JSONValue { self } }
