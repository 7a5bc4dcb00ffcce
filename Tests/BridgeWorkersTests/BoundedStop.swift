import Foundation
import Synchronization
import Testing

/// Teardown that cannot stall the test run: a worker that does not stop when cancelled is a
/// failure naming it, and a fixture that does not shut down in time is left behind with a
/// warning, instead of holding the whole run until CI gives up on it.
enum BoundedStop {
    /// Runs `body` and waits for it at most `limit`; false when it had not finished by then
    /// (it keeps running, unwatched).
    static func finishes(within limit: Duration, _ body: @escaping @Sendable () async -> Void) async -> Bool {
        let answered = Mutex(false)
        return await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            let answer: @Sendable (Bool) -> Void = { finished in
                let first = answered.withLock { done -> Bool in
                    defer { done = true }
                    return !done
                }
                if first { continuation.resume(returning: finished) }
            }
            Task {
                await body()
                answer(true)
            }
            Task {
                try? await Task.sleep(for: limit)
                answer(false)
            }
        }
    }

    /// Cancels a running worker service and waits for `run()` to return, at most `limit`; a
    /// worker still running then is recorded as a failure naming `what`.
    static func worker(
        _ running: Task<Void, any Error>, _ what: String = "the worker service", limit: Duration = .seconds(60),
        sourceLocation: SourceLocation = #_sourceLocation
    ) async {
        running.cancel()
        if !(await finishes(within: limit, { _ = await running.result })) {
            Issue.record("\(what) did not return within \(limit) of being cancelled", sourceLocation: sourceLocation)
        }
    }

    /// Shuts a test fixture down (a sandbox, an HTTP client pool), waiting at most `limit`; one
    /// still stopping then is left behind with a warning on standard error.
    static func fixture(_ what: String, limit: Duration = .seconds(30), _ body: @escaping @Sendable () async -> Void) async {
        if !(await finishes(within: limit, body)) {
            FileHandle.standardError.write(Data("warning: \(what) did not shut down within \(limit); left running\n".utf8))
        }
    }
}
