/// A contact (`/company/contacts`). E-mail addresses are in `communicationItems`.
public struct CWContact: Sendable, Hashable, Decodable {
    public var id: Int
    public var firstName: String?
    public var lastName: String?
    public var company: CWReference?
    /// The company's default (primary) contact.
    public var defaultFlag: Bool?
    public var inactiveFlag: Bool?
    public var communicationItems: [CommunicationItem]?

    /// One e-mail address, phone or fax number.
    public struct CommunicationItem: Sendable, Hashable, Decodable {
        /// `Email`, `Phone` or `Fax`.
        public var communicationType: String?
        public var value: String?
        /// The contact's primary item of its type.
        public var defaultFlag: Bool?
        public var type: CWReference?
    }

    /// The default e-mail address, else the first one.
    public var primaryEmail: String? {
        let emails = (communicationItems ?? []).filter {
            $0.communicationType?.caseInsensitiveCompare("Email") == .orderedSame && !($0.value ?? "").isEmpty
        }
        return (emails.first { $0.defaultFlag == true } ?? emails.first)?.value
    }
}
