/// Ticket creation from cloud alerts (SPEC T1-T5).
public struct TicketSettings: Sendable, Hashable {
    /// ConnectWise service board (required when tickets are on with ConnectWise).
    public var board: PSAReference?
    /// Autotask queue (required when tickets are on with Autotask).
    public var queue: PSAReference?
    /// New ticket after the previous one has been closed N days [off, 1] (T2).
    public var newTicketAfterDays: DayToggle
    /// Close tickets of resolved alerts with a status [off] (T3).
    public var autoClose: AutoClose
    /// Autotask note options.
    public var autotask: AutotaskOptions
    /// Per alert type; a type not listed creates no ticket (T5).
    public var alertTypes: [AlertTypeMapping]

    public struct AutoClose: Sendable, Hashable {
        public var enabled: Bool
        /// Required when enabled.
        public var status: PSAReference?

        public init(enabled: Bool = false, status: PSAReference? = nil) {
            self.enabled = enabled
            self.status = status
        }
    }

    public struct AutotaskOptions: Sendable, Hashable {
        public var source: PSAReference?
        public var noteType: PSAReference?
        public var publish: PSAReference?

        public init(source: PSAReference? = nil, noteType: PSAReference? = nil, publish: PSAReference? = nil) {
            self.source = source
            self.noteType = noteType
            self.publish = publish
        }
    }

    public init(
        board: PSAReference? = nil, queue: PSAReference? = nil,
        newTicketAfterDays: DayToggle = DayToggle(enabled: false, days: 1), autoClose: AutoClose = AutoClose(),
        autotask: AutotaskOptions = AutotaskOptions(), alertTypes: [AlertTypeMapping] = []
    ) {
        self.board = board
        self.queue = queue
        self.newTicketAfterDays = newTicketAfterDays
        self.autoClose = autoClose
        self.autotask = autotask
        self.alertTypes = alertTypes
    }

    /// The mapping for `alertType`, if it is configured (enabled or not).
    public func mapping(for alertType: String) -> AlertTypeMapping? {
        alertTypes.first { $0.alertType == alertType }
    }
}

/// How tickets of one alert type are filed.
public struct AlertTypeMapping: Sendable, Hashable {
    /// Alert type id, e.g. `BackupFailed`.
    public var alertType: String
    /// [on]
    public var enabled: Bool
    public var type: PSAReference?
    /// ConnectWise only.
    public var subtype: PSAReference?
    /// ConnectWise only.
    public var item: PSAReference?
    /// Autotask only.
    public var issueType: PSAReference?
    /// Autotask only.
    public var subIssueType: PSAReference?
    public var status: PSAReference?
    public var priority: PSAReference?
    /// Autotask only: due date N days after creation.
    public var dueInDays: Int?

    public init(
        alertType: String, enabled: Bool = true, type: PSAReference? = nil, subtype: PSAReference? = nil,
        item: PSAReference? = nil, issueType: PSAReference? = nil, subIssueType: PSAReference? = nil,
        status: PSAReference? = nil, priority: PSAReference? = nil, dueInDays: Int? = nil
    ) {
        self.alertType = alertType
        self.enabled = enabled
        self.type = type
        self.subtype = subtype
        self.item = item
        self.issueType = issueType
        self.subIssueType = subIssueType
        self.status = status
        self.priority = priority
        self.dueInDays = dueInDays
    }
}
