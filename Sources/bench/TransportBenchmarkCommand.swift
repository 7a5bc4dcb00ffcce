import ArgumentParser

struct TransportBenchmarkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "transport")
    func run() async throws {}
}
