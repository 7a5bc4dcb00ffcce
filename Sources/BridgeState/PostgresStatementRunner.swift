import Foundation
import Logging
import NIOCore
import PostgresNIO

/// Runs the store's statements on one PostgreSQL connection (the PostgreSQL backend).
///
/// Runs on a thread of the backend's blocking pool, never on an event loop: each statement waits
/// for its result, as a GRDB statement does, so the concern files' transactions are the same
/// synchronous closures on both backends.
///
/// Statements whose result nothing needs at once (`BEGIN`) are *sent* without
/// waiting: the connection runs its statements in order, so the next statement that is waited
/// for waits for them too, and a transaction costs one round trip fewer per such statement. Their
/// outcome is checked before that statement's, so a failure is reported as itself, not as "the
/// transaction is aborted".
final class PostgresStatementRunner: StateStatementRunner {
    let connection: PostgresConnection
    let logger: Logger
    private var sent: [EventLoopFuture<PostgresQueryResult>] = []

    init(connection: PostgresConnection, logger: Logger) {
        self.connection = connection
        self.logger = logger
    }

    var dialect: StateDialect { .postgres }

    func execute(_ sql: String, _ arguments: [StateValue]) throws -> Int {
        let result = try run(sql, arguments)
        return result.metadata.rows ?? 0
    }

    func fetch(_ sql: String, _ arguments: [StateValue]) throws -> [StateRow] {
        let result = try run(sql, arguments)
        guard let first = result.rows.first else { return [] }
        let columns = first.map(\.columnName)
        return try result.rows.map { row in
            StateRow(columns: columns, values: try row.map(Self.value(of:)))
        }
    }

    /// Sends a statement without arguments and without waiting for it; the next statement run
    /// (or ``settle()``) checks it.
    func send(_ sql: String) {
        sent.append(connection.query(PostgresQuery(unsafeSQL: sql), logger: logger))
    }

    /// Waits for the statements sent and not yet checked, and reports the first that failed.
    func settle() throws {
        let waiting = sent
        sent = []
        var failure: (any Error)?
        for future in waiting {
            do { _ = try future.wait() } catch { failure = failure ?? error }
        }
        if let failure { throw PostgresSQL.stateError(failure) }
    }

    private func run(_ sql: String, _ arguments: [StateValue]) throws -> PostgresQueryResult {
        let statement = PostgresSQL.translate(sql)
        var binds = PostgresBindings(capacity: statement.argumentOrder.count)
        for index in statement.argumentOrder {
            guard index < arguments.count else {
                try settle()
                throw StateStoreError.invalidArgument(
                    field: "statement arguments", reason: "placeholder \(index + 1) has no value (\(arguments.count) given)")
            }
            switch arguments[index] {
            case .null: binds.appendNull()
            case let value: binds.append(UntypedText(value))
            }
        }
        let future = connection.query(PostgresQuery(unsafeSQL: statement.sql, binds: binds), logger: logger)
        do {
            try settle()
        } catch {
            _ = try? future.wait()
            throw error
        }
        do {
            return try future.wait()
        } catch {
            throw PostgresSQL.stateError(error)
        }
    }

    /// A column's value as the store reads it: booleans as 0/1, numerics as integers when whole.
    static func value(of cell: PostgresCell) throws -> StateValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int2, .int4, .int8, .oid:
            return .integer(try cell.decode(Int64.self))
        case .bool:
            return .integer(try cell.decode(Bool.self) ? 1 : 0)
        case .float4, .float8:
            return .real(try cell.decode(Double.self))
        case .numeric:
            let decimal = try cell.decode(Decimal.self)
            var rounded = Decimal()
            var copy = decimal
            NSDecimalRound(&rounded, &copy, 0, .plain)
            if rounded == decimal, let integer = Int64(exactly: NSDecimalNumber(decimal: decimal).doubleValue) {
                return .integer(integer)
            }
            return .real(NSDecimalNumber(decimal: decimal).doubleValue)
        case .bytea:
            var buffer = try cell.decode(ByteBuffer.self)
            return .blob(buffer.readData(length: buffer.readableBytes) ?? Data())
        default:
            return .text(try cell.decode(String.self))
        }
    }
}

