import BridgeCore
import BridgeRules
import BridgeState
import BridgeValues
import Foundation

/// Every external write of one UTC month from the append-only audit log, oldest first, as
/// `bridgectl audit export` and the console show it: all of them, read from the state database a
/// page at a time (no limit), as rows, RFC 4180 CSV (``CSVWriter``) or a one-line-per-write table.
public struct AuditExport: Sendable {
    public var store: StateStore
    /// Rows read from the store per query.
    public var pageSize: Int

    public init(store: StateStore, pageSize: Int = 500) {
        self.store = store
        self.pageSize = pageSize
    }

    /// One write as exported.
    public struct Row: Sendable, Hashable, Codable {
        /// When it was recorded, ISO 8601 UTC with milliseconds.
        public var time: String
        public var worker: String
        /// The system written to (`connectwise`, `autotask`, `acronis`).
        public var system: String
        /// The object written to, in that system.
        public var target: String
        /// What was done (`addition.quantity`, `quota.set`, `ticket.create`, …).
        public var action: String
        /// The state before the write (JSON), if known.
        public var before: String?
        /// The state written (JSON), if any.
        public var after: String?
        public var reason: String
        public var messageId: String?
        public var effectKey: String?
        /// The audit row's id (increasing with insertion).
        public var id: Int64

        public init(_ record: AuditRecord) {
            time = Timestamp.format(record.at)
            worker = record.entry.worker
            system = record.entry.targetSystem
            target = record.entry.targetId
            action = record.entry.action
            before = record.entry.before.map { String(decoding: $0, as: UTF8.self) }
            after = record.entry.after.map { String(decoding: $0, as: UTF8.self) }
            reason = record.entry.reason
            messageId = record.entry.messageId
            effectKey = record.effectKey
            id = record.id
        }

        /// The CSV fields, in ``AuditExport/columns`` order (absent values are empty fields).
        public var fields: [String] {
            [time, worker, system, target, action, before ?? "", after ?? "", reason, messageId ?? "", effectKey ?? ""]
        }
    }

    /// The CSV header.
    public static let columns = [
        "time", "worker", "system", "target", "action", "before", "after", "reason", "message_id", "effect_key",
    ]

    /// Calls `body` with each page of `month`'s writes, oldest first, until the month is read;
    /// returns how many rows there were.
    @discardableResult
    public func forEachPage(month: CalendarMonth, _ body: ([Row]) async throws -> Void) async throws -> Int {
        var after: Int64?
        var count = 0
        while true {
            let page = try await store.auditEntries(from: month.start, to: month.end, afterID: after, limit: pageSize)
            if !page.isEmpty { try await body(page.map(Row.init)) }
            count += page.count
            guard page.count == pageSize, let last = page.last else { return count }
            after = last.id
        }
    }

    /// Every write of `month`, oldest first.
    public func rows(month: CalendarMonth) async throws -> [Row] {
        var rows: [Row] = []
        try await forEachPage(month: month) { rows += $0 }
        return rows
    }

    /// `month`'s writes as CSV, handed to `write` in pieces (the header, then a page of records
    /// at a time), so a large month is never held whole; returns the number of records.
    @discardableResult
    public func csv(month: CalendarMonth, write: (String) async throws -> Void) async throws -> Int {
        let writer = CSVWriter(header: Self.columns)
        try await write(writer.headerRecord)
        return try await forEachPage(month: month) { page in
            try await write(page.map { writer.record($0.fields) }.joined())
        }
    }

    /// `month`'s writes as one CSV document.
    public func csv(month: CalendarMonth) async throws -> String {
        var text = ""
        try await csv(month: month) { text += $0 }
        return text
    }

    /// The table's column titles.
    public static let tableHeader = "TIME                      WORKER          SYSTEM       TARGET                                ACTION                       BEFORE → AFTER  |  REASON  |  MESSAGE"

    /// One write as one line of the table: control characters shown as escapes (`\n`, `\r`,
    /// `\t`), so a name with a newline cannot break the table or forge a line.
    public static func tableLine(_ row: Row) -> String {
        func pad(_ text: String, _ width: Int) -> String {
            text.count >= width ? text + " " : text.padding(toLength: width, withPad: " ", startingAt: 0)
        }
        let change = "\(row.before ?? "-") → \(row.after ?? "-")"
        let line = pad(row.time, 26) + pad(row.worker, 16) + pad(row.system, 13) + pad(row.target, 38) + pad(row.action, 29)
            + change + "  |  " + row.reason + "  |  " + (row.messageId ?? "-")
        return visible(line)
    }

    /// `text` with control characters (newlines, ESC and the rest) and bidirectional overrides
    /// replaced by visible escapes, so text from a PSA or the cloud can neither break a line nor
    /// drive the terminal nor reorder what is shown. Other text, emoji joiners included, stays.
    public static func visible(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.properties.generalCategory == .control || bidiControls.contains(scalar.value):
                result += "\\u{" + String(scalar.value, radix: 16) + "}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Bidirectional embeddings, overrides and isolates (U+202A-202E, U+2066-2069).
    static let bidiControls: Set<UInt32> = [0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069]
}
