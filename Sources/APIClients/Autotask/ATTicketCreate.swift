import Foundation

/// Body of `POST /Tickets`. `companyID`, `title`, `status` and `priority` are required;
/// `dueDateTime` too unless the ticket category supplies a due date and time; some tenants also
/// need `queueID` or `billingCodeID`.
public struct ATTicketCreate: Sendable, Hashable, Encodable {
    /// Longest `title` Autotask accepts.
    public static let titleLimit = 255

    public var companyID: Int
    public var title: String
    public var description: String?
    public var status: Int
    public var priority: Int
    public var queueID: Int?
    public var issueType: Int?
    public var subIssueType: Int?
    public var source: Int?
    public var ticketType: Int?
    public var ticketCategory: Int?
    public var dueDateTime: Date?
    public var contractID: Int?
    public var contactID: Int?
    public var billingCodeID: Int?
    /// The alert key; lets a lost create be found instead of repeated.
    public var externalID: String?

    public init(
        companyID: Int, title: String, description: String? = nil, status: Int, priority: Int, queueID: Int? = nil,
        issueType: Int? = nil, subIssueType: Int? = nil, source: Int? = nil, ticketType: Int? = nil,
        ticketCategory: Int? = nil, dueDateTime: Date? = nil, contractID: Int? = nil, contactID: Int? = nil,
        billingCodeID: Int? = nil, externalID: String? = nil
    ) {
        self.companyID = companyID
        self.title = title
        self.description = description
        self.status = status
        self.priority = priority
        self.queueID = queueID
        self.issueType = issueType
        self.subIssueType = subIssueType
        self.source = source
        self.ticketType = ticketType
        self.ticketCategory = ticketCategory
        self.dueDateTime = dueDateTime
        self.contractID = contractID
        self.contactID = contactID
        self.billingCodeID = billingCodeID
        self.externalID = externalID
    }
}
