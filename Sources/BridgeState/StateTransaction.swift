import Foundation

/// The SQL a backend speaks, for the few statements that differ (JSON arrays, case-insensitive
/// matching, numeric casts). Everything else is written once, in the common subset.
public enum StateDialect: String, Sendable {
    case sqlite
    case postgres
}

/// What runs one statement on a backend's connection inside an open transaction.
protocol StateStatementRunner {
    var dialect: StateDialect { get }
    /// Runs a statement and returns how many rows it changed.
    func execute(_ sql: String, _ arguments: [StateValue]) throws -> Int
    /// Runs a query and returns its rows.
    func fetch(_ sql: String, _ arguments: [StateValue]) throws -> [StateRow]
}

/// One transaction on the store's backend; every statement of the concern files runs through it.
///
/// Statements are written with `?` (in order) or `?N` (by number) placeholders; the PostgreSQL
/// runner renumbers them. A write transaction is serializable (SQLite: `BEGIN IMMEDIATE`, one
/// writer at a time; PostgreSQL: `SERIALIZABLE`, run again when the server aborts it for a
/// conflict), so a read followed by a write inside one closure sees no other writer's change to
/// what it read, on either backend. A write closure may therefore run more than once: it must
/// touch nothing but the database.
final class StateTransaction {
    private let runner: any StateStatementRunner
    /// Rows changed by the last ``execute(sql:arguments:)``.
    private(set) var changesCount = 0

    init(_ runner: any StateStatementRunner) {
        self.runner = runner
    }

    /// The backend's dialect, for the statements written twice.
    var dialect: StateDialect { runner.dialect }

    /// Runs one statement; ``changesCount`` then tells how many rows it changed.
    func execute(sql: String, arguments: StateArguments = []) throws {
        changesCount = try runner.execute(sql, arguments.values)
    }

    /// Every row of a query.
    func fetchAll(sql: String, arguments: StateArguments = []) throws -> [StateRow] {
        try runner.fetch(sql, arguments.values)
    }

    /// The first row of a query, if any.
    func fetchOne(sql: String, arguments: StateArguments = []) throws -> StateRow? {
        try runner.fetch(sql, arguments.values).first
    }

    /// The first column of the first row as `Value`; `nil` when there is no row or it is NULL.
    func fetchOne<Value: StateValueConvertible>(
        _ type: Value.Type, sql: String, arguments: StateArguments = []
    ) throws -> Value? {
        guard let row = try fetchOne(sql: sql, arguments: arguments) else { return nil }
        return try Self.convert(row.first, to: type, sql: sql)
    }

    /// The first column of every row as `Value` (NULLs skipped).
    func fetchAll<Value: StateValueConvertible>(
        _ type: Value.Type, sql: String, arguments: StateArguments = []
    ) throws -> [Value] {
        try fetchAll(sql: sql, arguments: arguments).compactMap { try Self.convert($0.first, to: type, sql: sql) }
    }

    private static func convert<Value: StateValueConvertible>(_ raw: StateValue, to type: Value.Type, sql: String) throws
        -> Value?
    {
        if case .null = raw { return nil }
        guard let value = Value.fromStateValue(raw) else {
            throw StateStoreError.corruptRow(
                table: "(query result)", column: "first column", value: "\(raw.kindName), not \(Value.self)")
        }
        return value
    }
}
