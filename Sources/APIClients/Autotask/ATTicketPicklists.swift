/// The ticket lookups, all read from `Tickets/entityInformation/fields` picklists.
public struct ATTicketPicklists: Sendable, Hashable {
    /// `queueID`.
    public var queues: [ATPicklistValue]
    /// `status` (1 New, 5 Complete, plus the tenant's own).
    public var statuses: [ATPicklistValue]
    /// `priority`.
    public var priorities: [ATPicklistValue]
    /// `issueType`.
    public var issueTypes: [ATPicklistValue]
    /// `subIssueType` (`parentValue` = the issue type).
    public var subIssueTypes: [ATPicklistValue]
    /// `source`.
    public var sources: [ATPicklistValue]
    /// `ticketType`.
    public var ticketTypes: [ATPicklistValue]
}
