/// Body of `POST /service/tickets`. `summary` (≤ 100 characters) and `company` are required;
/// send the board and its status, type, subtype/item and priority so server defaults do not apply.
public struct CWTicketCreate: Sendable, Hashable, Encodable {
    /// Longest `summary` ConnectWise accepts.
    public static let summaryLimit = 100
    /// Longest `externalXRef` ConnectWise accepts.
    public static let externalXRefLimit = 100

    public var summary: String
    public var company: CWReference
    public var board: CWReference?
    public var status: CWReference?
    public var priority: CWReference?
    public var type: CWReference?
    public var subType: CWReference?
    public var item: CWReference?
    public var agreement: CWReference?
    public var contact: CWReference?
    /// POST-only; not returned in responses.
    public var initialDescription: String?
    /// The alert key; lets a lost create be found instead of repeated.
    public var externalXRef: String?

    public init(
        summary: String, companyID: Int, boardID: Int? = nil, statusID: Int? = nil, priorityID: Int? = nil,
        typeID: Int? = nil, subTypeID: Int? = nil, itemID: Int? = nil, agreementID: Int? = nil,
        contactID: Int? = nil, initialDescription: String? = nil, externalXRef: String? = nil
    ) {
        self.summary = summary
        self.company = CWReference(id: companyID)
        self.board = boardID.map(CWReference.init(id:))
        self.status = statusID.map(CWReference.init(id:))
        self.priority = priorityID.map(CWReference.init(id:))
        self.type = typeID.map(CWReference.init(id:))
        self.subType = subTypeID.map(CWReference.init(id:))
        self.item = itemID.map(CWReference.init(id:))
        self.agreement = agreementID.map(CWReference.init(id:))
        self.contact = contactID.map(CWReference.init(id:))
        self.initialDescription = initialDescription
        self.externalXRef = externalXRef
    }
}
