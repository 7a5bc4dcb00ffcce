import BridgeValues
import Foundation

/// A literal in a ConnectWise `conditions` expression.
public enum CWValue: Sendable, Hashable {
    case string(String)
    case int(Int)
    case number(Double)
    case bool(Bool)
    case date(Date)
    case null

    /// The literal as the condition grammar writes it: strings in double quotes with `"` and `\`
    /// escaped by a backslash, dates in square brackets (`[2024-05-01T00:00:00Z]`), numbers and
    /// booleans bare, `null` bare.
    ///
    /// The backslash escape for quotes inside strings is inferred (the reference documents double
    /// quotes but no escape); it is kept here, in one place, so it is easy to change.
    public var literal: String {
        switch self {
        case .string(let text): return "\"" + Self.escape(text) + "\""
        case .int(let value): return String(value)
        case .number(let value): return Self.format(value)
        case .bool(let value): return value ? "true" : "false"
        case .date(let date): return "[" + Timestamp.format(date, fractionalSeconds: false) + "]"
        case .null: return "null"
        }
    }

    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            default: out.append(character)
            }
        }
        return out
    }

    static func format(_ value: Double) -> String {
        if value.rounded() == value, abs(value) < 1e15 { return String(Int64(value)) }
        var text = String(format: "%.10f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}

/// Types usable as condition literals.
public protocol CWValueConvertible: Sendable {
    var cwValue: CWValue { get }
}

extension String: CWValueConvertible { public var cwValue: CWValue { .string(self) } }
extension Substring: CWValueConvertible { public var cwValue: CWValue { .string(String(self)) } }
extension Int: CWValueConvertible { public var cwValue: CWValue { .int(self) } }
extension Double: CWValueConvertible { public var cwValue: CWValue { .number(self) } }
extension Bool: CWValueConvertible { public var cwValue: CWValue { .bool(self) } }
extension Date: CWValueConvertible { public var cwValue: CWValue { .date(self) } }
extension CWValue: CWValueConvertible { public var cwValue: CWValue { self } }
