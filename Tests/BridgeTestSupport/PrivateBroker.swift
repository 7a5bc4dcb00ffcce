import Foundation

/// A RabbitMQ node of a test's own, started with the project's deploy/local/broker.sh in a
/// temporary folder on a free port, so a test can stop and restart it without disturbing the
/// shared test broker.
public final class PrivateBroker: Sendable {
    public let directory: URL
    public let port: Int
    public let script: URL

    /// deploy/local/broker.sh of the repository this test file lives in (symlinks resolved).
    public static func scriptURL(filePath: String = #filePath) -> URL {
        URL(fileURLWithPath: filePath).deletingLastPathComponent().resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("deploy/local/broker.sh")
    }

    public init() throws {
        script = Self.scriptURL()
        guard FileManager.default.isExecutableFile(atPath: script.path) else {
            throw TestFailure("cannot find the broker script at \(script.path)")
        }
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "psa-broker-\(UUID().uuidString.prefix(8))")
        // broker.sh also uses port + 10000 (epmd) and port + 20000 (distribution). All three stay
        // below Linux's ephemeral range (from 32768), where an outgoing connection of another
        // test could take the distribution port between a stop and the restart.
        port = try freePort(alsoFree: [10000, 20000], in: 10000...12700)
    }

    /// Starts (or restarts) the node; returns its AMQP URL.
    @discardableResult
    public func start() async throws -> String {
        let (status, output) = try await run(["start", directory.path, String(port)])
        guard status == 0, let url = output.split(separator: "\n").last(where: { $0.hasPrefix("amqp://") }) else {
            throw TestFailure("broker.sh start failed (\(status)): \(output)")
        }
        return String(url)
    }

    public func stop() async throws {
        let (status, output) = try await run(["stop", directory.path])
        guard status == 0 else { throw TestFailure("broker.sh stop failed (\(status)): \(output)") }
    }

    /// rabbitmqctl against this node.
    public func ctl(_ arguments: [String]) async throws -> String {
        let (status, output) = try await run(["ctl", directory.path] + arguments)
        guard status == 0 else { throw TestFailure("rabbitmqctl \(arguments) failed (\(status)): \(output)") }
        return output
    }

    /// Stops the node and removes its folder.
    public func destroy() async {
        try? await stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Runs broker.sh and waits for it on a thread of its own (not a cooperative one).
    ///
    /// Foundation's `Process` is not used: on Linux it notices the end of a child through a socket
    /// the child inherits, and the broker that broker.sh leaves running in the background inherits
    /// it too, so the start would never be seen to finish. Here the child gets only stdin
    /// (/dev/null) and stdout/stderr (a file): every other descriptor, the tests' AMQP sockets
    /// included, is closed in it.
    private func run(_ arguments: [String]) async throws -> (Int32, String) {
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent(
            "broker-sh-\(UUID().uuidString).out"
        ).path
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        guard closeFrom(&actions, 3) == 0 else { throw TestFailure("posix_spawn_file_actions_addclosefrom_np failed") }
        let argv = ([script.path] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, script.path, &actions, nil, argv, environ)
        guard spawned == 0 else { throw TestFailure("cannot run \(script.path): error \(spawned)") }
        let child = pid
        let status: Int32 = await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                var status: Int32 = 0
                while waitpid(child, &status, 0) < 0 && errno == EINTR {}
                // WEXITSTATUS
                continuation.resume(returning: (status >> 8) & 0xFF)
            }
        }
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        return (status, output)
    }
}

/// glibc's posix_spawn_file_actions_addclosefrom_np (2.34+), which Swift does not import
/// because the header declares it only for _GNU_SOURCE.
private let closeFrom: @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32 = {
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else {
        fatalError("glibc lacks posix_spawn_file_actions_addclosefrom_np (needs glibc 2.34 or later)")
    }
    return unsafeBitCast(
        symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
}()
