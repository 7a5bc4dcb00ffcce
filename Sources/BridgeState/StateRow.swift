import Foundation

/// One result row, read from either backend: column names and their values.
///
/// Columns are read by name with the Swift type the caller expects, as the concern files read
/// them: `let id: String = row["id"]`, `let closed: Date? = row["closed_at"]`. A non-optional read
/// of NULL, of a missing column or of a value that cannot be the type is a programming error in
/// this module (the schema says what each column holds) and stops the process naming the column;
/// enums and JSON documents are checked with ``decode(_:in:)`` and ``json(_:)``.
public struct StateRow: Sendable {
    /// Column names, in the order of the statement's result.
    public let columns: [String]
    /// The values, one per column.
    public let values: [StateValue]

    public init(columns: [String], values: [StateValue]) {
        precondition(columns.count == values.count, "a row has one value per column")
        self.columns = columns
        self.values = values
    }

    /// The raw value of `column`, or `nil` when the row has no such column.
    public func value(_ column: String) -> StateValue? {
        // Rows are a few dozen columns at most: a scan beats building a dictionary per row.
        for index in columns.indices where columns[index] == column { return values[index] }
        let lowered = column.lowercased()
        for index in columns.indices where columns[index].lowercased() == lowered { return values[index] }
        return nil
    }

    /// The value of `column` as `Value`, `nil` for NULL.
    public subscript<Value: StateValueConvertible>(_ column: String) -> Value? {
        guard let raw = value(column) else { preconditionFailure("state row has no column \(column)") }
        if case .null = raw { return nil }
        guard let value = Value.fromStateValue(raw) else {
            preconditionFailure("state column \(column) holds \(raw.kindName), not \(Value.self)")
        }
        return value
    }

    /// The value of `column` as `Value`; NULL is a programming error.
    public subscript<Value: StateValueConvertible>(_ column: String) -> Value {
        guard let value: Value = self[column] else { preconditionFailure("state column \(column) is NULL") }
        return value
    }

    /// The first column's value (for `SELECT count(*)` and similar).
    public var first: StateValue { values.first ?? .null }

    /// Reads a TEXT column as a `String`-backed enum, naming the table and column if it is unknown.
    func decode<Value: RawRepresentable>(_ column: String, in table: String) throws -> Value
    where Value.RawValue == String {
        let raw: String = self[column]
        guard let value = Value(rawValue: raw) else {
            throw StateStoreError.corruptRow(table: table, column: column, value: raw)
        }
        return value
    }

    /// Reads a JSON TEXT column back as the bytes that were stored.
    func json(_ column: String) -> Data? {
        let text: String? = self[column]
        return text.map { Data($0.utf8) }
    }
}
