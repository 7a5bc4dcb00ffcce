/// Where an alert goes (T5): to the ticket-updater for a company, or nowhere, with the reason.
public enum AlertRoute: Sendable, Hashable {
    /// Publish a ticket command for this PSA company.
    case publish(companyID: String)
    /// Publish nothing; count the reason.
    case skip(AlertSkipReason)
}
