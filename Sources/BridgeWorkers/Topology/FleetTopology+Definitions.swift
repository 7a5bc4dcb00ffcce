import BridgeCore
import BridgeValues

extension FleetTopology {
    /// The topology as a RabbitMQ definitions document (`rabbitmqctl import_definitions FILE`).
    /// `deploy/rabbitmq/definitions.json` is this document; a test keeps the two equal.
    public func definitions(vhost: String = "/") -> JSONValue {
        let exchangeValues: [JSONValue] = exchanges.map { exchange in
            .object([
                "name": .string(exchange.name), "vhost": .string(vhost), "type": .string(exchange.kind.rawValue),
                "durable": .bool(true), "auto_delete": .bool(false), "internal": .bool(false), "arguments": .object([:]),
            ])
        }
        let queueValues: [JSONValue] = queues.map { queue in
            .object([
                "name": .string(queue.name), "vhost": .string(vhost), "durable": .bool(true),
                "auto_delete": .bool(false), "arguments": .object(queue.arguments.mapValues(\.jsonValue)),
            ])
        }
        let bindingValues: [JSONValue] = bindings.map { binding in
            .object([
                "source": .string(binding.exchange), "vhost": .string(vhost), "destination": .string(binding.queue),
                "destination_type": .string("queue"), "routing_key": .string(binding.routingKey),
                "arguments": .object([:]),
            ])
        }
        return .object([
            "exchanges": .array(exchangeValues),
            "queues": .array(queueValues),
            "bindings": .array(bindingValues),
        ])
    }
}

