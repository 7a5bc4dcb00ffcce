import Foundation
import Testing

@testable import BridgeState

@Suite("Audit log of external writes")
struct AuditTests {
    func entry(_ targetId: String, action: String = "quota.set", system: String = "acronis") -> AuditEntry {
        AuditEntry(
            worker: "provisioner", action: action, targetSystem: system, targetId: targetId,
            before: Data(#"{"quota":10}"#.utf8), after: Data(#"{"quota":null}"#.utf8),
            reason: "P2 PAYG line on agreement 5", messageId: "m-\(targetId)")
    }

    @Test("rows are returned by target and time window, newest first, with before/after as written")
    func queryByTargetAndTime() async throws {
        let clock = ManualClock()
        let (store, directory) = try makeStore(clock: clock)
        defer { withExtendedLifetime(directory) {} }
        let start = clock.now
        let first = try await store.appendAudit(entry("tenant-1"))
        clock.advance(by: 60)
        _ = try await store.appendAudit(entry("tenant-2"))
        clock.advance(by: 60)
        let third = try await store.appendAudit(entry("tenant-1", action: "quota.zero"))

        let forTenant1 = try await store.auditEntries(targetSystem: "acronis", targetId: "tenant-1")
        #expect(forTenant1.map(\.id) == [third.id, first.id])
        #expect(forTenant1.last?.entry == entry("tenant-1"))
        #expect(forTenant1.last?.at == start)

        let window = try await store.auditEntries(from: start.addingTimeInterval(30), to: start.addingTimeInterval(120))
        #expect(window.map(\.entry.targetId) == ["tenant-2"])
        #expect(try await store.auditEntries(limit: 2).count == 2)
        #expect(try await store.auditEntries(targetSystem: "connectwise").isEmpty)
    }

    @Test("the log is append-only: UPDATE and DELETE are refused by the database")
    func appendOnly() async throws {
        let (store, directory) = try makeStore()
        defer { withExtendedLifetime(directory) {} }
        _ = try await store.appendAudit(entry("tenant-1"))
        for statement in ["UPDATE audit_log SET reason = 'edited'", "DELETE FROM audit_log"] {
            let error = await #expect(throws: (any Error).self) {
                try await store.write { db in try db.execute(sql: statement) }
            }
            #expect("\(error.map { "\($0)" } ?? "")".contains("audit_log is append-only"), "\(statement)")
        }
        #expect(try await store.auditEntries().first?.entry.reason == "P2 PAYG line on agreement 5")
    }

    @Test("bad entries are refused with the field named")
    func badEntries() async throws {
        let (store, directory) = try makeStore()
        defer { withExtendedLifetime(directory) {} }
        var bad = entry("tenant-1")
        bad.before = Data("{not json".utf8)
        await #expect(throws: StateStoreError.invalidJSON(field: "audit before")) { try await store.appendAudit(bad) }
        bad = entry("")
        await #expect(throws: StateStoreError.invalidArgument(field: "audit target id", reason: "must not be empty")) {
            try await store.appendAudit(bad)
        }
        #expect(try await store.auditEntries().isEmpty)
    }

    @Test("a month's rows page oldest first by time, then insertion, with no row lost or repeated at page edges or equal times")
    func pagesThroughAWindow() async throws {
        let clock = ManualClock()
        let (store, directory) = try makeStore(clock: clock)
        defer { withExtendedLifetime(directory) {} }
        let start = clock.now
        _ = try await store.appendAudit(entry("before-window"))
        clock.advance(by: 1)
        var expected: [Int64] = []
        for index in 0..<23 {
            // Three rows at each instant: page edges fall between rows of the same time.
            if index % 3 == 0 { clock.advance(by: 10) }
            expected.append(try await store.appendAudit(entry("t-\(index)")).id)
        }
        let end = clock.now.addingTimeInterval(1)
        clock.advance(by: 5)
        _ = try await store.appendAudit(entry("after-window"))

        for size in [1, 2, 3, 4, 7, 23, 100] {
            var seen: [Int64] = []
            var after: Int64?
            while true {
                let page = try await store.auditEntries(from: start.addingTimeInterval(1), to: end, afterID: after, limit: size)
                seen += page.map(\.id)
                guard page.count == size, let last = page.last else { break }
                after = last.id
            }
            #expect(seen == expected, "page size \(size)")
        }
        let all = try await store.auditEntries(from: start, to: clock.now.addingTimeInterval(1), afterID: nil, limit: 1_000)
        #expect(all.first?.entry.targetId == "before-window" && all.last?.entry.targetId == "after-window")
        #expect(zip(all, all.dropFirst()).allSatisfy { $0.at <= $1.at })
        await #expect(throws: StateStoreError.invalidArgument(field: "limit", reason: "must be 1 or more")) {
            try await store.auditEntries(from: start, to: end, afterID: nil, limit: 0)
        }
        await #expect(throws: StateStoreError.self) { try await store.auditEntries(from: start, to: end, afterID: 9_999, limit: 5) }
    }
}
