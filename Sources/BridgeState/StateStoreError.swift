import BridgeValues
import Foundation

/// Errors the state store reports itself. SQLite errors (for example `SQLITE_BUSY` after the busy
/// timeout) surface as GRDB's `DatabaseError`, whose description carries no statement arguments;
/// PostgreSQL's as ``database(reason:)``, with the server's code and message and no arguments.
public enum StateStoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The database file or its lock file could not be opened.
    case cannotOpen(path: String, reason: String)
    /// Another opener held the setup lock file `path` (`<database>.lock`) for longer than the
    /// configured setup timeout.
    case setupLockTimeout(path: String, seconds: TimeInterval)
    /// The file was migrated by a newer release whose migrations this one does not know.
    case schemaTooNew(path: String, unknownMigrations: [String])
    /// A value that must be JSON is not (the field names what was wrong).
    case invalidJSON(field: String)
    /// The PostgreSQL server refused a statement or could not be reached (SQLSTATE and message).
    case database(reason: String)
    /// An argument is empty or out of range (the field names it).
    case invalidArgument(field: String, reason: String)
    /// A row holds a value this release cannot read (for example an unknown status).
    case corruptRow(table: String, column: String, value: String)
    /// `claimEffect` was called with a key already used for a different kind of write or target.
    case effectKeyConflict(key: String, existingKind: String, existingTarget: String)
    /// `completeEffect`/`failEffect`/`recordEffectProgress` for a key that was never claimed.
    case effectNotClaimed(key: String)
    /// `completeMessage`/`failMessage` for a message that was never claimed by this worker.
    case messageNotClaimed(worker: String, idempotencyKey: String)
    /// No company mapping for this PSA company.
    case mappingNotFound(psa: PSAKind, companyId: String)
    /// The tenant is already linked to another company (mappings are one to one).
    case tenantAlreadyMapped(tenantId: String, psa: PSAKind, companyId: String)
    /// No ticket link for this alert key.
    case ticketLinkNotFound(alertKey: String)
    /// `recordTicketCreated` for an alert key that is already linked to another ticket.
    case ticketLinkExists(alertKey: String, ticketId: String)
    /// No deprovisioning clock runs for this tenant.
    case deprovisioningClockNotFound(tenantId: String)
    /// A console operator of that name exists already.
    case consoleOperatorExists(name: String)
    /// No console operator of that name.
    case consoleOperatorNotFound(name: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            "cannot open state database at \(path): \(reason)"
        case .setupLockTimeout(let path, let seconds):
            "timed out after \(seconds) s waiting for the setup lock \(path) (another process is opening or migrating the database)"
        case .schemaTooNew(let path, let unknown):
            "state database at \(path) was migrated by a newer release (unknown migrations: \(unknown.joined(separator: ", ")))"
        case .invalidJSON(let field):
            "\(field) is not valid UTF-8 JSON"
        case .database(let reason):
            "state database: \(reason)"
        case .invalidArgument(let field, let reason):
            "invalid \(field): \(reason)"
        case .corruptRow(let table, let column, let value):
            "unreadable value \(value.debugDescription) in \(table).\(column)"
        case .effectKeyConflict(let key, let kind, let target):
            "effect key \(key.debugDescription) is already used for \(kind) on \(target)"
        case .effectNotClaimed(let key):
            "effect \(key.debugDescription) was never claimed"
        case .messageNotClaimed(let worker, let key):
            "message with idempotency key \(key.debugDescription) was never claimed by worker \(worker)"
        case .mappingNotFound(let psa, let companyId):
            "no mapping for \(psa.rawValue) company \(companyId)"
        case .tenantAlreadyMapped(let tenantId, let psa, let companyId):
            "tenant \(tenantId) is already mapped to \(psa.rawValue) company \(companyId)"
        case .ticketLinkNotFound(let alertKey):
            "no ticket is linked to alert key \(alertKey.debugDescription)"
        case .ticketLinkExists(let alertKey, let ticketId):
            "alert key \(alertKey.debugDescription) is already linked to ticket \(ticketId)"
        case .deprovisioningClockNotFound(let tenantId):
            "no deprovisioning clock runs for tenant \(tenantId)"
        case .consoleOperatorExists(let name):
            "a console operator named \(name.debugDescription) exists already"
        case .consoleOperatorNotFound(let name):
            "no console operator named \(name.debugDescription)"
        }
    }
}
