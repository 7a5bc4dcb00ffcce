/// Body of `POST /service/tickets/{id}/notes`. At least one of the three type flags must be true
/// (Discussion, Internal, Resolution).
public struct CWTicketNoteCreate: Sendable, Hashable, Encodable {
    public var text: String
    /// Discussion.
    public var detailDescriptionFlag: Bool
    /// Internal analysis.
    public var internalAnalysisFlag: Bool
    /// Resolution.
    public var resolutionFlag: Bool
    /// Send notifications (false skips notification rules).
    public var processNotifications: Bool?

    public init(
        text: String, detailDescriptionFlag: Bool = false, internalAnalysisFlag: Bool = true,
        resolutionFlag: Bool = false, processNotifications: Bool? = nil
    ) {
        self.text = text
        self.detailDescriptionFlag = detailDescriptionFlag
        self.internalAnalysisFlag = internalAnalysisFlag
        self.resolutionFlag = resolutionFlag
        self.processNotifications = processNotifications
    }
}
