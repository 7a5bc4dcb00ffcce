import BridgeCore
import BridgeRules

/// The ticket settings with every PSA name turned into the PSA's id (T1-T3). Built by
/// ``TicketingPSA/resolve(_:)``; cached per settings version by ``TicketingProvider``.
public struct ResolvedTicketSettings: Sendable, Hashable {
    /// ConnectWise board or Autotask queue.
    public var boardOrQueueID: Int
    /// Per configured alert type (enabled or not), keyed by the alert type id.
    public var alertTypes: [String: ResolvedAlertType]
    /// Status new tickets get when their alert type names none.
    public var defaultStatusID: Int
    /// Priority new tickets get when their alert type names none (nil: the PSA's default).
    public var defaultPriorityID: Int?
    /// Status a re-opened ticket gets (T2): an open status named "Re-opened" when the PSA has
    /// one, else the alert type's status, else ``defaultStatusID``.
    public var reopenStatusID: Int?
    /// The auto-close status, when auto-close is on (T3).
    public var autoCloseStatusID: Int?
    /// "New ticket after N days" (T2).
    public var newTicketAfterDays: Int?
    /// Autotask: ticket source, note type, note publish.
    public var sourceID: Int?
    public var noteTypeID: Int?
    public var publishID: Int?
    /// The PSA products mapped for billing; a ticket references the company's agreement or
    /// contract with one of them (T1). Empty when billing is off or nothing is mapped.
    public var billingProductIDs: Set<Int> = []

    public init(
        boardOrQueueID: Int, alertTypes: [String: ResolvedAlertType], defaultStatusID: Int, defaultPriorityID: Int?,
        reopenStatusID: Int?, autoCloseStatusID: Int?, newTicketAfterDays: Int?, sourceID: Int? = nil,
        noteTypeID: Int? = nil, publishID: Int? = nil
    ) {
        self.boardOrQueueID = boardOrQueueID
        self.alertTypes = alertTypes
        self.defaultStatusID = defaultStatusID
        self.defaultPriorityID = defaultPriorityID
        self.reopenStatusID = reopenStatusID
        self.autoCloseStatusID = autoCloseStatusID
        self.newTicketAfterDays = newTicketAfterDays
        self.sourceID = sourceID
        self.noteTypeID = noteTypeID
        self.publishID = publishID
    }

    /// The rules' view of the settings (T2, T3).
    public var policy: TicketPolicy {
        let threshold: DayThreshold =
            newTicketAfterDays.flatMap { try? DayThreshold(enabled: true, days: $0) } ?? .off
        return TicketPolicy(
            newTicketAfter: threshold, autoClose: autoCloseStatusID.map { .close(statusID: $0) } ?? .off)
    }

    /// The status a ticket of `alertType` is re-opened with.
    public func reopenStatus(for alertType: String) -> Int {
        reopenStatusID ?? alertTypes[alertType]?.statusID ?? defaultStatusID
    }
}

/// How tickets of one alert type are filed, as PSA ids.
public struct ResolvedAlertType: Sendable, Hashable {
    public var enabled: Bool
    public var typeID: Int?
    /// ConnectWise.
    public var subtypeID: Int?
    public var itemID: Int?
    /// Autotask.
    public var issueTypeID: Int?
    public var subIssueTypeID: Int?
    public var statusID: Int?
    public var priorityID: Int?
    /// Autotask due date, days after creation.
    public var dueInDays: Int?

    public init(
        enabled: Bool, typeID: Int? = nil, subtypeID: Int? = nil, itemID: Int? = nil, issueTypeID: Int? = nil,
        subIssueTypeID: Int? = nil, statusID: Int? = nil, priorityID: Int? = nil, dueInDays: Int? = nil
    ) {
        self.enabled = enabled
        self.typeID = typeID
        self.subtypeID = subtypeID
        self.itemID = itemID
        self.issueTypeID = issueTypeID
        self.subIssueTypeID = subIssueTypeID
        self.statusID = statusID
        self.priorityID = priorityID
        self.dueInDays = dueInDays
    }
}
