import Foundation
import GRDB

extension StateStore {
    /// Writes the write-ahead log back into the database without waiting for readers (a passive
    /// checkpoint: what readers still use is written by the next one). The log file is then
    /// reused from its start, and cut back to ``walSizeLimit`` when it grew past it.
    /// On PostgreSQL there is nothing to do (the server checkpoints and vacuums its own files).
    /// - Returns: the log frames and those written back (0 and 0 on PostgreSQL).
    @discardableResult
    public func checkpoint() async throws -> (walFrames: Int, checkpointed: Int) {
        switch backend {
        case .sqlite(let pool):
            try await pool.writeWithoutTransaction { db in
                let result = try db.checkpoint(.passive)
                return (result.walFrameCount, result.checkpointedFrameCount)
            }
        case .postgres:
            (0, 0)
        }
    }

    /// The size the write-ahead log is cut back to after a checkpoint (`journal_size_limit`).
    public static let walSizeLimit = 64 << 20

    /// The bytes the state database takes on disk: on SQLite the file, its write-ahead log and
    /// index; on PostgreSQL the database's size as the server counts it.
    public func bytesOnDisk() async throws -> Int64 {
        switch location {
        case .sqlite(let path):
            return [path, path + "-wal", path + "-shm"].reduce(0) { total, file in
                let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? NSNumber)?.int64Value ?? 0
                return total + size
            }
        case .postgres:
            return try await read { db in
                try db.fetchOne(Int64.self, sql: "SELECT pg_database_size(current_database())") ?? 0
            }
        }
    }

    /// Rows in each of `tables`, which must be tables of the schema.
    /// - Throws: ``StateStoreError/invalidArgument(field:reason:)`` for a name that is not one.
    public func tableCounts(_ tables: [String]) async throws -> [String: Int] {
        try await read { db in
            let known = Set(try db.fetchAll(String.self, sql: Self.tableNamesSQL(db.dialect)))
            var counts: [String: Int] = [:]
            for table in tables {
                guard known.contains(table) else {
                    throw StateStoreError.invalidArgument(field: "table", reason: "no table named \(table.debugDescription)")
                }
                counts[table] = try db.fetchOne(Int.self, sql: "SELECT count(*) FROM \"\(table)\"") ?? 0
            }
            return counts
        }
    }

    /// The statement listing the schema's tables.
    static func tableNamesSQL(_ dialect: StateDialect) -> String {
        switch dialect {
        case .sqlite: "SELECT name FROM sqlite_master WHERE type = 'table'"
        case .postgres: "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
        }
    }
}
