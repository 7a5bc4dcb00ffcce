import BridgeTestSupport
import Foundation
import Testing

@testable import BridgeState

/// Real processes on one file: this test binary runs itself again as child processes, each of
/// which runs only ``MultiProcessChild`` (enabled by environment variables, skipped otherwise).
/// The children race to create and migrate a new file, then to claim the same effects, inbox
/// messages and tick slots, and write what they won to a file the parent checks.
@Suite("Several processes on one state (a SQLite file, or a PostgreSQL schema)")
struct MultiProcessTests {
    static let childCount = 4
    static let keyCount = 40

    @Test("T4 S2 four processes racing on a new file: one migration, and each effect, message and tick slot won once")
    func processesRace() async throws {
        let directory = try TemporaryDirectory()
        defer { withExtendedLifetime(directory) {} }
        let database = TestState.location(forPath: directory.path("state.sqlite"))
        let executable = URL(fileURLWithPath: CommandLine.arguments[0])
        #expect(
            FileManager.default.isExecutableFile(atPath: executable.path),
            "the test binary \(executable.path) cannot be run again as a child process")

        var children: [Process] = []
        for index in 0..<Self.childCount {
            let process = Process()
            process.executableURL = executable
            process.arguments = ["--testing-library", "swift-testing", "--filter", "MultiProcessChild"]
            var environment = ProcessInfo.processInfo.environment
            environment[MultiProcessChild.databaseVariable] = database
            environment[MultiProcessChild.directoryVariable] = directory.url.path
            environment[MultiProcessChild.indexVariable] = String(index)
            process.environment = environment
            try #require(FileManager.default.createFile(atPath: directory.path("child-\(index).log"), contents: nil))
            let log = try FileHandle(forWritingTo: directory.url.appendingPathComponent("child-\(index).log"))
            process.standardOutput = log
            process.standardError = log
            try process.run()
            children.append(process)
        }
        defer {
            for child in children where child.isRunning { child.terminate() }
        }

        // Release the children together once all have started, so they race on the new file.
        let deadline = Date().addingTimeInterval(120)
        while (0..<Self.childCount).contains(where: {
            !FileManager.default.fileExists(atPath: directory.path("ready-\($0)"))
        }) {
            try #require(Date() < deadline, "children did not start within 120 s")
            try await Task.sleep(for: .milliseconds(20))
        }
        try #require(FileManager.default.createFile(atPath: directory.path("go"), contents: nil))
        while children.contains(where: \.isRunning) {
            try #require(Date() < deadline, "children did not finish within 120 s")
            try await Task.sleep(for: .milliseconds(20))
        }

        var won: [String] = []
        for (index, child) in children.enumerated() {
            let log = (try? String(contentsOfFile: directory.path("child-\(index).log"), encoding: .utf8)) ?? ""
            #expect(child.terminationStatus == 0, "child \(index) failed:\n\(log.suffix(2000))")
            let output = try String(contentsOfFile: directory.path("won-\(index)"), encoding: .utf8)
            won += output.split(separator: "\n").map(String.init)
        }
        let expected = (0..<Self.keyCount).flatMap { ["effect effect-\($0)", "inbox msg-\($0)", "tick slot-\($0)"] }
        #expect(won.sorted() == expected.sorted())

        let store = try StateStore(location: database, options: testOptions())
        let migrations = try await store.appliedMigrations()
        #expect(migrations == ["v1-initial", "v2-billing-errors", "v3-console", "v4-company-types", "v5-request-leases", "v6-deferred-messages"])
        let attempts = try await store.read { db in try db.fetchAll(Int.self, sql: "SELECT attempts FROM effects") }
        #expect(attempts == Array(repeating: 1, count: Self.keyCount))
    }
}

/// The child side of ``MultiProcessTests``; runs only in a child process.
@Suite("Child process of the multi-process test")
struct MultiProcessChild {
    static let databaseVariable = "BRIDGE_STATE_CHILD_DATABASE"
    static let directoryVariable = "BRIDGE_STATE_CHILD_DIRECTORY"
    static let indexVariable = "BRIDGE_STATE_CHILD_INDEX"
    static var environment: [String: String] { ProcessInfo.processInfo.environment }

    @Test(
        "child: open the shared file, claim every key, record what was won",
        .enabled(if: environment[databaseVariable] != nil, "runs only as a child of the multi-process test"))
    func child() async throws {
        let database = try #require(Self.environment[Self.databaseVariable])
        let directory = URL(fileURLWithPath: try #require(Self.environment[Self.directoryVariable]))
        let index = try #require(Self.environment[Self.indexVariable])
        try #require(
            FileManager.default.createFile(
                atPath: directory.appendingPathComponent("ready-\(index)").path, contents: nil))
        // A parent that died before releasing its children leaves no `go`: give up rather than spin.
        let deadline = Date().addingTimeInterval(120)
        while !FileManager.default.fileExists(atPath: directory.appendingPathComponent("go").path) {
            try #require(Date() < deadline, "the parent test released no children within 120 s")
            try await Task.sleep(for: .milliseconds(1))
        }

        var options = StateStore.Options()
        options.instanceId = "process-\(index)"
        let store = try StateStore(location: database, options: options)
        var won: [String] = []
        for key in (0..<MultiProcessTests.keyCount).shuffled() {
            if try await store.claimEffect(key: "effect-\(key)", kind: "psa.ticket.create", target: "t") == .first {
                won.append("effect effect-\(key)")
            }
            if case .new = try await store.claimMessage(
                worker: "w", messageId: "msg-\(key)", idempotencyKey: "msg-\(key)")
            {
                won.append("inbox msg-\(key)")
            }
            if try await store.claimTickSlot(worker: "w", slot: "slot-\(key)") {
                won.append("tick slot-\(key)")
            }
        }
        try won.joined(separator: "\n").write(
            to: directory.appendingPathComponent("won-\(index)"), atomically: true, encoding: .utf8)
    }
}
