import ArgumentParser
import BridgeWorkers

struct TopologyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "topology", abstract: "The fleet's exchanges, queues and bindings.",
        subcommands: [Definitions.self, Declare.self])

    struct Definitions: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print RabbitMQ definitions (the content of deploy/rabbitmq/definitions.json).")
        @Option(help: "Virtual host.") var vhost: String = "/"

        func run() async throws {
            print(String(decoding: FleetTopology().definitions(vhost: vhost).serialized(pretty: true), as: UTF8.self))
        }
    }

    struct Declare: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Declare the topology on the broker now.")
        @OptionGroup var fleet: FleetOptions

        func run() async throws {
            let bus = try await Context(fleet).broker()
            try await bus.declare(FleetTopology())
            await bus.close()
            print("topology declared")
        }
    }
}
