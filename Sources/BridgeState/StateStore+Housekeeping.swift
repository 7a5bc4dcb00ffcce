import Foundation
import GRDB

extension StateStore {
    /// Writes the write-ahead log back into the database without waiting for readers (a passive
    /// checkpoint: what readers still use is written by the next one). The log file is then
    /// reused from its start, and cut back to ``walSizeLimit`` when it grew past it.
    /// - Returns: the log frames and those written back.
    @discardableResult
    public func checkpoint() async throws -> (walFrames: Int, checkpointed: Int) {
        try await pool.writeWithoutTransaction { db in
            let result = try db.checkpoint(.passive)
            return (result.walFrameCount, result.checkpointedFrameCount)
        }
    }

    /// The size the write-ahead log is cut back to after a checkpoint (`journal_size_limit`).
    public static let walSizeLimit = 64 << 20

    /// The bytes the state database takes on disk: the file, its write-ahead log and index.
    public func bytesOnDisk() -> Int64 {
        [path, path + "-wal", path + "-shm"].reduce(0) { total, file in
            let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? NSNumber)?.int64Value ?? 0
            return total + size
        }
    }

    /// Rows in each of `tables`, which must be tables of the schema.
    /// - Throws: ``StateStoreError/invalidArgument(field:reason:)`` for a name that is not one.
    public func tableCounts(_ tables: [String]) async throws -> [String: Int] {
        try await read { db in
            let known = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"))
            var counts: [String: Int] = [:]
            for table in tables {
                guard known.contains(table) else {
                    throw StateStoreError.invalidArgument(field: "table", reason: "no table named \(table.debugDescription)")
                }
                counts[table] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \"\(table)\"") ?? 0
            }
            return counts
        }
    }
}
