import Foundation

/// Types usable as Autotask filter values.
public protocol ATValueConvertible: Sendable {
    var atValue: APIJSONValue { get }
}

extension String: ATValueConvertible { public var atValue: APIJSONValue { .string(self) } }
extension Int: ATValueConvertible { public var atValue: APIJSONValue { .number(Double(self)) } }
extension Double: ATValueConvertible { public var atValue: APIJSONValue { .number(self) } }
extension Bool: ATValueConvertible { public var atValue: APIJSONValue { .bool(self) } }
/// Dates are sent as ISO 8601 UTC (`2024-05-01T00:00:00Z`).
extension Date: ATValueConvertible { public var atValue: APIJSONValue { .string(APIDate.format(self)) } }
extension APIJSONValue: ATValueConvertible { public var atValue: APIJSONValue { self } }
