import Foundation

/// A ticket (`/Tickets`).
public struct ATTicket: Sendable, Hashable, Decodable {
    public var id: Int
    public var ticketNumber: String?
    public var title: String?
    public var description: String?
    public var companyID: Int?
    public var contactID: Int?
    /// Picklist value; 1 = New, 5 = Complete (system values).
    public var status: Int?
    public var priority: Int?
    public var queueID: Int?
    public var issueType: Int?
    public var subIssueType: Int?
    public var source: Int?
    public var ticketType: Int?
    public var ticketCategory: Int?
    public var contractID: Int?
    /// External reference (the alert key, for de-duplication).
    public var externalID: String?
    public var dueDateTime: Date?
    public var createDate: Date?
    public var completedDate: Date?
    public var lastActivityDate: Date?
    public var resolution: String?

    /// The system "Complete" status.
    public static let completeStatus = 5
    /// The system "New" status.
    public static let newStatus = 1
}
