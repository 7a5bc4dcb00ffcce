import Foundation
import GRDB

/// Runs the store's statements on a GRDB connection (the SQLite backend).
struct SQLiteStatementRunner: StateStatementRunner {
    let db: Database

    var dialect: StateDialect { .sqlite }

    func execute(_ sql: String, _ arguments: [StateValue]) throws -> Int {
        try db.cachedStatement(sql: sql).execute(arguments: Self.arguments(arguments))
        return db.changesCount
    }

    func fetch(_ sql: String, _ arguments: [StateValue]) throws -> [StateRow] {
        let statement = try db.cachedStatement(sql: sql)
        let columns = statement.columnNames
        var rows: [StateRow] = []
        let cursor = try Row.fetchCursor(statement, arguments: Self.arguments(arguments))
        while let row = try cursor.next() {
            var values: [StateValue] = []
            values.reserveCapacity(columns.count)
            for index in 0..<columns.count {
                values.append(Self.value(row[index] as DatabaseValue))
            }
            rows.append(StateRow(columns: columns, values: values))
        }
        return rows
    }

    static func arguments(_ values: [StateValue]) -> StatementArguments {
        StatementArguments(values.map(databaseValue))
    }

    static func databaseValue(_ value: StateValue) -> DatabaseValue {
        switch value {
        case .null: .null
        case .integer(let integer): integer.databaseValue
        case .real(let real): real.databaseValue
        case .text(let text): text.databaseValue
        case .blob(let data): data.databaseValue
        }
    }

    static func value(_ value: DatabaseValue) -> StateValue {
        switch value.storage {
        case .null: .null
        case .int64(let integer): .integer(integer)
        case .double(let real): .real(real)
        case .string(let text): .text(text)
        case .blob(let data): .blob(data)
        }
    }
}
