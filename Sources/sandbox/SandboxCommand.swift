import ArgumentParser
import Foundation
import SandboxKit

@main
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox", abstract: "Simulated Acronis, ConnectWise and Autotask APIs (see SandboxKit's API.md).")

    @Option(help: "host:port of the Acronis listener") var acronis = "127.0.0.1:9101"
    @Option(help: "host:port of the ConnectWise listener") var connectwise = "127.0.0.1:9102"
    @Option(help: "host:port of the Autotask listener") var autotask = "127.0.0.1:9103"

    func run() async throws {
        guard let acronisAddress = ListenerAddress(parsing: acronis), let connectWiseAddress = ListenerAddress(parsing: connectwise),
            let autotaskAddress = ListenerAddress(parsing: autotask)
        else { throw ValidationError("listener addresses must be host:port") }
        let sandbox = try await Sandbox.start(
            SandboxConfiguration(acronis: acronisAddress, connectWise: connectWiseAddress, autotask: autotaskAddress))
        print("acronis \(sandbox.acronisURL.absoluteString)")
        print("connectwise \(sandbox.connectWiseURL.absoluteString)")
        print("autotask \(sandbox.autotaskURL.absoluteString)")
        while true { try await Task.sleep(for: .seconds(3600)) }
    }
}
