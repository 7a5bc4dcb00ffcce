import BridgeCore
import BridgeRules
import BridgeValues
import Foundation

/// The PSA as the ticket-updater sees it (SPEC T1-T4): one protocol, with a ConnectWise
/// implementation (``ConnectWiseTicketing``) and an Autotask one (``AutotaskTicketing``).
///
/// Ids are the PSA's integer ids. Creates and notes are not idempotent on the PSA side: the
/// caller wraps every write in an effect row and, when a claim already existed, looks the write
/// up (``tickets(externalReference:)``, ``noteTexts(ticketID:)``) before calling again.
public protocol TicketingPSA: Sendable {
    /// Which PSA this is.
    var kind: PSAKind { get }

    /// Resolves the ticket settings' names and ids against the PSA (board and its statuses,
    /// types, subtypes and items; or the Autotask queue, status, priority, issue type, sub-issue
    /// type, source, note type and publish picklists).
    /// - Throws: ``TicketSettingsError`` naming every reference that does not exist, or the
    ///   PSA's `APIError` when it cannot be read.
    func resolve(_ settings: TicketSettings) async throws -> ResolvedTicketSettings

    /// One ticket. Throws the API's not-found error when it does not exist.
    func ticket(id: Int) async throws -> PSATicket

    /// The tickets carrying `externalReference` (ConnectWise `externalXRef`, Autotask
    /// `externalID`), oldest first (T4).
    func tickets(externalReference: String) async throws -> [PSATicket]

    /// Creates a ticket and returns its id (T1).
    func createTicket(_ ticket: NewTicket, settings: ResolvedTicketSettings) async throws -> Int

    /// Adds a note; `resolution` marks the note that goes with a close (T3).
    func addNote(ticketID: Int, note: TicketNoteText, resolution: Bool, settings: ResolvedTicketSettings)
        async throws -> Int

    /// The texts of a ticket's notes, to find a note whose outcome was lost.
    func noteTexts(ticketID: Int) async throws -> [String]

    /// Sets a ticket's status (close with the auto-close status, T3; re-open, T2).
    func setStatus(ticketID: Int, statusID: Int, resolution: String?) async throws

    /// The ids of the PSA products the settings map to offering items (ConnectWise catalog items by
    /// id or identifier, Autotask services by id or name); names the PSA does not have are left out.
    func productIDs(_ products: [PSAReference]) async throws -> Set<Int>

    /// The company's active agreement (ConnectWise) or contract (Autotask) with a line for one of
    /// `productIDs`, which the ticket references (T1), or nil.
    func billingReference(companyID: Int, productIDs: Set<Int>) async throws -> BillingReference?

    /// The company's display name, or nil when it does not exist.
    func companyName(id: Int) async throws -> String?
}

/// A ticket as the ticket-updater needs it.
public struct PSATicket: Sendable, Hashable {
    public var id: Int
    public var statusID: Int?
    /// Whether the PSA considers the ticket closed (ConnectWise `closedFlag`, Autotask
    /// `completedDate` or status Complete).
    public var closed: Bool
    /// When it was closed, when the PSA says so.
    public var closedAt: Date?
    public var externalReference: String?

    public init(id: Int, statusID: Int?, closed: Bool, closedAt: Date?, externalReference: String?) {
        self.id = id
        self.statusID = statusID
        self.closed = closed
        self.closedAt = closedAt
        self.externalReference = externalReference
    }

    /// Whether the ticket counts as closed under `settings`: the PSA says so, or it has the
    /// configured auto-close status (a ConnectWise status without `closedStatus`, an Autotask
    /// status other than Complete).
    public func isClosed(under settings: ResolvedTicketSettings) -> Bool {
        closed || (statusID != nil && statusID == settings.autoCloseStatusID)
    }
}

/// A ticket to create (T1).
public struct NewTicket: Sendable, Hashable {
    public var companyID: Int
    public var summary: String
    public var description: String
    public var externalReference: String
    public var alertType: String
    /// The agreement or contract the ticket references (T1).
    public var billing: BillingReference?

    public init(
        companyID: Int, summary: String, description: String, externalReference: String, alertType: String,
        billing: BillingReference? = nil
    ) {
        self.companyID = companyID
        self.summary = summary
        self.description = description
        self.externalReference = externalReference
        self.alertType = alertType
        self.billing = billing
    }
}

/// An agreement (ConnectWise) or contract (Autotask) a ticket references.
public struct BillingReference: Sendable, Hashable {
    public var id: Int
    public var name: String?

    public init(id: Int, name: String?) {
        self.id = id
        self.name = name
    }

    /// "Name (#id)", as the ticket description shows it.
    public var display: String { name.map { "\($0) (#\(id))" } ?? "#\(id)" }
}
