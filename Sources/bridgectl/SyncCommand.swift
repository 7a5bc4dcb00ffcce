import ArgumentParser
import BridgeCore
import BridgeWorkers
import Foundation

struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync", abstract: "Manual synchronisation.", subcommands: [Now.self])

    struct Now: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Publish a manual sync.tick now (SPEC S2).")

        @OptionGroup var fleet: FleetOptions
        @Option(help: "Interval of the slot the tick names, in seconds.") var interval: Int = 900

        func run() async throws {
            let context = Context(fleet)
            let bus = try await context.broker()
            let slot = TickSlot(containing: Date(), intervalSeconds: interval)
            let tick = SyncTick(slot: slot.start, intervalSeconds: interval, source: .manual, emitter: "bridgectl")
            let envelope = Envelope(payload: tick)
            try await bus.publish([OutboundMessage(.syncTick(envelope))])
            await bus.close()
            print("manual tick published: \(envelope.messageId.uuidString.lowercased())")
        }
    }
}
