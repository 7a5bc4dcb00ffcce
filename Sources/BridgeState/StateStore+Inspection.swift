import Foundation

extension StateStore {
    /// The tables with a value that contains `text` (in a text column, or a blob's UTF-8), read
    /// row by row on either backend: a check that a secret reached no column of the state.
    /// Reads every row of every table, so it is for tests and audits of small states, not for a
    /// worker's hot path.
    /// - Throws: ``StateStoreError/invalidArgument(field:reason:)`` for empty text.
    public func tablesHolding(_ text: String) async throws -> [String] {
        try Self.requireNonEmpty(text, field: "text")
        let needle = Data(text.utf8)
        return try await read { db in
            let tables = try db.fetchAll(String.self, sql: Self.tableNamesSQL(db.dialect)).sorted()
            return try tables.filter { table in
                try db.fetchAll(sql: "SELECT * FROM \"\(table)\"").contains { row in
                    row.values.contains { value in
                        switch value {
                        case .text(let stored): stored.contains(text)
                        case .blob(let data): data.range(of: needle) != nil
                        case .integer, .real, .null: false
                        }
                    }
                }
            }
        }
    }
}
