import Foundation
import GRDB

extension Row {
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
