/// A service ticket (`/service/tickets`).
public struct CWTicket: Sendable, Hashable, Decodable {
    public var id: Int
    public var summary: String?
    public var company: CWReference?
    public var board: CWReference?
    public var status: CWReference?
    public var priority: CWReference?
    public var type: CWReference?
    public var subType: CWReference?
    public var item: CWReference?
    public var agreement: CWReference?
    public var contact: CWReference?
    /// External reference (the alert key, for de-duplication).
    public var externalXRef: String?
    /// Read-only; follows the status.
    public var closedFlag: Bool?
    public var info: CWRecordInfo?

    enum CodingKeys: String, CodingKey {
        case id, summary, company, board, status, priority, type, subType, item, agreement, contact,
            externalXRef, closedFlag
        case info = "_info"
    }
}
