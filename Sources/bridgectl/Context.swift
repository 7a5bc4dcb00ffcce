import ArgumentParser
import BridgeCore
import BridgeState
import BridgeWorkers
import Foundation
import Logging

/// Opens what a bridgectl command needs, with errors an operator can act on.
struct Context {
    var fleet: FleetOptions
    var logger: Logger

    init(_ fleet: FleetOptions) {
        self.fleet = fleet
        var logger = Logger(label: "psa-bridge.bridgectl")
        logger.logLevel = Logger.Level(rawValue: fleet.logLevel ?? "warning") ?? .warning
        self.logger = logger
    }

    func catalog() throws -> SchemaCatalog {
        try fleet.schemaCatalog()
    }

    func store() throws -> StateStore {
        try fleet.openState()
    }

    func broker() async throws -> AMQPMessageBus {
        try await AMQPMessageBus.connect(url: try fleet.resolvedAMQPURL(), name: "bridgectl", logger: logger)
    }
}

/// Prints an Encodable as pretty JSON with ISO 8601 dates.
func printJSON(_ value: some Encodable) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .iso8601
    print(String(decoding: try encoder.encode(value), as: UTF8.self))
}
