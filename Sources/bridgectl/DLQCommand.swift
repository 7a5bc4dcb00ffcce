import ArgumentParser
import BridgeWorkers

struct DLQCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dlq", abstract: "Dead letters: list, show, replay, purge (SPEC S3).",
        subcommands: [List.self, Show.self, Replay.self, Purge.self])

    struct Target: ParsableArguments {
        @Option(help: "Dead-letter queue, or the work queue whose dead letters to use (e.g. ticket-updater.work).")
        var queue: String?

        /// The dead-letter queues this targets: one, or all of them.
        func queues() throws -> [String] {
            guard let queue else { return WorkQueue.allCases.map(\.deadLetterQueue) }
            guard let work = WorkQueue(anyQueueName: queue) else {
                throw ValidationError(
                    "unknown queue '\(queue)'; known: \(WorkQueue.allCases.map(\.deadLetterQueue).joined(separator: ", "))")
            }
            return [work.deadLetterQueue]
        }
    }

    struct Selector: ParsableArguments {
        @Option(help: "Only the message with this message id.") var id: String?
        @Option(help: "Only messages dead-lettered for this reason code (e.g. malformed-json).") var reason: String?
        @Flag(help: "Every message.") var all = false

        func selection() throws -> DeadLetterOperations.Selection {
            switch (id, reason, all) {
            case (let id?, nil, false): return .id(id)
            case (nil, let reason?, false): return .reason(reason)
            case (nil, nil, true): return .all
            default: throw ValidationError("choose exactly one of --id, --reason or --all")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List dead letters (left in place).")
        @OptionGroup var fleet: FleetOptions
        @OptionGroup var target: Target
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let bus = try await Context(fleet).broker()
            let operations = DeadLetterOperations(admin: bus)
            var letters: [DeadLetter] = []
            for queue in try target.queues() { letters += try await operations.list(queue: queue) }
            await bus.close()
            if json {
                try printJSON(letters)
                return
            }
            if letters.isEmpty { print("no dead letters") }
            for l in letters {
                print("\(l.queue)  \(l.messageId ?? "-")  \(l.reason ?? "-")  attempts \(l.attempts.map(String.init) ?? "-")  \(l.deadAt ?? "")")
                if let detail = l.detail { print("    \(detail)") }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one dead letter with its body.")
        @OptionGroup var fleet: FleetOptions
        @OptionGroup var target: Target
        @Option(help: "Message id.") var id: String
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let bus = try await Context(fleet).broker()
            let operations = DeadLetterOperations(admin: bus)
            var found: DeadLetter?
            for queue in try target.queues() where found == nil {
                found = try await operations.list(queue: queue).first { $0.messageId == id }
            }
            await bus.close()
            guard let letter = found else {
                print("no dead letter with id \(id)")
                throw ExitCode(1)
            }
            if json {
                try printJSON(letter)
            } else {
                print("queue:        \(letter.queue)")
                print("message id:   \(letter.messageId ?? "-")")
                print("reason:       \(letter.reason ?? "-")")
                print("detail:       \(letter.detail ?? "-")")
                print("attempts:     \(letter.attempts.map(String.init) ?? "-")")
                print("source queue: \(letter.sourceQueue ?? "-")")
                print("original:     \(letter.originalExchange ?? "-") / \(letter.originalRoutingKey ?? "-")")
                print("dead at:      \(letter.deadAt ?? "-") by \(letter.deadBy ?? "-")")
                print("replays:      \(letter.replayCount)")
                print("body (\(letter.bodyBytes) bytes):")
                print(letter.body.map { String($0.prefix(64 * 1024)) } ?? "<not UTF-8>")
            }
        }
    }

    struct Replay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send dead letters back to their worker. Bounded by the queue depth at the start; idempotent.")
        @OptionGroup var fleet: FleetOptions
        @OptionGroup var target: Target
        @OptionGroup var selector: Selector
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            try await apply(fleet: fleet, target: target, selector: selector, verb: "replayed", json: json) {
                try await $0.replay(queue: $1, selection: $2)
            }
        }
    }

    struct Purge: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete dead letters for good.")
        @OptionGroup var fleet: FleetOptions
        @OptionGroup var target: Target
        @OptionGroup var selector: Selector
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            try await apply(fleet: fleet, target: target, selector: selector, verb: "purged", json: json) {
                try await $0.purge(queue: $1, selection: $2)
            }
        }
    }
}

/// Runs a dead-letter operation on every targeted queue and reports what it did.
private func apply(
    fleet: FleetOptions, target: DLQCommand.Target, selector: DLQCommand.Selector, verb: String, json: Bool,
    _ operation: (DeadLetterOperations, String, DeadLetterOperations.Selection) async throws -> DeadLetterOperations.Result
) async throws {
    let selection = try selector.selection()
    let bus = try await Context(fleet).broker()
    let operations = DeadLetterOperations(admin: bus)
    var results: [DeadLetterOperations.Result] = []
    do {
        for queue in try target.queues() { results.append(try await operation(operations, queue, selection)) }
    } catch {
        await bus.close()
        throw error
    }
    await bus.close()
    try report(results, verb: verb, json: json)
}

private func report(_ results: [DeadLetterOperations.Result], verb: String, json: Bool) throws {
    if json {
        try printJSON(results)
        return
    }
    for r in results where r.examined > 0 || r.affected > 0 || !r.failures.isEmpty {
        print("\(r.queue): \(verb) \(r.affected) of \(r.examined) examined")
        for f in r.failures { print("  failed: \(f)") }
    }
    if results.allSatisfy({ $0.examined == 0 }) { print("no dead letters") }
    if results.contains(where: { !$0.failures.isEmpty }) { throw ExitCode(1) }
}
