import ArgumentParser
import BridgeWorkers

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Integration status, accounts, tickets, workers' last ticks, queues and dead letters (SPEC S1).")

    @OptionGroup var fleet: FleetOptions
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        let context = Context(fleet)
        let store = try context.store()
        var admin: AMQPMessageBus?
        var brokerError: String?
        do {
            admin = try await context.broker()
        } catch {
            brokerError = "\(error)"
        }
        let report = try await StatusReport.gather(store: store, admin: admin, brokerError: brokerError)
        await admin?.close()
        if json {
            try printJSON(report)
        } else {
            print(report.text)
        }
    }
}
