import APIClients
import BridgeCore

/// Checks the ticket settings' names against the PSA before settings are applied (SPEC T1, S5:
/// settings naming a board, status, priority or picklist value the PSA does not have are
/// refused whole, with every such name).
///
/// `bridgectl settings apply` runs it when ticket creation is on: names that do not exist refuse
/// the file; a PSA that cannot be reached (down, wrong credentials, secret not readable here)
/// does not block the apply, and the ticket-updater checks again when it starts working
/// (a name that does not exist then dead-letters the command with the same message).
/// `bridgectl settings check` runs it and fails when the PSA cannot be reached.
public enum TicketSettingsCheck {
    /// The result of a check.
    public enum Outcome: Sendable {
        /// Ticket creation is off: nothing to check.
        case ticketsOff
        /// Every name resolved.
        case resolved(ResolvedTicketSettings)
        /// The PSA could not be asked; why.
        case unreachable(String)
    }

    /// Resolves the ticket settings against the PSA.
    /// - Throws: ``TicketSettingsError`` naming every reference the PSA does not have.
    public static func run(_ settings: BridgeSettings, clients: APIClientPool) async throws -> Outcome {
        guard settings.features.tickets else { return .ticketsOff }
        do {
            let port = try await clients.ticketing(settings.connection)
            return .resolved(try await port.resolve(settings.tickets))
        } catch let error as TicketSettingsError {
            throw error
        } catch let error as SecretSetupError {
            return .unreachable(error.description)
        } catch let error as APIError {
            return .unreachable(error.description)
        } catch let error as ClientConfigurationError {
            return .unreachable("\(error)")
        }
    }
}
