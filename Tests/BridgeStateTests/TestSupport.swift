import Foundation
import BridgeTestSupport
import Synchronization
import Testing

@testable import BridgeState

/// A fresh directory under the system temporary directory, removed when the value goes away.
final class TemporaryDirectory: Sendable {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("bridge-state-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// A path inside the directory.
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// A clock tests move by hand (leases, retention, "since" times).
final class ManualClock: Sendable {
    private let current: Mutex<Date>

    init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) { current = Mutex(start) }

    var now: Date { current.withLock { $0 } }

    func advance(by seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

/// Options for a test store: the given clock and instance id, NORMAL sync unless a test checks FULL.
func testOptions(
    clock: ManualClock? = nil, instanceId: String = "test-\(UUID().uuidString.prefix(8))",
    synchronous: StateStore.Options.Synchronous = .normal
) -> StateStore.Options {
    var options = StateStore.Options()
    options.instanceId = instanceId
    options.synchronous = synchronous
    if let clock { options.clock = { clock.now } }
    return options
}

/// A store on a new state (a file in a new temporary directory, or a new schema when the suite
/// runs on PostgreSQL). Keep the directory alive with the store.
func makeStore(clock: ManualClock? = nil, instanceId: String = "test-a") throws -> (StateStore, TemporaryDirectory) {
    let directory = try TemporaryDirectory()
    let store = try StateStore(
        location: TestState.location(forPath: directory.path("state.sqlite")),
        options: testOptions(clock: clock, instanceId: instanceId))
    return (store, directory)
}

/// A store on a new SQLite file, whichever backend the suite runs on (for SQLite's own behaviour).
func makeSQLiteStore(clock: ManualClock? = nil, instanceId: String = "test-a") throws -> (StateStore, TemporaryDirectory) {
    let directory = try TemporaryDirectory()
    let store = try StateStore(
        path: directory.path("state.sqlite"), options: testOptions(clock: clock, instanceId: instanceId))
    return (store, directory)
}

/// Runs `body` on `count` separate threads released together, and returns their results in order.
/// Used where the work itself blocks (opening a store), so the cooperative pool's two threads
/// would not let the calls overlap.
func onThreads<T: Sendable>(_ count: Int, _ body: @escaping @Sendable (Int) -> T) -> [T] {
    let results = Mutex<[Int: T]>([:])
    let ready = DispatchGroup()
    let done = DispatchGroup()
    let start = DispatchSemaphore(value: 0)
    for index in 0..<count {
        ready.enter()
        done.enter()
        let thread = Thread {
            ready.leave()
            start.wait()
            let value = body(index)
            results.withLock { $0[index] = value }
            done.leave()
        }
        thread.start()
    }
    ready.wait()
    for _ in 0..<count { start.signal() }
    done.wait()
    return results.withLock { dictionary in (0..<count).map { dictionary[$0]! } }
}