/// A bound value sent as text with no declared type, so the server reads it as the type the
/// statement gives its placeholder (a `BIGINT` column's `?` takes `"42"`, a `TEXT` one `"42"`),
/// as SQLite's loose typing does.
private struct UntypedText: PostgresDynamicTypeEncodable {
    let text: String

    init(_ value: StateValue) {
        switch value {
        case .null: text = ""
        case .integer(let integer): text = String(integer)
        case .real(let real): text = real.isFinite ? "\(real)" : (real.isNaN ? "NaN" : (real > 0 ? "Infinity" : "-Infinity"))
        case .text(let string): text = string
        case .blob(let data): text = "\\x" + data.map { String(format: "%02x", $0) }.joined()
        }
    }

    var psqlType: PostgresDataType { .null }
    var psqlFormat: PostgresFormat { .text }

    func encode<JSONEncoder: PostgresJSONEncoder>(into byteBuffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
        byteBuffer.writeString(text)
    }
}

/// The statement text and error conversions of the PostgreSQL backend.
enum PostgresSQL {
    /// A statement with `$N` placeholders and, for each, the index of the argument it takes.
    struct Statement: Equatable {
        var sql: String
        var argumentOrder: [Int]
    }

    /// Rewrites SQLite placeholders for PostgreSQL: `?` takes the next argument, `?N` argument N.
    /// Each distinct argument becomes one `$K`, numbered in order of first use, so an argument no
    /// placeholder uses (as in a count that shares a page query's arguments) is not sent.
    /// Placeholders inside quoted strings and identifiers are left alone; one tested with `IS NULL`
    /// is read as text.
    static func translate(_ sql: String) -> Statement {
        var output = ""
        output.reserveCapacity(sql.utf8.count + 8)
        var order: [Int] = []
        var numberOf: [Int: Int] = [:]
        var nextSequential = 0
        var quote: Character?
        var characters = sql[...]
        while let character = characters.popFirst() {
            if let open = quote {
                output.append(character)
                if character == open { quote = nil }
                continue
            }
            if character == "'" || character == "\"" {
                quote = character
                output.append(character)
                continue
            }
            guard character == "?" else {
                output.append(character)
                continue
            }
            var digits = ""
            while let next = characters.first, next.isASCII, next.isNumber {
                digits.append(next)
                characters.removeFirst()
            }
            let index: Int
            if let number = Int(digits), number >= 1 {
                index = number - 1
            } else {
                index = nextSequential
                nextSequential += 1
            }
            let number: Int
            if let existing = numberOf[index] {
                number = existing
            } else {
                order.append(index)
                numberOf[index] = order.count
                number = order.count
            }
            // `? IS NULL` gives PostgreSQL no type for the placeholder (SQLite needs none); the
            // optional filters written that way compare text columns, so the test reads it as text.
            if characters.hasPrefix(" IS NULL") || characters.hasPrefix(" IS NOT NULL") {
                output += "CAST($\(number) AS TEXT)"
            } else {
                output += "$\(number)"
            }
        }
        return Statement(sql: output, argumentOrder: order)
    }

    /// Whether a failure is the server aborting a transaction for a conflict with another
    /// (serialization failure 40001, deadlock 40P01), which running it again resolves.
    static func isConflict(_ error: any Error) -> Bool {
        guard case StateStoreError.database(let reason) = error else { return false }
        return reason.hasPrefix("PostgreSQL 40001:") || reason.hasPrefix("PostgreSQL 40P01:")
    }

    /// A postgres-nio error as a ``StateStoreError``: the server's SQLSTATE and message, never the
    /// statement's arguments nor the error's detail (which may quote a row's values).
    static func stateError(_ error: any Error) -> any Error {
        if let error = error as? StateStoreError { return error }
        guard let psql = error as? PSQLError else { return error }
        if let info = psql.serverInfo {
            let state = info[.sqlState] ?? "?"
            let message = info[.message] ?? "no message"
            return StateStoreError.database(reason: "PostgreSQL \(state): \(message)")
        }
        return StateStoreError.database(reason: "PostgreSQL connection: \(psql.code.description)")
    }
}
