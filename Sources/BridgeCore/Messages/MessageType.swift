/// The kinds of message on the psa-bridge queues; the raw value is the envelope's `type` and the
/// AMQP routing key.
public enum MessageType: String, Sendable, Hashable, CaseIterable, Codable {
    /// A scheduler tick for one time slot.
    case syncTick = "sync.tick"
    /// Provisioning work for one PSA company.
    case provisionCompany = "provision.company"
    /// Usage reporting for one mapped tenant.
    case usageTenant = "usage.tenant"
    /// A ticket command for one alert occurrence.
    case ticketCommand = "ticket.command"

    /// The file of the payload's schema, e.g. `sync.tick.schema.json`.
    public var schemaFileName: String { rawValue + ".schema.json" }
}
