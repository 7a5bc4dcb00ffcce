import BridgeValues

/// The PSA's length limits for ticket text (T1), counted in UTF-16 code units: both PSAs are
/// .NET applications whose string lengths count UTF-16 units, and a UTF-16 count is never below
/// the number of characters a user sees, so text cut to it always fits.
///
/// Sources (reference/psa-apis.md A5.5 and the Autotask entity metadata):
/// - ConnectWise ticket `summary` max 100, `externalXRef` max 100; `initialDescription` and note
///   `text` have no documented limit.
/// - Autotask ticket `title` max 255, `description` max 8000, `externalID` max 50; ticket note
///   `title` max 250, `description` max 32000.
public struct TicketTextLimits: Sendable, Hashable {
    /// Ticket summary (ConnectWise) or title (Autotask).
    public var summary: Int
    /// Ticket description; nil when the PSA documents no limit.
    public var description: Int?
    /// Note title; nil when the PSA's notes have no title.
    public var noteTitle: Int?
    /// Note text; nil when the PSA documents no limit.
    public var note: Int?
    /// The external reference field that carries the alert key (T4).
    public var externalReference: Int

    /// A `TicketTextLimits` from its parts.
    public init(summary: Int, description: Int?, noteTitle: Int?, note: Int?, externalReference: Int) {
        self.summary = summary
        self.description = description
        self.noteTitle = noteTitle
        self.note = note
        self.externalReference = externalReference
    }

    /// ConnectWise Manage: summary 100, external reference 100, description and notes unbounded.
    public static let connectWise = TicketTextLimits(
        summary: 100, description: nil, noteTitle: nil, note: nil,
        externalReference: PSAKind.connectWise.externalReferenceLimit)

    /// Autotask: title 255, description 8000, note title 250, note 32000, external id 50.
    public static let autotask = TicketTextLimits(
        summary: 255, description: 8_000, noteTitle: 250, note: 32_000,
        externalReference: PSAKind.autotask.externalReferenceLimit)
}

extension PSAKind {
    /// This PSA's ticket text limits.
    public var ticketTextLimits: TicketTextLimits {
        switch self {
        case .connectWise: .connectWise
        case .autotask: .autotask
        }
    }
}
