extension ConnectWiseClient {
    /// Service boards (`GET /service/boards`).
    public func boards(_ query: CWQuery = CWQuery()) async throws -> [CWBoard] {
        try await listAll(CWBoard.self, "/service/boards", query)
    }

    /// Statuses of a board (`GET /service/boards/{id}/statuses`).
    public func boardStatuses(boardID: Int) async throws -> [CWBoardStatus] {
        try await listAll(CWBoardStatus.self, "/service/boards/\(boardID)/statuses", CWQuery())
    }

    /// Ticket types of a board (`GET /service/boards/{id}/types`).
    public func boardTypes(boardID: Int) async throws -> [CWBoardType] {
        try await listAll(CWBoardType.self, "/service/boards/\(boardID)/types", CWQuery())
    }

    /// Ticket subtypes of a board (`GET /service/boards/{id}/subtypes`).
    public func boardSubtypes(boardID: Int) async throws -> [CWBoardSubtype] {
        try await listAll(CWBoardSubtype.self, "/service/boards/\(boardID)/subtypes", CWQuery())
    }

    /// Ticket items of a board (`GET /service/boards/{id}/items`).
    public func boardItems(boardID: Int) async throws -> [CWBoardItem] {
        try await listAll(CWBoardItem.self, "/service/boards/\(boardID)/items", CWQuery())
    }

    /// Ticket priorities (`GET /service/priorities`).
    public func priorities() async throws -> [CWPriority] {
        try await listAll(CWPriority.self, "/service/priorities", CWQuery())
    }
}
