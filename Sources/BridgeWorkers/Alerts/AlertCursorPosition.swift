import APIClients
import Foundation

/// Where the alert-consumer resumes, kept as the value of the ``AlertCursor`` cursor: the newest
/// `updatedAt` it has turned into commands (Unix nanoseconds) and the ids of the alerts changed
/// at exactly that instant.
///
/// The next poll asks for alerts updated at or after that instant and leaves out those ids: an
/// alert that changes within the same millisecond as the last one seen, but after the poll, is
/// still read (a strict "after" would miss it), and nothing read before is read again.
public struct AlertCursorPosition: Sendable, Hashable, Codable {
    public var updatedAtNanoseconds: Int64
    /// Alert ids (lower-cased) changed at `updatedAtNanoseconds` that were already handled.
    public var boundaryIDs: [String]

    public init(updatedAtNanoseconds: Int64, boundaryIDs: [String]) {
        self.updatedAtNanoseconds = updatedAtNanoseconds
        self.boundaryIDs = boundaryIDs.sorted()
    }

    /// Reads a stored cursor value.
    /// - Throws: ``AlertCursorError`` when the value is not one this type wrote.
    public init(storedValue: String) throws {
        guard let decoded = try? JSONDecoder().decode(AlertCursorPosition.self, from: Data(storedValue.utf8)) else {
            throw AlertCursorError(value: storedValue)
        }
        self = decoded
    }

    /// The value to store.
    public var storedValue: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }

    /// The Alert Manager query cursor: `updated_at=gt(ns - 1)`, i.e. at or after the instant.
    public var queryCursor: AcronisAlertCursor { AcronisAlertCursor(nanoseconds: updatedAtNanoseconds - 1) }

    /// Whether `alert` was handled by the poll that stored this position.
    public func alreadyHandled(_ alert: AcronisAlert) -> Bool {
        alert.updatedAtNanoseconds == updatedAtNanoseconds && boundaryIDs.contains(alert.id.lowercased())
    }

    /// The position after handling `alerts` (read from this position, or from the start when nil).
    public static func after(_ alerts: [AcronisAlert], from previous: AlertCursorPosition?) -> AlertCursorPosition? {
        guard let newest = alerts.compactMap(\.updatedAtNanoseconds).max() else { return previous }
        if let previous, previous.updatedAtNanoseconds > newest { return previous }
        var ids = Set(alerts.filter { $0.updatedAtNanoseconds == newest }.map { $0.id.lowercased() })
        if let previous, previous.updatedAtNanoseconds == newest { ids.formUnion(previous.boundaryIDs) }
        return AlertCursorPosition(updatedAtNanoseconds: newest, boundaryIDs: Array(ids))
    }
}

/// The stored alert cursor is not a value the alert-consumer wrote.
public struct AlertCursorError: Error, Sendable, CustomStringConvertible {
    public var value: String
    public var description: String {
        "the alert cursor '\(AlertCursor.name)' holds '\(value.prefix(200))', which is not an alert position; "
            + "fix or delete it to read alerts again"
    }
}
